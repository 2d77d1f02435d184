"""What the templates read: the issue's comparisons laid out as cards, plus the links around them.

Kept apart from the templates so the arithmetic (meter widths, reviewer rows, URLs) is plain,
typed Python, and the templates only place values.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from verdicts.models import (
    TOKEN_EMAIL,
    TOKEN_PREFERENCES_URL,
    TOKEN_UNSUBSCRIBE_URL,
    Comparison,
    IssueContent,
    Reviewer,
    ToolPanel,
    Verdict,
    vote_token,
)
from verdicts.render.tokens import TOKEN_RE
from verdicts.settings import Settings


def token_markup(token: str) -> Markup:
    """A substitution token as Markup, so the environments place it unescaped and unneutralised."""
    if not TOKEN_RE.fullmatch(token):
        raise ValueError(f"not a substitution token: {token!r}")
    return Markup(token)  # noqa: S704 - matched TOKEN_RE: ASCII letters, digits, '_' and '-'


@dataclass(frozen=True, slots=True)
class Side:
    """One tool of a card."""

    side: str  # "a" or "b"
    panel: ToolPanel
    community: str  # "64%" or "—" until the vote minimum
    meter: int  # 0..100, the filled width of the panel meter
    vote: Markup  # the substitution token of "Ship with ..." (email only)

    @property
    def name(self) -> str:
        return self.panel.tool.name

    @property
    def site(self) -> str | None:
        """The tool's own URL when it is http(s); anything else is not linked."""
        url = self.panel.tool.url.strip()
        return url if url.lower().startswith(("https://", "http://")) else None

    @property
    def judged_prices(self) -> str:
        """The prices the reviewers saw, once each ("" when none was recorded)."""
        seen = dict.fromkeys(v.price_judged for v in self.panel.verdicts if v.price_judged)
        return ", ".join(seen)


@dataclass(frozen=True, slots=True)
class ReviewerRow:
    """One reviewer's verdicts on both tools (either may be missing)."""

    reviewer: Reviewer
    a: Verdict | None
    b: Verdict | None


@dataclass(frozen=True, slots=True)
class Card:
    position: int  # 0-based, as in the vote tokens
    comparison: Comparison
    url: str  # the comparison's web page
    a: Side
    b: Side
    rows: tuple[ReviewerRow, ...]

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.a, self.b)

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True, slots=True)
class Links:
    base: str
    issue: str  # the issue's web page
    archive: str
    subscribe: str
    unsubscribe: Markup  # tokens: filled per recipient at send time
    preferences: Markup
    email: Markup


def base_url(settings: Settings) -> str:
    return settings.base_url.rstrip("/")


def issue_url(settings: Settings, week: str) -> str:
    return f"{base_url(settings)}/archive/{quote(week, safe='')}/"


def comparison_url(settings: Settings, week: str, slug: str) -> str:
    return f"{base_url(settings)}/archive/{quote(week, safe='')}/{quote(slug, safe='')}"


def links_for(settings: Settings, week: str) -> Links:
    base = base_url(settings)
    return Links(
        base=base,
        issue=issue_url(settings, week),
        archive=f"{base}/archive/",
        subscribe=f"{base}/subscribe",
        unsubscribe=token_markup(TOKEN_UNSUBSCRIBE_URL),
        preferences=token_markup(TOKEN_PREFERENCES_URL),
        email=token_markup(TOKEN_EMAIL),
    )


def _side(comparison: Comparison, side: str, position: int) -> Side:
    panel = comparison.a if side == "a" else comparison.b
    percent = panel.share_percent
    return Side(
        side=side,
        panel=panel,
        community=comparison.vote.label(side),
        meter=max(0, min(100, percent or 0)),
        vote=token_markup(vote_token(position, side)),
    )


def card_for(comparison: Comparison, position: int, settings: Settings, week: str) -> Card:
    rows = tuple(
        ReviewerRow(r, comparison.verdict_of("a", r.key), comparison.verdict_of("b", r.key))
        for r in comparison.reviewers
    )
    return Card(
        position=position,
        comparison=comparison,
        url=comparison_url(settings, week, comparison.slug),
        a=_side(comparison, "a", position),
        b=_side(comparison, "b", position),
        rows=rows,
    )


def cards_for(content: IssueContent, settings: Settings) -> tuple[Card, ...]:
    return tuple(card_for(c, i, settings, content.week) for i, c in enumerate(content.comparisons))
