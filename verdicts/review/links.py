"""Review links: signed, expiring, and single use.

The link in the editor's notice carries a `review`-scoped token naming the week and a token id.
Showing the page (GET) does not spend it, because mail scanners fetch links before the editor
does; acting (POST) spends it through `used_tokens`, so a replayed or forwarded link can show
nothing and do nothing. After each action the page hands the editor a fresh link.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from verdicts import tokens
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import UsedTokenRow

SCOPE = "review"


@dataclass(frozen=True, slots=True)
class ReviewLink:
    week: str
    token_id: str


def review_token(settings: Settings, week: str, *, now: float | None = None) -> str:
    return tokens.sign(
        settings.secret_key.get_secret_value(),
        SCOPE,
        {"week": week, "jti": tokens.new_token_id()},
        ttl_s=int(settings.review_link_hours * 3600),
        now=now,
    )


def review_url(settings: Settings, week: str) -> str:
    return f"{settings.base_url.rstrip('/')}/review/{review_token(settings, week)}"


def read_token(settings: Settings, token: str, *, now: float | None = None) -> ReviewLink:
    """The link's week and id; TokenError when forged, for something else, or expired."""
    data = tokens.verify(settings.secret_key.get_secret_value(), SCOPE, token, now=now)
    week, jti = data.get("week"), data.get("jti")
    if not isinstance(week, str) or not isinstance(jti, str) or not jti:
        raise tokens.TokenError("malformed link")
    return ReviewLink(week, jti)


def was_used(store: Store, link: ReviewLink) -> bool:
    with store.transaction() as s:
        return (
            s.scalar(select(UsedTokenRow).where(UsedTokenRow.token_id == link.token_id)) is not None
        )


def spend(store: Store, link: ReviewLink) -> None:
    """Mark the link used, atomically: of two concurrent POSTs with one link, one fails here."""
    try:
        with store.transaction() as s:
            s.add(UsedTokenRow(token_id=link.token_id, purpose=SCOPE))
    except IntegrityError:
        raise tokens.TokenError("this review link was already used: open the latest one") from None
