"""Sign-up with double opt-in: CSRF, validation, rate limits, no enumeration, the consent record."""

from __future__ import annotations

from sqlalchemy import select

from verdicts import tokens
from verdicts.store.schema import CounterRow, SubscriberRow
from verdicts.store.subscribers import add_active, export_csv, set_status
from verdicts.web.security import RateLimiter
from verdicts.web.subscribe import ADDRESS_LIMITER, CONSENT_TEXTS, FORM_VERSION, SUBSCRIBE_LIMITER

from .conftest import csrf_of, link_in, local, mails, subscribe


def _subscriber(store, address: str) -> SubscriberRow | None:
    with store.transaction() as s:
        return s.scalar(select(SubscriberRow).where(SubscriberRow.email == address))


async def test_form_sets_a_csrf_cookie_and_security_headers(client) -> None:
    r = await client.get("/subscribe")
    assert r.status == 200
    page = await r.text()
    assert csrf_of(page) and "verdicts_csrf" in r.cookies
    assert CONSENT_TEXTS[FORM_VERSION] in page
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["Referrer-Policy"] == "same-origin"
    assert r.headers["X-Frame-Options"] == "DENY"


async def test_subscribe_stores_pending_consent_and_mails_a_confirmation(client, store, settings):
    r = await subscribe(client, "Reader@Example.COM", form_version="not-a-version")
    assert r.status == 200
    assert "Check your inbox" in await r.text()
    sub = _subscriber(store, "Reader@example.com")  # domain lower-cased, local part kept
    assert sub is not None and sub.status == "pending"
    assert sub.consent_source == "web-form" and sub.consent_ip == "127.0.0.1"
    assert sub.consent_form_version == FORM_VERSION
    assert sub.consent_text == CONSENT_TEXTS[FORM_VERSION]
    assert "Python" in sub.consent_user_agent  # aiohttp's client names itself
    [msg] = mails(settings)
    assert msg["To"] == "Reader@example.com"
    assert "Confirm" in msg["Subject"]
    assert "List-Unsubscribe" not in msg  # not a list message yet
    assert link_in(msg, "/confirm/").startswith(settings.base_url)


async def test_missing_or_wrong_csrf_is_refused_and_stores_nothing(client, store, settings):
    r = await client.post("/subscribe", data={"email": "a@example.com"})
    assert r.status == 403
    assert "expired" in await r.text()
    await client.get("/subscribe")  # now the cookie exists, but the field is forged
    r = await client.post("/subscribe", data={"email": "a@example.com", "csrf_token": "x" * 32})
    assert r.status == 403
    assert _subscriber(store, "a@example.com") is None and mails(settings) == []


async def test_invalid_address_gets_a_clear_message_escaped(client, store, settings):
    r = await subscribe(client, "<b>not-an-address")
    assert r.status == 400
    page = await r.text()
    assert "does not look like an email address" in page
    assert "<b>not-an-address" not in page and "&lt;b&gt;not-an-address" in page
    r = await subscribe(client, "  ")
    assert r.status == 400 and "enter your email" in await r.text()
    assert mails(settings) == []


async def test_same_answer_whether_or_not_the_address_is_known(client, store, settings):
    with store.transaction() as s:
        add_active(s, ["known@example.com", "left@example.com"], source="test")
        set_status(s, "left@example.com", "unsubscribed")
    answers = []
    for address in ("new@example.com", "known@example.com", "left@example.com"):
        r = await subscribe(client, address)
        answers.append((r.status, (await r.text()).replace(address, "ADDRESS")))
    assert answers[0] == answers[1] == answers[2]
    # Behind the identical page: the known reader is told they are subscribed, the others
    # are asked to confirm; nobody's status changed.
    by_to = {m["To"]: m for m in mails(settings)}
    assert "already subscribed" in by_to["known@example.com"]["Subject"]
    assert "/preferences/" in link_in(by_to["known@example.com"], "/preferences/")
    assert "Confirm" in by_to["left@example.com"]["Subject"]
    assert _subscriber(store, "left@example.com").status == "unsubscribed"
    assert _subscriber(store, "known@example.com").status == "active"


