"""The editor's review pages: GET shows, POST acts, and only a logged-in editor gets either.

/review/login            GET form, POST checks the password (rate limited), sets the session
/review/logout           POST ends the session
/review/{token}          GET: the issue's summary and the forms; POST: one action, which spends
                         the link (single use) and redirects to a fresh one
/review/{token}/preview  GET: the email as subscribers will see it

A POST needs the session cookie, the CSRF token bound to this browser, a same-site Origin (when
the browser sends one) and an unspent, unexpired, untampered link. Actions are the domain
functions in verdicts.review.actions, the same ones the CLI and the Prefect form use.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from aiohttp import web

from verdicts import tokens
from verdicts.lifecycle import TransitionError
from verdicts.review import auth
from verdicts.review import links as review_links
from verdicts.review.forms import act_on_form
from verdicts.review.schedule import local
from verdicts.review.summary import summarize
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import IssueNotFound
from verdicts.web.pages import form_of, limited, page, settings_of, store_of
from verdicts.web.security import RateLimiter, check_csrf, check_same_origin, csrf_token

LOGIN_LIMITER = web.AppKey("review_login_limiter", RateLimiter)
DONE = {
    "approve": "Approved. It goes out at the send slot; any change now needs a new approval.",
    "reject": "Rejected with your notes. The next draft of the week starts from them.",
    "edit": "Changed and re-rendered. Review it again: it needs your approval.",
    "drop": "Pair dropped and the issue re-rendered. It needs your approval.",
    "swap": "Pair swapped and the issue re-rendered. It needs your approval.",
    "resend": "Test copy sent again.",
    "skip": "Week skipped: nothing goes out.",
}


def _page(
    request: web.Request,
    template: str,
    *,
    status: int = 200,
    response: web.Response | None = None,
    **context: Any,
) -> web.Response:
    return page(request, template, status=status, response=response, folder="review", **context)


def _message(request: web.Request, title: str, body: str, status: int) -> web.Response:
    return _page(request, "message.html.j2", status=status, title=title, body=body)


def _safe_next(target: str) -> str:
    """Only our own review pages: never an open redirect to another site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/review/") or "\\" in target:
        return "/review/login"
    return parts.path


