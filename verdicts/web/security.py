"""Web security shared by every page: headers, CSRF for cookie-backed forms, and rate limits.

Links in emails carry their own signed capability token, so a one-click unsubscribe POST
(RFC 8058: no cookies, no redirects) needs no CSRF token; forms that rely on a cookie (the
editor's session, the subscribe form) do.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web

from verdicts.settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
CSRF_COOKIE = "verdicts_csrf"
CSRF_FIELD = "csrf_token"


def _harden(headers: MutableMapping[str, str], settings: Settings) -> None:
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    # Links carry tokens in their path: never leak them to another site in a Referer.
    # ("no-referrer" would also make Chromium send "Origin: null" on our own form POSTs.)
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cache-Control", "no-store")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if settings.base_url.startswith("https://"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def security_middlewares(settings: Settings) -> list[Callable[..., Awaitable[web.StreamResponse]]]:
    @web.middleware
    async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:  # refusals (403, 404, 429...) get the headers too
            _harden(exc.headers, settings)
            raise
        _harden(response.headers, settings)
        return response

    return [headers]


def check_same_origin(request: web.Request, settings: Settings) -> None:
    """Refuse a form POST that the browser says came from another site.

    Browsers label every request with Sec-Fetch-Site and send Origin on POSTs; a page elsewhere
    can forge neither. Without them (mail clients, scripts) nothing is proven either way, and
    the signed token in the URL (or the CSRF token) is what authorises.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise web.HTTPForbidden(text="This form was sent from another site.")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":  # "null": a privacy mode hid it, not proof of harm
        return
    allowed = {request.host.lower(), urlsplit(settings.base_url).netloc.lower()}
    if urlsplit(origin).netloc.lower() not in allowed:
        raise web.HTTPForbidden(text="This form was sent from another site.")


def _csrf_mac(secret: str, nonce: str) -> str:
    key = hashlib.sha256(f"verdicts-csrf:{secret}".encode()).digest()
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_token(request: web.Request, response: web.StreamResponse, secret: str) -> str:
    """The token to put in a form; sets the cookie it is bound to when the browser has none."""
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce or len(nonce) > 64:
        nonce = secrets.token_urlsafe(24)
        response.set_cookie(
            CSRF_COOKIE,
            nonce,
            httponly=True,
            samesite="Strict",
            secure=request.secure,
            path="/",
        )
    return _csrf_mac(secret, nonce)


def check_csrf(request: web.Request, submitted: str | None, secret: str) -> None:
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if not nonce or not submitted or not hmac.compare_digest(submitted, _csrf_mac(secret, nonce)):
        raise web.HTTPForbidden(text="This form has expired. Reload the page and try again.")


@dataclass
class RateLimiter:
    """A token bucket per key (e.g. client IP + action): `rate` per second, bursts up to `burst`."""

    rate: float
    burst: int
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > 50_000:  # forget idle clients rather than grow without bound
            self._buckets.clear()
        return True


def client_ip(request: web.Request) -> str:
    return request.remote or "unknown"
