"""One registry of senders, chosen by the `sender` setting."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from verdicts.deliver.base import Sender
from verdicts.deliver.outbox import OutboxSender
from verdicts.settings import Settings


def _outbox(settings: Settings) -> Sender:
    domain = urlsplit(settings.base_url).hostname or "verdicts.local"
    return OutboxSender(settings.outbox_dir, domain=domain)


SENDERS: dict[str, Callable[[Settings], Sender]] = {"outbox": _outbox}


def register(name: str, factory: Callable[[Settings], Sender]) -> None:
    SENDERS[name] = factory


def sender_for(settings: Settings) -> Sender:
    try:
        factory = SENDERS[settings.sender]
    except KeyError:
        raise ValueError(
            f"sender {settings.sender!r} is not available (have: {', '.join(sorted(SENDERS))})"
        ) from None
    return factory(settings)
