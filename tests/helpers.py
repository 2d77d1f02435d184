"""Builders for tests: a small approved issue in the store, rendered through the real renderer."""

from __future__ import annotations

from datetime import date

from verdicts.build import compose
from verdicts.drafting import make_draft
from verdicts.models import Comparison, Price, PriceKind, Reviewer, Tool, ToolPanel, Verdict
from verdicts.store.subscribers import add_active
from verdicts.store.tools import upsert_tool
from verdicts.weeks import window_for

REVIEWERS = [Reviewer("builder", "Bea Builder", "builder"), Reviewer("buyer", "Bo Buyer", "buyer")]


def panel(tool: Tool, ships: tuple[bool, ...]) -> ToolPanel:
    verdicts = tuple(
        Verdict(
            r,
            tool.key,
            ship,
            f"{r.name} thinks {tool.name} is worth a look. More words.",
            date(2026, 7, 10),
            "Free",
        )
        for r, ship in zip(REVIEWERS, ships, strict=True)
    )
    return ToolPanel(tool, verdicts, Price(PriceKind.FREE, "Free"))


def comparison(a: Tool, b: Tool) -> Comparison:
    from verdicts.models import pair_key

    return Comparison(
        slug=f"{a.key}-vs-{b.key}",
        pair_key=pair_key(a.key, b.key),
        a=panel(a, (True, True)),
        b=panel(b, (True, False)),
        score=0.9,
        reason="both AI video editors",
    )


def drafted_issue(store, settings, week: str = "2026-W29", subscribers: int = 3):
    a = Tool("chatcut", "ChatCut", "https://chatcut.example", tagline="AI video editor")
    b = Tool("fablecut", "FableCut", "https://fablecut.example", tagline="Agent-driven editor")
    with store.transaction() as s:
        upsert_tool(s, a)
        upsert_tool(s, b)
        add_active(s, [f"reader{i}@example.com" for i in range(subscribers)], source="test")
    content = compose(week, [comparison(a, b)], [], window=window_for(week), launches_seen=2)
    return make_draft(store, content, settings, actor="test")
