"""An editor who drops a pair as not comparable never sees it proposed again, in any later week;
a plain drop lasts the week. Every drop keeps the reason the issue showed."""

from __future__ import annotations

from sqlalchemy import select

from verdicts.build import ResolvedWeek, choose
from verdicts.review import actions
from verdicts.review.overrides import never_pair_keys
from verdicts.review.record import pairing_record
from verdicts.store.schema import PairDropRow

from .conftest import TOOLS, WEEK

NEXT_WEEK = "2026-W30"


def _next_week_pairs(store, settings):
    week = ResolvedWeek(new_tools=tuple(TOOLS), catalog=(), new_count=len(TOOLS))
    ready, awaiting = choose(store, week, NEXT_WEEK, settings)
    return {frozenset((c.a.tool.name, c.b.tool.name)) for c in ready} | {
        frozenset((p.a.name, p.b.name)) for p in awaiting
    }


VIDEO_EDITORS = frozenset({"ChatCut", "FableCut"})


def test_a_plain_drop_lasts_the_week(drafted, store, settings):
    actions.drop_pair(store, settings, WEEK, "chatcut-vs-fablecut", editor="Dana")
    with store.transaction() as s:
        assert never_pair_keys(s) == set()
    assert VIDEO_EDITORS in _next_week_pairs(store, settings)


def test_not_comparable_means_never_again(drafted, store, settings):
    actions.drop_pair(
        store,
        settings,
        WEEK,
        "chatcut-vs-fablecut",
        editor="Dana",
        notes="one edits, one films",
        never=True,
    )
    with store.transaction() as s:
        assert never_pair_keys(s) == {"chatcut--vs--fablecut"}
        (row,) = s.scalars(select(PairDropRow)).all()
        assert row.reason == "same job" and row.notes == "one edits, one films"
    assert VIDEO_EDITORS not in _next_week_pairs(store, settings)
    # The editor's record says so, with the reason the issue showed.
    actions.approve_week(store, settings, WEEK, editor="Dana")
    (dropped,) = [p for p in pairing_record(store).pairs if p.verdict == "dropped"]
    assert dropped.never and dropped.reason == "same job"
