"""The weekly build's stages after scraping, each a function over typed values and the store.

The Prefect flow (flows/weekly.py) wraps these as tasks; tests and the CLI call them directly.
resolve -> pair -> attach -> compose -> render + preflight -> store the draft
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdicts.models import Comparison, IssueContent, Launch, Pair, SourceHealth, Tool, pair_key
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import PinRow, SourceRunRow
from verdicts.store.tools import catalog_tools, known_tools, upsert_tool


@dataclass(frozen=True, slots=True)
class ResolvedWeek:
    new_tools: tuple[Tool, ...]  # seen on a source in this run
    catalog: tuple[Tool, ...]  # established tools they may be compared with
    new_count: int  # tools the store had never seen before this run


def record_health(store: Store, week: str, run_id: str, health: Sequence[SourceHealth]) -> None:
    with store.transaction() as s:
        for h in health:
            s.add(
                SourceRunRow(
                    run_id=run_id,
                    week=week,
                    source=h.source,
                    fetched=h.fetched,
                    parsed=h.parsed,
                    kept=h.kept,
                    dropped=h.dropped,
                    new=h.new,
                    errors=list(h.errors),
                    dropped_reasons=dict(h.dropped_reasons),
                    duration_ms=h.duration_ms,
                )
            )


def resolve_and_record(store: Store, launches: Sequence[Launch]) -> ResolvedWeek:
    """Fold launches into tools (matching what the store knows) and record them with their sightings."""
    from verdicts.resolve import resolve

    with store.transaction() as s:
        known = known_tools(s)
        known_keys = {t.key for t in known}
        tools = resolve(launches, known)
        for tool in tools:
            upsert_tool(s, tool)
        seen = {t.key for t in tools}
        catalog = tuple(t for t in catalog_tools(s) if t.key not in seen)
    new_tools = tuple(dataclasses.replace(t, is_new=True) for t in tools)
    return ResolvedWeek(new_tools, catalog, sum(t.key not in known_keys for t in tools))


def pins_for(store: Store, week: str) -> list[tuple[str, str]]:
    with store.transaction() as s:
        rows = s.scalars(select(PinRow).where(PinRow.week == week).order_by(PinRow.id))
        return [(r.tool_a_key, r.tool_b_key) for r in rows]


def pin_pair(store: Store, week: str, a_name: str, b_name: str, *, editor: str) -> tuple[str, str]:
    """Pin 'A vs B' into a week's issue. Names or keys; both tools must be known to the store."""
    from verdicts.store.tools import find_tool

    with store.transaction() as s:
        a, b = find_tool(s, a_name), find_tool(s, b_name)
        missing = [n for n, row in ((a_name, a), (b_name, b)) if row is None]
        if missing or a is None or b is None:
            raise LookupError(f"unknown tool(s): {', '.join(missing)}")
        if a.key == b.key:
            raise ValueError("a tool cannot be compared with itself")
        key = pair_key(a.key, b.key)
        if s.scalar(select(PinRow).where(PinRow.week == week, PinRow.pair_key == key)) is None:
            s.add(
                PinRow(week=week, pair_key=key, tool_a_key=a.key, tool_b_key=b.key, editor=editor)
            )
        return a.key, b.key


def choose(
    store: Store, resolved: ResolvedWeek, week: str, settings: Settings
) -> tuple[list[Comparison], list[Pair]]:
    """Pick the week's pairs and attach the panel; pairs without verdicts wait for the panel."""
    from verdicts.pairing import choose_pairs
    from verdicts.pairing.encoder import disk_cache
    from verdicts.review.overrides import excluded_pairs
    from verdicts.store.tools import find_tool, to_tool

    pins = pins_for(store, week)
    with store.transaction() as s:
        exclude = excluded_pairs(s, settings, week)
        # Pinned tools may come from the catalog or earlier weeks: make sure pairing sees them.
        pool = {t.key: t for t in (*resolved.new_tools, *resolved.catalog)}
        for a_key, b_key in pins:
            for key in (a_key, b_key):
                row = find_tool(s, key)
                if key not in pool and row is not None:
                    pool[key] = to_tool(s, row)
        new = [t for t in pool.values() if t.is_new]
        catalog = [t for t in pool.values() if not t.is_new]
        with disk_cache(settings.embedding_cache):  # the catalog is embedded once, not weekly
            pairs = choose_pairs(new, catalog, limit=None, exclude=exclude, pinned=pins)
        return attach_all(s, pairs, settings, limit=settings.pairs_per_issue)


def attach_all(
    session: Session, pairs: Sequence[Pair], settings: Settings, *, limit: int | None = None
) -> tuple[list[Comparison], list[Pair]]:
    """The panel's verdicts and the readers' votes on each pair; pairs lacking verdicts wait."""
    from verdicts.attach import attach
    from verdicts.store.issues import vote_counts
    from verdicts.store.panel import verdicts_by_tool

    verdicts = verdicts_by_tool(session, {t.key for p in pairs for t in (p.a, p.b)})
    comparisons: list[Comparison] = []
    awaiting: list[Pair] = []
    for p in pairs:
        votes = vote_counts(session, p.key, p.a.key, p.b.key)
        c = attach(p, verdicts, votes=votes, vote_minimum=settings.vote_minimum)
        if c is None:
            awaiting.append(p)
        elif limit is None or len(comparisons) < limit:
            comparisons.append(c)
    return comparisons, awaiting


def compose(
    week: str,
    comparisons: Sequence[Comparison],
    awaiting: Sequence[Pair],
    *,
    window: tuple[datetime, datetime],
    launches_seen: int,
) -> IssueContent:
    """Subject, preheader and intro: a first draft of the words the editor may then edit."""
    if comparisons:
        lead = comparisons[0]
        more = len(comparisons) - 1
        subject = f"{lead.title}" + (
            f" + {more} more verdicts" if more else ": the panel's verdict"
        )
        preheader = (
            f"{lead.a.tool.name}: {lead.a.share_label}. {lead.b.tool.name}: {lead.b.share_label}. "
            "Which one should you ship with?"
        )
    else:
        subject = f"Weekly AI Tool Verdicts, {week}: a quiet week"
        preheader = "No head-to-head passed the panel this week."
    start, end = window
    intro = (
        f"Between {start:%d %B} and {end:%d %B} we looked at {launches_seen} AI tool launches. "
        f"Here {'is the comparison' if len(comparisons) == 1 else 'are the comparisons'} our "
        "four-reviewer panel thinks you should know about, with who said ship, who said skip, "
        "and why."
        if comparisons
        else f"Between {start:%d %B} and {end:%d %B} we looked at {launches_seen} launches, and "
        "none made a head-to-head worth your afternoon. Back next week."
    )
    return IssueContent(
        week=week,
        subject=subject[:150],
        preheader=preheader[:200],
        intro=intro,
        comparisons=tuple(comparisons),
        awaiting_panel=tuple(awaiting),
        window_start=start,
        window_end=end,
    )