async def test_subscribe_is_rate_limited_per_ip(app, client, settings) -> None:
    limiter: RateLimiter = app[SUBSCRIBE_LIMITER]
    statuses = [(await subscribe(client, f"r{i}@example.com")).status for i in range(7)]
    assert statuses[: limiter.burst] == [200] * limiter.burst
    assert statuses[limiter.burst :] == [429] * (7 - limiter.burst)
    assert len(mails(settings)) == limiter.burst


async def test_one_address_is_not_flooded_but_the_answer_is_the_same(app, client, settings):
    burst = app[ADDRESS_LIMITER].burst
    pages = [await (await subscribe(client, "victim@example.com")).text() for _ in range(burst + 1)]
    assert len(set(pages)) == 1
    assert len(mails(settings)) == burst


async def test_honeypot_gets_the_same_page_and_no_mail(client, store, settings) -> None:
    r = await subscribe(client, "bot@example.com", website="http://spam.example")
    assert r.status == 200 and "Check your inbox" in await r.text()
    assert mails(settings) == [] and _subscriber(store, "bot@example.com") is None


async def test_confirm_get_shows_a_button_and_post_confirms(client, store, settings) -> None:
    await subscribe(client, "reader@example.com")
    path = local(link_in(mails(settings)[0], "/confirm/"))
    r = await client.get(path)
    assert r.status == 200 and '<form method="post"' in await r.text()
    assert _subscriber(store, "reader@example.com").status == "pending"
    r = await client.post(path)
    assert r.status == 200 and "You are subscribed" in await r.text()
    sub = _subscriber(store, "reader@example.com")
    assert sub.status == "active" and sub.confirmed_ip == "127.0.0.1"
    assert sub.confirmed_at is not None and sub.consent_at <= sub.confirmed_at
    with store.transaction() as s:
        assert s.get(CounterRow, "subscribers.confirmed").value == 1
        export = "".join(export_csv(s))
    line = next(row for row in export.splitlines() if row.startswith("reader@example.com"))
    assert "web-form" in line and FORM_VERSION in line and "127.0.0.1" in line


async def test_confirm_link_works_once(client, store, settings) -> None:
    await subscribe(client, "reader@example.com")
    path = local(link_in(mails(settings)[0], "/confirm/"))
    assert (await client.post(path)).status == 200
    r = await client.post(path)  # a double click: still fine while they are subscribed
    assert r.status == 200 and "already confirmed" in await r.text()
    with store.transaction() as s:
        set_status(s, "reader@example.com", "unsubscribed")
    r = await client.post(path)  # an old link must not re-subscribe someone who left
    assert r.status == 410
    assert _subscriber(store, "reader@example.com").status == "unsubscribed"


async def test_forged_expired_and_wrong_scope_confirm_links_are_refused(client, store, settings):
    secret = settings.secret_key.get_secret_value()
    data = {"email": "x@example.com", "at": 1, "ip": "", "ua": "", "v": FORM_VERSION, "jti": "j"}
    expired = tokens.sign(secret, "confirm", data, ttl_s=-10)
    wrong_scope = tokens.sign(secret, "vote", data, ttl_s=600)
    forged = tokens.sign("another-secret", "confirm", data, ttl_s=600)
    for token, why in ((expired, "expired"), (wrong_scope, "not valid"), (forged, "not valid")):
        for method in (client.get, client.post):
            r = await method(f"/confirm/{token}")
            assert r.status == 400 and why in await r.text()
    assert _subscriber(store, "x@example.com") is None


async def test_cross_site_post_is_refused(client, settings) -> None:
    await subscribe(client, "reader@example.com")
    path = local(link_in(mails(settings)[0], "/confirm/"))
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        r = await client.post(path, headers=headers)
        assert r.status == 403
        assert r.headers["Content-Security-Policy"]  # refusals carry the headers too
    r = await client.post(path, headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"})
    assert r.status == 200
