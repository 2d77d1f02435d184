"""Who else a tool could be compared with this week: the editor's shortlist before a swap.

Pairing is right about eight times in ten on weeks it was not tuned on (benchmarks/pairing), so
the editor fixes pairs every week. `verdicts candidates WEEK TOOL` lists the tool's best partners
among the week's launches and the catalog, each with a score and the reason pairing would give
(a shared job by the rules, or alike by meaning), without the pairs shown in recent issues or
judged not comparable, and without the ones pairing's background check refuses (two tools far
apart by meaning among all labelled launches). The editor then swaps one in (`verdicts swap`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from verdicts.models import Tool, pair_key
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import ComparisonRow, IssueRow, SightingRow, ToolRow
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
    current: bool = False  # the tool's partner in the week's issue now


def _week_rows(session: Session, week: str) -> list[ToolRow]:
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
    # An IN over the sightings, not a join with DISTINCT: PostgreSQL cannot compare JSON columns.
    launched = select(SightingRow.tool_id).where(seen)
    return list(
        session.scalars(
            select(ToolRow).where(ToolRow.id.in_(launched), ToolRow.merged_into_id.is_(None))
        )
    )


def _current_partner(session: Session, week: str, tool_id: int) -> str | None:
    """The key of the tool's partner in the week's issue, if the issue pairs it (not dropped)."""
    row = session.execute(
        select(ComparisonRow.tool_a_id, ComparisonRow.tool_b_id)
        .join(IssueRow, IssueRow.id == ComparisonRow.issue_id)
        .where(
            IssueRow.week == week,
            ComparisonRow.status != "dropped",
            or_(ComparisonRow.tool_a_id == tool_id, ComparisonRow.tool_b_id == tool_id),
        )
    ).first()
    if row is None:
        return None
    other = row.tool_b_id if row.tool_a_id == tool_id else row.tool_a_id
    return session.scalar(select(ToolRow.key).where(ToolRow.id == other))


def candidates(
    store: Store, settings: Settings, week: str, name: str, *, limit: int = 5
) -> tuple[Tool, list[Candidate]]:
    """The tool named `name` and its best partners this week, best first."""
    from verdicts.pairing import compare, profile
    from verdicts.pairing.background import Crowd
    from verdicts.pairing.choose import refused
    from verdicts.pairing.meaning import tool_vectors
    from verdicts.pairing.semantic import MIN_SIMILARITY, own_words
    from verdicts.pairing.semantic import score as semantic_score
    from verdicts.review.overrides import excluded_pairs
    from verdicts.store.tools import catalog_tools, find_tool, to_tool

    with store.transaction() as s:
        row = find_tool(s, name)
        if row is None:
            raise UnknownTool(f"no tool {name!r} (see `verdicts tools list`)")
        target = to_tool(s, row)
        launched = [r for r in _week_rows(s, week) if r.key != target.key]
        week_keys = {r.key for r in launched}
        pool: dict[str, Tool] = {t.key: t for t in catalog_tools(s) if t.key != target.key}
        pool.update((r.key, to_tool(s, r)) for r in launched)
        excluded = excluded_pairs(s, settings, week)
        partner = _current_partner(s, week, row.id)
    others = [t for t in pool.values() if pair_key(target.key, t.key) not in excluded]
    vectors = tool_vectors([target, *others]) if others else None
    # Pairing's own background check (background.py): no shortlist entry pairing would refuse.
    crowd = Crowd([target, *others], vectors)
    mine = profile(target)
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
        if refused(crowd, mine, profile(other), target, other, rules=by_rules is not None):
            continue
        found.append(
            Candidate(
                other.name, other.key, score, reason, other.key in week_keys, other.key == partner
            )
        )
    found.sort(key=lambda c: (-c.score, c.name.casefold()))
    return target, found[: max(0, limit)]
