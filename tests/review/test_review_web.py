"""The review pages through the real aiohttp app on 127.0.0.1: login, single-use links, CSRF."""

from __future__ import annotations

import json
import re
import time

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr

from verdicts import tokens
from verdicts.review import auth
from verdicts.review.links import review_token
from verdicts.settings import get_settings
from verdicts.store.issues import get_issue, history
from verdicts.web.app import create_app

from .conftest import PASSWORD, WEEK

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ACTION = re.compile(r'action="/review/([^"/]+)"')


@pytest.fixture
def editor_settings(monkeypatch):
    monkeypatch.setenv(
        "VERDICTS_EDITOR_ACCOUNTS", json.dumps({"Dana": auth.hash_password(PASSWORD)})
    )
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture
async def client(editor_settings, store):
    app = create_app(editor_settings, store)
    async with TestClient(TestServer(app, host="127.0.0.1")) as c:
        yield c


async def login(client, name="Dana", password=PASSWORD, next_="/review/x"):
    page = await client.get("/review/login")
    csrf = CSRF.search(await page.text()).group(1)
    return await client.post(
        "/review/login",
        data={"name": name, "password": password, "csrf_token": csrf, "next": next_},
        allow_redirects=False,
    )


async def open_page(client, token):
    page = await client.get(f"/review/{token}")
    text = await page.text()
    return page, text, CSRF.search(text).group(1) if page.status == 200 else ""


def _state(store):
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        return issue.state, [(e.to_state, e.actor, e.notes) for e in history(s, issue)]


async def test_no_login_no_page_and_no_action(client, drafted, editor_settings, store):
    token = review_token(editor_settings, WEEK)
    page = await client.get(f"/review/{token}", allow_redirects=False)
    assert page.status == 303 and page.headers["Location"].startswith("/review/login?next=/review/")
    post = await client.post(f"/review/{token}", data={"action": "approve"})
    assert post.status == 403
    assert _state(store)[0] == "draft"


async def test_wrong_password_is_refused_and_session_cookie_is_strict(client, editor_settings):
    bad = await login(client, password="not the password at all")
    assert bad.status == 401 and "Wrong name or password" in await bad.text()
    unknown = await login(client, name="Mallory")
    assert unknown.status == 401
    good = await login(client, next_="https://evil.example/review/x")
    assert good.status == 303 and good.headers["Location"] == "/review/login"  # no open redirect
    cookie = good.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/review" in cookie


async def test_approve_through_the_page_spends_the_link(client, drafted, editor_settings, store):
    token = review_token(editor_settings, WEEK)
    assert (await login(client, next_=f"/review/{token}")).headers["Location"] == f"/review/{token}"
    page, text, csrf = await open_page(client, token)
    assert page.status == 200 and "ChatCut vs FableCut" in text and "Notely vs Memo AI" in text
    assert page.headers["Cache-Control"] == "no-store"
    again, _, _ = await open_page(client, token)  # a GET (or a mail scanner) spends nothing
    assert again.status == 200
    done = await client.post(
        f"/review/{token}",
        data={"csrf_token": csrf, "action": "approve", "content_hash": drafted.content_hash},
        allow_redirects=False,
    )
    assert done.status == 303
    fresh = done.headers["Location"].split("/review/")[1].split("?")[0]
    assert fresh != token
    state, events = _state(store)
    assert state == "approved" and events[-1][:2] == ("approved", "Dana")
    # Replayed link: shows nothing and does nothing.
    replay_get, _, _ = await open_page(client, token)
    assert replay_get.status == 410
    replay = await client.post(
        f"/review/{token}", data={"csrf_token": csrf, "action": "reject", "notes": "x"}
    )
    assert replay.status == 410 and _state(store)[0] == "approved"
    # The fresh link shows the approved issue; a second approval is refused on it.
    page, text, csrf = await open_page(client, fresh)
    assert "approved by Dana" in text
    second = await client.post(
        f"/review/{fresh}",
        data={"csrf_token": csrf, "action": "approve", "content_hash": drafted.content_hash},
    )
    assert second.status == 409 and "already approved by Dana" in await second.text()


