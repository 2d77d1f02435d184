"""GDPR erasure: the person goes, the aggregates (sends, votes, counters) stay."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from verdicts.cli.main import app as cli
from verdicts.models import pair_key
from verdicts.store import deliveries
from verdicts.store.issues import get_issue, vote_counts
from verdicts.store.readers import erase
from verdicts.store.schema import CounterRow, DeliveryRow, SubscriberRow, VoteRow, WebhookEventRow
from verdicts.store.subscribers import find_by_email
from verdicts.store.votes import record_vote

from .conftest import sent_issue

PAIR = pair_key("chatcut", "fablecut")


def _setup(store, settings) -> int:
    sent_issue(store, settings, subscribers=2)
    with store.transaction() as s:
        gone = find_by_email(s, "reader0@example.com").id
        stays = find_by_email(s, "reader1@example.com").id
        record_vote(s, gone, PAIR, "chatcut")
        record_vote(s, stays, PAIR, "fablecut")
        s.add(
            WebhookEventRow(
                event_id="e1",
                event="open",
                email="reader0@example.com",
                payload={"email": "reader0@example.com"},
            )
        )
    return gone


def test_erase_removes_the_person_and_keeps_the_counts(store, settings) -> None:
    gone = _setup(store, settings)
    with store.transaction() as s:
        issue_id = get_issue(s, "2026-W29").id
        before = deliveries.counts(s, issue_id)
        done = erase(s, "READER0@example.com")
    assert done is not None and done.status == "active"
    assert (done.deliveries_unlinked, done.votes_unlinked, done.webhook_events_scrubbed) == (
        1,
        1,
        1,
    )
    with store.transaction() as s:
        assert s.get(SubscriberRow, gone) is None
        assert find_by_email(s, "reader0@example.com") is None
        assert deliveries.counts(s, issue_id) == before  # the send totals did not move
        assert vote_counts(s, PAIR, "chatcut", "fablecut") == (1, 1)
        assert s.scalar(select(func.count()).where(VoteRow.subscriber_id == gone)) == 0
        assert s.scalar(select(func.count()).where(DeliveryRow.subscriber_id == gone)) == 0
        event = s.scalar(select(WebhookEventRow))
        assert event.email == "" and "reader0" not in str(event.payload)
        assert s.get(CounterRow, "subscribers.erased").value == 1
        assert s.get(CounterRow, "subscribers.erased.active").value == 1
        assert erase(s, "reader0@example.com") is None


def test_cli_erase(store, settings) -> None:
    _setup(store, settings)
    runner = CliRunner()
    out = runner.invoke(cli, ["subscribers", "erase", "reader0@example.com"])
    assert out.exit_code == 0, out.output
    assert "erased reader0@example.com (active): 1 deliveries and 1 votes" in out.output
    out = runner.invoke(cli, ["subscribers", "erase", "reader0@example.com"])
    assert out.exit_code == 1 and "no subscriber" in out.output
    export = runner.invoke(cli, ["subscribers", "export"]).output
    assert "reader0@example.com" not in export and "reader1@example.com" in export
