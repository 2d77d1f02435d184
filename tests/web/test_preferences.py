"""Preferences: the kinds of tools a reader wants first, stored and honoured by order_comparisons."""

from __future__ import annotations

import re

import pytest

from verdicts import links
from verdicts.models import Tool
from verdicts.preferences import KINDS, Preferences, kinds_of, order_comparisons
from verdicts.store.schema import SubscriberRow
from verdicts.store.subscribers import add_active, find_by_email

from ..helpers import comparison
from .conftest import local


@pytest.fixture
def reader(store) -> int:
    with store.transaction() as s:
        add_active(s, ["reader@example.com"], source="test")
        return find_by_email(s, "reader@example.com").id


def _path(settings, subscriber_id: int) -> str:
    secret = settings.secret_key.get_secret_value()
    return local(links.preferences_url(settings.base_url, secret, subscriber_id))


def _stored(store, subscriber_id: int) -> dict:
    with store.transaction() as s:
        return dict(s.get(SubscriberRow, subscriber_id).preferences)


async def test_page_lists_the_taxonomy_kinds_and_saves_a_choice(client, store, settings, reader):
    r = await client.get(_path(settings, reader))
    assert r.status == 200
    page = await r.text()
    assert len(re.findall(r'type="checkbox" name="kind"', page)) == len(KINDS) > 10
    assert "checked" not in page and _stored(store, reader) == {}
    r = await client.post(
        _path(settings, reader),
        data=[("kind", "code-editor"), ("kind", "tts"), ("kind", "<script>not-a-kind")],
    )
    assert r.status == 200
    page = await r.text()
    assert "Saved." in page and "<script>not-a-kind" not in page
    assert _stored(store, reader) == {"kinds": ["code-editor", "tts"], "version": 1}
    assert len(re.findall(r"checked", page)) == 2
    # Nothing ticked: back to the editor's order.
    await client.post(_path(settings, reader), data={})
    assert _stored(store, reader)["kinds"] == []


async def test_preferences_need_a_preferences_token(client, store, settings, reader) -> None:
    secret = settings.secret_key.get_secret_value()
    unsub = links.unsubscribe_url(settings.base_url, secret, reader).rsplit("/", 1)[1]
    r = await client.post(f"/preferences/{unsub}", data={"kind": "tts"})
    assert r.status == 400 and _stored(store, reader) == {}


def _tool(key: str, name: str, tagline: str) -> Tool:
    return Tool(key, name, f"https://{key}.example", tagline=tagline)


VIDEO = comparison(
    _tool("cut1", "CutOne", "AI video editor"), _tool("cut2", "CutTwo", "AI video editor")
)
CODE = comparison(
    _tool("ed1", "EdOne", "AI code editor for your repo"),
    _tool("ed2", "EdTwo", "an AI-first code editor"),
)
VOICE = comparison(
    _tool("tts1", "SayIt", "text-to-speech model with natural voices"),
    _tool("tts2", "Voicy", "open text-to-speech model"),
)


def test_the_comparisons_know_their_kinds() -> None:
    assert kinds_of(VIDEO) == {"video-editor"}
    assert kinds_of(CODE) == {"code-editor"}
    assert kinds_of(VOICE) == {"tts"}


def test_order_puts_wanted_kinds_first_and_keeps_everything() -> None:
    issue = (VIDEO, CODE, VOICE)
    assert order_comparisons(issue, Preferences(frozenset({"tts"}))) == (VOICE, VIDEO, CODE)
    assert order_comparisons(issue, {"kinds": ["tts", "code-editor"]}) == (CODE, VOICE, VIDEO)
    assert order_comparisons(issue, {"kinds": ["slides"]}) == issue
    assert order_comparisons(issue, None) == issue
    assert order_comparisons(issue, {"kinds": "tts"}) == issue  # a damaged record: no effect


def test_stored_preferences_drop_kinds_the_taxonomy_no_longer_has() -> None:
    prefs = Preferences.from_stored({"kinds": ["tts", "retired-kind", 7]})
    assert prefs.kinds == {"tts"}
    assert Preferences.from_form(["tts", "nope"]).to_stored() == {"kinds": ["tts"], "version": 1}


async def test_an_issues_reader_token_opens_and_saves_preferences(client, store, settings, reader):
    secret = settings.secret_key.get_secret_value()
    token = links.reader_token(secret, reader, "2026-W29")
    path = local(links.reader_preferences_url(settings.base_url, token))
    r = await client.get(path)
    assert r.status == 200 and "reader@example.com" in await r.text()
    r = await client.post(path, data=[("kind", "video-editor")])
    assert r.status == 200 and _stored(store, reader)["kinds"] == ["video-editor"]
    forged = links.reader_token("not-our-secret", reader, "2026-W29")
    r = await client.post(f"/preferences/{forged}", data=[("kind", "tts")])
    assert r.status == 400 and _stored(store, reader)["kinds"] == ["video-editor"]
