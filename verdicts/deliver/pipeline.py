"""The concurrent part of a send: claim batches, send several at once, settle each answer.

Only the calling thread touches the store (SQLite has one writer, and a crash must find the
ledger exactly as the last committed step left it). Each variant (card order) of the issue is a
lane with its own envelope and ledger cursor; a batch is drawn from one lane. Worker threads
sign each batch's reader tokens and make the provider request; the sender's client is
synchronous, so it runs here, never on an event loop. A clear refusal puts the batch back in the queue and pauses
new requests (until X-RateLimit-Reset for a 429, else with exponential backoff); a rejection
stops new requests, lets those in flight finish, and is raised to the caller.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from sqlalchemy.orm import Session

from verdicts.deliver.base import Batch, BatchResult, Envelope, Outcome, Recipient, Sender
from verdicts.links import reader_values
from verdicts.store import deliveries as ledger
from verdicts.store.db import Store

MAX_REFUSALS = 6  # consecutive clear refusals before a send gives up (rows stay queued)
MAX_BACKOFF_S = 60.0


class Stop(RuntimeError):
    """The provider said no for good, or kept refusing: the message says why."""


@dataclass(frozen=True, slots=True)
class LinkMaker:
    """What a worker needs to compute each recipient's values: one signed reader token each.

    The envelope's links were expanded once per issue (verdicts.links.expand_issue_links), so a
    recipient's values are their token, their address and the unsubscribe URL for the header.
    `now` is fixed per send: every token of a send expires at the same moment.
    """

    base_url: str
    secret: str
    week: str
    now: float

    def recipients(self, entries: Sequence[ledger.LedgerEntry]) -> list[Recipient]:
        base, secret, week, now = self.base_url, self.secret, self.week, self.now
        return [
            Recipient(
                e.delivery_id,
                e.subscriber_id,
                e.email,
                reader_values(
                    base, secret, subscriber_id=e.subscriber_id, email=e.email, week=week, now=now
                ),
            )
            for e in entries
        ]


@dataclass
class Tally:
    sent_now: int = 0
    batches: int = 0
    ambiguous: int = 0
    failed: int = 0
    requests: int = 0


class Pacer:
    """At most `rate` request starts per second (0: unlimited), shared by every worker."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.gap = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.next_at = 0.0

    def delay(self) -> float:
        now = self.clock()
        start = max(now, self.next_at)
        self.next_at = start + self.gap
        return start - now


def _send(
    sender: Sender,
    links: LinkMaker,
    batch_id: str,
    issue_id: int,
    envelope: Envelope,
    entries: list[ledger.LedgerEntry],
) -> BatchResult:
    batch = Batch(batch_id, issue_id, envelope, links.recipients(entries))
    return sender.send_batch(batch)


@dataclass
class Lane:
    """One variant's rows: its envelope and its own keyset cursor through the ledger."""

    variant: str
    envelope: Envelope
    cursor: int = 0
    exhausted: bool = False


@dataclass
class Answer:
    """A batch's answer, waiting to be written to the ledger."""

    claim: ledger.Claim
    result: BatchResult


def _write_answer(session: Session, answer: Answer) -> int:
    """Settle the batch's rows as the answer says; the rows settled by the batch status."""
    result = answer.result
    ledger.settle_rows(session, result.delivered_ids, "accepted")
    ledger.settle_rows(session, result.failed_ids, "failed", error=result.detail)
    if result.outcome == Outcome.ACCEPTED:
        status = "accepted"
    elif result.outcome == Outcome.AMBIGUOUS:
        status = "ambiguous"
    else:  # refused or rejected: nothing (else) went; the rows wait to be sent again
        status = "pending"
    return ledger.settle_batch(
        session, answer.claim.batch_id, status, error=result.detail, message_id=result.message_id
    )


