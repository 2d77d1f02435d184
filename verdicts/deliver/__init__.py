"""Delivery: a narrow sender interface (send a batch, report outcomes) with outbox, SMTP and SendGrid
behind it, and the loop that drains an issue's ledger through one of them."""
