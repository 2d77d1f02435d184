"""One-off messages to one person (the double opt-in confirmation), through the configured sender.

A sender may implement `send_transactional(message) -> BatchResult` itself (SendGrid: one
personalization, category "confirmation", no List-Unsubscribe; SMTP: one message); the outbox
writes the message as a file under outbox/transactional/. Any other sender gets the message as a
one-recipient batch through the ordinary `send_batch`, so a new sender works from day one.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path
from typing import Protocol, runtime_checkable

from verdicts.deliver.base import (
    BatchResult,
    Outcome,
    Sender,
    one_off_batch,
)
from verdicts.deliver.outbox import OutboxSender
from verdicts.deliver.senders import sender_for
from verdicts.settings import Settings
from verdicts.store.schema import utcnow

FOLDER = "transactional"  # never an ISO week, so it cannot collide with an issue's folder
_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


@dataclass(frozen=True, slots=True)
class TransactionalMessage:
    to: str
    subject: str
    html: str
    text: str
    from_email: str
    from_name: str
    kind: str = "confirmation"  # a category for the provider, a file-name part for the outbox


@runtime_checkable
class TransactionalSender(Protocol):
    def send_transactional(self, message: TransactionalMessage) -> BatchResult: ...


def build_transactional(message: TransactionalMessage, *, domain: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = formataddr((message.from_name, message.from_email))
    msg["To"] = message.to
    msg["Subject"] = message.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(idstring=message.kind, domain=domain)
    msg["X-Verdicts-Kind"] = message.kind
    msg.set_content(message.text)
    msg.add_alternative(message.html, subtype="html")
    return msg


def write_to_outbox(root: Path, message: TransactionalMessage, *, domain: str) -> BatchResult:
    folder = root / FOLDER
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    name = f"{stamp}-{message.kind}-{secrets.token_hex(3)}-{_UNSAFE.sub('_', message.to)[:80]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.tmp"
        tmp.write_bytes(bytes(build_transactional(message, domain=domain)))
        os.replace(tmp, folder / f"{name}.eml")  # atomic: a reader never sees half a message
    except OSError as exc:
        return BatchResult(Outcome.REFUSED, f"outbox write failed: {exc.strerror}")
    return BatchResult(Outcome.ACCEPTED, f"{name}.eml")


def _as_batch(sender: Sender, message: TransactionalMessage) -> BatchResult:
    batch_id = f"{message.kind}-{secrets.token_hex(8)}"
    return sender.send_batch(one_off_batch(message, week=FOLDER, batch_id=batch_id))


def send_transactional(
    settings: Settings, to: str, subject: str, html: str, text: str, *, kind: str = "confirmation"
) -> BatchResult:
    """Send one message to one address through the configured sender. Blocking (file or HTTP
    I/O): call it from a worker thread in async code."""
    message = TransactionalMessage(
        to, subject, html, text, settings.from_email, settings.from_name, kind
    )
    sender = sender_for(settings)
    if isinstance(sender, TransactionalSender):
        return sender.send_transactional(message)
    if isinstance(sender, OutboxSender):
        return write_to_outbox(sender.root, message, domain=sender.domain)
    return _as_batch(sender, message)


def outbox_messages(settings: Settings) -> list[Path]:
    """The transactional messages in the outbox, oldest first (the demo and tests read them)."""
    folder = settings.outbox_dir / FOLDER
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []
