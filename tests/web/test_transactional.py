"""One-off mail through the configured sender: the outbox file, a sender's own method, or a batch."""

from __future__ import annotations

import email
from email import policy

from verdicts.deliver import senders
from verdicts.deliver.base import BatchResult, Outcome
from verdicts.deliver.transactional import outbox_messages, send_transactional


def test_outbox_writes_a_multipart_message(settings) -> None:
    result = send_transactional(
        settings, "a@example.com", "Hello", "<p>Hi &amp; bye</p>", "Hi & bye"
    )
    assert result.outcome == Outcome.ACCEPTED
    [path] = outbox_messages(settings)
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert msg["To"] == "a@example.com" and msg["Subject"] == "Hello"
    assert msg["From"] == f"{settings.from_name} <{settings.from_email}>"
    assert msg.get_body(("plain",)).get_content().strip() == "Hi & bye"
    assert "Hi &amp; bye" in msg.get_body(("html",)).get_content()
    assert not list(path.parent.glob("*.tmp")) and not list(path.parent.glob(".*.tmp"))


class Direct:
    name = "direct"
    batch_size = 10

    def __init__(self) -> None:
        self.sent = []

    def send_batch(self, batch):
        raise AssertionError("send_transactional should have been used")

    def reconcile(self, issue_week, delivery_ids):
        return set()

    def send_transactional(self, message) -> BatchResult:
        self.sent.append(message)
        return BatchResult(Outcome.ACCEPTED, "ok")


class Plain:
    """A sender that only knows batches (like a new provider's first version)."""

    name, batch_size = "plain", 1

    def __init__(self) -> None:
        self.sent = []

    def send_batch(self, batch) -> BatchResult:
        self.sent.append(batch)
        return BatchResult(Outcome.ACCEPTED)

    def reconcile(self, week, ids):
        return set()


def test_a_sender_that_only_sends_batches_gets_a_one_recipient_batch(settings, monkeypatch):
    plain = Plain()
    monkeypatch.setitem(senders.SENDERS, "plain", lambda s: plain)
    cfg = settings.model_copy(update={"sender": "plain"})
    assert send_transactional(cfg, "b@example.com", "S", "<p>h</p>", "t").outcome == "accepted"
    [batch] = plain.sent
    assert [r.email for r in batch.recipients] == ["b@example.com"]
    assert batch.envelope.categories == ("confirmation",) and batch.envelope.html == "<p>h</p>"
    assert not settings.outbox_dir.exists()


def test_a_sender_with_its_own_method_is_used(settings, monkeypatch) -> None:
    direct = Direct()
    monkeypatch.setitem(senders.SENDERS, "direct", lambda s: direct)
    cfg = settings.model_copy(update={"sender": "direct"})
    assert send_transactional(cfg, "c@example.com", "S", "h", "t", kind="x").outcome == "accepted"
    assert [(m.to, m.kind) for m in direct.sent] == [("c@example.com", "x")]
