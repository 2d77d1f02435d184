"""The reader's side of the subscriber list: double opt-in with its consent record, one-click
unsubscribe, preferences, and erasure (GDPR) that keeps only aggregate counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.orm import Session

from verdicts.store.schema import (
    CounterRow,
    DeliveryRow,
    SubscriberRow,
    VoteRow,
    WebhookEventRow,
    utcnow,
)
from verdicts.store.subscribers import find_by_email


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """What a person agreed to on the web form, and from where (kept and exported)."""

    at: datetime
    ip: str
    user_agent: str
    form_version: str
    text: str
    source: str = "web-form"


def _apply_consent(sub: SubscriberRow, consent: ConsentRecord) -> None:
    sub.consent_source = consent.source
    sub.consent_at = consent.at
    sub.consent_ip = consent.ip[:64]
    sub.consent_user_agent = consent.user_agent[:500]
    sub.consent_form_version = consent.form_version[:40]
    sub.consent_text = consent.text


def request_subscription(session: Session, email: str, consent: ConsentRecord) -> tuple[str, int]:
    """Record a sign-up request: ("confirm", id) when a confirmation should go out, ("already", id)
    when the address is active. Never re-activates anyone: only the confirmation does that, and a
    request for someone who left does not overwrite the consent record of their earlier choice."""
    sub = find_by_email(session, email)
    if sub is None:
        sub = SubscriberRow(email=email, status="pending", status_changed_at=consent.at)
        _apply_consent(sub, consent)
        session.add(sub)
        session.flush()
        return "confirm", sub.id
    if sub.status == "active":
        return "already", sub.id
    if sub.status == "pending":
        _apply_consent(sub, consent)
        session.flush()
    return "confirm", sub.id


def confirm_subscription(
    session: Session, email: str, consent: ConsentRecord, *, confirmed_ip: str
) -> int:
    """The person clicked the link in their inbox: active, with the consent they gave."""
    now = utcnow()
    sub = find_by_email(session, email)
    if sub is None:  # erased between the request and the click: the click is a fresh consent
        sub = SubscriberRow(email=email)
        session.add(sub)
    _apply_consent(sub, consent)
    sub.confirmed_at, sub.confirmed_ip = now, confirmed_ip[:64]
    if sub.status != "active":
        sub.status, sub.status_changed_at = "active", now
        bump_counter(session, "subscribers.confirmed")
    session.flush()
    return sub.id


def unsubscribe_id(session: Session, subscriber_id: int) -> SubscriberRow | None:
    """One-click unsubscribe by id; idempotent. None when the subscriber no longer exists."""
    sub = session.get(SubscriberRow, subscriber_id)
    if sub is None:
        return None
    if sub.status not in ("unsubscribed", "complained"):  # a complaint stays on record as such
        sub.status, sub.status_changed_at = "unsubscribed", utcnow()
        bump_counter(session, "subscribers.unsubscribed")
    session.flush()
    return sub


def set_preferences(
    session: Session, subscriber_id: int, preferences: dict[str, Any]
) -> SubscriberRow | None:
    sub = session.get(SubscriberRow, subscriber_id)
    if sub is not None:
        sub.preferences = preferences  # a new dict, so the JSON column sees the change
        session.flush()
    return sub


def bump_counter(session: Session, name: str, by: int = 1) -> None:
    row = session.get(CounterRow, name)
    if row is None:
        session.add(CounterRow(name=name, value=by))
    else:
        row.value += by
    session.flush()


@dataclass(frozen=True, slots=True)
class Erasure:
    email: str
    status: str
    deliveries_unlinked: int
    votes_unlinked: int
    webhook_events_scrubbed: int


def erase(session: Session, email: str) -> Erasure | None:
    """GDPR erasure: the person goes; aggregates stay. Their ledger rows and votes remain, with
    no link to anyone, so send totals and vote splits do not change; the webhook events that name
    the address lose it; counters record that someone (and in which status) was erased."""
    sub = find_by_email(session, email)
    if sub is None:
        return None
    found = (sub.id, sub.email, sub.status)
    deliveries = session.execute(
        update(DeliveryRow).where(DeliveryRow.subscriber_id == found[0]).values(subscriber_id=None)
    )
    votes = session.execute(
        update(VoteRow).where(VoteRow.subscriber_id == found[0]).values(subscriber_id=None)
    )
    events = session.execute(
        update(WebhookEventRow)
        .where(func.lower(WebhookEventRow.email) == found[1].lower())
        .values(email="", payload={"erased": True})
    )
    session.delete(sub)
    bump_counter(session, "subscribers.erased")
    bump_counter(session, f"subscribers.erased.{found[2]}")
    session.flush()
    return Erasure(
        found[1],
        found[2],
        _rowcount(deliveries),
        _rowcount(votes),
        _rowcount(events),
    )


def _rowcount(result: Any) -> int:
    # An UPDATE's result is a CursorResult at run time; the typed Result does not say so.
    return int(getattr(result, "rowcount", 0) or 0)
