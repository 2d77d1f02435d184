"""`verdicts demo`: one whole weekly cycle on embedded defaults, as a real Prefect flow run.

The bundled real snapshots are served on 127.0.0.1 and every source URL is rebased onto that
server, so the scrapers, the polite fetcher and the parsers do exactly what they do in production.
The demo replays the week the snapshots were taken (2026-W29), with the panel file beside this
module, an editor approval recorded as a named demo editor, and the outbox sender.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from verdicts.settings import Settings, get_settings

DEMO_WEEK = "2026-W29"
DEMO_SOURCES = ["hn-algolia", "producthunt-feed"]
DEMO_EDITOR = "Dana Editor (demo editor)"
DEMO_SUBSCRIBERS = ("reader.one@example.com", "reader.two@example.com", "reader.three@example.com")
PANEL_FILE = Path(__file__).with_name("panel.yaml")
SEED_PAIR = ("SmolLM3", "Mistral 3.1")


@dataclass(frozen=True, slots=True)
class DemoResult:
    week: str
    digest_dir: Path
    outbox_dir: Path
    sent: int
    state: str


@contextmanager
def snapshot_server() -> Iterator[str]:
    """Serve the bundled snapshots on an ephemeral loopback port in a background thread."""
    from aiohttp import web

    from scrapers.testing import make_snapshot_app

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, Any] = {}

    async def start() -> None:
        runner = web.AppRunner(make_snapshot_app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        holder["runner"] = runner
        holder["port"] = runner.addresses[0][1]
        ready.set()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=serve, name="snapshot-server", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the snapshot server did not start")
    try:
        yield f"http://127.0.0.1:{holder['port']}"
    finally:
        runner = holder["runner"]
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def _reset_week(settings: Settings, week: str) -> None:
    """The demo replays one week: forget its previous run (issue, ledger, outbox, pins, files)."""
    from verdicts.store.db import open_store
    from verdicts.store.schema import DeliveryRow, IssueRow, PinRow

    store = open_store(settings.sqlalchemy_url)
    with store.transaction() as s:
        issue = s.scalar(select(IssueRow).where(IssueRow.week == week))
        if issue is not None:
            s.execute(delete(DeliveryRow).where(DeliveryRow.issue_id == issue.id))
            s.delete(issue)
        s.execute(delete(PinRow).where(PinRow.week == week))
    shutil.rmtree(settings.outbox_dir / week, ignore_errors=True)
    shutil.rmtree(settings.digests_dir / week, ignore_errors=True)


def run_demo(*, stop_at: str | None = None, say: Callable[[str], object] = print) -> DemoResult:
    from flows.send import send_flow
    from flows.weekly import weekly_build
    from verdicts.build import pin_pair
    from verdicts.cli.report import print_build
    from verdicts.panel.load import load_panel_file
    from verdicts.store.db import open_store
    from verdicts.store.issues import approve, get_issue
    from verdicts.store.panel import import_panel
    from verdicts.store.subscribers import add_active

    started = time.perf_counter()
    with snapshot_server() as origin:
        os.environ["VERDICTS_SOURCE_REBASE"] = origin
        get_settings.cache_clear()
        settings = get_settings()
        say(f"demo: bundled snapshots served at {origin}; store {settings.sqlalchemy_url}")
        store = open_store(settings.sqlalchemy_url)
        _reset_week(settings, DEMO_WEEK)
        panel = load_panel_file(PANEL_FILE)
        with store.transaction() as s:
            report = import_panel(s, panel)
            added = add_active(s, DEMO_SUBSCRIBERS, source="demo")
        say(
            f"panel: {report.reviewers} reviewers, {report.verdicts_added + report.verdicts_updated} "
            f"verdicts from {PANEL_FILE.name}; subscribers: {added} demo readers added"
        )
        pin_pair(store, DEMO_WEEK, *SEED_PAIR, editor=DEMO_EDITOR)
        say(f"editor pinned the seed comparison: {SEED_PAIR[0]} vs {SEED_PAIR[1]}")
        summary = asyncio.run(weekly_build(week=DEMO_WEEK, sources=DEMO_SOURCES))
        print_build(summary)
    assert summary.draft is not None
    digest_dir = summary.draft.digest_dir
    if stop_at == "draft":
        say(f"stopped after the draft: review {digest_dir / 'email.html'}")
        return DemoResult(DEMO_WEEK, digest_dir, settings.outbox_dir / DEMO_WEEK, 0, "draft")
    with store.transaction() as s:
        issue = get_issue(s, DEMO_WEEK)
        approve(
            s,
            issue,
            editor=DEMO_EDITOR,
            notes="approved by the demo",
            preflight_ok=summary.draft.preflight_ok,
        )
    say(f"  approve {DEMO_WEEK} approved by {DEMO_EDITOR}")
    send_report = send_flow(week=DEMO_WEEK, actor=DEMO_EDITOR)
    outbox = settings.outbox_dir / DEMO_WEEK
    say(f"  send    {send_report.sent_now} messages via {send_report.sender} -> {outbox}")
    with store.transaction() as s:
        state = get_issue(s, DEMO_WEEK).state
    say("")
    say(f"done in {time.perf_counter() - started:.0f} s. Week {DEMO_WEEK} is {state}. Look at:")
    say(f"  email (HTML)  {digest_dir / 'email.html'}")
    say(f"  email (text)  {digest_dir / 'email.txt'}")
    say(f"  web page      {digest_dir / 'index.html'}")
    say(f"  outbox        {outbox}/*.eml")
    say("  issues        .venv/bin/verdicts status")
    return DemoResult(DEMO_WEEK, digest_dir, outbox, send_report.sent_now, state)
