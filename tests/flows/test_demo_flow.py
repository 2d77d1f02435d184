"""End to end through real components: the snapshot server on loopback, the polite fetcher, real
Prefect flow runs, the real store, renderer and outbox."""

import email
import json
import sqlite3
from email import policy

import pytest
from sqlalchemy import select

from verdicts.demo.run import DEMO_EDITOR, DEMO_WEEK, run_demo
from verdicts.store.issues import get_issue, history
from verdicts.store.schema import SourceRunRow

pytestmark = pytest.mark.prefect


def test_demo_runs_the_whole_week_through_prefect(prefect_harness, store, settings):
    lines: list[str] = []
    result = run_demo(say=lines.append)

    assert result.state == "sent" and result.sent == 3
    text = (result.digest_dir / "email.txt").read_text()
    assert "SmolLM3 vs Mistral 3.1" in text
    seed_block = text.split("SmolLM3 vs Mistral 3.1", 1)[1].split("Full comparison", 1)[0]
    assert "3/4 ship" in seed_block and "4/4 ship" in seed_block
    assert seed_block.count("Entry: Free") == 2 and seed_block.count("Community: —") == 2
    manifest = json.loads((result.digest_dir / "manifest.json").read_text())
    assert manifest["week"] == DEMO_WEEK

    messages = sorted(result.outbox_dir.glob("*.eml"))
    assert len(messages) == 3
    recipients = set()
    for path in messages:
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        recipients.add(msg["To"])
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert {p.get_content_type() for p in msg.iter_parts()} == {"text/plain", "text/html"}
    assert len(recipients) == 3

    with store.transaction() as s:
        issue = get_issue(s, DEMO_WEEK)
        states = [(e.to_state, e.actor) for e in history(s, issue)]
        health = {r.source: r for r in s.scalars(select(SourceRunRow))}
    assert ("approved", DEMO_EDITOR) in states and states[-1][0] == "sent"
    assert set(health) == {"hn-algolia", "producthunt-feed"}
    assert all(h.parsed > 0 and not h.errors for h in health.values())
    assert any(DEMO_EDITOR in line for line in lines)
    # The week's launch embeddings are kept for the next build (pairing/vector_cache.py).
    with sqlite3.connect(settings.embedding_cache) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] >= 40


def test_demo_can_stop_at_the_draft(prefect_harness, store, settings):
    result = run_demo(stop_at="draft", say=lambda _line: None)
    assert result.state == "draft"
    assert (result.digest_dir / "email.html").is_file()
    assert not result.outbox_dir.exists()
    with store.transaction() as s:
        assert get_issue(s, DEMO_WEEK).state == "draft"
