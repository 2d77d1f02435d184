"""A reader's preferences: the kinds of tools they want first, and how an issue honours them.

The kinds are the pairing taxonomy's jobs (verdicts/pairing/jobs_*.toml), so "AI code editors"
means the same thing to the reader's checkbox and to the rule that chose the pairs. Stored in
`subscribers.preferences` as `{"kinds": [...], "version": 1}`; kinds the taxonomy no longer has
are dropped on read rather than breaking an old subscriber's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from verdicts.models import Comparison, Tool
from verdicts.pairing.profile import profile
from verdicts.pairing.taxonomy import JOBS

VERSION = 1
MAX_KINDS = 64


@dataclass(frozen=True, slots=True)
class Kind:
    key: str
    label: str  # plural noun phrase, e.g. "AI code editors"


KINDS: tuple[Kind, ...] = tuple(Kind(job.key, job.label) for job in JOBS)
KIND_KEYS = frozenset(k.key for k in KINDS)


@dataclass(frozen=True, slots=True)
class Preferences:
    kinds: frozenset[str] = frozenset()

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> Preferences:
        raw = (stored or {}).get("kinds", ())
        if not isinstance(raw, list | tuple):
            return cls()
        return cls(frozenset(k for k in raw if isinstance(k, str) and k in KIND_KEYS))

    @classmethod
    def from_form(cls, chosen: Iterable[str]) -> Preferences:
        """Form values are untrusted: unknown keys are ignored, never stored."""
        picked = [k for k in chosen if k in KIND_KEYS][:MAX_KINDS]
        return cls(frozenset(picked))

    def to_stored(self) -> dict[str, Any]:
        return {"kinds": sorted(self.kinds), "version": VERSION}


def kinds_of_pair(a: Tool, b: Tool) -> frozenset[str]:
    """The jobs of two tools (both the same for a good pair; either may be unknown)."""
    return frozenset(j for j in (profile(a).job, profile(b).job) if j)


def kinds_of(comparison: Comparison) -> frozenset[str]:
    return kinds_of_pair(comparison.a.tool, comparison.b.tool)


def _prefs(preferences: Preferences | Mapping[str, Any] | None) -> Preferences:
    if isinstance(preferences, Preferences):
        return preferences
    return Preferences.from_stored(preferences)


def order_positions(
    kinds: Sequence[frozenset[str]], preferences: Preferences | Mapping[str, Any] | None
) -> tuple[int, ...]:
    """Positions of an issue's comparisons (given their kinds, in the editor's order) as this
    reader should see them: the kinds they want first, each group in the editor's order."""
    prefs = _prefs(preferences)
    if not prefs.kinds:
        return tuple(range(len(kinds)))
    hits = [bool(k & prefs.kinds) for k in kinds]
    return (
        *(i for i, hit in enumerate(hits) if hit),
        *(i for i, hit in enumerate(hits) if not hit),
    )


def order_comparisons(
    comparisons: Sequence[Comparison], preferences: Preferences | Mapping[str, Any] | None
) -> tuple[Comparison, ...]:
    """Comparisons of the kinds the reader wants first, each group in the editor's order.

    Nothing is dropped: a reader who wants code editors still sees this week's voice agents,
    after them. No preferences (or none matching) leaves the editor's order untouched.
    """
    prefs = _prefs(preferences)
    if not prefs.kinds:
        return tuple(comparisons)
    order = order_positions([kinds_of(c) for c in comparisons], prefs)
    return tuple(comparisons[i] for i in order)
