"""Subscribers: import and export (CSV), statuses, consent records, and the active list for a send."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verdicts.store.schema import (
    SubscriberRow,
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


def find_by_email(session: Session, email: str) -> SubscriberRow | None:
    # Case-insensitive: "Bob@x.org" and "bob@x.org" are one person to the reader.
    return session.scalar(
        select(SubscriberRow).where(func.lower(SubscriberRow.email) == email.strip().lower())
    )
