"""The per-recipient links in an issue: unsubscribe, preferences and vote URLs, each signed.

Rendering puts substitution tokens where these go (see verdicts.models.TOKEN_*); senders call
`recipient_values` once per subscriber to fill them.
"""

from __future__ import annotations

from collections.abc import Sequence

from verdicts import tokens
from verdicts.models import TOKEN_EMAIL, TOKEN_PREFERENCES_URL, TOKEN_UNSUBSCRIBE_URL, vote_token

DAY = 86_400
UNSUBSCRIBE_TTL = 400 * DAY  # an old issue's unsubscribe link must keep working
PREFERENCES_TTL = 400 * DAY
VOTE_TTL = 60 * DAY


def unsubscribe_url(base_url: str, secret: str, subscriber_id: int) -> str:
    t = tokens.sign(secret, "unsubscribe", {"sub": subscriber_id}, ttl_s=UNSUBSCRIBE_TTL)
    return f"{base_url.rstrip('/')}/unsubscribe/{t}"


def preferences_url(base_url: str, secret: str, subscriber_id: int) -> str:
    t = tokens.sign(secret, "preferences", {"sub": subscriber_id}, ttl_s=PREFERENCES_TTL)
    return f"{base_url.rstrip('/')}/preferences/{t}"


def vote_url(base_url: str, secret: str, subscriber_id: int, pair_key: str, choice: str) -> str:
    data = {"sub": subscriber_id, "pair": pair_key, "choice": choice}
    t = tokens.sign(secret, "vote", data, ttl_s=VOTE_TTL)
    return f"{base_url.rstrip('/')}/vote/{t}"


def recipient_values(
    base_url: str,
    secret: str,
    *,
    subscriber_id: int,
    email: str,
    pairs: Sequence[tuple[str, str, str]],
) -> dict[str, str]:
    """Token -> URL for one subscriber. `pairs` is (pair_key, a_key, b_key) in issue order."""
    values = {
        TOKEN_UNSUBSCRIBE_URL: unsubscribe_url(base_url, secret, subscriber_id),
        TOKEN_PREFERENCES_URL: preferences_url(base_url, secret, subscriber_id),
        TOKEN_EMAIL: email,
    }
    for position, (pair_key, a_key, b_key) in enumerate(pairs):
        values[vote_token(position, "a")] = vote_url(
            base_url, secret, subscriber_id, pair_key, a_key
        )
        values[vote_token(position, "b")] = vote_url(
            base_url, secret, subscriber_id, pair_key, b_key
        )
    return values