async def _run(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The store and senders block: keep them off the event loop."""
    return await asyncio.to_thread(functools.partial(func, *args, **kwargs))


async def login_form(request: web.Request) -> web.Response:
    response = web.Response()
    secret = settings_of(request).secret_key.get_secret_value()
    nxt = _safe_next(request.query.get("next", ""))
    return _page(
        request,
        "login.html.j2",
        response=response,
        csrf=csrf_token(request, response, secret),
        next=nxt,
        error="",
    )


async def login(request: web.Request) -> web.StreamResponse:
    settings = settings_of(request)
    secret = settings.secret_key.get_secret_value()
    form = {k: v[0] for k, v in (await form_of(request)).items()}
    check_same_origin(request, settings)
    check_csrf(request, form.get("csrf_token"), secret)
    refused = limited(request, request.app[LOGIN_LIMITER], "review-login")
    if refused is not None:
        return refused
    nxt = _safe_next(form.get("next", ""))
    editor = await _run(auth.check_login, settings, form.get("name", ""), form.get("password", ""))
    if editor is None:
        response = web.Response()
        token = csrf_token(request, response, secret)
        return _page(
            request,
            "login.html.j2",
            status=401,
            response=response,
            csrf=token,
            next=nxt,
            error="Wrong name or password.",
        )
    response = web.Response(status=303, headers={"Location": nxt})
    auth.set_session(response, request, settings, editor)
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    settings = settings_of(request)
    check_same_origin(request, settings)
    form = {k: v[0] for k, v in (await form_of(request)).items()}
    check_csrf(request, form.get("csrf_token"), settings.secret_key.get_secret_value())
    response = web.Response(status=303, headers={"Location": "/review/login"})
    auth.end_session(response)
    return response


def _link(
    request: web.Request, *, spend_check: bool = True
) -> review_links.ReviewLink | web.Response:
    """The request's review link, or the page that says why it cannot be used."""
    settings, store = settings_of(request), store_of(request)
    try:
        link = review_links.read_token(settings, request.match_info["token"])
    except tokens.TokenError as exc:
        return _message(
            request,
            "This review link cannot be used",
            f"{str(exc).capitalize()}. Use the link in the latest notice, or run `verdicts review WEEK --link`.",
            403,
        )
    if spend_check and review_links.was_used(store, link):
        return _message(
            request,
            "This review link was already used",
            "Each review link works for one action. The page you were sent to after it has a fresh one; or run `verdicts review WEEK --link`.",
            410,
        )
    return link


async def _signed_in_link(request: web.Request) -> Any:
    """The review link of a signed-in editor, or the page that says why not (login first)."""
    if auth.editor_of(settings_of(request), request) is None:
        raise web.HTTPSeeOther(f"/review/login?next={quote(request.path)}")
    return await _run(_link, request)


async def show(request: web.Request) -> web.StreamResponse:
    settings, store = settings_of(request), store_of(request)
    link = await _signed_in_link(request)
    if isinstance(link, web.Response):
        return link
    done = DONE.get(request.query.get("done", ""), "")
    return await _show(request, settings, store, link.week, request.match_info["token"], done=done)


async def _show(
    request: web.Request,
    settings: Settings,
    store: Store,
    week: str,
    token: str,
    *,
    done: str = "",
    error: str = "",
    status: int = 200,
) -> web.Response:
    try:
        summary = await _run(summarize, store, settings, week)
    except IssueNotFound:
        return _message(request, "No such issue", f"There is no issue for {week} any more.", 404)
    response = web.Response()
    csrf = csrf_token(request, response, settings.secret_key.get_secret_value())
    return _page(
        request,
        "page.html.j2",
        status=status,
        response=response,
        s=summary,
        token=token,
        csrf=csrf,
        editor=auth.editor_of(settings, request),
        slot=local(summary.send_slot, settings),
        cutoff=local(summary.cutoff, settings) if summary.cutoff else "",
        done=done,
        error=error,
    )


async def preview(request: web.Request) -> web.StreamResponse:
    settings, store = settings_of(request), store_of(request)
    link = await _signed_in_link(request)
    if isinstance(link, web.Response):
        return link
    summary = await _run(summarize, store, settings, link.week)
    try:
        html = await _run(summary.preview.read_text, "utf-8")
    except OSError:
        return _message(request, "No preview", "The issue's files are missing: redraft it.", 404)
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def act(request: web.Request) -> web.StreamResponse:
    settings, store = settings_of(request), store_of(request)
    editor = auth.editor_of(settings, request)
    if editor is None:
        return _message(
            request, "Log in first", "Only a logged-in editor can act on an issue.", 403
        )
    check_same_origin(request, settings)
    form = {k: v[0] for k, v in (await form_of(request)).items()}
    check_csrf(request, form.get("csrf_token"), settings.secret_key.get_secret_value())
    link = await _run(_link, request, spend_check=False)
    if isinstance(link, web.Response):
        return link
    try:
        await _run(review_links.spend, store, link)
    except tokens.TokenError:
        return _message(
            request,
            "This review link was already used",
            "Each review link works for one action. Nothing was done.",
            410,
        )
    fresh = review_links.review_token(settings, link.week)  # the spent link's successor
    try:
        await _run(act_on_form, store, settings, link.week, editor, form)
    except (TransitionError, ValueError, LookupError) as exc:
        return await _show(request, settings, store, link.week, fresh, error=str(exc), status=409)
    raise web.HTTPSeeOther(f"/review/{fresh}?done={quote(form.get('action', ''))}")


def setup(app: web.Application) -> None:
    app[LOGIN_LIMITER] = RateLimiter(rate=0.2, burst=5)  # a few tries, then one every 5 s
    app.router.add_get("/review/login", login_form)
    app.router.add_post("/review/login", login)
    app.router.add_post("/review/logout", logout)
    app.router.add_get("/review/{token}", show)
    app.router.add_post("/review/{token}", act)
    app.router.add_get("/review/{token}/preview", preview)
