"""Typed values that the stages hand each other.

scrape -> Launch -> resolve -> Tool -> pair -> Pair -> attach -> Comparison -> render -> RenderedIssue

Everything here is a frozen, slotted dataclass: stages never pass loose dicts, and a value cannot
change under a stage that already looked at it. Pydantic lives only at the edges where outside
input is parsed (panel files, settings, web forms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Launch:
    """One sighting of a tool on one source: untrusted text, already length-capped and normalised."""

    name: str
    url: str  # canonical http(s) URL of the product (or of the listing when the source gives none)
    source: str  # registry name of the scraper, e.g. "hn-algolia"
    external_id: str  # the source's own id (HN objectID, PH post id, repo full name...)
    launched_at: datetime | None = None  # timezone-aware
    tagline: str = ""
    description: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    score: int | None = None  # points, votes, stars, likes: whatever the source counts
    pricing: str = ""  # as the source words it, e.g. "Free", "Freemium", "$20/mo"
    license: str = ""  # e.g. "apache-2.0" for open weights/code
    vendor: str = ""  # maker or organisation when the source names it
    discussion_url: str = ""  # the source's own page about the launch (HN thread, PH post)


@dataclass(frozen=True, slots=True)
class Tool:
    """One product, however many sources saw it. `key` is its stable identity (a slug)."""

    key: str
    name: str
    url: str
    tagline: str = ""
    description: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    vendor: str = ""
    pricing: str = ""
    license: str = ""
    aliases: tuple[str, ...] = ()
    sightings: tuple[Launch, ...] = ()
    first_seen: datetime | None = None
    is_new: bool = True  # launched in this issue's window (False: from the catalog)

    @property
    def best_score(self) -> int:
        return max((s.score or 0 for s in self.sightings), default=0)


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed head-to-head: same job for the same user, with a reason a reader would accept."""

    a: Tool
    b: Tool
    score: float
    reason: str
    pinned: bool = False  # chosen by the editor, not by the pairing rule

    @property
    def key(self) -> str:
        """Order-independent identity, so 'A vs B' and 'B vs A' are one pair across issues."""
        return pair_key(self.a.key, self.b.key)


def pair_key(a_key: str, b_key: str) -> str:
    first, second = sorted((a_key, b_key))
    return f"{first}--vs--{second}"


class PriceKind(StrEnum):
    FREE = "free"
    FREEMIUM = "freemium"
    PAID = "paid"
    OPEN_WEIGHTS = "open-weights"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Price:
    kind: PriceKind
    label: str  # what the reader sees after "Entry:", e.g. "Free", "From $20/month"
    monthly_usd: float | None = None
    license: str = ""


@dataclass(frozen=True, slots=True)
class Reviewer:
    key: str  # stable slug, e.g. "builder"
    name: str
    lens: str  # what they judge by, e.g. "builder / developer experience"


@dataclass(frozen=True, slots=True)
class Verdict:
    reviewer: Reviewer
    tool_key: str
    ship: bool
    paragraph: str
    judged_on: date
    price_judged: str = ""  # the price the reviewer saw, e.g. "Free"

    @property
    def key_line(self) -> str:
        """The first sentence: what the email shows under the reviewer's name."""
        return first_sentence(self.paragraph)


def first_sentence(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    for i, ch in enumerate(text):
        # A sentence ends at . ! ? followed by a space; skip decimals like "3.1" and "e.g.".
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " ") and i > 20:
            text = text[: i + 1]
            break
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class ToolPanel:
    """A tool with the panel's verdicts and its entry price."""

    tool: Tool
    verdicts: tuple[Verdict, ...]
    price: Price

    @property
    def ships(self) -> int:
        return sum(v.ship for v in self.verdicts)

    @property
    def judged(self) -> int:
        return len(self.verdicts)

    @property
    def share_label(self) -> str:
        return f"{self.ships}/{self.judged} ship" if self.judged else "awaiting the panel"

    @property
    def share_percent(self) -> int | None:
        return round(100 * self.ships / self.judged) if self.judged else None


