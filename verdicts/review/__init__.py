"""Editorial review: nothing goes out until an editor approves the exact content.

actions   approve / reject / skip / edit / drop / swap, and the cutoff (CLI, web and Prefect call these)
summary   what the editor decides on (preflight, source health, pairs awaiting the panel, history)
notice    the test send and the notice with the review link
links     signed, expiring, single-use review links
auth      editor accounts (scrypt hashes in settings) and session cookies
schedule  the send slot and the cutoff of a week
overrides the editor's words and dropped pairs, applied at every render of the week
rerender  the stored issue rendered again after a change
"""
