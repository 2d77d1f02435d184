"""Re-render a week's issue from what the store holds, after the editor changed it.

No scraping: the comparisons come back from the `comparisons` rows (minus dropped pairs, plus
pairs the editor swapped in), the panel's verdicts and the votes from their tables, and the
result goes through `make_draft` like any draft, so the new content hash, the files and the
preflight are all fresh. An approved issue goes back to review first: its approval was for
other content.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verdicts.drafting import DraftResult, make_draft
from verdicts.lifecycle import State
from verdicts.models import IssueContent, Pair
from verdicts.review.overrides import dropped_pair_keys
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import comparisons, get_issue, reopen_for_change, transition
from verdicts.store.schema import IssueRow, PinRow, SourceRunRow, ToolRow
from verdicts.weeks import window_for


def _launches_seen(session: Session, week: str) -> int | None:
    """Launches the latest build of the week kept (what compose() counted), if it was recorded."""
    latest = session.scalar(
        select(SourceRunRow.run_id)
        .where(SourceRunRow.week == week)
        .order_by(SourceRunRow.at.desc(), SourceRunRow.id.desc())
        .limit(1)
    )
    if latest is None:
        return None
    total = session.scalar(
        select(func.sum(SourceRunRow.kept)).where(
            SourceRunRow.week == week, SourceRunRow.run_id == latest
        )
    )
    return int(total or 0)


def _stored_pairs(session: Session, issue: IssueRow) -> list[Pair]:
    """Pairs swapped in (pins not yet in the issue) first, as a rebuild would put them; then the
    issue's own pairs in their order, without the dropped ones."""
    from verdicts.pairing import compare
    from verdicts.store.tools import to_tool

    def tool(tool_id: int) -> ToolRow:
        row = session.get(ToolRow, tool_id)
        assert row is not None  # comparisons reference tools by foreign key
        return row

    dropped = dropped_pair_keys(session, issue.week)
    rows = [r for r in comparisons(session, issue) if r.pair_key not in dropped]
    present = {r.pair_key for r in rows}
    pairs: list[Pair] = []
    for pin in session.scalars(select(PinRow).where(PinRow.week == issue.week).order_by(PinRow.id)):
        a_row = session.scalar(select(ToolRow).where(ToolRow.key == pin.tool_a_key))
        b_row = session.scalar(select(ToolRow).where(ToolRow.key == pin.tool_b_key))
        if pin.pair_key in present or pin.pair_key in dropped or a_row is None or b_row is None:
            continue
        a, b = to_tool(session, a_row), to_tool(session, b_row)
        score, reason = compare(a, b) or (1.0, "pinned by the editor")
        pairs.append(Pair(a, b, score, reason, pinned=True))
    for r in rows:
        a, b = to_tool(session, tool(r.tool_a_id)), to_tool(session, tool(r.tool_b_id))
        pairs.append(Pair(a, b, r.score, r.reason, pinned=r.pinned))
    return pairs


def stored_content(session: Session, settings: Settings, week: str) -> IssueContent:
    """The week's issue rebuilt from the store, with the panel and votes as they stand now."""
    from verdicts.build import attach_all, compose

    issue = get_issue(session, week)
    ready, awaiting = attach_all(session, _stored_pairs(session, issue), settings)
    window = (
        (issue.window_start, issue.window_end)
        if issue.window_start and issue.window_end
        else window_for(week)
    )
    seen = _launches_seen(session, week)
    # Subject and preheader follow the lead pair, which a drop may have changed; the intro counts
    # launches, known only when the build recorded its sources (else the stored intro stands).
    fresh = compose(week, ready, awaiting, window=window, launches_seen=seen or 0)
    return IssueContent(
        week=week,
        subject=fresh.subject,
        preheader=fresh.preheader,
        intro=fresh.intro if seen is not None else issue.intro,
        comparisons=tuple(ready),
        awaiting_panel=tuple(awaiting),
        window_start=window[0],
        window_end=window[1],
    )


def rerender(store: Store, settings: Settings, week: str, *, actor: str, why: str) -> DraftResult:
    """Render the stored issue again after an editor's change; it is then in review."""
    with store.transaction() as s:
        issue = get_issue(s, week)
        reopen_for_change(s, issue, actor=actor, notes=f"changed after approval: {why}")
        content = stored_content(s, settings, week)
    result = make_draft(store, content, settings, actor=actor)
    with store.transaction() as s:
        issue = get_issue(s, week)
        transition(s, issue, State.IN_REVIEW, actor=actor, notes=why)
    return result
