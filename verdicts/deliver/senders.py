"""One registry of senders, chosen by the `sender` setting.

The SendGrid and SMTP senders also implement `send_transactional(message)`, which
`verdicts.deliver.transactional.send_transactional` uses for one-off mail (no ledger, no
substitutions, no List-Unsubscribe).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from verdicts.deliver.base import Sender
from verdicts.deliver.outbox import OutboxSender
from verdicts.settings import Settings


def _domain(settings: Settings) -> str:
    return urlsplit(settings.base_url).hostname or "verdicts.local"


def _outbox(settings: Settings) -> Sender:
    return OutboxSender(settings.outbox_dir, domain=_domain(settings))


def _sendgrid(settings: Settings) -> Sender:
    from verdicts.deliver.sendgrid import SendGridSender

    if settings.sendgrid_api_key is None:
        raise ValueError("sender=sendgrid needs SENDGRID_API_KEY")
    return SendGridSender(
        settings.sendgrid_api_key,
        host=settings.sendgrid_host,
        timeout_s=settings.sendgrid_timeout_s,
        concurrency=settings.send_concurrency,
        max_rps=settings.send_max_rps,
        asm_group_id=settings.sendgrid_asm_group_id,
        sandbox=settings.sendgrid_sandbox,
        batch_size=settings.send_batch_size,
    )


def _smtp(settings: Settings) -> Sender:
    from verdicts.deliver.smtp import SMTPSender

    return SMTPSender(
        settings.smtp_host,
        settings.smtp_port,
        domain=_domain(settings),
        timeout_s=settings.smtp_timeout_s,
        starttls=settings.smtp_starttls,
        username=settings.smtp_username,
        password=settings.smtp_password,
        concurrency=settings.send_concurrency,
        max_rps=settings.send_max_rps,
    )


SENDERS: dict[str, Callable[[Settings], Sender]] = {
    "outbox": _outbox,
    "sendgrid": _sendgrid,
    "smtp": _smtp,
}


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
