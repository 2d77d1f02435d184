"""The signed Event Webhook: verification over the raw body, freshness, dedup, and its effects."""

from __future__ import annotations

import base64
import json
import time

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from verdicts.deliver.drain import send_issue
from verdicts.deliver.senders import sender_for
from verdicts.store import deliveries
from verdicts.store.issues import approve, get_issue
from verdicts.store.schema import SubscriberRow
from verdicts.web import webhooks
from verdicts.web.app import SETTINGS, STORE

from ..helpers import drafted_issue

WEEK = "2026-W29"
KEY = ec.generate_private_key(ec.SECP256R1())
PUBLIC = base64.b64encode(
    KEY.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
).decode()


def signed(body: bytes, at: int | None = None, key=KEY) -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    signature = key.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    return {
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": stamp,
        "Content-Type": "application/json",
    }


@pytest.fixture
async def client(store, settings):
    app = web.Application()
    app[SETTINGS] = settings.model_copy(update={"sendgrid_webhook_public_key": PUBLIC})
    app[STORE] = store
    webhooks.setup(app)
    async with TestClient(TestServer(app)) as c:
        yield c


@pytest.fixture
def sent_issue(store, sg_settings):
    drafted_issue(store, sg_settings, subscribers=3)
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="Ed", preflight_ok=True)
    send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    with store.transaction() as s:
        return get_issue(s, WEEK).id


def _event(name: str, email: str, issue_id: int, n: int, **extra) -> dict:
    return {
        "event": name,
        "email": email,
        "timestamp": int(time.time()),
        "sg_event_id": f"evt-{name}-{email}-{n}",
        "verdicts_issue": str(issue_id),
        **extra,
    }


def _status(store, email):
    with store.transaction() as s:
        return s.query(SubscriberRow).filter_by(email=email).one().status


async def test_events_change_subscribers_ledger_and_stats(client, store, sent_issue):
    events = [
        _event("delivered", "reader0@example.com", sent_issue, 1),
        _event("open", "reader0@example.com", sent_issue, 2),
        _event("open", "reader0@example.com", sent_issue, 3),
        _event("click", "reader0@example.com", sent_issue, 4),
        _event("bounce", "reader1@example.com", sent_issue, 5, type="bounce"),
        _event("spamreport", "reader2@example.com", sent_issue, 6),
    ]
    body = json.dumps(events).encode()
    response = await client.post("/webhooks/sendgrid", data=body, headers=signed(body))
    assert response.status == 200
    assert await response.json() == {"applied": 6, "duplicates": 0}
    assert _status(store, "reader0@example.com") == "active"
    assert _status(store, "reader1@example.com") == "bounced"
    assert _status(store, "reader2@example.com") == "complained"
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        stats = issue.stats
        row = deliveries.find_row(s, issue.id, "reader0@example.com")
        assert row.events["open_count"] == 2 and row.events["delivered"] > 0
    assert (stats["delivered"], stats["opens"], stats["unique_opens"]) == (1, 2, 1)
    assert (stats["clicks"], stats["unique_clicks"], stats["bounce"]) == (1, 1, 1)

    # SendGrid retries a batch: nothing is counted twice.
    again = await client.post("/webhooks/sendgrid", data=body, headers=signed(body))
    assert await again.json() == {"applied": 0, "duplicates": 6}
    with store.transaction() as s:
        assert get_issue(s, WEEK).stats["opens"] == 2


async def test_unsubscribe_and_dropped_reasons(client, store, sent_issue):
    events = [
        _event("group_unsubscribe", "reader0@example.com", sent_issue, 1, asm_group_id=42),
        _event("dropped", "reader1@example.com", sent_issue, 2, reason="Bounced Address"),
        _event("dropped", "reader2@example.com", sent_issue, 3, reason="Spam Content"),
    ]
    body = json.dumps(events).encode()
    assert (await client.post("/webhooks/sendgrid", data=body, headers=signed(body))).status == 200
    assert _status(store, "reader0@example.com") == "unsubscribed"
    assert _status(store, "reader1@example.com") == "bounced"
    assert _status(store, "reader2@example.com") == "active"  # the content, not the address


async def test_a_delivered_event_settles_an_ambiguous_row(client, store, sent_issue):
    with store.transaction() as s:
        row = deliveries.find_row(s, sent_issue, "reader0@example.com")
        row.status = "ambiguous"
    body = json.dumps([_event("delivered", "reader0@example.com", sent_issue, 1)]).encode()
    assert (await client.post("/webhooks/sendgrid", data=body, headers=signed(body))).status == 200
    with store.transaction() as s:
        assert deliveries.find_row(s, sent_issue, "reader0@example.com").status == "accepted"


@pytest.mark.parametrize(
    "case",
    ["forged", "tampered", "stale", "future", "malformed", "unsigned", "other-key", "reserialised"],
)
async def test_unverifiable_requests_are_refused(client, store, case):
    drafted_issue(store, client.app[SETTINGS], subscribers=1)
    events = [{"event": "unsubscribe", "email": "reader0@example.com", "sg_event_id": "x1"}]
    body = json.dumps(events, indent=1).encode()
    headers = signed(body)
    if case == "forged":
        headers["X-Twilio-Email-Event-Webhook-Signature"] = base64.b64encode(b"0" * 70).decode()
    elif case == "tampered":
        body = body.replace(b"unsubscribe", b"spamreport_")
    elif case == "stale":
        headers = signed(body, at=int(time.time()) - 3600)
    elif case == "future":
        headers = signed(body, at=int(time.time()) + 3600)
    elif case == "malformed":
        headers["X-Twilio-Email-Event-Webhook-Signature"] = "not base64!"
    elif case == "unsigned":
        del headers["X-Twilio-Email-Event-Webhook-Signature"]
    elif case == "other-key":
        headers = signed(body, key=ec.generate_private_key(ec.SECP256R1()))
    elif case == "reserialised":
        body = json.dumps(events).encode()  # same events, other bytes than were signed
    response = await client.post("/webhooks/sendgrid", data=body, headers=headers)
    assert response.status == 403
    assert _status(store, "reader0@example.com") == "active"


async def test_refuses_everything_without_a_configured_key(store, settings):
    app = web.Application()
    app[SETTINGS] = settings  # no sendgrid_webhook_public_key
    app[STORE] = store
    webhooks.setup(app)
    body = b"[]"
    async with TestClient(TestServer(app)) as c:
        response = await c.post("/webhooks/sendgrid", data=body, headers=signed(body))
        assert response.status == 403
        assert "not configured" in (await response.json())["error"]
