"""When an issue goes out and when the editor's approval is due, for a given ISO week.

Both are a weekday and a time of day in the editor's timezone (`send_slot`, `review_cutoff`),
taken in the issue's own ISO week: the build runs on Monday, the editor reads on Monday, the
issue goes out on, say, Tuesday 09:00 London time. Pure functions over settings and a week label.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from verdicts.settings import Settings
from verdicts.weeks import parse_week

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_slot(text: str) -> tuple[int, time]:
    """'Tue 09:00' -> (1, 09:00). ValueError for anything else."""
    try:
        day, clock = text.strip().split()
        hours, minutes = (int(p) for p in clock.split(":"))
        return WEEKDAYS.index(day[:3].lower()), time(hours, minutes)
    except ValueError:
        raise ValueError(f"{text!r} is not a weekday and time like 'Tue 09:00'") from None


def slot_in_week(week: str, slot: str, timezone: str) -> datetime:
    """The moment (UTC) of `slot` in the ISO `week`, read in the editor's `timezone`."""
    weekday, clock = parse_slot(slot)
    day = parse_week(week) + timedelta(days=weekday)
    return datetime.combine(day, clock, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def send_slot(settings: Settings, week: str) -> datetime:
    return slot_in_week(week, settings.send_slot, settings.timezone)


def cutoff(settings: Settings, week: str) -> datetime | None:
    """The approval deadline of the week's issue, or None when no cutoff is configured."""
    if not settings.review_cutoff.strip():
        return None
    return slot_in_week(week, settings.review_cutoff, settings.timezone)


def cutoff_passed(settings: Settings, week: str, now: datetime) -> bool:
    deadline = cutoff(settings, week)
    return deadline is not None and now > deadline


def send_after_for(settings: Settings, week: str, now: datetime) -> datetime:
    """Recorded at approval. An approval given after the slot is a fresh decision to send now,
    so the grace window counts from the approval, not from a slot already in the past."""
    return max(send_slot(settings, week), now)


def approval_stale(send_after: datetime | None, settings: Settings, now: datetime) -> bool:
    """The slot passed more than the grace ago: sending needs a fresh confirmation (drain agrees)."""
    if send_after is None:
        return False
    return now > send_after + timedelta(hours=settings.send_grace_hours)


def local(moment: datetime, settings: Settings) -> str:
    """'Tue 21 Jul 09:00 BST' for messages the editor reads."""
    return moment.astimezone(ZoneInfo(settings.timezone)).strftime("%a %d %b %H:%M %Z")
