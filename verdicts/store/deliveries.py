"""The delivery ledger: one row per (issue, subscriber), written before anything is sent.

Row states: pending -> in_flight -> accepted; in_flight -> pending (clear refusal, retried) or
failed (permanent) or ambiguous (the request may have reached the provider: never resent blindly);
pending -> skipped (the subscriber left before their batch went); ambiguous -> pending or
accepted only by the operator's decision (or by a provider event proving it went).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, insert, literal, select, update
from sqlalchemy.orm import Session

from verdicts.store.schema import DeliveryRow, SubscriberRow, utcnow


def _changed(result: object) -> int:
    """Rows an INSERT/UPDATE touched (a CursorResult's rowcount; typed as plain Result)."""
    return int(getattr(result, "rowcount", 0) or 0)


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
        "variant": "",
    }
    source = select(
        chosen.subquery().c.id.label("subscriber_id"),
        *(literal(v, type_=columns[k].type).label(k) for k, v in constants.items()),
    )
    result = session.execute(insert(DeliveryRow).from_select(["subscriber_id", *constants], source))
    return _changed(result)


def assign_variants(
    session: Session, issue_id: int, variant_of: Callable[[Any], str], *, chunk: int = 500
) -> dict[str, int]:
    """Record each pending row's variant, `variant_of(subscriber.preferences)`; "" stays unset.

    Streams only subscribers whose preferences are not the empty default, and writes one
    UPDATE per variant per `chunk` rows. Returns the rows per variant it set.
    """
    rows = session.execute(
        select(DeliveryRow.id, SubscriberRow.preferences)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id)
        .where(
            DeliveryRow.issue_id == issue_id,
            DeliveryRow.status == "pending",
            func.coalesce(cast(SubscriberRow.preferences, String), "") != "{}",
        )
        .execution_options(yield_per=2000)
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for delivery_id, preferences in rows:
        name = variant_of(preferences)
        if name:
            groups[name].append(delivery_id)
    for name, ids in groups.items():
        for start in range(0, len(ids), chunk):
            session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id.in_(ids[start : start + chunk]))
                .values(variant=name)
                .execution_options(synchronize_session=False)
            )
    return {name: len(ids) for name, ids in groups.items()}


def pending_variants(session: Session, issue_id: int) -> list[str]:
    """The variants that still have rows to send, the editor's order ("") first."""
    names = session.scalars(
        select(DeliveryRow.variant)
        .where(DeliveryRow.issue_id == issue_id, DeliveryRow.status == "pending")
        .distinct()
    )
    return sorted(names)


def skip_departed(session: Session, issue_id: int) -> int:
    """Pending rows whose subscriber is no longer active are skipped, not sent (whole issue)."""
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
    return _changed(result)


@dataclass(frozen=True, slots=True)
class Claim:
    batch_id: str
    entries: list[LedgerEntry]
    cursor: int  # the last row claimed: the next claim starts after it
    looked_at: int  # rows claimed or skipped; 0 means nothing pending after `after_id`


def _claimed(session: Session, batch_id: str) -> list[LedgerEntry]:
    """The batch's rows with their addresses, in id order, read as ONE aggregated row.

    Why not one row each: sqlite3 releases the GIL around every row step, and while the send's
    worker threads are busy each step may wait for the GIL to come back (up to the 5 ms switch
    interval); row fetches on the drain's thread were the largest item of a 100,000-recipient
    profile before this. Addresses hold no newline (the store validates them), and the address
    is the last field, so spaces in it would not matter either.
    """
    line = (
        cast(DeliveryRow.id, String) + " " + cast(SubscriberRow.id, String) + " "
    ) + SubscriberRow.email
    joined = session.scalar(
        select(func.aggregate_strings(line, "\n"))
        .select_from(DeliveryRow)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id)
        .where(DeliveryRow.batch_id == batch_id)
    )
    entries = []
    for row in (joined or "").split("\n") if joined else ():
        delivery_id, subscriber_id, email = row.split(" ", 2)
        entries.append(LedgerEntry(int(delivery_id), int(subscriber_id), email))
    entries.sort(key=lambda e: e.delivery_id)
    return entries


