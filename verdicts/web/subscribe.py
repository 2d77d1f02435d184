"""Sign up with double opt-in: the form, the confirmation email, and the confirm link.

No account enumeration: the form answers the same page whatever the address's state. A new or
pending address gets a confirmation link; an active one gets a note that it is already
subscribed (with its preferences link); either way the page says "check your inbox".

The consent record (when, IP, user agent, form version and the exact text) travels inside the
signed confirmation link and is written when the person confirms, with the confirmation's time
and IP. A request for someone who left never overwrites the record of their earlier choice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiohttp import web
from sqlalchemy import select

from verdicts import links, tokens
from verdicts.deliver.base import Outcome
from verdicts.deliver.transactional import send_transactional
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.readers import ConsentRecord, confirm_subscription, request_subscription
from verdicts.store.schema import UsedTokenRow
from verdicts.store.subscribers import find_by_email, normalise_email
from verdicts.web.pages import (
    blocking,
    form_of,
    limited,
    message,
    page,
    render_text,
    settings_of,
    store_of,
)
from verdicts.web.security import (
    CSRF_FIELD,
    RateLimiter,
    check_csrf,
    check_same_origin,
    client_ip,
    csrf_token,
)

log = logging.getLogger(__name__)

FORM_VERSION = "subscribe-2026-11"
# The exact words beside the button, by form version. Change the words: add a version.
CONSENT_TEXTS = {
    FORM_VERSION: (
        "Send me Weekly AI Tool Verdicts, one email a week comparing new AI tools. "
        "I can unsubscribe from any issue in one click. My address is used for nothing else."
    ),
}
CONFIRM_TTL = 7 * links.DAY
UA_LIMIT = 300  # the user agent rides in the link: keep the URL short
HONEYPOT = "website"  # a field people never see and bots fill in

SUBSCRIBE_LIMITER = web.AppKey("subscribe_limiter", RateLimiter)
ADDRESS_LIMITER = web.AppKey("address_limiter", RateLimiter)
CONFIRM_LIMITER = web.AppKey("confirm_limiter", RateLimiter)


def confirm_url(settings: Settings, consent: ConsentRecord, email: str) -> str:
    data = {
        "email": email,
        "at": int(consent.at.timestamp()),
        "ip": consent.ip,
        "ua": consent.user_agent[:UA_LIMIT],
        "v": consent.form_version,
        "jti": tokens.new_token_id(),
    }
    t = tokens.sign(settings.secret_key.get_secret_value(), "confirm", data, ttl_s=CONFIRM_TTL)
    return f"{settings.base_url.rstrip('/')}/confirm/{t}"


def _consent_from(data: dict) -> ConsentRecord:
    version = str(data.get("v", ""))
    if version not in CONSENT_TEXTS:
        raise tokens.TokenError("this link is from a form we no longer use")
    return ConsentRecord(
        at=datetime.fromtimestamp(int(data["at"]), UTC),
        ip=str(data.get("ip", "")),
        user_agent=str(data.get("ua", "")),
        form_version=version,
        text=CONSENT_TEXTS[version],
    )


def _form(
    request: web.Request, *, email: str = "", error: str = "", status: int = 200
) -> web.Response:
    response = web.Response()
    secret = settings_of(request).secret_key.get_secret_value()
    return page(
        request,
        "subscribe.html.j2",
        status=status,
        response=response,
        email=email,
        error=error,
        csrf_field=CSRF_FIELD,
        csrf=csrf_token(request, response, secret),
        consent_text=CONSENT_TEXTS[FORM_VERSION],
        form_version=FORM_VERSION,
        honeypot=HONEYPOT,
    )


async def subscribe_form(request: web.Request) -> web.StreamResponse:
    return _form(request)


def _request_and_mail(settings: Settings, store: Store, email: str, consent: ConsentRecord) -> bool:
    """Store the request and send the right email; False when the sender failed."""
    with store.transaction() as s:
        kind, subscriber_id = request_subscription(s, email, consent)
    secret = settings.secret_key.get_secret_value()
    context = {"brand": settings.from_name, "postal_address": settings.postal_address}
    if kind == "already":
        context["preferences_url"] = links.preferences_url(settings.base_url, secret, subscriber_id)
        context["unsubscribe_url"] = links.unsubscribe_url(settings.base_url, secret, subscriber_id)
        subject = f"You are already subscribed to {settings.from_name}"
    else:
        context["confirm_url"] = confirm_url(settings, consent, email)
        subject = f"Confirm your subscription to {settings.from_name}"
    html = render_text(f"web/reader/email_{kind}.html.j2", **context)
    text = render_text(f"web/reader/email_{kind}.txt.j2", **context)
    result = send_transactional(settings, email, subject, html, text, kind=f"subscribe-{kind}")
    if result.outcome != Outcome.ACCEPTED:
        log.warning("subscription email not sent: %s %s", result.outcome, result.detail)
        return False
    return True


async def subscribe(request: web.Request) -> web.StreamResponse:
    refused = limited(request, request.app[SUBSCRIBE_LIMITER], "subscribe")
    if refused:
        return refused
    check_same_origin(request, settings_of(request))
    form = await form_of(request)
    settings = settings_of(request)
    raw = (form.get("email") or [""])[0].strip()[:320]
    try:
        check_csrf(
            request, (form.get(CSRF_FIELD) or [""])[0], settings.secret_key.get_secret_value()
        )
    except web.HTTPForbidden:
        return _form(
            request,
            email=raw,
            error="This form had expired. Please press Subscribe again.",
            status=403,
        )
    if not raw:
        return _form(request, error="Please enter your email address.", status=400)
    try:
        email = normalise_email(raw)
    except ValueError:
        return _form(
            request,
            email=raw,
            error=f"“{raw}” does not look like an email address. Check for typos (name@example.com).",
            status=400,
        )
    if (form.get(HONEYPOT) or [""])[0]:
        return page(request, "subscribe_sent.html.j2", email=email)  # a bot: same answer, no mail
    # The words the person read: those of the page they loaded, even if we changed them since.
    version = (form.get("form_version") or [""])[0]
    version = version if version in CONSENT_TEXTS else FORM_VERSION
    consent = ConsentRecord(
        at=datetime.now(UTC).replace(microsecond=0),
        ip=client_ip(request),
        user_agent=request.headers.get("User-Agent", "")[:500],
        form_version=version,
        text=CONSENT_TEXTS[version],
    )
    # One address gets a few mails an hour at most, whoever asks: the form cannot be used to
    # flood someone's inbox. Over the limit the answer is the same page, with no mail.
    if request.app[ADDRESS_LIMITER].allow(f"address:{email.lower()}"):
        sent = await blocking(_request_and_mail, settings, store_of(request), email, consent)
        if not sent:
            return message(
                request,
                "We could not send the email",
                "Our mail service did not take the message. Please try again in a few minutes.",
                status=503,
            )
    return page(request, "subscribe_sent.html.j2", email=email)


def _verify(request: web.Request) -> dict:
    secret = settings_of(request).secret_key.get_secret_value()
    return tokens.verify(secret, "confirm", request.match_info["token"])


def _bad_link(request: web.Request, exc: Exception) -> web.Response:
    return message(
        request,
        "This confirmation link does not work",
        f"The link is not valid: {exc}. Subscribe again to get a fresh one.",
        status=400,
    )


async def confirm_page(request: web.Request) -> web.StreamResponse:
    try:
        data = _verify(request)
        _consent_from(data)
    except (tokens.TokenError, KeyError, ValueError) as exc:
        return _bad_link(request, exc)
    return page(request, "confirm.html.j2", email=str(data["email"]))


def _confirm(store: Store, data: dict, consent: ConsentRecord, ip: str) -> str:
    """'confirmed', 'again' (link reused by someone already active) or 'used'."""
    with store.transaction() as s:
        if s.scalar(select(UsedTokenRow.id).where(UsedTokenRow.token_id == str(data["jti"]))):
            sub = find_by_email(s, str(data["email"]))
            return "again" if sub is not None and sub.status == "active" else "used"
        # Single use: an old confirmation link must not re-subscribe someone who since left.
        s.add(UsedTokenRow(token_id=str(data["jti"]), purpose="confirm"))
        confirm_subscription(s, str(data["email"]), consent, confirmed_ip=ip)
    return "confirmed"


async def confirm(request: web.Request) -> web.StreamResponse:
    refused = limited(request, request.app[CONFIRM_LIMITER], "confirm")
    if refused:
        return refused
    check_same_origin(request, settings_of(request))
    try:
        data = _verify(request)
        consent = _consent_from(data)
    except (tokens.TokenError, KeyError, ValueError) as exc:
        return _bad_link(request, exc)
    outcome = await blocking(_confirm, store_of(request), data, consent, client_ip(request))
    if outcome == "used":
        return message(
            request,
            "This link was already used",
            "Each confirmation link works once. Subscribe again to get a fresh one.",
            status=410,
        )
    return page(request, "confirmed.html.j2", email=str(data["email"]), again=outcome == "again")


def setup(app: web.Application) -> None:
    # Generous for people behind one office NAT, tight for a script: 5 at once, then 1 a minute.
    app[SUBSCRIBE_LIMITER] = RateLimiter(rate=1 / 60, burst=5)
    app[ADDRESS_LIMITER] = RateLimiter(rate=1 / 1200, burst=3)
    app[CONFIRM_LIMITER] = RateLimiter(rate=1 / 6, burst=20)
    app.router.add_get("/subscribe", subscribe_form)
    app.router.add_post("/subscribe", subscribe)
    app.router.add_get("/confirm/{token}", confirm_page)
    app.router.add_post("/confirm/{token}", confirm)
