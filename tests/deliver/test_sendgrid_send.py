"""Sending through the sendgrid sender against the fake SendGrid on loopback."""

from __future__ import annotations

import logging
import socket

import pytest

from verdicts import links
from verdicts.deliver.drain import SendRefused, send_issue
from verdicts.deliver.senders import sender_for
from verdicts.store import deliveries
from verdicts.store.issues import approve, get_issue
from verdicts.store.subscribers import find_by_email, set_status

from ..helpers import drafted_issue
from .fake_sendgrid import API_KEY

WEEK = "2026-W29"


def _approve(store):
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="Ed", preflight_ok=True)


def _counts(store):
    with store.transaction() as s:
        return deliveries.counts(s, get_issue(s, WEEK).id)


def _state(store):
    with store.transaction() as s:
        return get_issue(s, WEEK).state


def _ready(store, settings, n):
    drafted_issue(store, settings, subscribers=n)
    _approve(store)


def test_one_request_carries_every_recipients_own_links(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 3)
    report = send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    assert (report.sent_now, report.requests) == (3, 1)
    assert _counts(store) == {"accepted": 3} and _state(store) == "sent"
    (body,) = fake_sendgrid.record.bodies
    assert body["headers"] == {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert set(body["categories"]) == {"weekly-issue", WEEK}
    with store.transaction() as s:
        issue_id = get_issue(s, WEEK).id
    assert body["custom_args"]["verdicts_issue"] == str(issue_id)
    assert len(body["custom_args"]["verdicts_batch"]) == 32
    assert "asm" not in body and "mail_settings" not in body
    html = next(c["value"] for c in body["content"] if c["type"] == "text/html")
    text = next(c["value"] for c in body["content"] if c["type"] == "text/plain")
    base = sg_settings.base_url.rstrip("/")
    # The links were expanded once for the issue; SendGrid fills only the reader's token.
    for part in (html, text):
        assert f"{base}/vote/{WEEK}/0/a/-reader_token-" in part
        assert f"{base}/vote/{WEEK}/0/b/-reader_token-" in part
        assert f"{base}/unsubscribe/-reader_token-" in part
        assert f"{base}/preferences/-reader_token-" in part
        assert "-vote_0_a-" not in part and "-unsubscribe_url-" not in part
    secret = sg_settings.secret_key.get_secret_value()
    with store.transaction() as s:
        ids = {
            f"reader{i}@example.com": find_by_email(s, f"reader{i}@example.com").id
            for i in range(3)
        }
    seen_subscribers = set()
    for p in body["personalizations"]:
        (to,) = p["to"]
        subs = p["substitutions"]
        assert set(subs) == {"-reader_token-", "-email-", "-email_html-"}
        assert subs["-email-"] == to["email"]
        reader = links.read_reader_token(secret, subs["-reader_token-"])
        assert (reader.subscriber_id, reader.week) == (ids[to["email"]], WEEK)
        assert p["headers"]["List-Unsubscribe"] == (
            f"<{base}/unsubscribe/{subs['-reader_token-']}>, "
            f"<mailto:{sg_settings.unsubscribe_mailbox}?subject=unsubscribe>"
        )
        seen_subscribers.add(reader.subscriber_id)
    assert seen_subscribers == set(ids.values())


def test_batches_asm_and_sandbox(store, sg_settings, fake_sendgrid, monkeypatch):
    _ready(store, sg_settings, 5)
    settings = sg_settings.model_copy(
        update={"send_batch_size": 2, "sendgrid_asm_group_id": 42, "sendgrid_sandbox": True}
    )
    report = send_issue(store, WEEK, sender_for(settings), settings)
    assert (report.sent_now, report.requests, report.batches) == (5, 3, 3)
    assert sorted(fake_sendgrid.record.emails()) == [f"reader{i}@example.com" for i in range(5)]
    for body in fake_sendgrid.record.bodies:
        assert body["asm"] == {"group_id": 42}
        assert body["mail_settings"] == {"sandbox_mode": {"enable": True}}
    assert len(fake_sendgrid.record.batches()) == 3


def test_429_waits_until_the_reset_then_sends_once(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 3)
    fake_sendgrid.cue(("429", 3))
    waits: list[float] = []
    report = send_issue(store, WEEK, sender_for(sg_settings), sg_settings, sleep=waits.append)
    assert len(waits) == 1 and 1.0 <= waits[0] <= 3.0  # X-RateLimit-Reset is whole seconds
    assert report.sent_now == 3 and fake_sendgrid.record.requests == 2
    assert not fake_sendgrid.record.duplicates() and _counts(store) == {"accepted": 3}


def test_5xx_is_retried_with_backoff(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 2)
    fake_sendgrid.cue("500", "500")
    waits: list[float] = []
    report = send_issue(store, WEEK, sender_for(sg_settings), sg_settings, sleep=waits.append)
    assert waits == [2.0, 4.0]
    assert report.sent_now == 2 and len(fake_sendgrid.record.emails()) == 2


def test_connection_refused_keeps_the_rows_queued(store, sg_settings):
    _ready(store, sg_settings, 2)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    settings = sg_settings.model_copy(update={"sendgrid_host": f"http://127.0.0.1:{port}"})
    waits: list[float] = []
    with pytest.raises(SendRefused, match=r"refused 7 times.*could not reach SendGrid"):
        send_issue(store, WEEK, sender_for(settings), settings, sleep=waits.append)
    assert len(waits) == 6
    assert _counts(store) == {"pending": 2} and _state(store) == "sending"


def test_other_4xx_stops_with_sendgrids_error(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 4)
    settings = sg_settings.model_copy(update={"send_batch_size": 2, "send_concurrency": 1})
    fake_sendgrid.cue("ok", ("400", "The to array is required"))
    with pytest.raises(SendRefused, match="400 Bad Request: personalizations: The to array"):
        send_issue(store, WEEK, sender_for(settings), settings)
    # The first batch went; the rejected one is queued again for after the fix, not lost.
    assert _counts(store) == {"accepted": 2, "pending": 2}
    report = send_issue(store, WEEK, sender_for(settings), settings)
    assert report.sent_now == 2 and _state(store) == "sent"
    assert not fake_sendgrid.record.duplicates() and len(fake_sendgrid.record.emails()) == 4


def test_the_key_never_shows_in_logs_errors_or_reprs(store, sg_settings, fake_sendgrid, caplog):
    _ready(store, sg_settings, 2)
    settings = sg_settings.model_copy(update={"sendgrid_api_key": type(sg_settings.sendgrid_api_key)("SG.wrong-key")})  # fmt: skip
    caplog.set_level(logging.DEBUG)
    sender = sender_for(settings)
    with pytest.raises(SendRefused, match="401") as refused:
        send_issue(store, WEEK, sender, settings)
    for text in (caplog.text, str(refused.value), repr(sender), repr(settings), str(settings)):
        assert "SG.wrong-key" not in text and API_KEY not in text
    assert "Bearer" not in caplog.text


def test_timeout_after_the_request_is_ambiguous_and_never_resent(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 4)
    settings = sg_settings.model_copy(
        update={"send_batch_size": 2, "send_concurrency": 1, "sendgrid_timeout_s": 0.3}
    )
    fake_sendgrid.cue(("slow", 1.5))  # accepted, but the answer comes after our timeout
    report = send_issue(store, WEEK, sender_for(settings), settings)
    assert (report.sent_now, report.ambiguous) == (2, 2)
    assert _counts(store) == {"accepted": 2, "ambiguous": 2} and _state(store) == "sending"
    again = send_issue(store, WEEK, sender_for(settings), settings)
    assert again.sent_now == 0 and again.ambiguous == 2
    assert len(fake_sendgrid.record.emails()) == 4 and not fake_sendgrid.record.duplicates()
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        (batch,) = deliveries.ambiguous_batches(s, issue.id)
        assert batch.batch_id in fake_sendgrid.record.batches()
        assert deliveries.resolve_ambiguous(s, issue.id, "accepted", actor="op") == 2
    send_issue(store, WEEK, sender_for(settings), settings)
    assert _counts(store) == {"accepted": 4} and _state(store) == "sent"


def test_dropped_connection_then_operator_resends(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 2)
    fake_sendgrid.cue("drop")  # the fake closes the connection without taking the request
    report = send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    assert report.ambiguous == 2 and fake_sendgrid.record.emails() == []
    with store.transaction() as s:
        deliveries.resolve_ambiguous(s, get_issue(s, WEEK).id, "pending", actor="op")
    report = send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    assert report.sent_now == 2 and _state(store) == "sent"
    assert sorted(fake_sendgrid.record.emails()) == ["reader0@example.com", "reader1@example.com"]


def test_unsubscribe_during_the_send_is_honoured(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 4)
    settings = sg_settings.model_copy(update={"send_batch_size": 2, "send_concurrency": 1})

    def leave_after_first_batch(sent: int) -> None:
        with store.transaction() as s:
            set_status(s, "reader3@example.com", "unsubscribed")

    report = send_issue(
        store, WEEK, sender_for(settings), settings, progress=leave_after_first_batch
    )
    assert report.sent_now == 3 and report.skipped == 1 and _state(store) == "sent"
    assert "reader3@example.com" not in fake_sendgrid.record.emails()


def test_several_requests_are_in_flight_at_once(store, sg_settings, fake_sendgrid):
    _ready(store, sg_settings, 6)
    fake_sendgrid.latency_s = 0.3
    settings = sg_settings.model_copy(update={"send_batch_size": 1, "send_concurrency": 3})
    report = send_issue(store, WEEK, sender_for(settings), settings)
    assert report.sent_now == 6 and fake_sendgrid.max_in_flight == 3
    assert not fake_sendgrid.record.duplicates()


def test_deliveries_command_shows_ambiguous_batches_and_records_the_choice(
    store, sg_settings, fake_sendgrid
):
    from typer.testing import CliRunner

    from verdicts.cli.main import app

    _ready(store, sg_settings, 2)
    fake_sendgrid.cue("accept-drop")  # SendGrid took it; the answer never came
    send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    runner = CliRunner()
    shown = runner.invoke(app, ["deliveries", WEEK])
    assert shown.exit_code == 0
    with store.transaction() as s:
        (batch,) = deliveries.ambiguous_batches(s, get_issue(s, WEEK).id)
    assert batch.batch_id in shown.output and "--resend-ambiguous" in shown.output
    both = runner.invoke(
        app,
        ["deliveries", WEEK, "--resend-ambiguous", "--mark-ambiguous-accepted", "--operator", "x"],
    )
    assert both.exit_code == 1 and "choose one" in both.output
    nobody = runner.invoke(app, ["deliveries", WEEK, "--mark-ambiguous-accepted"])
    assert nobody.exit_code == 1 and "--operator" in nobody.output
    assert _counts(store) == {"ambiguous": 2}
    done = runner.invoke(
        app, ["deliveries", WEEK, "--mark-ambiguous-accepted", "--operator", "Olga"]
    )
    assert done.exit_code == 0 and "2 ambiguous deliveries marked accepted" in done.output
    with store.transaction() as s:
        row = deliveries.find_row(s, get_issue(s, WEEK).id, "reader0@example.com")
        assert row.status == "accepted" and "Olga" in row.error
    send_issue(store, WEEK, sender_for(sg_settings), sg_settings)
    assert _state(store) == "sent" and len(fake_sendgrid.record.emails()) == 2
