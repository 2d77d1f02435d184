"""The web app in process: a real aiohttp server on 127.0.0.1 and a client that speaks HTTP to it."""

from __future__ import annotations

import email
import re
from collections.abc import AsyncIterator
from email import policy
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from verdicts.deliver.drain import send_issue
from verdicts.deliver.outbox import OutboxSender
from verdicts.deliver.transactional import outbox_messages
from verdicts.store.issues import approve, get_issue
from verdicts.web.app import create_app

from ..helpers import drafted_issue


@pytest.fixture(autouse=True)
def _no_email_screenshots(monkeypatch: pytest.MonkeyPatch) -> None:
    # Drafting an issue screenshots its email in Chromium for the editor (a browser start per
    # draft). That is the render tests' subject; here it would only make every test slow.
    monkeypatch.setattr("verdicts.render.screenshots.find_chromium", lambda: None)


@pytest.fixture
def app(settings, store):
    return create_app(settings, store)


@pytest.fixture
async def client(app) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(app, host="127.0.0.1")) as c:
        yield c


def csrf_of(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, "no CSRF field in the form"
    return m.group(1)


def mails(settings) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for p in outbox_messages(settings)
    ]


def link_in(msg, path: str) -> str:
    text = msg.get_body(("plain",)).get_content()
    m = re.search(rf"https?://\S+?{re.escape(path)}[A-Za-z0-9_.-]+", text)
    assert m, f"no {path} link in the message"
    return m.group(0)


def local(url: str) -> str:
    """The path of one of our absolute links, to request it from the test server."""
    return "/" + url.split("/", 3)[3]


async def subscribe(client: TestClient, address: str, **extra: str):
    form = await client.get("/subscribe")
    data = {"email": address, "csrf_token": csrf_of(await form.text()), **extra}
    return await client.post("/subscribe", data=data)


def sent_issue(store, settings, week: str = "2026-W29", subscribers: int = 2) -> Path:
    """A real issue, rendered, approved and sent through the outbox: state `sent`."""
    draft = drafted_issue(store, settings, week=week, subscribers=subscribers)
    with store.transaction() as s:
        approve(s, get_issue(s, week), editor="Ed", preflight_ok=True)
    send_issue(store, week, OutboxSender(settings.outbox_dir), settings)
    return draft.digest_dir
