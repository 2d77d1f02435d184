"""The concurrent part of a send: claim batches, send several at once, settle each answer.

Only the calling thread touches the store (SQLite has one writer, and a crash must find the
ledger exactly as the last committed step left it). Worker threads build each batch's
per-recipient links and make the provider request; the sender's client is synchronous, so it
runs here, never on an event loop. A clear refusal puts the batch back in the queue and pauses
new requests (until X-RateLimit-Reset for a 429, else with exponential backoff); a rejection
stops new requests, lets those in flight finish, and is raised to the caller.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

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
    """Send every pending row; `envelopes` maps each variant to be sent to its envelope."""
    tally = Tally()
    concurrency = max(1, int(getattr(sender, "concurrency", 1)))
    pacer = Pacer(float(getattr(sender, "max_rps", 0.0)))
    lanes = [Lane(variant, envelope) for variant, envelope in envelopes.items()]
    inflight: dict[Future[BatchResult], tuple[ledger.Claim, Lane]] = {}
    refusals = 0
    pause: float | None = None  # seconds to wait before the next request, after a refusal
    stop: Stop | None = None

    def settle(future: Future[BatchResult]) -> None:
        nonlocal refusals, pause, stop
        claim, lane = inflight.pop(future)
        result = future.result()  # a crash-like exception propagates: the rows stay in flight
        ids = [e.delivery_id for e in claim.entries]
        went, failed = list(result.delivered_ids), list(result.failed_ids)
        with store.transaction() as s:
            ledger.settle_rows(s, went, "accepted")
            ledger.settle_rows(s, failed, "failed", error=result.detail)
            if result.outcome == Outcome.ACCEPTED:
                status = "accepted"
            elif result.outcome == Outcome.AMBIGUOUS:
                status = "ambiguous"
            else:  # refused or rejected: nothing (else) went; the rows wait to be sent again
                status = "pending"
            settled = ledger.settle_batch(
                s, claim.batch_id, status, error=result.detail, message_id=result.message_id
            )
        tally.failed += len(failed)
        if result.outcome == Outcome.ACCEPTED:
            tally.sent_now += settled + len(went)
            tally.batches += 1
            refusals = 0
        elif result.outcome == Outcome.AMBIGUOUS:
            tally.sent_now += len(went)
            tally.ambiguous += settled
        else:
            tally.sent_now += len(went)
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

    with ThreadPoolExecutor(concurrency, thread_name_prefix="verdicts-send") as pool:
        try:
            while True:
                while stop is None and len(inflight) < concurrency:
                    lane = next((lane for lane in lanes if not lane.exhausted), None)
                    if lane is None:
                        break
                    if pause is not None:
                        if inflight:
                            break  # hear what is in flight first, then pause
                        sleep(pause)
                        pause = None
                    delay = pacer.delay()
                    if delay > 0:
                        time.sleep(delay)
                    with store.transaction() as s:
                        claim = ledger.claim_batch(
                            s,
                            issue_id,
                            sender.batch_size,
                            after_id=lane.cursor,
                            variant=lane.variant,
                        )
                    if not claim.looked_at:
                        lane.exhausted = True
                        continue
                    lane.cursor = claim.cursor
                    if claim.entries:
                        tally.requests += 1
                        future = pool.submit(
                            _send,
                            sender,
                            links,
                            claim.batch_id,
                            issue_id,
                            lane.envelope,
                            claim.entries,
                        )
                        inflight[future] = (claim, lane)
                if not inflight:
                    if stop is not None:
                        raise stop
                    if all(lane.exhausted for lane in lanes):
                        return tally
                    continue
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for future in done:
                    settle(future)
        except BaseException:
            # Interrupted (Ctrl-C, a bug): settle what already answered, so only requests whose
            # answer was truly lost are left in flight for the next run to flag as ambiguous.
            for future in list(inflight):
                if future.done() and future.exception() is None:
                    settle(future)
            raise
