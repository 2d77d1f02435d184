"""Keep AI tools, models and products launched in the window; say why everything else was dropped.

The rule is data, in the [relevance] table of sources.toml, so the editor can read and tune it
without touching code. Checks run in a fixed order and the first failing one is the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scrapers.base import Window
from verdicts.models import Launch

OUTSIDE = "launched outside the window"
UNDATED = "no launch date"
NOT_AI = "not about AI"
EXCLUDED = "excluded word"
NOT_LAUNCH = "news, not a launch"


def _pattern(words: Iterable[str], plurals: bool) -> re.Pattern[str] | None:
    alternatives = sorted({re.escape(w.lower()) for w in words if w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    suffix = "s?" if plurals else ""
    # Word boundaries that also work for words that start or end with punctuation ("a.i."); a
    # hyphen is a boundary, so "AI-powered" and "coding-agent" match.
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)}){suffix}(?!\w)")


@dataclass(frozen=True, slots=True)
class Rules:
    keep_undated: bool
    always_ai: frozenset[str]
    launch_only: frozenset[str]
    ai: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    launch: re.Pattern[str] | None

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Rules:
        return cls(
            keep_undated=bool(table.get("keep_undated", True)),
            always_ai=frozenset(table.get("always_ai", ())),
            launch_only=frozenset(table.get("launch_only", ())),
            ai=_pattern([*table.get("ai_words", ()), *table.get("ai_phrases", ())], True),
            exclude=_pattern(table.get("exclude_words", ()), False),
            launch=_pattern(table.get("launch_words", ()), False),
        )


def reason_to_drop(launch: Launch, kind: str, window: Window, rules: Rules) -> str | None:
    """Why `launch` (from a source of registry kind `kind`) is not kept, or None to keep it."""
    if launch.launched_at is None:
        if not rules.keep_undated:
            return UNDATED
    elif launch.launched_at not in window:
        return OUTSIDE
    headline = f"{launch.name} {launch.tagline}".lower()
    if rules.exclude is not None and rules.exclude.search(headline):
        return EXCLUDED
    if kind not in rules.always_ai:
        body = " ".join(
            (headline, launch.description, launch.category, " ".join(launch.tags))
        ).lower()
        if rules.ai is None or not rules.ai.search(body):
            return NOT_AI
    if kind in rules.launch_only and (rules.launch is None or not rules.launch.search(headline)):
        return NOT_LAUNCH
    return None


@dataclass(frozen=True, slots=True)
class Filtered:
    kept: tuple[Launch, ...]
    dropped: tuple[tuple[Launch, str], ...]

    def reasons(self) -> tuple[tuple[str, int], ...]:
        """("not about AI", 12), ... most frequent first, as SourceHealth.dropped_reasons."""
        return tuple(Counter(reason for _, reason in self.dropped).most_common())


def apply(launches: Iterable[Launch], kind: str, window: Window, rules: Rules) -> Filtered:
    kept, dropped = [], []
    for launch in launches:
        reason = reason_to_drop(launch, kind, window, rules)
        if reason is None:
            kept.append(launch)
        else:
            dropped.append((launch, reason))
    return Filtered(tuple(kept), tuple(dropped))
