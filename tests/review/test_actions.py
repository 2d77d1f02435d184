"""The editor's actions as domain functions: lifecycle, content binding, cutoff, staleness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from verdicts.deliver.drain import SendRefused, send_issue
from verdicts.deliver.outbox import OutboxSender
from verdicts.lifecycle import TransitionError
from verdicts.review import actions
from verdicts.review.schedule import cutoff, send_slot
from verdicts.settings import Settings
from verdicts.store.issues import comparisons, get_issue, history

from .conftest import WEEK, draft_week

SLOT = datetime(2026, 7, 14, 8, 0, tzinfo=UTC)  # Tue 09:00 London (BST) in 2026-W29
BEFORE = SLOT - timedelta(days=1)


def _issue(store):
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        return issue, [(e.from_state, e.to_state, e.actor, e.notes) for e in history(s, issue)]


def test_slot_and_cutoff_are_read_in_the_editors_timezone(settings):
    assert send_slot(settings, WEEK) == SLOT
    assert cutoff(settings, WEEK) is None  # no cutoff unless configured
    tokyo = Settings(timezone="Asia/Tokyo", review_cutoff="Mon 18:00")
    assert cutoff(tokyo, WEEK) == datetime(2026, 7, 13, 9, 0, tzinfo=UTC)


def test_approve_binds_the_hash_and_sets_the_send_slot(drafted, store, settings):
    result = actions.approve_week(store, settings, WEEK, editor="Dana", notes="fine", now=BEFORE)
    issue, events = _issue(store)
    assert issue.state == "approved" and issue.approved_hash == drafted.content_hash
    assert result.send_after == SLOT == issue.send_after
    assert events[-1] == ("draft", "approved", "Dana", "fine")


def test_approval_of_content_the_editor_did_not_see_is_refused(drafted, store, settings):
    with pytest.raises(actions.ReviewRefused, match="changed since you looked"):
        actions.approve_week(store, settings, WEEK, editor="Dana", expected_hash="0" * 64)
    assert _issue(store)[0].state == "draft"


def test_double_approval_is_refused(drafted, store, settings):
    actions.approve_week(store, settings, WEEK, editor="Dana", now=BEFORE)
    with pytest.raises(actions.ReviewRefused, match="already approved by Dana"):
        actions.approve_week(store, settings, WEEK, editor="Sam", now=BEFORE)
    assert _issue(store)[0].approved_by == "Dana"


def test_edit_after_approval_returns_to_review_and_send_refuses(drafted, store, settings):
    actions.approve_week(store, settings, WEEK, editor="Dana")
    result = actions.edit_week(store, settings, WEEK, editor="Dana", subject="  Two editors\nwin ")
    issue, events = _issue(store)
    assert issue.state == "in_review" and issue.subject == "Two editors win"
    assert issue.approved_hash == "" and result.content_hash == issue.content_hash
    assert result.content_hash != drafted.content_hash
    assert ("approved", "in_review", "Dana", "changed after approval: edited subject") in events
    assert events[-1] == ("draft", "in_review", "Dana", "edited subject")
    with pytest.raises(SendRefused, match="not approved"):
        send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    # Approving the new content works, and the send then goes out.
    actions.approve_week(store, settings, WEEK, editor="Dana")
    report = send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    assert report.sent_now == 2
    assert "Two editors win" in (result.digest_dir / "email.txt").read_text()


def test_edits_survive_a_fresh_build_of_the_same_week(drafted, store, settings):
    actions.edit_week(store, settings, WEEK, editor="Dana", intro="Hand-written.\n\n  Second.")
    actions.drop_pair(store, settings, WEEK, "codepal--vs--devmate", editor="Dana")
    again = draft_week(store, settings)  # the weekly build composing from scratch
    text = (again.digest_dir / "email.txt").read_text()
    assert "Hand-written." in text and "Second." in text
    assert "CodePal" not in text and "ChatCut" in text
    with store.transaction() as s:
        keys = [c.pair_key for c in comparisons(s, get_issue(s, WEEK))]
    assert "codepal--vs--devmate" not in keys


def test_drop_recomposes_the_subject_from_the_new_lead_pair(drafted, store, settings):
    assert drafted.subject.startswith("ChatCut vs FableCut")
    actions.drop_pair(store, settings, WEEK, "chatcut-vs-fablecut", editor="Dana")
    issue, _ = _issue(store)
    assert issue.subject.startswith("CodePal vs DevMate") and issue.state == "in_review"


def test_swap_puts_the_named_pair_in_and_keeps_it_pinned(drafted, store, settings):
    actions.swap_pair(
        store, settings, WEEK, "codepal--vs--devmate", "CodePal", "ChatCut", editor="Dana"
    )
    with store.transaction() as s:
        rows = {c.pair_key: c.status for c in comparisons(s, get_issue(s, WEEK))}
    assert "codepal--vs--devmate" not in rows
    assert rows["chatcut--vs--codepal"] == "ready"
    with pytest.raises(actions.ReviewRefused, match="unknown tool"):
        actions.swap_pair(
            store, settings, WEEK, "chatcut--vs--codepal", "Nope", "CodePal", editor="D"
        )


def test_reject_needs_notes_and_a_redraft_follows(drafted, store, settings):
    with pytest.raises(TransitionError, match="notes"):
        actions.reject_week(store, WEEK, editor="Dana", notes=" ")
    actions.reject_week(store, WEEK, editor="Dana", notes="lead pair is stale")
    issue, events = _issue(store)
    assert issue.state == "rejected" and events[-1][3] == "lead pair is stale"
    with pytest.raises(actions.ReviewRefused, match="rejected: there is nothing to approve"):
        actions.approve_week(store, settings, WEEK, editor="Dana")
    draft_week(store, settings)
    assert _issue(store)[1][-1][:2] == ("rejected", "draft")


def test_approval_after_the_cutoff_is_refused_and_skips_the_week(drafted, store):
    late = Settings(review_cutoff="Tue 07:00")
    after = datetime(2026, 7, 14, 6, 1, tzinfo=UTC)  # 07:01 London
    with pytest.raises(actions.ReviewRefused, match="too late: no approval by the cutoff"):
        actions.approve_week(store, late, WEEK, editor="Dana", now=after)
    issue, events = _issue(store)
    assert issue.state == "skipped" and events[-1][2] == "cutoff"
    with pytest.raises(TransitionError):
        actions.approve_week(store, late, WEEK, editor="Dana", now=after)


def test_cutoff_skips_only_waiting_issues_and_never_sends(drafted, store, settings):
    late = Settings(review_cutoff="Tue 07:00")
    assert actions.apply_cutoff(store, late, now=datetime(2026, 7, 14, 5, 0, tzinfo=UTC)) == []
    assert actions.apply_cutoff(store, late, now=datetime(2026, 7, 14, 7, 0, tzinfo=UTC)) == [WEEK]
    assert _issue(store)[0].state == "skipped"
    assert not settings.outbox_dir.exists()


def test_approved_issue_is_not_cut_off(drafted, store, settings):
    late = Settings(review_cutoff="Tue 07:00")
    actions.approve_week(store, late, WEEK, editor="Dana", now=BEFORE)
    assert actions.apply_cutoff(store, late, now=SLOT) == []


def test_stale_approval_needs_a_fresh_confirmation(drafted, store, settings):
    actions.approve_week(store, settings, WEEK, editor="Dana", now=BEFORE)  # slot in July
    with pytest.raises(SendRefused, match="send slot passed"):
        send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    again = actions.approve_week(store, settings, WEEK, editor="Dana")  # now: November
    assert again.reconfirmed and again.send_after > SLOT
    events = _issue(store)[1]
    assert events[-2][:2] == ("approved", "in_review") and "went stale" in events[-2][3]
    assert send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings).sent_now == 2


def test_sent_issue_cannot_change(drafted, store, settings):
    actions.approve_week(store, settings, WEEK, editor="Dana")
    send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    with pytest.raises(actions.ReviewRefused, match="sent: it can no longer change"):
        actions.edit_week(store, settings, WEEK, editor="Dana", subject="Too late")
    second = send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    assert second.already_sent and second.sent_now == 0
