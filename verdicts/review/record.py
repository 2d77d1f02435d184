"""How the automatic pairs fared with the editor: pairing's real precision, and labels to learn from.

The benchmark estimates precision ("share of printed pairs an editor would accept") on labelled
sets written for it. The store knows the real figure: in every issue the editor reviewed and
approved, each automatic pair that reached the email was kept, and each one the editor dropped
(or swapped out) was not. This module reads that record back, for the operator (`verdicts
pairing-record`) and as labelled pairs for whoever works on pairing next (`--export`).

Counted: ready pairs of approved, sending or sent issues (kept unless the editor made them),
and the drops of those weeks. Not counted: pairs awaiting the panel (readers never see them, so
keeping them says nothing). A drop of the editor's own pin is counted as a dropped automatic pair:
a drop removes the pin, so the store no longer tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdicts.lifecycle import State
from verdicts.store.db import Store
from verdicts.store.issues import comparisons
from verdicts.store.schema import IssueRow, PairDropRow, PinRow, ToolRow

REVIEWED = (State.APPROVED, State.SENDING, State.SENT)
KEPT, DROPPED, EDITOR = "kept", "dropped", "editor"


@dataclass(frozen=True, slots=True)
class Judged:
    """One pair as the editor left it: kept, dropped, or the editor's own (a pin or a swap)."""

    week: str
    a: str
    b: str
    verdict: str
    reason: str  # pairing's why, as the issue showed it
    notes: str = ""
    editor: str = ""
    never: bool = False  # dropped as not comparable: never paired again


@dataclass(frozen=True, slots=True)
class Record:
    weeks: tuple[str, ...]  # newest first
    pairs: tuple[Judged, ...]

    def count(self, verdict: str) -> int:
        return sum(p.verdict == verdict for p in self.pairs)

    @property
    def kept_share(self) -> float | None:
        """Kept automatic pairs over all automatic pairs the editor judged; None if none."""
        judged = self.count(KEPT) + self.count(DROPPED)
        return self.count(KEPT) / judged if judged else None


def _names(session: Session, keys: set[str]) -> dict[str, str]:
    rows = session.execute(select(ToolRow.key, ToolRow.name).where(ToolRow.key.in_(keys))).all()
    return {key: name for key, name in rows}


def _dropped_reason(session: Session, a_key: str, b_key: str) -> str:
    """For drops recorded before drops kept their reason: as pairing explains the pair now."""
    from verdicts.pairing import compare
    from verdicts.store.tools import to_tool

    rows = [session.scalar(select(ToolRow).where(ToolRow.key == k)) for k in (a_key, b_key)]
    if rows[0] is None or rows[1] is None:
        return ""
    found = compare(to_tool(session, rows[0]), to_tool(session, rows[1]))
    return found[1] if found else "no rule pairs them now (paired by meaning)"


def pairing_record(store: Store, *, weeks: int = 12) -> Record:
    """The editor's judgement of the automatic pairs over the last `weeks` reviewed issues."""
    judged: list[Judged] = []
    with store.transaction() as s:
        issues = s.scalars(
            select(IssueRow)
            .where(IssueRow.state.in_([str(state) for state in REVIEWED]))
            .order_by(IssueRow.week.desc())
            .limit(max(0, weeks))
        ).all()
        for issue in issues:
            pinned = set(s.scalars(select(PinRow.pair_key).where(PinRow.week == issue.week)))
            ready = comparisons(s, issue, status="ready")
            ids = {r.tool_a_id for r in ready} | {r.tool_b_id for r in ready}
            by_id = dict(
                s.execute(select(ToolRow.id, ToolRow.name).where(ToolRow.id.in_(ids))).all()
            )
            for row in ready:
                own = row.pinned or row.pair_key in pinned
                judged.append(
                    Judged(
                        issue.week,
                        by_id[row.tool_a_id],
                        by_id[row.tool_b_id],
                        EDITOR if own else KEPT,
                        row.reason,
                    )
                )
            drops = s.scalars(
                select(PairDropRow).where(PairDropRow.week == issue.week).order_by(PairDropRow.id)
            ).all()
            for drop in drops:
                a_key, _, b_key = drop.pair_key.partition("--vs--")
                names = _names(s, {a_key, b_key})
                judged.append(
                    Judged(
                        issue.week,
                        names.get(a_key, a_key),
                        names.get(b_key, b_key),
                        DROPPED,
                        drop.reason or _dropped_reason(s, a_key, b_key),
                        drop.notes,
                        drop.editor,
                        bool(drop.never),
                    )
                )
        return Record(tuple(i.week for i in issues), tuple(judged))
