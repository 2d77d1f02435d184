"""RFC 8058 one-click unsubscribe: POST without cookies works and answers 200; GET changes nothing."""

from __future__ import annotations

import pytest

from verdicts import links, tokens
from verdicts.store.readers import erase
from verdicts.store.schema import SubscriberRow
from verdicts.store.subscribers import add_active, find_by_email, set_status

from .conftest import local


@pytest.fixture
def reader(store) -> int:
    with store.transaction() as s:
        add_active(s, ["reader@example.com"], source="test")
        return find_by_email(s, "reader@example.com").id


def _status(store, subscriber_id: int) -> str:
    with store.transaction() as s:
        return s.get(SubscriberRow, subscriber_id).status


@pytest.fixture(params=["issue", "single"])
def link_kind(request) -> str:
    """An issue's reader-token link, or a single-purpose one (confirmation mail, older mail)."""
    return request.param


def _url(settings, subscriber_id: int, kind: str = "issue") -> str:
    secret = settings.secret_key.get_secret_value()
    if kind == "issue":
        token = links.reader_token(secret, subscriber_id, "2026-W29")
        return links.reader_unsubscribe_url(settings.base_url, token)
    return links.unsubscribe_url(settings.base_url, secret, subscriber_id)


async def test_one_click_post_without_cookies_unsubscribes_with_200(
    client, store, settings, reader, link_kind
):
    client.session.cookie_jar.clear()
    r = await client.post(
        local(_url(settings, reader, link_kind)),
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
    )
    assert r.status == 200
    assert "Set-Cookie" not in r.headers and "Location" not in r.headers
    assert "You are unsubscribed" in await r.text()
    assert _status(store, reader) == "unsubscribed"
    # Providers retry; a second POST is just as fine and changes nothing more.
    r = await client.post(
        local(_url(settings, reader, link_kind)), data="List-Unsubscribe=One-Click"
    )
    assert r.status == 200 and _status(store, reader) == "unsubscribed"


async def test_multipart_one_click_body_works_too(
    client, store, settings, reader, link_kind
) -> None:
    import aiohttp

    form = aiohttp.FormData({"List-Unsubscribe": "One-Click"})
    form._is_multipart = True  # some providers post multipart/form-data
    r = await client.post(local(_url(settings, reader, link_kind)), data=form)
    assert r.status == 200 and _status(store, reader) == "unsubscribed"


async def test_get_shows_a_button_and_changes_nothing(
    client, store, settings, reader, link_kind
) -> None:
    for _ in range(3):  # a link scanner may fetch it several times
        r = await client.get(local(_url(settings, reader, link_kind)))
        assert r.status == 200
        page = await r.text()
        assert 'name="List-Unsubscribe" value="One-Click"' in page and "reader@example.com" in page
    assert _status(store, reader) == "active"


async def test_forged_expired_and_other_scope_tokens_change_nothing(
    client, store, settings, reader
):
    secret = settings.secret_key.get_secret_value()
    bad = {
        "expired": tokens.sign(secret, "unsubscribe", {"sub": reader}, ttl_s=-5),
        "not valid": tokens.sign(secret, "preferences", {"sub": reader}, ttl_s=600),
        "altered": tokens.sign("not-our-secret", "unsubscribe", {"sub": reader}, ttl_s=600),
        "malformed": "garbage",
        "expired ": links.reader_token(secret, reader, "2026-W29", now=0),
        "altered ": links.reader_token("not-our-secret", reader, "2026-W29"),
    }
    for why, token in bad.items():
        r = await client.post(f"/unsubscribe/{token}", data="List-Unsubscribe=One-Click")
        assert r.status == 400, why
        if why != "not valid":
            assert why.strip() in (await r.text()).lower()
    r = await client.post(f"/unsubscribe/{bad['malformed']}.x")
    assert r.status == 400
    assert _status(store, reader) == "active"


async def test_a_complaint_stays_on_record(client, store, settings, reader, link_kind) -> None:
    with store.transaction() as s:
        set_status(s, "reader@example.com", "complained")
    r = await client.post(
        local(_url(settings, reader, link_kind)), data="List-Unsubscribe=One-Click"
    )
    assert r.status == 200 and _status(store, reader) == "complained"


async def test_erased_subscriber_link_still_answers_200(
    client, store, settings, reader, link_kind
) -> None:
    url = _url(settings, reader, link_kind)
    with store.transaction() as s:
        erase(s, "reader@example.com")
    r = await client.post(local(url), data="List-Unsubscribe=One-Click")
    assert r.status == 200 and "not on our list" in await r.text()
    r = await client.get(local(url))
    assert r.status == 410