async def test_forged_and_expired_links_are_refused(client, drafted, editor_settings, store):
    await login(client)
    token = review_token(editor_settings, WEEK)
    body, mac = token.split(".")
    forged = f"{body}.{'A' * len(mac)}"
    assert (await client.get(f"/review/{forged}")).status == 403
    other_scope = review_token(
        editor_settings.model_copy(update={"secret_key": SecretStr("another")}), WEEK
    )
    assert (await client.get(f"/review/{other_scope}")).status == 403
    vote = tokens.sign(
        "test-secret-key-not-for-production", "vote", {"week": WEEK, "jti": "j"}, ttl_s=600
    )
    assert (await client.get(f"/review/{vote}")).status == 403  # another scope's token
    expired = review_token(editor_settings, WEEK, now=time.time() - 10 * 86_400)
    page = await client.get(f"/review/{expired}")
    assert page.status == 403 and "expired" in await page.text()
    post = await client.post(f"/review/{expired}", data={"action": "approve"})
    assert post.status == 403
    assert _state(store)[0] == "draft"


async def test_post_without_csrf_or_from_another_site_is_refused(
    client, drafted, editor_settings, store
):
    token = review_token(editor_settings, WEEK)
    await login(client)
    _, _, csrf = await open_page(client, token)
    no_csrf = await client.post(
        f"/review/{token}", data={"action": "approve", "content_hash": drafted.content_hash}
    )
    assert no_csrf.status == 403
    cross = await client.post(
        f"/review/{token}",
        data={"csrf_token": csrf, "action": "approve", "content_hash": drafted.content_hash},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status == 403
    assert _state(store)[0] == "draft"
    # Refusals before the link is checked do not spend it.
    page, _, _ = await open_page(client, token)
    assert page.status == 200


async def test_edit_drop_and_reject_from_the_page(client, drafted, editor_settings, store):
    token = review_token(editor_settings, WEEK)
    await login(client)
    _, _, csrf = await open_page(client, token)
    edited = await client.post(
        f"/review/{token}",
        data={
            "csrf_token": csrf,
            "action": "edit",
            "subject": "Two <b>editors</b>",
            "intro": drafted_intro(store),
        },
    )
    text = await edited.text()
    assert edited.status == 200 and "Changed and re-rendered" in text
    assert "Two &lt;b&gt;editors&lt;/b&gt;" in text  # escaped on the page
    token = ACTION.findall(text)[-1]
    csrf = CSRF.search(text).group(1)
    assert 'name="never" value="1"' in text  # "not comparable: never pair them again"
    dropped = await client.post(
        f"/review/{token}",
        data={"csrf_token": csrf, "action": "drop", "pair": "codepal--vs--devmate", "never": "1"},
    )
    text = await dropped.text()
    assert (
        "CodePal vs DevMate"
        not in text.split("Awaiting the panel")[0].split("Pairs in the issue")[1]
    )
    token, csrf = ACTION.findall(text)[-1], CSRF.search(text).group(1)
    rejected = await client.post(
        f"/review/{token}",
        data={"csrf_token": csrf, "action": "reject", "notes": "needs a stronger lead"},
    )
    assert rejected.status == 200
    state, events = _state(store)
    assert state == "rejected" and events[-1] == ("rejected", "Dana", "needs a stronger lead")
    assert [e[2] for e in events if e[0] == "in_review"] == [
        "edited subject",
        "dropped codepal--vs--devmate (never to be paired again)",
    ]


def drafted_intro(store):
    with store.transaction() as s:
        return get_issue(s, WEEK).intro


async def test_preview_shows_the_email_to_a_logged_in_editor(client, drafted, editor_settings):
    token = review_token(editor_settings, WEEK)
    assert (await client.get(f"/review/{token}/preview", allow_redirects=False)).status == 303
    await login(client)
    page = await client.get(f"/review/{token}/preview")
    assert page.status == 200 and "ChatCut" in await page.text()


async def test_a_forged_session_cookie_is_no_login(client, drafted, editor_settings):
    token = review_token(editor_settings, WEEK)
    other = editor_settings.model_copy(update={"secret_key": SecretStr("stolen-elsewhere")})
    client.session.cookie_jar.update_cookies(
        {auth.SESSION_COOKIE: auth.session_token(other, "Dana")}
    )
    page = await client.get(f"/review/{token}", allow_redirects=False)
    assert page.status == 303 and "/review/login" in page.headers["Location"]
    # The same cookie signed with the real secret does log in: the refusal above was the forgery.
    real = auth.session_token(editor_settings, "Dana")
    client.session.cookie_jar.update_cookies({auth.SESSION_COOKIE: real})
    assert (await client.get(f"/review/{token}", allow_redirects=False)).status == 200
