"""The per-recipient links in an issue: unsubscribe, preferences and vote URLs, all signed.

An issue is rendered once with link tokens (`-unsubscribe_url-`, `-vote_0_a-`, ...; see
verdicts.models). At send time `expand_issue_links` turns each into a URL ending in the one
per-recipient token `-reader_token-`, once per issue, so a recipient needs a single signed
value (`reader_values`) instead of one signed URL per link:

    {base}/vote/{week}/{position}/{a|b}/{reader token}
    {base}/unsubscribe/{reader token}      {base}/preferences/{reader token}

The reader token is signed, scoped ("reader") and expiring, and names the subscriber and the
issue's week: it authorises that reader's own votes on that week's pairs, their unsubscribe
(RFC 8058 one-click included) and their preferences, nothing else.

Mail that belongs to no issue (the confirmation email, "already subscribed") carries
single-purpose tokens from `unsubscribe_url` and `preferences_url` instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from verdicts import tokens
from verdicts.models import TOKEN_EMAIL, TOKEN_PREFERENCES_URL, TOKEN_UNSUBSCRIBE_URL
from verdicts.render.tokens import TOKEN_READER, fill_html, fill_text
from verdicts.weeks import WEEK_RE

DAY = 86_400
UNSUBSCRIBE_TTL = 400 * DAY  # an old issue's unsubscribe link must keep working
PREFERENCES_TTL = 400 * DAY
VOTE_TTL = 60 * DAY
READER_SCOPE = "reader"
READER_TTL = UNSUBSCRIBE_TTL  # the reader token carries the unsubscribe link too
_VOTE_TOKEN_RE = re.compile(r"-vote_(\d+)_([ab])-")


# --- the reader token: one per recipient per issue ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Reader:
    subscriber_id: int
    week: str
    signed_at: float  # when the issue's send made the token

    def can_vote(self, *, now: float | None = None) -> bool:
        """Votes from an issue count for VOTE_TTL after its send; unsubscribing never expires
        that soon (the token itself lasts READER_TTL)."""
        return (time.time() if now is None else now) < self.signed_at + VOTE_TTL


def reader_token(secret: str, subscriber_id: int, week: str, *, now: float | None = None) -> str:
    return tokens.sign(
        secret, READER_SCOPE, {"sub": subscriber_id, "w": week}, ttl_s=READER_TTL, now=now
    )


def read_reader_token(secret: str, token: str, *, now: float | None = None) -> Reader:
    """The reader a token names; `tokens.TokenError` when forged, expired, or for another scope."""
    data, expires = tokens.verify_with_expiry(secret, READER_SCOPE, token, now=now)
    sub, week = data.get("sub"), data.get("w")
    if not isinstance(sub, int) or isinstance(sub, bool) or not isinstance(week, str):
        raise tokens.TokenError("malformed link")
    if not WEEK_RE.match(week):
        raise tokens.TokenError("malformed link")
    return Reader(sub, week, float(expires - READER_TTL))


# --- link shapes --------------------------------------------------------------------------------


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def reader_vote_url(base_url: str, week: str, position: int, side: str, token: str) -> str:
    return f"{_base(base_url)}/vote/{week}/{position}/{side}/{token}"


def reader_unsubscribe_url(base_url: str, token: str) -> str:
    return f"{_base(base_url)}/unsubscribe/{token}"


def reader_preferences_url(base_url: str, token: str) -> str:
    return f"{_base(base_url)}/preferences/{token}"


def issue_link_values(base_url: str, week: str, parts: Sequence[str]) -> dict[str, str]:
    """Link token -> URL ending in TOKEN_READER, for every link token in `parts`."""
    values = {
        TOKEN_UNSUBSCRIBE_URL: reader_unsubscribe_url(base_url, TOKEN_READER),
        TOKEN_PREFERENCES_URL: reader_preferences_url(base_url, TOKEN_READER),
    }
    for part in parts:
        for m in _VOTE_TOKEN_RE.finditer(part):
            position, side = int(m.group(1)), m.group(2)
            values[m.group(0)] = reader_vote_url(base_url, week, position, side, TOKEN_READER)
    return values


def expand_issue_links(html: str, text: str, base_url: str, week: str) -> tuple[str, str]:
    """The issue's parts with every link token made a URL ending in TOKEN_READER (once per issue).

    What is left to fill per recipient is TOKEN_READER and TOKEN_EMAIL.
    """
    values = issue_link_values(base_url, week, (html, text))
    return fill_html(html, values, strict=False), fill_text(text, values, strict=False)


def reader_values(
    base_url: str, secret: str, *, subscriber_id: int, email: str, week: str, now: float
) -> dict[str, str]:
    """One recipient's values for an expanded issue: their token and address, plus the full
    unsubscribe URL (it goes in the List-Unsubscribe header, which no provider substitutes)."""
    token = reader_token(secret, subscriber_id, week, now=now)
    return {
        TOKEN_READER: token,
        TOKEN_EMAIL: email,
        TOKEN_UNSUBSCRIBE_URL: reader_unsubscribe_url(base_url, token),
    }


# --- one token per link, for mail outside an issue ---------------------------------------------


def unsubscribe_url(base_url: str, secret: str, subscriber_id: int) -> str:
    t = tokens.sign(secret, "unsubscribe", {"sub": subscriber_id}, ttl_s=UNSUBSCRIBE_TTL)
    return f"{_base(base_url)}/unsubscribe/{t}"


def preferences_url(base_url: str, secret: str, subscriber_id: int) -> str:
    t = tokens.sign(secret, "preferences", {"sub": subscriber_id}, ttl_s=PREFERENCES_TTL)
    return f"{_base(base_url)}/preferences/{t}"
