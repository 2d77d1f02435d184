"""The served deployments: their schedules come from the settings, and the periodic send-approved
flow sends only approved issues whose slot has come (a real Prefect flow run, outbox sender)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flows.deploy import BUILD, SEND_APPROVED, SEND_ISSUE, deployments, send_approved
from verdicts.schedule import ScheduleError
from verdicts.store.issues import approve, get_issue, history
from verdicts.store.schema import utcnow

from ..helpers import drafted_issue


def test_the_deployments_follow_the_settings(settings, monkeypatch):
    monkeypatch.setattr(settings, "build_cron", "30 5 * * 2")
    monkeypatch.setattr(settings, "timezone", "America/New_York")
    monkeypatch.setattr(settings, "send_check_minutes", 5)
    by_name = {d.name: d for d in deployments(settings)}
    assert set(by_name) == {BUILD, SEND_APPROVED, SEND_ISSUE}

    (build,) = by_name[BUILD].schedules
    assert build.schedule.cron == "30 5 * * 2" and build.schedule.timezone == "America/New_York"
    (check,) = by_name[SEND_APPROVED].schedules
    assert check.schedule.interval == timedelta(minutes=5)
    assert by_name[SEND_ISSUE].schedules == []  # on demand only
    # Module entrypoints: a worker anywhere with the package installed can load them.
    assert {d.entrypoint for d in by_name.values()} == {
        "flows.weekly.weekly_build",
        "flows.deploy.send_approved",
        "flows.send.send_flow",
    }


def test_a_bad_schedule_setting_stops_serving_before_prefect_sees_it(settings, monkeypatch):
    monkeypatch.setattr(settings, "timezone", "Europe/Londn")
    with pytest.raises(ScheduleError, match="Europe/Londn"):
        deployments(settings)


def _approve(store, week: str, send_after) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as s:
        approve(s, get_issue(s, week), editor="Ed", preflight_ok=True, send_after=send_after)


@pytest.mark.prefect
def test_send_approved_sends_due_issues_only(prefect_harness, store, settings, monkeypatch):
    now = utcnow()
    for week in ("2026-W20", "2026-W21", "2026-W22", "2026-W23"):
        drafted_issue(store, settings, week=week, subscribers=2)
    _approve(store, "2026-W20", now - timedelta(hours=1))  # its slot has come: sent
    _approve(store, "2026-W21", now + timedelta(days=2))  # not yet: waits
    _approve(store, "2026-W22", now - timedelta(hours=settings.send_grace_hours + 1))  # stale
    # 2026-W23 stays a draft; with a cutoff configured it is skipped, never sent.
    monkeypatch.setattr(settings, "review_cutoff", "Mon 12:00")

    result = send_approved()

    assert result.sent == {"2026-W20": 2}
    assert result.waiting == ["2026-W21"] and result.stale == ["2026-W22"]
    assert result.skipped_by_cutoff == ["2026-W23"] and not result.failed
    with store.transaction() as s:
        states = {
            w: get_issue(s, w).state for w in ("2026-W20", "2026-W21", "2026-W22", "2026-W23")
        }
        sent_by = [e.actor for e in history(s, get_issue(s, "2026-W20")) if e.to_state == "sent"]
    assert states == {
        "2026-W20": "sent",
        "2026-W21": "approved",
        "2026-W22": "approved",
        "2026-W23": "skipped",
    }
    assert sent_by == [SEND_APPROVED]
    assert len(list((settings.outbox_dir / "2026-W20").glob("*.eml"))) == 2
    assert not (settings.outbox_dir / "2026-W21").exists()

    # A second round finds nothing new to send: nobody gets the issue twice.
    again = send_approved()
    assert again.sent == {} and len(list((settings.outbox_dir / "2026-W20").glob("*.eml"))) == 2
