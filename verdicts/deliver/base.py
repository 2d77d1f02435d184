"""The sender interface. A sender gets a batch of recipients for one rendered issue and says what
happened to the batch as a whole: accepted, refused (safe to retry), rejected (stop), ambiguous."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Recipient:
    delivery_id: int
    subscriber_id: int
    email: str
    values: Mapping[str, str]  # substitution token -> this recipient's value (URLs, email)


@dataclass(frozen=True, slots=True)
class Envelope:
    """What is the same for every recipient of an issue."""

    week: str
    subject: str
    html: str  # with substitution tokens
    text: str  # with substitution tokens
    from_email: str
    from_name: str
    unsubscribe_mailto: str  # mailto: target for List-Unsubscribe, besides the https one-click URL
    categories: tuple[str, ...] = ("weekly-issue",)


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    issue_id: int
    envelope: Envelope
    recipients: Sequence[Recipient]


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # the provider took every message in the batch
    REFUSED = "refused"  # a clear no (429, 5xx, connection refused): nothing went out, retry later
    REJECTED = "rejected"  # a permanent no (other 4xx): stop the send and show the reason
    AMBIGUOUS = "ambiguous"  # the request may have been received (timeout after writing)


@dataclass(frozen=True, slots=True)
class BatchResult:
    outcome: Outcome
    detail: str = ""
    retry_after_s: float | None = None
    message_id: str = ""
    delivered_ids: tuple[int, ...] = field(default=())  # for per-recipient senders: which went
    # For per-recipient senders: which the provider refused for good (e.g. SMTP 550 for one
    # address); the rest of the batch is settled by `outcome`.
    failed_ids: tuple[int, ...] = field(default=())


class Sender(Protocol):
    name: str
    batch_size: int

    def send_batch(self, batch: Batch) -> BatchResult: ...

    def reconcile(self, issue_week: str, delivery_ids: Sequence[int]) -> set[int]:
        """Of these in-flight rows (left by a crash), which certainly went out. Empty when unknowable."""
        ...


class TransactionalLike(Protocol):
    """What `send_transactional` reads of a one-off message (see verdicts.deliver.transactional)."""

    @property
    def to(self) -> str: ...

    @property
    def subject(self) -> str: ...

    @property
    def html(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def from_email(self) -> str: ...

    @property
    def from_name(self) -> str: ...

    @property
    def kind(self) -> str: ...


def one_off_batch(message: TransactionalLike, *, week: str, batch_id: str) -> Batch:
    """A batch of one for one-off mail: no ledger row, no substitutions, no List-Unsubscribe."""
    envelope = Envelope(
        week=week,
        subject=message.subject,
        html=message.html,
        text=message.text,
        from_email=message.from_email,
        from_name=message.from_name,
        unsubscribe_mailto="",
        categories=(message.kind,),
    )
    return Batch(batch_id, 0, envelope, [Recipient(0, 0, message.to, {})])