def drain(
    store: Store,
    issue_id: int,
    envelopes: Mapping[str, Envelope],
    sender: Sender,
    links: LinkMaker,
    *,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Send every pending row; `envelopes` maps each variant to be sent to its envelope.

    One transaction per turn writes the answers that came in and claims the next batches
    (one commit, one fsync, instead of two per batch: the drain's thread is the send's
    bottleneck). Requests start only after the claim is committed. Answers are counted and
    reported to `progress` before that transaction, so an unsubscribe the callback records
    is honoured by the claims that follow. A refusal is committed before the pause it causes.
    """
    tally = Tally()
    concurrency = max(1, int(getattr(sender, "concurrency", 1)))
    pacer = Pacer(float(getattr(sender, "max_rps", 0.0)))
    lanes = [Lane(variant, envelope) for variant, envelope in envelopes.items()]
    inflight: dict[Future[BatchResult], tuple[ledger.Claim, Lane]] = {}
    answers: list[Answer] = []  # heard, not yet written
    refusals = 0
    pause: float | None = None  # seconds to wait before the next request, after a refusal
    stop: Stop | None = None

    def hear(future: Future[BatchResult]) -> None:
        """Count one answer and decide what it means for the send (no store access)."""
        nonlocal refusals, pause, stop
        claim, lane = inflight.pop(future)
        result = future.result()  # a crash-like exception propagates: the rows stay in flight
        answers.append(Answer(claim, result))
        went = len(result.delivered_ids)
        tally.failed += len(result.failed_ids)
        tally.sent_now += went
        if result.outcome == Outcome.ACCEPTED:
            tally.sent_now += len(claim.entries) - went - len(result.failed_ids)
            tally.batches += 1
            refusals = 0
        elif result.outcome == Outcome.AMBIGUOUS:
            tally.ambiguous += len(claim.entries) - went - len(result.failed_ids)
        else:
            ids = [e.delivery_id for e in claim.entries]
            lane.cursor, lane.exhausted = min(lane.cursor, min(ids) - 1), False
            if result.outcome == Outcome.REJECTED:
                stop = stop or Stop(f"{sender.name} rejected the send: {result.detail}")
            else:
                refusals += 1
                if refusals > MAX_REFUSALS:
                    stop = stop or Stop(
                        f"{sender.name} refused {refusals} times in a row ({result.detail}); "
                        f"{tally.sent_now} sent so far, the rest stay queued: run send again later"
                    )
                wanted = result.retry_after_s
                if wanted is None:
                    wanted = min(MAX_BACKOFF_S, 2.0**refusals)
                pause = max(pause or 0.0, wanted)
        if progress:
            progress(tally.sent_now)

    def turn(wanted: int) -> list[tuple[ledger.Claim, Lane]]:
        """Write the answers heard, then claim up to `wanted` batches: one transaction."""
        claims: list[tuple[ledger.Claim, Lane]] = []
        with store.transaction() as s:
            for answer in answers:
                _write_answer(s, answer)
            while len(claims) < wanted:
                lane = next((lane for lane in lanes if not lane.exhausted), None)
                if lane is None:
                    break
                claim = ledger.claim_batch(
                    s, issue_id, sender.batch_size, after_id=lane.cursor, variant=lane.variant
                )
                if not claim.looked_at:
                    lane.exhausted = True
                    continue
                lane.cursor = claim.cursor
                if claim.entries:
                    claims.append((claim, lane))
        answers.clear()
        return claims

    with ThreadPoolExecutor(concurrency, thread_name_prefix="verdicts-send") as pool:
        try:
            while True:
                free = concurrency - len(inflight)
                # After a refusal, hear what is in flight first, then pause (below).
                idle = stop is not None or pause is not None
                wanted = 0 if idle or all(lane.exhausted for lane in lanes) else free
                if wanted and pacer.gap:
                    wanted = 1  # paced: one request start at a time
                    delay = pacer.delay()
                    if delay > 0:
                        if answers:
                            turn(0)  # never leave answers unwritten while we wait
                        time.sleep(delay)
                for claim, lane in turn(wanted) if wanted or answers else ():
                    tally.requests += 1
                    future = pool.submit(
                        _send, sender, links, claim.batch_id, issue_id, lane.envelope, claim.entries
                    )
                    inflight[future] = (claim, lane)
                if not inflight:
                    if stop is not None:
                        raise stop
                    if pause is not None:
                        sleep(pause)
                        pause = None
                        continue
                    if all(lane.exhausted for lane in lanes):
                        return tally
                    continue
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for future in done:
                    hear(future)
        except BaseException:
            # Interrupted (Ctrl-C, a bug): write what already answered, so only requests whose
            # answer was truly lost are left in flight for the next run to flag as ambiguous.
            for future in list(inflight):
                if future.done() and future.exception() is None:
                    hear(future)
            if answers:
                with contextlib.suppress(Exception):  # the original error is the one to see
                    turn(0)
            raise
