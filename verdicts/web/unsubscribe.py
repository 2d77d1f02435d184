"""One-click unsubscribe (RFC 8058) and the reader's preferences, both behind signed links.

The List-Unsubscribe URL takes a POST whose body is `List-Unsubscribe=One-Click`, sent by the
mail provider with no cookies and no human: it unsubscribes and answers 200, never a redirect.
A GET (a person, or a link scanner) shows a page with a button and changes nothing. The link's
signed, scoped token is the authority, so these forms need no CSRF cookie.

Both pages take the issue's reader token (scope "reader", verdicts.links: one token per
recipient carries their votes, unsubscribe and preferences links) and the single-purpose
"unsubscribe" / "preferences" tokens of older mail and of the confirmation email.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from verdicts import links, tokens
from verdicts.preferences import KINDS, Preferences
from verdicts.store.db import Store
from verdicts.store.readers import set_preferences, unsubscribe_id
from verdicts.store.schema import SubscriberRow
from verdicts.web.pages import blocking, form_of, message, page, settings_of, store_of
from verdicts.web.security import check_same_origin


def _subscriber_id(request: web.Request, scope: str) -> int:
    secret = settings_of(request).secret_key.get_secret_value()
    token = request.match_info["token"]
    try:
        return links.read_reader_token(secret, token).subscriber_id
    except tokens.SignatureError:
        pass  # not a reader token: an older single-purpose link, or a bad one (said below)
    data = tokens.verify(secret, scope, token)
    sub = data.get("sub")
    if not isinstance(sub, int) or isinstance(sub, bool):
        raise tokens.TokenError("malformed link")
    return sub


def _bad_link(request: web.Request, exc: Exception) -> web.Response:
    return message(request, "This link does not work", f"{str(exc).capitalize()}.", status=400)


def _gone(request: web.Request) -> web.Response:
    return message(
        request,
        "We have no subscription for this link",
        "The address was removed from our list. There is nothing more to do.",
        status=410,
    )


def _load(store: Store, subscriber_id: int) -> dict[str, Any] | None:
    with store.transaction() as s:
        sub = s.get(SubscriberRow, subscriber_id)
        if sub is None:
            return None
        return {"email": sub.email, "status": sub.status, "preferences": dict(sub.preferences)}


async def unsubscribe_page(request: web.Request) -> web.StreamResponse:
    try:
        subscriber_id = _subscriber_id(request, "unsubscribe")
    except tokens.TokenError as exc:
        return _bad_link(request, exc)
    sub = await blocking(_load, store_of(request), subscriber_id)
    if sub is None:
        return _gone(request)
    return page(request, "unsubscribe.html.j2", email=sub["email"], status_now=sub["status"])


def _unsubscribe(store: Store, subscriber_id: int) -> str | None:
    with store.transaction() as s:
        sub = unsubscribe_id(s, subscriber_id)
        return None if sub is None else sub.email


async def unsubscribe(request: web.Request) -> web.StreamResponse:
    # RFC 8058: no cookie, no CSRF token, no redirect; any valid POST to the link unsubscribes
    # (the body should be List-Unsubscribe=One-Click; being stricter would only fail people).
    try:
        subscriber_id = _subscriber_id(request, "unsubscribe")
    except tokens.TokenError as exc:
        return _bad_link(request, exc)
    await request.read()  # drain the body; its content does not change the outcome
    email = await blocking(_unsubscribe, store_of(request), subscriber_id)
    return page(request, "unsubscribed.html.j2", email=email, gone=email is None)


def _preferences_page(
    request: web.Request, sub: dict[str, Any], *, saved: bool = False
) -> web.Response:
    settings = settings_of(request)
    chosen = Preferences.from_stored(sub["preferences"]).kinds
    subscriber_id = sub["id"]
    unsubscribe_path = links.unsubscribe_url(
        "", settings.secret_key.get_secret_value(), subscriber_id
    )
    return page(
        request,
        "preferences.html.j2",
        email=sub["email"],
        status_now=sub["status"],
        kinds=KINDS,
        chosen=chosen,
        saved=saved,
        unsubscribe=unsubscribe_path,
    )


async def preferences_page(request: web.Request) -> web.StreamResponse:
    try:
        subscriber_id = _subscriber_id(request, "preferences")
    except tokens.TokenError as exc:
        return _bad_link(request, exc)
    sub = await blocking(_load, store_of(request), subscriber_id)
    if sub is None:
        return _gone(request)
    return _preferences_page(request, {**sub, "id": subscriber_id})


def _save(store: Store, subscriber_id: int, prefs: Preferences) -> dict[str, Any] | None:
    with store.transaction() as s:
        sub = set_preferences(s, subscriber_id, prefs.to_stored())
        if sub is None:
            return None
        return {"email": sub.email, "status": sub.status, "preferences": dict(sub.preferences)}


async def save_preferences(request: web.Request) -> web.StreamResponse:
    check_same_origin(request, settings_of(request))
    try:
        subscriber_id = _subscriber_id(request, "preferences")
    except tokens.TokenError as exc:
        return _bad_link(request, exc)
    form = await form_of(request)
    prefs = Preferences.from_form(form.get("kind", []))
    sub = await blocking(_save, store_of(request), subscriber_id, prefs)
    if sub is None:
        return _gone(request)
    return _preferences_page(request, {**sub, "id": subscriber_id}, saved=True)


def setup(app: web.Application) -> None:
    app.router.add_get("/unsubscribe/{token}", unsubscribe_page)
    app.router.add_post("/unsubscribe/{token}", unsubscribe)
    app.router.add_get("/preferences/{token}", preferences_page)
    app.router.add_post("/preferences/{token}", save_preferences)
