"""The SMTP sender against a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from verdicts.deliver.base import Outcome
from verdicts.deliver.drain import SendRefused, send_issue
from verdicts.deliver.senders import sender_for
from verdicts.deliver.transactional import TransactionalMessage
from verdicts.store import deliveries
from verdicts.store.issues import approve, get_issue

from ..helpers import drafted_issue

WEEK = "2026-W29"


class Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.stall_data_s = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        if self.stall_data_s:
            await asyncio.sleep(self.stall_data_s)  # queued, but the answer comes too late
        return "250 Message accepted"


@pytest.fixture
def smtp_sink():
    sink = Sink()
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    _, port = smtp_sink
    return settings.model_copy(
        update={"sender": "smtp", "smtp_port": port, "send_max_rps": 0, "send_concurrency": 2}
    )


def _ready(store, settings, n):
    drafted_issue(store, settings, subscribers=n)
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="Ed", preflight_ok=True)


def _counts(store):
    with store.transaction() as s:
        return deliveries.counts(s, get_issue(s, WEEK).id)


def test_each_subscriber_gets_one_filled_message(store, smtp_settings, smtp_sink):
    sink, _ = smtp_sink
    _ready(store, smtp_settings, 3)
    report = send_issue(store, WEEK, sender_for(smtp_settings), smtp_settings)
    assert report.sent_now == 3 and _counts(store) == {"accepted": 3}
    assert sorted(r[0] for r, _ in sink.messages) == [f"reader{i}@example.com" for i in range(3)]
    for (to,), raw in sink.messages:
        msg = email.message_from_bytes(raw, policy=policy.default)
        assert msg["To"] == to
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = msg.get_body(("plain",)).get_content()
        assert "-unsubscribe_url-" not in text and "/vote/" in text


def test_a_refused_address_fails_alone(store, smtp_settings, smtp_sink):
    sink, _ = smtp_sink
    sink.refuse.add("reader1@example.com")
    _ready(store, smtp_settings, 3)
    report = send_issue(store, WEEK, sender_for(smtp_settings), smtp_settings)
    assert (report.sent_now, report.failed) == (2, 1)
    assert _counts(store) == {"accepted": 2, "failed": 1}
    with store.transaction() as s:
        assert get_issue(s, WEEK).state == "sent"


def test_server_down_keeps_rows_queued(store, settings):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    cfg = settings.model_copy(update={"sender": "smtp", "smtp_port": port, "send_max_rps": 0})
    _ready(store, cfg, 1)
    with pytest.raises(SendRefused, match="could not reach SMTP server"):
        send_issue(store, WEEK, sender_for(cfg), cfg, sleep=lambda s: None)
    assert _counts(store) == {"pending": 1}


def test_lost_answer_after_data_is_ambiguous(store, smtp_settings, smtp_sink):
    sink, _ = smtp_sink
    sink.stall_data_s = 1.0
    cfg = smtp_settings.model_copy(update={"smtp_timeout_s": 0.3, "send_concurrency": 1})
    _ready(store, cfg, 1)
    report = send_issue(store, WEEK, sender_for(cfg), cfg)
    assert report.ambiguous == 1 and _counts(store) == {"ambiguous": 1}
    assert len(sink.messages) == 1  # the server has it: resending blindly would duplicate


def test_transactional_mail_has_no_list_headers(smtp_settings, smtp_sink):
    sink, _ = smtp_sink
    message = TransactionalMessage(
        "new@example.com", "Confirm", "<p>Hi</p>", "Hi", "verdicts@example.com", "Verdicts"
    )
    result = sender_for(smtp_settings).send_transactional(message)
    assert result.outcome == Outcome.ACCEPTED
    ((_, raw),) = sink.messages
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "new@example.com" and msg["List-Unsubscribe"] is None
