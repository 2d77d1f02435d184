"""The relevance rule keeps AI launches in the window and names why it dropped the rest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scrapers import config, relevance
from scrapers.base import Window
from verdicts.models import Launch

WINDOW = Window(datetime(2026, 7, 6, tzinfo=UTC), datetime(2026, 7, 13, 12, tzinfo=UTC))
IN = datetime(2026, 7, 8, tzinfo=UTC)


@pytest.fixture
def rules() -> relevance.Rules:
    return relevance.Rules.from_table(config.load(config.BUNDLED).relevance)


def launch(name: str, tagline: str = "", when: datetime | None = IN, **kw: object) -> Launch:
    return Launch(name=name, url="https://x.example/", source="t", external_id=name,
                  launched_at=when, tagline=tagline, **kw)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("item", "kind", "reason"),
    [
        (launch("Rowboat", "Open-source alternative to Claude Desktop"), "hn-algolia", None),
        (launch("FableCut", "A video editor AI agents can drive"), "producthunt-feed", None),
        (launch("Mindwalk", "Replay coding-agent sessions"), "hn-algolia", None),
        (launch("Frugon", "Find which LLM calls a cheaper model could handle"), "hn-algolia", None),
        (launch("Davit", "an Apple Containers UI"), "hn-algolia", relevance.NOT_AI),
        (launch("Railway", "said no"), "hn-algolia", relevance.NOT_AI),  # 'ai' inside a word
        (launch("UnitPay", "AI billing", when=datetime(2026, 4, 13, tzinfo=UTC)),
         "producthunt-feed", relevance.OUTSIDE),
        (launch("Late", "AI thing", when=WINDOW.end), "producthunt-feed", relevance.OUTSIDE),
        (launch("warp", "agentic development environment", when=None), "github-trending", None),
        (launch("Qwen3.6-27B", when=IN), "hf-models", None),  # every Hub model is AI
        (launch("Advancing responsible AI across Europe"), "feed", relevance.NOT_LAUNCH),
        (launch("Introducing Gemini 3.7 Flash", category="Gemini"), "feed", None),
        (launch("Who is hiring? AI engineers"), "hn-algolia", relevance.EXCLUDED),
    ],
)  # fmt: skip
def test_rule(rules: relevance.Rules, item: Launch, kind: str, reason: str | None) -> None:
    assert relevance.reason_to_drop(item, kind, WINDOW, rules) == reason


def test_reasons_are_counted_most_frequent_first(rules: relevance.Rules) -> None:
    items = [
        launch("A", "an AI tool"),
        launch("B", "a spreadsheet"),
        launch("C", "a calendar"),
        launch("D", "AI", when=datetime(2020, 1, 1, tzinfo=UTC)),
    ]
    result = relevance.apply(items, "hn-algolia", WINDOW, rules)
    assert [x.name for x in result.kept] == ["A"]
    assert result.reasons() == ((relevance.NOT_AI, 2), (relevance.OUTSIDE, 1))


def test_the_editor_can_tune_the_words() -> None:
    table = {"ai_words": ["robot"], "keep_undated": False}
    tuned = relevance.Rules.from_table(table)
    assert relevance.reason_to_drop(launch("R", "robots for kitchens"), "x", WINDOW, tuned) is None
    assert relevance.reason_to_drop(launch("S", "an AI"), "x", WINDOW, tuned) == relevance.NOT_AI
    assert relevance.reason_to_drop(launch("T", "robot", when=None), "x", WINDOW, tuned) == (
        relevance.UNDATED
    )
