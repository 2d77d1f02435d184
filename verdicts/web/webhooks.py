"""SendGrid's signed Event Webhook: POST /webhooks/sendgrid.

The signature is ECDSA (P-256, SHA-256) over the timestamp header followed by the raw body, so
the body is verified exactly as it arrived (re-serialised JSON would not match). The `sendgrid`
verifier raises on a malformed signature and does not look at the timestamp: both are handled
here, and a request signed outside the freshness window is refused (a replayed capture). Events
are then applied once each (see verdicts.deliver.events). The answer is 2xx only when the
events are stored, so SendGrid retries anything we failed to take.
"""

from __future__ import annotations

import asyncio
import binascii
import json
import logging
import time

from aiohttp import web
from sendgrid.helpers.eventwebhook import EventWebhook
from sendgrid.helpers.eventwebhook.eventwebhook_header import EventWebhookHeader
from sqlalchemy.exc import IntegrityError

from verdicts.deliver.events import apply_events
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.web.app import SETTINGS, STORE

PATH = "/webhooks/sendgrid"
log = logging.getLogger(__name__)


class Unverified(Exception):
    """The request is not provably SendGrid's, or not fresh: refuse it."""


def verify(
    settings: Settings, body: bytes, signature: str, timestamp: str, now: float | None = None
) -> None:
    key = settings.sendgrid_webhook_public_key
    if not key:
        raise Unverified("the Event Webhook is not configured (no verification key)")
    if not signature or not timestamp:
        raise Unverified("unsigned request")
    try:
        signed_at = int(timestamp)
    except ValueError:
        raise Unverified("malformed timestamp") from None
    now = time.time() if now is None else now
    if abs(now - signed_at) > settings.sendgrid_webhook_max_age_s:
        raise Unverified("stale or future timestamp")
    try:
        payload = body.decode("utf-8")
        verifier = EventWebhook()
        public_key = verifier.convert_public_key_to_ecdsa(key)
        ok = verifier.verify_signature(payload, signature, timestamp, public_key)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        ok = False  # a malformed signature, body or key: the verifier raises instead of False
    if not ok:
        raise Unverified("bad signature")


def _store_events(store: Store, events: list[object]) -> dict[str, int]:
    for attempt in range(2):
        try:
            with store.transaction() as s:
                summary = apply_events(s, events)
            return {"applied": summary.applied, "duplicates": summary.duplicates}
        except IntegrityError:
            # Another request stored some of the same events meanwhile: now they are seen.
            if attempt:
                raise
    raise AssertionError("unreachable")


async def sendgrid_events(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    body = await request.read()
    try:
        verify(
            settings,
            body,
            request.headers.get(EventWebhookHeader.SIGNATURE, ""),
            request.headers.get(EventWebhookHeader.TIMESTAMP, ""),
        )
    except Unverified as exc:
        log.warning("sendgrid webhook refused: %s", exc)
        return web.json_response({"error": str(exc)}, status=403)
    try:
        events = json.loads(body)
    except ValueError:
        return web.json_response({"error": "body is not JSON"}, status=400)
    if not isinstance(events, list):
        return web.json_response({"error": "expected a JSON array of events"}, status=400)
    result = await asyncio.to_thread(_store_events, request.app[STORE], events)
    return web.json_response(result)


def setup(app: web.Application) -> None:
    app.router.add_post(PATH, sendgrid_events)
