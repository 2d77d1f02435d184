"""The editor's shortlist before a swap: a tool's best partners among the week's launches and the
catalog, with pairing's reasons; never a launch of another week, a pair judged not comparable, or
the tool itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from verdicts.cli.main import app
from verdicts.models import Launch, Tool
from verdicts.pairing import compare
from verdicts.resolve import resolve
from verdicts.review.candidates import UnknownTool, candidates
from verdicts.review.overrides import record_drop
from verdicts.store.tools import upsert_tool

from ..pairing.real_launches import CHROMA, LE_CHAT

WEEK = "2026-W29"  # launches of 6 to 12 July 2026
runner = CliRunner()


def _tool(name: str, tagline: str, day: datetime | None) -> Tool:
    key = name.lower().replace(" ", "-")
    sighting = Launch(name, f"https://{key}.example", "test", f"test:{key}", day, tagline=tagline)
    return Tool(key, name, f"https://{key}.example", tagline=tagline, sightings=(sighting,))


IN_WEEK = datetime(2026, 7, 8, tzinfo=UTC)
CHATCUT = _tool("ChatCut", "An AI video editor: cut your footage by chatting with it", IN_WEEK)
FABLECUT = _tool("FableCut", "The AI video editor that edits your clips for you", IN_WEEK)
GARDEN = _tool("Plantwise", "Plan your vegetable garden and when to sow each crop", IN_WEEK)
LAST_MONTH = _tool("ReelSmith", "AI video editor for creators", datetime(2026, 6, 10, tzinfo=UTC))
CATALOG = _tool("CutPro", "The AI video editor for teams", datetime(2025, 1, 5, tzinfo=UTC))


@pytest.fixture
def stored(store):
    with store.transaction() as s:
        for t in (CHATCUT, FABLECUT, GARDEN, LAST_MONTH):
            upsert_tool(s, t)
        upsert_tool(s, CATALOG, in_catalog=True)
    return store


def test_partners_come_from_the_week_and_the_catalog_with_reasons(stored, settings):
    target, found = candidates(stored, settings, WEEK, "chatcut")
    assert target.name == "ChatCut"
    names = [c.name for c in found]
    assert set(names) == {"FableCut", "CutPro"}  # not last month's launch, not the gardener
    fable = found[names.index("FableCut")]
    assert fable.this_week and fable.reason.startswith("both AI video editors")
    assert not found[names.index("CutPro")].this_week
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert candidates(stored, settings, WEEK, "ChatCut", limit=1)[1] == found[:1]


def test_a_pair_judged_not_comparable_is_not_offered(stored, settings):
    with stored.transaction() as s:
        record_drop(s, "2026-W20", "chatcut--vs--fablecut", editor="Dana", notes="", never=True)
    assert [c.name for c in candidates(stored, settings, WEEK, "ChatCut")[1]] == ["CutPro"]


def test_an_unknown_tool_is_a_clear_error(stored, settings):
    with pytest.raises(UnknownTool, match="no tool 'Nope'"):
        candidates(stored, settings, WEEK, "Nope")
    result = runner.invoke(app, ["candidates", WEEK, "Nope"])
    assert result.exit_code == 1 and "no tool 'Nope'" in result.output


def test_the_cli_lists_the_shortlist(stored):
    result = runner.invoke(app, ["candidates", WEEK, "ChatCut"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "partners for ChatCut (2026-W29), best first:" in result.output
    assert "FableCut  [this week]" in result.output and "CutPro  [catalog]" in result.output


def test_a_partner_pairing_would_refuse_is_not_offered(store, settings):
    # The rules match an image model and a chat assistant on a word; nearly every labelled launch
    # comes between them by meaning, so pairing refuses them and so does the shortlist.
    model, chat = resolve([CHROMA]) + resolve([LE_CHAT])
    with store.transaction() as s:
        upsert_tool(s, model)
        upsert_tool(s, chat)
    assert compare(model, chat) is not None  # the rules alone would offer it
    assert candidates(store, settings, WEEK, model.name)[1] == []


def test_the_tools_partner_in_the_draft_is_marked(stored, settings):
    from verdicts.build import compose
    from verdicts.drafting import make_draft
    from verdicts.weeks import window_for

    from ..helpers import comparison

    content = compose(
        WEEK, [comparison(CHATCUT, FABLECUT)], [], window=window_for(WEEK), launches_seen=2
    )
    make_draft(stored, content, settings, actor="test")
    found = {c.name: c for c in candidates(stored, settings, WEEK, "ChatCut")[1]}
    assert found["FableCut"].current and not found["CutPro"].current
    result = runner.invoke(app, ["candidates", WEEK, "ChatCut"], catch_exceptions=False)
    assert "FableCut  [this week, its partner now]" in result.output
    assert "CutPro  [catalog]" in result.output
