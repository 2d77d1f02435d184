"""One RFC 5322 message for one recipient (outbox and SMTP): multipart text + HTML, one-click unsubscribe."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from verdicts.deliver.base import Envelope, Recipient
from verdicts.models import TOKEN_UNSUBSCRIBE_URL
from verdicts.render.tokens import fill_html, fill_text


def build_message(envelope: Envelope, recipient: Recipient, *, domain: str) -> EmailMessage:
    unsubscribe = recipient.values.get(TOKEN_UNSUBSCRIBE_URL)  # none in transactional mail
    msg = EmailMessage()
    msg["From"] = formataddr((envelope.from_name, envelope.from_email))
    msg["To"] = recipient.email
    msg["Subject"] = envelope.subject
    msg["Date"] = formatdate(localtime=False)
    # Deterministic per (issue, delivery) so a resent copy is recognisable as the same message.
    msg["Message-ID"] = make_msgid(
        idstring=f"{envelope.week}.{recipient.delivery_id}", domain=domain
    )
    # RFC 2369 + RFC 8058: the https URL takes a one-click POST; the mailto is for older clients.
    if unsubscribe:
        msg["List-Unsubscribe"] = f"<{unsubscribe}>, <{envelope.unsubscribe_mailto}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        msg["List-Id"] = f"Weekly AI Tool Verdicts <weekly.{domain}>"
    msg["X-Verdicts-Issue"] = envelope.week
    msg.set_content(fill_text(envelope.text, recipient.values))
    msg.add_alternative(fill_html(envelope.html, recipient.values), subtype="html")
    return msg
