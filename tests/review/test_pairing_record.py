"""The editor's record of the automatic pairs: what reviewed issues kept and dropped, the share
kept (pairing's real precision), and the judged pairs exported as labels."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from verdicts.cli.main import app
from verdicts.review import actions
from verdicts.review.record import DROPPED, EDITOR, KEPT, pairing_record

from .conftest import WEEK

runner = CliRunner()


def test_only_reviewed_issues_count(drafted, store, settings):
    actions.drop_pair(store, settings, WEEK, "chatcut-vs-fablecut", editor="Dana")
    # A draft is not a judgement yet: nothing counts until the editor approves.
    assert pairing_record(store).weeks == ()
    actions.approve_week(store, settings, WEEK, editor="Dana")
    record = pairing_record(store)
    assert record.weeks == (WEEK,)
    # The pair awaiting the panel is not judged (readers never see it).
    assert sorted((p.a, p.b, p.verdict) for p in record.pairs) == [
        ("ChatCut", "FableCut", DROPPED),
        ("CodePal", "DevMate", KEPT),
    ]
    assert record.kept_share == 0.5
    assert pairing_record(store, weeks=0).pairs == ()


def test_a_swap_is_a_dropped_pair_and_an_editor_pair(drafted, store, settings):
    actions.swap_pair(
        store, settings, WEEK, "codepal--vs--devmate", "CodePal", "Notely", editor="Dana"
    )
    actions.approve_week(store, settings, WEEK, editor="Dana")
    record = pairing_record(store)
    verdicts = {frozenset((p.a, p.b)): p for p in record.pairs}
    assert verdicts[frozenset(("CodePal", "Notely"))].verdict == EDITOR
    dropped = verdicts[frozenset(("CodePal", "DevMate"))]
    assert dropped.verdict == DROPPED and dropped.editor == "Dana"
    assert dropped.notes == "swapped for codepal--vs--notely"
    assert verdicts[frozenset(("ChatCut", "FableCut"))].verdict == KEPT
    # The editor's own pairs are not pairing's to be credited with.
    assert record.count(KEPT) == 1 and record.kept_share == 0.5


def test_the_cli_prints_the_share_and_exports_labels(drafted, store, settings, tmp_path):
    assert "nothing the editor judged" in runner.invoke(app, ["pairing-record"]).output
    actions.drop_pair(
        store, settings, WEEK, "chatcut-vs-fablecut", editor="Dana", notes="two editors, old news"
    )
    actions.approve_week(store, settings, WEEK, editor="Dana")
    out = tmp_path / "judged.jsonl"
    result = runner.invoke(app, ["pairing-record", "--export", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "1 kept, 1 dropped: 50% kept" in result.output
    assert "dropped 2026-W29  ChatCut vs FableCut" in result.output
    assert "notes: two editors, old news" in result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {(r["a"], r["b"], r["verdict"]) for r in rows} == {
        ("ChatCut", "FableCut", "dropped"),
        ("CodePal", "DevMate", "kept"),
    }
    assert all(r["week"] == WEEK and r["reason"] for r in rows)
