"""Subscribers: import and export (CSV), statuses, consent records, and the active list for a send."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from verdicts.store.schema import (
    CounterRow,
    DeliveryRow,
    SubscriberRow,
    VoteRow,
    WebhookEventRow,
    utcnow,
)

STATUSES = ("pending", "active", "unsubscribed", "bounced", "complained")
EXPORT_COLUMNS = (
    "email",
    "status",
    "created_at",
    "status_changed_at",
    "consent_source",
    "consent_at",
    "consent_ip",
    "consent_user_agent",
    "consent_form_version",
    "consent_text",
    "confirmed_at",
    "confirmed_ip",
    "preferences",
)


class SubscriberFileError(ValueError):
    pass


def normalise_email(address: str) -> str:
    """Validated and normalised (domain lower-cased); raises ValueError with a reader's message."""
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"{address.strip()!r} is not a valid email address: {exc}") from None


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def import_csv(session: Session, text: str, *, source_name: str = "import") -> ImportResult:
    """Import a CSV with at least an `email` column. All-or-nothing: a bad row names its line.

    Imported rows become active (confirmed) subscribers with consent source "import", unless a
    `status` column says otherwise. An existing subscriber who unsubscribed is never re-activated
    by an import: their choice outranks the list.
    """
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
        raise SubscriberFileError(f"{source_name}: the header row needs an 'email' column")
    parsed: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        try:
            email = normalise_email(row.get("email", ""))
        except ValueError as exc:
            raise SubscriberFileError(f"{source_name}:line {line}: {exc}") from None
        status = row.get("status") or "active"
        if status not in STATUSES:
            raise SubscriberFileError(
                f"{source_name}:line {line}: unknown status {status!r} (use {', '.join(STATUSES)})"
            )
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        parsed.append((email, status))
    result = ImportResult(rows=len(parsed))
    now = utcnow()
    existing = {
        s.email.lower(): s
        for s in session.scalars(
            select(SubscriberRow).where(SubscriberRow.email.in_([e for e, _ in parsed]))
        )
    }
    for email, status in parsed:
        sub = existing.get(email.lower())
        if sub is None:
            session.add(
                SubscriberRow(
                    email=email,
                    status=status,
                    consent_source="import",
                    consent_at=now,
                    confirmed_at=now if status == "active" else None,
                    status_changed_at=now,
                )
            )
            result.added += 1
        elif sub.status in ("unsubscribed", "complained") or sub.status == status:
            result.unchanged += 1
        else:
            sub.status, sub.status_changed_at = status, now
            result.updated += 1
        result.statuses[status] = result.statuses.get(status, 0) + 1
    session.flush()
    return result


def export_csv(session: Session) -> Iterator[str]:
    """CSV lines (header first), streamed so a large list never sits in memory at once."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    writer.writerow(EXPORT_COLUMNS)
    yield flush()
    rows = session.scalars(
        select(SubscriberRow).order_by(SubscriberRow.id).execution_options(yield_per=1000)
    )
    for s in rows:
        values = []
        for col in EXPORT_COLUMNS:
            v = getattr(s, col)
            if isinstance(v, dict):
                v = json.dumps(v, sort_keys=True)
            values.append(v.isoformat() if hasattr(v, "isoformat") else ("" if v is None else v))
        writer.writerow(values)
        yield flush()


def set_status(session: Session, email: str, status: str, *, reason: str = "") -> bool:
    """Change a subscriber's status; returns False when no such subscriber. Idempotent."""
    sub = session.scalar(select(SubscriberRow).where(SubscriberRow.email == email))
    if sub is None:
        return False
    # A complaint or unsubscribe is final for automated paths: a later bounce does not undo it.
    final = sub.status in ("complained", "unsubscribed") and status in ("bounced", "pending")
    if sub.status != status and not final:
        sub.status, sub.status_changed_at = status, utcnow()
    session.flush()
    return True


def add_active(session: Session, emails: Iterable[str], *, source: str) -> int:
    added = 0
    now = utcnow()
    for address in emails:
        email = normalise_email(address)
        if session.scalar(select(SubscriberRow.id).where(SubscriberRow.email == email)):
            continue
        session.add(
            SubscriberRow(
                email=email,
                status="active",
                consent_source=source,
                consent_at=now,
                confirmed_at=now,
            )
        )
        added += 1
    session.flush()
    return added


def count_by_status(session: Session) -> dict[str, int]:
    return dict(
        session.execute(
            select(SubscriberRow.status, func.count()).group_by(SubscriberRow.status)
        ).all()
    )


# --- the reader's web: double opt-in, unsubscribe, preferences, erasure -------------------------


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """What a person agreed to on the web form, and from where (kept and exported)."""

    at: datetime
    ip: str
    user_agent: str
    form_version: str
    text: str
    source: str = "web-form"


def find_by_email(session: Session, email: str) -> SubscriberRow | None:
    # Case-insensitive: "Bob@x.org" and "bob@x.org" are one person to the reader.
    return session.scalar(
        select(SubscriberRow).where(func.lower(SubscriberRow.email) == email.strip().lower())
    )


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
