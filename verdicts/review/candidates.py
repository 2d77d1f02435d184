"""Who else a tool could be compared with this week: the editor's shortlist before a swap.

Pairing is right about seven times in ten on weeks it was not tuned on (benchmarks/pairing), so
the editor fixes pairs every week. `verdicts candidates WEEK TOOL` lists the tool's best partners
among the week's launches and the catalog, each with a score and the reason pairing would give
(a shared job by the rules, or alike by meaning), without the pairs shown in recent issues or
judged not comparable. The editor then swaps one in (`verdicts swap`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from verdicts.models import Tool, pair_key
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import SightingRow, ToolRow
from verdicts.weeks import window_for


class UnknownTool(LookupError):
    """The editor named a tool the store does not know."""


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    key: str
    score: float
    reason: str
    this_week: bool  # launched in the issue's week (else from the catalog)


def _week_keys(session: Session, week: str) -> set[str]:
    """The tools launched in the issue's week (first seen in it, when a source gives no date)."""
    start, end = window_for(week)
    seen = or_(
        and_(SightingRow.launched_at >= start, SightingRow.launched_at < end),
        and_(
            SightingRow.launched_at.is_(None),
            SightingRow.first_seen_at >= start,
            SightingRow.first_seen_at < end,
        ),
    )
    rows = session.execute(
        select(ToolRow.key)
        .join(SightingRow, SightingRow.tool_id == ToolRow.id)
        .where(seen, ToolRow.merged_into_id.is_(None))
    ).all()
    return {key for (key,) in rows}


def candidates(
    store: Store, settings: Settings, week: str, name: str, *, limit: int = 5
) -> tuple[Tool, list[Candidate]]:
    """The tool named `name` and its best partners this week, best first."""
    from verdicts.pairing import compare
    from verdicts.pairing.meaning import tool_vectors
    from verdicts.pairing.semantic import MIN_SIMILARITY, own_words
    from verdicts.pairing.semantic import score as semantic_score
    from verdicts.review.overrides import never_pair_keys
    from verdicts.store.issues import recent_pair_keys
    from verdicts.store.tools import catalog_tools, find_tool, to_tool

    with store.transaction() as s:
        row = find_tool(s, name)
        if row is None:
            raise UnknownTool(f"no tool {name!r} (see `verdicts tools list`)")
        target = to_tool(s, row)
        week_keys = _week_keys(s, week) - {target.key}
        pool: dict[str, Tool] = {t.key: t for t in catalog_tools(s) if t.key != target.key}
        for key in week_keys:
            launched = find_tool(s, key)
            if launched is not None:
                pool[launched.key] = to_tool(s, launched)
        shown = recent_pair_keys(s, issues=settings.repeat_window_issues, before_week=week)
        excluded = shown | never_pair_keys(s)
    others = [t for t in pool.values() if pair_key(target.key, t.key) not in excluded]
    vectors = tool_vectors([target, *others]) if others else None
    found: list[Candidate] = []
    for i, other in enumerate(others):
        by_rules = compare(target, other)
        if by_rules is not None:
            score, reason = by_rules
        elif (
            vectors is not None and (alike := float(vectors[0] @ vectors[i + 1])) >= MIN_SIMILARITY
        ):
            score = semantic_score(alike)
            reason = f"alike by meaning: “{own_words(other)}”"
        else:
            continue
        found.append(Candidate(other.name, other.key, score, reason, other.key in week_keys))
    found.sort(key=lambda c: (-c.score, c.name.casefold()))
    return target, found[: max(0, limit)]
