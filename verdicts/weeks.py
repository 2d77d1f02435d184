"""ISO weeks: an issue is named for the ISO week it goes out in and covers the seven days before it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(label: str) -> date:
    """The Monday of an ISO week label; ValueError with a reader's message otherwise."""
    m = WEEK_RE.match(label.strip())
    if not m:
        raise ValueError(f"{label!r} is not an ISO week like 2026-W29")
    try:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise ValueError(f"{label!r} is not a week that exists") from None


def window_for(week: str) -> tuple[datetime, datetime]:
    """The launches an issue covers: the seven days before its Monday (UTC)."""
    monday = datetime.combine(parse_week(week), time(0), tzinfo=UTC)
    return monday - timedelta(days=7), monday


def week_of(moment: datetime) -> str:
    return week_label(moment.astimezone(UTC).date())
