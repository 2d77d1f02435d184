"""Drain an approved issue's ledger through a sender, exactly once per subscriber.

Order of writes, each in its own transaction, so a crash at any point leaves a ledger that says
what to do next: (1) the ledger rows exist before anything is sent; (2) a batch is marked in
flight before its request; (3) it is settled after the sender answers. A re-run reconciles rows
left in flight (the outbox can tell what it wrote; a provider usually cannot, so those become
'ambiguous' and wait for the operator's decision instead of being resent blindly).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from verdicts.deliver.base import Batch, Envelope, Outcome, Recipient, Sender
from verdicts.lifecycle import State
from verdicts.links import recipient_values
from verdicts.settings import Settings
from verdicts.store import deliveries as ledger
from verdicts.store.db import Store
from verdicts.store.issues import comparisons, get_issue, transition
from verdicts.store.schema import IssueRow, ToolRow, utcnow

MAX_REFUSALS = 6


class SendRefused(RuntimeError):
    """The send did not start or did not finish; the message says why and what to do."""


@dataclass
class SendReport:
    week: str
    sender: str
    sent_now: int = 0
    batches: int = 0
    skipped: int = 0
    reconciled: int = 0
    ambiguous: int = 0
    already_sent: bool = False
    totals: dict[str, int] = field(default_factory=dict)


def content_hash(subject: str, html: str, text: str) -> str:
    from verdicts.render import content_hash as render_hash

    return render_hash(subject, html, text)


def load_content(issue: IssueRow) -> tuple[str, str]:
    folder = Path(issue.digest_dir)
    try:
        return (folder / "email.html").read_text("utf-8"), (folder / "email.txt").read_text("utf-8")
    except OSError as exc:
        raise SendRefused(
            f"the {issue.week} issue's files are missing ({exc.strerror}): redraft it"
        ) from None


def _check_sendable(issue: IssueRow, html: str, text: str, settings: Settings) -> None:
    if issue.state == State.SENT:
        return
    if issue.state not in (State.APPROVED, State.SENDING):
        raise SendRefused(f"the {issue.week} issue is {issue.state}, not approved: nothing sent")
    if not issue.approved_hash or issue.approved_hash != issue.content_hash:
        raise SendRefused(f"the {issue.week} issue changed since it was approved: approve it again")
    if content_hash(issue.subject, html, text) != issue.approved_hash:
        raise SendRefused(
            f"the {issue.week} issue's files differ from what {issue.approved_by} approved: "
            "redraft and approve again"
        )
    grace = timedelta(hours=settings.send_grace_hours)
    if issue.state == State.APPROVED and issue.send_after and utcnow() > issue.send_after + grace:
        raise SendRefused(
            f"the {issue.week} issue's send slot passed more than {settings.send_grace_hours} h "
            "ago: confirm it again with `verdicts approve` before sending"
        )


def _pairs(session, issue: IssueRow) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    keys = dict(session.execute(select(ToolRow.id, ToolRow.key)).all())
    return [
        (c.pair_key, keys[c.tool_a_id], keys[c.tool_b_id])
        for c in comparisons(session, issue, status="ready")
    ]


def send_issue(
    store: Store,
    week: str,
    sender: Sender,
    settings: Settings,
    *,
    actor: str = "send",
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[int], None] | None = None,
) -> SendReport:
    report = SendReport(week=week, sender=sender.name)
    with store.transaction() as s:
        issue = get_issue(s, week)
        html, text = load_content(issue)
        _check_sendable(issue, html, text, settings)
        if issue.state == State.SENT:
            report.already_sent = True
            report.totals = ledger.counts(s, issue.id)
            return report
        if issue.state == State.APPROVED:
            transition(s, issue, State.SENDING, actor=actor)
            ledger.create_ledger(s, issue.id)
        issue_id, subject = issue.id, issue.subject
        pairs = _pairs(s, issue)
    envelope = Envelope(
        week=week,
        subject=subject,
        html=html,
        text=text,
        from_email=settings.from_email,
        from_name=settings.from_name,
        unsubscribe_mailto=f"mailto:{settings.unsubscribe_mailbox}?subject=unsubscribe",
    )
    secret = settings.secret_key.get_secret_value()

    # Rows a crashed run left in flight: settle what the sender can vouch for, flag the rest.
    with store.transaction() as s:
        stuck = ledger.in_flight(s, issue_id)
        if stuck:
            done = sender.reconcile(week, [e.delivery_id for e in stuck])
            ledger.settle_rows(s, sorted(done), "accepted")
            unknown = [e.delivery_id for e in stuck if e.delivery_id not in done]
            ledger.settle_rows(
                s, unknown, "ambiguous", error="in flight when a previous send stopped"
            )
            report.reconciled, report.ambiguous = len(done), len(unknown)

    refusals = 0
    while True:
        with store.transaction() as s:
            batch_id, entries = ledger.claim_batch(s, issue_id, sender.batch_size)
        if not entries:
            break
        recipients = [
            Recipient(
                e.delivery_id,
                e.subscriber_id,
                e.email,
                recipient_values(
                    settings.base_url,
                    secret,
                    subscriber_id=e.subscriber_id,
                    email=e.email,
                    pairs=pairs,
                ),
            )
            for e in entries
        ]
        result = sender.send_batch(Batch(batch_id, issue_id, envelope, recipients))
        with store.transaction() as s:
            if result.outcome == Outcome.ACCEPTED:
                ledger.settle_batch(s, batch_id, "accepted", message_id=result.message_id)
                report.sent_now += len(entries)
                report.batches += 1
                refusals = 0
            elif result.outcome == Outcome.AMBIGUOUS:
                ledger.settle_batch(s, batch_id, "ambiguous", error=result.detail)
                report.ambiguous += len(entries)
            else:
                went = list(result.delivered_ids)
                ledger.settle_rows(s, went, "accepted")
                report.sent_now += len(went)
                status = "pending" if result.outcome == Outcome.REFUSED else "failed"
                ledger.settle_batch(s, batch_id, status, error=result.detail)
        if progress:
            progress(report.sent_now)
        if result.outcome == Outcome.REJECTED:
            raise SendRefused(f"{sender.name} rejected the send: {result.detail}")
        if result.outcome == Outcome.REFUSED:
            refusals += 1
            if refusals > MAX_REFUSALS:
                raise SendRefused(
                    f"{sender.name} refused {refusals} times in a row ({result.detail}); "
                    f"{report.sent_now} sent so far, the rest stay queued: run send again later"
                )
            sleep(result.retry_after_s if result.retry_after_s is not None else 2.0**refusals)

    with store.transaction() as s:
        issue = get_issue(s, week)
        totals = ledger.counts(s, issue_id)
        report.totals = totals
        report.skipped = totals.get("skipped", 0)
        if (
            not totals.get("ambiguous")
            and not totals.get("in_flight")
            and not totals.get("pending")
        ):
            transition(s, issue, State.SENT, actor=actor)
            issue.stats = {**(issue.stats or {}), "sent_at": utcnow().isoformat(), **totals}
    return report
