"""A week's issue with its panel in the store (so a re-render finds the verdicts), and the
review pages served in process on 127.0.0.1 with an editor account."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from verdicts.attach import attach
from verdicts.build import compose
from verdicts.drafting import make_draft
from verdicts.models import Pair, Tool
from verdicts.store.panel import verdicts_by_tool
from verdicts.store.schema import ReviewerRow, ToolRow, VerdictRow
from verdicts.store.subscribers import add_active
from verdicts.store.tools import upsert_tool
from verdicts.weeks import window_for

WEEK = "2026-W29"
PASSWORD = "correct horse battery staple"
TOOLS = [
    Tool("chatcut", "ChatCut", "https://chatcut.example", tagline="AI video editor"),
    Tool("fablecut", "FableCut", "https://fablecut.example", tagline="Agent video editor"),
    Tool("codepal", "CodePal", "https://codepal.example", tagline="AI pair programmer"),
    Tool("devmate", "DevMate", "https://devmate.example", tagline="AI coding assistant"),
    Tool("notely", "Notely", "https://notely.example", tagline="AI meeting notes"),
    Tool("memo-ai", "Memo AI", "https://memo.example", tagline="AI note taker"),
]
PAIRS = [("chatcut", "fablecut"), ("codepal", "devmate")]
AWAITING = ("notely", "memo-ai")  # verdicts only for notely: waits for the panel


def store_panel(store) -> None:
    with store.transaction() as s:
        for t in TOOLS:
            upsert_tool(s, t)
        reviewers = [
            ReviewerRow(key=k, name=n, position=i)
            for i, (k, n) in enumerate([("builder", "Bea Builder"), ("buyer", "Bo Buyer")])
        ]
        s.add_all(reviewers)
        s.flush()
        ids = dict(s.execute(select(ToolRow.key, ToolRow.id)).all())
        for key in [k for pair in PAIRS for k in pair] + ["notely"]:
            for r in reviewers:
                s.add(
                    VerdictRow(
                        reviewer_id=r.id,
                        tool_id=ids[key],
                        ship=r.key == "builder",
                        paragraph=f"{r.name} on {key}: worth a look for small teams. More.",
                        judged_on=date(2026, 7, 10),
                        price_judged="Free",
                    )
                )
        add_active(s, ["reader0@example.com", "reader1@example.com"], source="test")


def draft_week(store, settings, week: str = WEEK):
    """The build's compose + make_draft over pairs whose verdicts are in the store."""
    by_key = {t.key: t for t in TOOLS}
    with store.transaction() as s:
        verdicts = verdicts_by_tool(s, by_key)
    comps = [attach(Pair(by_key[a], by_key[b], 0.9, "same job"), verdicts) for a, b in PAIRS]
    waiting = [Pair(by_key[AWAITING[0]], by_key[AWAITING[1]], 0.8, "both note takers")]
    content = compose(
        week, [c for c in comps if c], waiting, window=window_for(week), launches_seen=7
    )
    return make_draft(store, content, settings, actor="weekly-build")


@pytest.fixture(autouse=True)
def _no_screenshots(monkeypatch: pytest.MonkeyPatch) -> None:
    # make_draft screenshots every draft in Chromium (~5 s); these tests re-render often and
    # are about the review, not the pictures (tests/render covers those).
    monkeypatch.setattr("verdicts.render.screenshots.take_screenshots", lambda *a, **k: [])


@pytest.fixture
def drafted(store, settings):
    store_panel(store)
    return draft_week(store, settings)
