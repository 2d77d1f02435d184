import email
from email import policy

import pytest

from verdicts.deliver.base import BatchResult, Outcome
from verdicts.deliver.drain import SendRefused, send_issue
from verdicts.deliver.outbox import OutboxSender
from verdicts.store import deliveries
from verdicts.store.issues import approve, get_issue
from verdicts.store.subscribers import set_status

from ..helpers import drafted_issue


def _approve(store, week="2026-W29"):
    with store.transaction() as s:
        approve(s, get_issue(s, week), editor="Ed", preflight_ok=True)


def test_refuses_unapproved_issue(store, settings):
    drafted_issue(store, settings)
    with pytest.raises(SendRefused, match="not approved"):
        send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    assert not settings.outbox_dir.exists()


def test_refuses_when_files_changed_after_approval(store, settings):
    draft = drafted_issue(store, settings)
    _approve(store)
    html = draft.digest_dir / "email.html"
    html.write_text(html.read_text() + "<!-- edited -->")
    with pytest.raises(SendRefused, match="differ from what Ed approved"):
        send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)


def test_outbox_message_is_multipart_with_one_click_unsubscribe(store, settings):
    drafted_issue(store, settings, subscribers=2)
    _approve(store)
    report = send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    assert report.sent_now == 2
    files = sorted((settings.outbox_dir / "2026-W29").glob("*.eml"))
    assert len(files) == 2
    msg = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsub = msg["List-Unsubscribe"]
    assert f"<{settings.base_url}/unsubscribe/" in unsub and "mailto:" in unsub
    html = msg.get_body(("html",)).get_content()
    text = msg.get_body(("plain",)).get_content()
    for part in (html, text):
        assert "-unsubscribe_url-" not in part and "-vote_0_a-" not in part
        assert "/vote/" in part
    # The unsubscribe URL in the body is the one in the header: the recipient's own.
    url = unsub.split(">")[0].lstrip("<")
    assert url in text


class CrashingSender(OutboxSender):
    """Writes the first batch, then dies like kill -9 in the middle of the second request."""

    batch_size = 2

    def __init__(self, root, crash_on_batch):
        super().__init__(root)
        self.calls = 0
        self.crash_on_batch = crash_on_batch

    def send_batch(self, batch):
        self.calls += 1
        if self.calls == self.crash_on_batch:
            # Half the batch reached the outbox before the crash.
            partial = type(batch)(
                batch.batch_id, batch.issue_id, batch.envelope, batch.recipients[:1]
            )
            super().send_batch(partial)
            raise KeyboardInterrupt("simulated crash")
        return super().send_batch(batch)


def test_rerun_after_crash_sends_nobody_twice(store, settings):
    drafted_issue(store, settings, subscribers=5)
    _approve(store)
    sender = CrashingSender(settings.outbox_dir, crash_on_batch=2)
    with pytest.raises(KeyboardInterrupt):
        send_issue(store, "2026-W29", sender, settings)
    with store.transaction() as s:
        counts = deliveries.counts(s, get_issue(s, "2026-W29").id)
    assert counts == {"accepted": 2, "in_flight": 2, "pending": 1}
    # Re-run: the outbox reconciles the half-written batch, then sends only the rest.
    report = send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    assert (report.reconciled, report.ambiguous, report.sent_now) == (1, 1, 1)
    files = list((settings.outbox_dir / "2026-W29").glob("*.eml"))
    recipients = [f.name.split("-", 1)[1] for f in files]
    assert len(recipients) == len(set(recipients)) == 4  # one ambiguous awaits the operator
    with store.transaction() as s:
        issue = get_issue(s, "2026-W29")
        assert issue.state == "sending"  # not 'sent' while a delivery is ambiguous


def test_unsubscribe_during_send_is_honoured(store, settings):
    drafted_issue(store, settings, subscribers=4)
    _approve(store)

    class UnsubscribingSender(OutboxSender):
        batch_size = 2

        def send_batch(self, batch):
            result = super().send_batch(batch)
            with store.transaction() as s:  # a reader leaves while the first batch is out
                set_status(s, "reader3@example.com", "unsubscribed")
            return result

    report = send_issue(store, "2026-W29", UnsubscribingSender(settings.outbox_dir), settings)
    assert report.sent_now == 3 and report.skipped == 1
    names = {f.name for f in (settings.outbox_dir / "2026-W29").glob("*.eml")}
    assert not any("reader3@" in n for n in names)


def test_second_send_of_a_sent_issue_sends_nothing(store, settings):
    drafted_issue(store, settings, subscribers=2)
    _approve(store)
    send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    again = send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    assert again.already_sent and again.sent_now == 0
    assert len(list((settings.outbox_dir / "2026-W29").glob("*.eml"))) == 2


def test_refused_batches_are_retried_then_reported(store, settings):
    drafted_issue(store, settings, subscribers=2)
    _approve(store)

    class Refusing(OutboxSender):
        def send_batch(self, batch):
            return BatchResult(Outcome.REFUSED, "429 Too Many Requests", retry_after_s=0)

    waits: list[float] = []
    with pytest.raises(SendRefused, match="refused 7 times"):
        send_issue(store, "2026-W29", Refusing(settings.outbox_dir), settings, sleep=waits.append)
    assert waits == [0] * 6
    with store.transaction() as s:
        assert deliveries.counts(s, get_issue(s, "2026-W29").id) == {"pending": 2}


def test_redrafting_an_approved_week_is_refused_before_files_change(store, settings):
    from verdicts.lifecycle import TransitionError

    draft = drafted_issue(store, settings)
    _approve(store)
    before = (draft.digest_dir / "email.html").read_bytes()
    with pytest.raises(TransitionError, match="cannot be redrafted"):
        drafted_issue(store, settings, subscribers=0)
    assert (draft.digest_dir / "email.html").read_bytes() == before
    report = send_issue(store, "2026-W29", OutboxSender(settings.outbox_dir), settings)
    assert report.sent_now == 3