def claim_batch(
    session: Session, issue_id: int, size: int, *, after_id: int = 0, variant: str = ""
) -> Claim:
    """Mark up to `size` pending rows of active subscribers in flight, under a new batch id.

    Only rows of one `variant` (card order): a batch is one request with one body.

    Set-based, so a 1000-row claim is three statements whatever the batch size: one UPDATE
    picks the rows (the subscriber's status is read in that statement, so an unsubscribe,
    bounce or complaint recorded before this moment is honoured), one SELECT reads them back
    by batch id with the addresses, one UPDATE skips the departed rows the claim stepped over.
    Rows are taken in id order from `after_id` on (a keyset cursor), so each claim costs one
    batch's worth of work however long the ledger is.
    """
    batch_id = uuid.uuid4().hex
    now = utcnow()
    mine = (
        DeliveryRow.issue_id == issue_id,
        DeliveryRow.status == "pending",
        DeliveryRow.variant == variant,
    )
    chosen = (
        select(DeliveryRow.id)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id)
        .where(*mine, DeliveryRow.id > after_id, SubscriberRow.status == "active")
        .order_by(DeliveryRow.id)
        .limit(size)
        .scalar_subquery()
    )
    session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id.in_(chosen), DeliveryRow.status == "pending")
        .values(
            status="in_flight",
            batch_id=batch_id,
            attempts=DeliveryRow.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    entries = _claimed(session, batch_id)
    # Departed rows before the last claimed one (or all that remain, once none is active).
    departed = [*mine, DeliveryRow.id > after_id]
    if len(entries) == size:
        departed.append(DeliveryRow.id < entries[-1].delivery_id)
    # Correlated, so it looks only at the rows in the claim's range (a primary-key lookup
    # each), not at every inactive subscriber on the list.
    active = (
        select(SubscriberRow.id)
        .where(SubscriberRow.id == DeliveryRow.subscriber_id, SubscriberRow.status == "active")
        .exists()
    )
    skipped = session.execute(
        update(DeliveryRow)
        .where(*departed, ~active)
        .values(status="skipped", error="subscriber no longer active", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    cursor = entries[-1].delivery_id if entries else after_id
    return Claim(batch_id, entries, cursor, len(entries) + _changed(skipped))


def settle_batch(
    session: Session, batch_id: str, status: str, *, error: str = "", message_id: str = ""
) -> int:
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.batch_id == batch_id, DeliveryRow.status == "in_flight")
        .values(status=status, error=error[:2000], message_id=message_id, updated_at=utcnow())
    )
    return _changed(result)


def settle_rows(
    session: Session, delivery_ids: Iterable[int], status: str, *, error: str = ""
) -> int:
    ids = list(delivery_ids)
    if not ids:
        return 0
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id.in_(ids))
        .values(status=status, error=error[:2000], updated_at=utcnow())
    )
    return _changed(result)


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


@dataclass(frozen=True, slots=True)
class AmbiguousBatch:
    batch_id: str
    rows: int
    error: str
    since: str


def ambiguous_batches(session: Session, issue_id: int) -> list[AmbiguousBatch]:
    """Ambiguous rows grouped by the batch (the provider request) they went out in.

    The batch id is sent to SendGrid as a custom arg, so the operator can look it up in the
    provider's activity log before choosing to resend or to count it as delivered.
    """
    rows = session.execute(
        select(
            DeliveryRow.batch_id,
            func.count(),
            func.max(DeliveryRow.error),
            func.min(DeliveryRow.updated_at),
        )
        .where(DeliveryRow.issue_id == issue_id, DeliveryRow.status == "ambiguous")
        .group_by(DeliveryRow.batch_id)
        .order_by(func.min(DeliveryRow.id))
    ).all()
    return [AmbiguousBatch(b, int(n), e or "", t.isoformat() if t else "") for b, n, e, t in rows]


def resolve_ambiguous(
    session: Session, issue_id: int, status: str, *, batch_id: str | None = None, actor: str
) -> int:
    """The operator's decision on ambiguous rows: `pending` (send again) or `accepted`."""
    if status not in ("pending", "accepted"):
        raise ValueError("ambiguous deliveries can only become pending (resend) or accepted")
    where = [DeliveryRow.issue_id == issue_id, DeliveryRow.status == "ambiguous"]
    if batch_id is not None:
        where.append(DeliveryRow.batch_id == batch_id)
    note = f"{'resend' if status == 'pending' else 'marked accepted'} by {actor}"
    result = session.execute(
        update(DeliveryRow).where(*where).values(status=status, error=note, updated_at=utcnow())
    )
    return _changed(result)


def find_row(session: Session, issue_id: int, email: str) -> DeliveryRow | None:
    return session.scalar(
        select(DeliveryRow)
        .join(SubscriberRow, DeliveryRow.subscriber_id == SubscriberRow.id)
        .where(DeliveryRow.issue_id == issue_id, func.lower(SubscriberRow.email) == email.lower())
    )
