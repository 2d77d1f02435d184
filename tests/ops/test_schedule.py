"""The schedule's rules: the build cron read in the editor's timezone, and which approved issues a
send-approved run sends, leaves waiting, or refuses as stale."""

from datetime import UTC, datetime, timedelta

import pytest

from verdicts.review.schedule import send_slot
from verdicts.schedule import Candidate, ScheduleError, decide, next_builds, next_fire

WEEK = "2026-W29"  # Monday 13 July 2026; the default slot is Tuesday 09:00 London (08:00 UTC)


def test_the_build_cron_follows_the_editors_clock_across_daylight_saving(settings):
    # Europe/London leaves summer time on Sunday 25 October 2026.
    builds = next_builds(settings, datetime(2026, 10, 14, tzinfo=UTC), count=3)
    assert builds == [
        datetime(2026, 10, 19, 5, 0, tzinfo=UTC),  # Monday 06:00 BST
        datetime(2026, 10, 26, 6, 0, tzinfo=UTC),  # Monday 06:00 GMT
        datetime(2026, 11, 2, 6, 0, tzinfo=UTC),
    ]


def test_an_exact_match_counts_as_the_next_fire():
    monday_six = datetime(2026, 7, 13, 6, 0, tzinfo=UTC)
    assert next_fire("0 6 * * 1", monday_six, "UTC") == monday_six
    assert next_fire("0 6 * * 1", monday_six + timedelta(seconds=1), "UTC") == datetime(
        2026, 7, 20, 6, 0, tzinfo=UTC
    )


def test_a_bad_cron_or_timezone_is_named_in_words(settings, monkeypatch):
    monkeypatch.setattr(settings, "build_cron", "every monday")
    with pytest.raises(ScheduleError, match="VERDICTS_BUILD_CRON='every monday'"):
        next_builds(settings, datetime(2026, 7, 1, tzinfo=UTC))
    with pytest.raises(ScheduleError, match="VERDICTS_TIMEZONE='Mars/Olympus'"):
        next_fire("0 6 * * 1", datetime(2026, 7, 1, tzinfo=UTC), "Mars/Olympus")


def _one(candidate: Candidate, now: datetime, settings):  # type: ignore[no-untyped-def]
    decisions = decide([candidate], now, settings)
    assert len(decisions) == 1
    return decisions[0]


def test_an_approved_issue_waits_for_its_slot_then_goes_then_goes_stale(settings):
    slot = send_slot(settings, WEEK)
    assert slot == datetime(2026, 7, 14, 8, 0, tzinfo=UTC)
    approved = Candidate(WEEK, "approved", send_after=slot)
    assert _one(approved, slot - timedelta(minutes=1), settings).action == "wait"
    assert _one(approved, slot, settings).action == "send"
    grace = timedelta(hours=settings.send_grace_hours)
    assert _one(approved, slot + grace, settings).action == "send"
    stale = _one(approved, slot + grace + timedelta(minutes=1), settings)
    assert stale.action == "stale" and "approve it again" in stale.why


def test_an_approval_without_a_recorded_slot_uses_the_weeks_slot(settings):
    approved = Candidate(WEEK, "approved", send_after=None)
    assert _one(approved, datetime(2026, 7, 14, 7, 59, tzinfo=UTC), settings).action == "wait"
    assert _one(approved, datetime(2026, 7, 14, 8, 0, tzinfo=UTC), settings).action == "send"


def test_sqlite_naive_slots_are_read_as_utc(settings):
    naive = Candidate(WEEK, "approved", send_after=datetime(2026, 7, 14, 8, 0))
    assert _one(naive, datetime(2026, 7, 14, 8, 0, tzinfo=UTC), settings).action == "send"


def test_an_interrupted_send_is_resumed_within_the_grace(settings):
    sending = Candidate(WEEK, "sending", send_after=datetime(2026, 7, 14, 8, 0, tzinfo=UTC))
    decision = _one(sending, datetime(2026, 7, 14, 9, 0, tzinfo=UTC), settings)
    assert decision.action == "send" and "resume" in decision.why


@pytest.mark.parametrize("state", ["draft", "in_review", "rejected", "skipped", "sent"])
def test_issues_without_an_approval_are_never_candidates(settings, state):
    late = datetime(2026, 7, 14, 9, 0, tzinfo=UTC)
    assert decide([Candidate(WEEK, state, send_after=None)], late, settings) == []
