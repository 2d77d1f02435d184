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

from sqlalchemy.orm import Session

from verdicts.deliver.base import Envelope, Sender
from verdicts.deliver.pipeline import MAX_REFUSALS, LinkMaker, Stop, drain
from verdicts.deliver.variants import (
    CardsError,
    can_reorder,
    card_spans,
    envelope_for,
    variant_name,
)
from verdicts.lifecycle import State
from verdicts.preferences import Preferences, kinds_of_pair, order_positions
from verdicts.settings import Settings
from verdicts.store import deliveries as ledger
from verdicts.store.db import Store
from verdicts.store.issues import comparisons, get_issue, transition
from verdicts.store.schema import IssueRow, ToolRow, utcnow
from verdicts.store.tools import to_tool

__all__ = ["MAX_REFUSALS", "SendRefused", "SendReport", "send_issue"]


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
    failed: int = 0
    requests: int = 0
    already_sent: bool = False
    reordered: int = 0  # readers whose preferences put the cards in another order
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


def _assign_variants(session: Session, issue: IssueRow, html: str, text: str) -> dict[str, int]:
    """Each new ledger row's card order, from its reader's preferences (once, at ledger time)."""
    rows = comparisons(session, issue, status="ready")
    if not can_reorder(html, text, len(rows)):
        return {}  # one card, or parts without card seams: everyone gets the editor's order
    kinds = [
        kinds_of_pair(
            to_tool(session, session.get_one(ToolRow, row.tool_a_id)),
            to_tool(session, session.get_one(ToolRow, row.tool_b_id)),
        )
        for row in rows
    ]
    names: dict[frozenset[str], str] = {}

    def variant_of(stored: object) -> str:
        wanted = Preferences.from_stored(stored if isinstance(stored, dict) else None).kinds
        if wanted not in names:
            names[wanted] = variant_name(order_positions(kinds, Preferences(wanted)))
        return names[wanted]

    return ledger.assign_variants(session, issue.id, variant_of)


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
            report.reordered = sum(_assign_variants(s, issue, html, text).values())
        issue_id, subject = issue.id, issue.subject
    approved = Envelope(
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

    with store.transaction() as s:
        names = ledger.pending_variants(s, issue_id)
    try:
        # Once per variant: the cards in its order, every link a URL ending in the reader's
        # one token. The editor's order ("") is the approved bytes, links expanded.
        count = len(card_spans(html)) if any(names) else 0
        envelopes = {
            name: envelope_for(approved, name, count, base_url=settings.base_url) for name in names
        }
    except CardsError as exc:
        raise SendRefused(
            f"the {week} issue cannot be sent in its readers' orders: {exc}"
        ) from None
    links = LinkMaker(settings.base_url, secret, week, time.time())
    try:
        tally = drain(store, issue_id, envelopes, sender, links, sleep=sleep, progress=progress)
    except Stop as exc:
        raise SendRefused(str(exc)) from None
    finally:
        close = getattr(sender, "close", None)
        if close is not None:
            close()  # e.g. QUIT on the SMTP connections the workers kept open
    report.sent_now, report.batches, report.requests = tally.sent_now, tally.batches, tally.requests
    report.ambiguous += tally.ambiguous
    report.failed = tally.failed

    finished = False
    with store.transaction() as s:
        issue = get_issue(s, week)
        totals = ledger.counts(s, issue_id)
        report.totals = totals
        report.skipped = totals.get("skipped", 0)
        report.ambiguous = totals.get("ambiguous", 0)  # all awaiting the operator, old and new
        if (
            not totals.get("ambiguous")
            and not totals.get("in_flight")
            and not totals.get("pending")
        ):
            transition(s, issue, State.SENT, actor=actor)
            issue.stats = {**(issue.stats or {}), "sent_at": utcnow().isoformat(), **totals}
            finished = True
    if finished:  # in the archive from now on
        _publish(store, settings)
    return report


def _publish(store: Store, settings: Settings) -> None:
    """The static archive index (digests/index.html) now lists this issue: it lists sent issues
    only, so it is rewritten when one goes out, not only when one is drafted."""
    from verdicts.render import write_archive_index
    from verdicts.store.issues import sent_weeks

    if not settings.digests_dir.is_dir():
        return  # sent from a machine that does not hold the digests: the web archive still works
    with store.transaction() as s:
        weeks = sent_weeks(s)
    write_archive_index(settings.digests_dir, weeks, settings)
