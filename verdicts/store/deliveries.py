"""The delivery ledger: one row per (issue, subscriber), written before anything is sent.

Row states: pending -> in_flight -> accepted; in_flight -> pending (clear refusal, retried) or
failed (permanent) or ambiguous (the request may have reached the provider: never resent blindly);
pending -> skipped (the subscriber left before their batch went).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, insert, literal, select, update
from sqlalchemy.orm import Session

from verdicts.store.schema import DeliveryRow, SubscriberRow, utcnow


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    delivery_id: int
    subscriber_id: int
    email: str


def create_ledger(session: Session, issue_id: int) -> int:
    """Add a pending row for every active subscriber not yet in this issue's ledger (set-based)."""
    already = select(DeliveryRow.subscriber_id).where(DeliveryRow.issue_id == issue_id)
    chosen = select(SubscriberRow.id).where(
        SubscriberRow.status == "active", SubscriberRow.id.not_in(already)
    )
    now = utcnow()
    columns = DeliveryRow.__table__.c
    constants = {
        "issue_id": issue_id,
        "status": "pending",
        "updated_at": now,
        "batch_id": "",
        "attempts": 0,
        "message_id": "",
        "error": "",
        "events": {},
    }
    source = select(
        chosen.subquery().c.id.label("subscriber_id"),
        *(literal(v, type_=columns[k].type).label(k) for k, v in constants.items()),
    )
    result = session.execute(insert(DeliveryRow).from_select(["subscriber_id", *constants], source))
    return int(result.rowcount or 0)


def skip_departed(session: Session, issue_id: int) -> int:
    """Pending rows whose subscriber is no longer active are skipped, not sent."""
    inactive = select(SubscriberRow.id).where(SubscriberRow.status != "active")
    result = session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.issue_id == issue_id,
            DeliveryRow.status == "pending",
            (DeliveryRow.subscriber_id.in_(inactive)) | (DeliveryRow.subscriber_id.is_(None)),
        )
        .values(status="skipped", error="subscriber no longer active", updated_at=utcnow())
    )
    return int(result.rowcount or 0)


def claim_batch(session: Session, issue_id: int, size: int) -> tuple[str, list[LedgerEntry]]:
    """Mark up to `size` pending rows of active subscribers in flight, under a new batch id."""
    skip_departed(session, issue_id)
    rows = session.execute(
        select(DeliveryRow.id, SubscriberRow.id, SubscriberRow.email)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id)
        .where(DeliveryRow.issue_id == issue_id, DeliveryRow.status == "pending")
        .order_by(DeliveryRow.id)
        .limit(size)
    ).all()
    batch_id = uuid.uuid4().hex
    if rows:
        session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id.in_([r[0] for r in rows]))
            .values(
                status="in_flight",
                batch_id=batch_id,
                attempts=DeliveryRow.attempts + 1,
                updated_at=utcnow(),
            )
        )
    return batch_id, [LedgerEntry(r[0], r[1], r[2]) for r in rows]


def settle_batch(
    session: Session, batch_id: str, status: str, *, error: str = "", message_id: str = ""
) -> int:
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.batch_id == batch_id, DeliveryRow.status == "in_flight")
        .values(status=status, error=error[:2000], message_id=message_id, updated_at=utcnow())
    )
    return int(result.rowcount or 0)


def settle_rows(session: Session, delivery_ids: list[int], status: str, *, error: str = "") -> int:
    if not delivery_ids:
        return 0
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id.in_(delivery_ids))
        .values(status=status, error=error[:2000], updated_at=utcnow())
    )
    return int(result.rowcount or 0)


def in_flight(session: Session, issue_id: int) -> list[LedgerEntry]:
    """Rows a crashed send left in flight: their outcome is unknown until reconciled."""
    rows = session.execute(
        select(DeliveryRow.id, DeliveryRow.subscriber_id, SubscriberRow.email)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id, isouter=True)
        .where(DeliveryRow.issue_id == issue_id, DeliveryRow.status == "in_flight")
    ).all()
    return [LedgerEntry(r[0], r[1] or 0, r[2] or "") for r in rows]


def counts(session: Session, issue_id: int) -> dict[str, int]:
    return dict(
        session.execute(
            select(DeliveryRow.status, func.count())
            .where(DeliveryRow.issue_id == issue_id)
            .group_by(DeliveryRow.status)
        ).all()
    )
