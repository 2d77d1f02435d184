"""The real app on a free loopback port in a background thread, and Debian's Chromium to drive it."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web

from verdicts.settings import Settings, get_settings
from verdicts.store.db import Store, open_store
from verdicts.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Quiet and offline: these machines have no network, and Chromium would keep calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"


@dataclass
class LiveApp:
    url: str
    settings: Settings
    store: Store


@pytest.fixture(autouse=True)
def _no_email_screenshots(monkeypatch: pytest.MonkeyPatch) -> None:
    # Drafting screenshots the email for the editor; the render tests cover that, and one
    # browser at a time is enough for this journey.
    monkeypatch.setattr("verdicts.render.screenshots.find_chromium", lambda: None)


@pytest.fixture
def live_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveApp]:
    # Bind first, then build the settings: the links in emails must name the real port, and a
    # socket already bound cannot be taken by anyone else in between.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.setenv("VERDICTS_BASE_URL", url)
    get_settings.cache_clear()
    settings = get_settings()
    store = open_store(settings.sqlalchemy_url)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(create_app(settings, store), access_log=None)
    loop.run_until_complete(runner.setup())
    loop.run_until_complete(web.SockSite(runner, sock).start())
    thread = threading.Thread(target=loop.run_forever, name="live-app", daemon=True)
    thread.start()
    try:
        yield LiveApp(url, settings, store)
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()