@dataclass(frozen=True, slots=True)
class Split:
    """A reviewer who judged the two tools differently, with each one-line reason."""

    reviewer: Reviewer
    a_ship: bool
    b_ship: bool
    a_line: str
    b_line: str


@dataclass(frozen=True, slots=True)
class CommunityVote:
    a_votes: int = 0
    b_votes: int = 0
    minimum: int = 10  # below this many votes the split is shown as "—"

    @property
    def total(self) -> int:
        return self.a_votes + self.b_votes

    @property
    def shown(self) -> bool:
        return self.total >= self.minimum

    def percent(self, side: str) -> int | None:
        if not self.shown:
            return None
        votes = self.a_votes if side == "a" else self.b_votes
        return round(100 * votes / self.total)

    def label(self, side: str) -> str:
        pct = self.percent(side)
        return "—" if pct is None else f"{pct}%"


@dataclass(frozen=True, slots=True)
class Comparison:
    """A pair with its panel attached: what one card in the email and one web page show."""

    slug: str  # URL-safe, stable across renders: "smollm3-vs-mistral-3-1"
    pair_key: str
    a: ToolPanel
    b: ToolPanel
    score: float
    reason: str
    splits: tuple[Split, ...] = ()
    vote: CommunityVote = field(default_factory=CommunityVote)

    @property
    def title(self) -> str:
        return f"{self.a.tool.name} vs {self.b.tool.name}"

    @property
    def reviewers(self) -> tuple[Reviewer, ...]:
        """Reviewers in panel order, each once, for the side-by-side scorecard."""
        seen: dict[str, Reviewer] = {}
        for v in (*self.a.verdicts, *self.b.verdicts):
            seen.setdefault(v.reviewer.key, v.reviewer)
        return tuple(seen.values())

    def verdict_of(self, side: str, reviewer_key: str) -> Verdict | None:
        panel = self.a if side == "a" else self.b
        return next((v for v in panel.verdicts if v.reviewer.key == reviewer_key), None)


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source: str
    fetched: int = 0  # responses received
    parsed: int = 0  # items the responses listed
    kept: int = 0  # items that passed the relevance rule
    dropped: int = 0
    new: int = 0  # tools not seen before this run
    errors: tuple[str, ...] = ()
    duration_ms: int = 0
    dropped_reasons: tuple[tuple[str, int], ...] = ()  # ("not about AI", 12), ...

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class IssueContent:
    """Everything that goes into one issue, before rendering. Per-recipient parts are not here."""

    week: str  # ISO week, "2026-W29"
    subject: str
    preheader: str
    intro: str
    comparisons: tuple[Comparison, ...]
    awaiting_panel: tuple[Pair, ...] = ()  # shown to the editor only, never rendered for readers
    window_start: datetime | None = None
    window_end: datetime | None = None

    @property
    def quiet(self) -> bool:
        return len(self.comparisons) < 2


@dataclass(frozen=True, slots=True)
class RenderedIssue:
    """The issue as subscribers receive it, with substitution tokens where per-recipient links go."""

    week: str
    subject: str
    html: str
    text: str
    web_html: str  # the archive page for the issue
    mjml: str
    content_hash: str  # sha256 over subject + html + text: what the editor approves
    comparison_pages: tuple[tuple[str, str], ...] = ()  # (slug, html) for the web archive


# Substitution tokens: rendering happens once per issue; the sender fills these per recipient.
# They are plain ASCII with no characters that HTML or MJML escape, so they survive both.
TOKEN_UNSUBSCRIBE_URL = "-unsubscribe_url-"
TOKEN_PREFERENCES_URL = "-preferences_url-"
TOKEN_EMAIL = "-email-"


def vote_token(position: int, side: str) -> str:
    """Token for the vote link of the comparison at `position` (0-based) for side 'a' or 'b'."""
    return f"-vote_{position}_{side}-"
