"""When things run: the build's cron in the editor's timezone, and which approved issues a periodic
`send-approved` run sends now. Pure functions over settings and a few issue fields; the served
deployments (flows/deploy.py) and `verdicts serve` use them, and the tests call them directly.

The send slot itself belongs to the review rules (`verdicts.review.schedule`): an approval records
`send_after` (the week's `VERDICTS_SEND_SLOT`, or the approval time when that has passed). A slot
older than the send grace is stale and needs a fresh confirmation, which the drain also enforces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cronsim import CronSim, CronSimError

from verdicts.lifecycle import State
from verdicts.review.schedule import approval_stale, send_slot
from verdicts.settings import Settings


class ScheduleError(ValueError):
    """A cron or timezone setting that cannot be used; the message names the setting."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"VERDICTS_TIMEZONE={name!r} is not an IANA timezone like Europe/London"
        ) from None


def check_cron(expr: str, setting: str = "VERDICTS_BUILD_CRON") -> str:
    try:
        CronSim(expr, datetime(2026, 1, 1, tzinfo=UTC))
    except CronSimError as exc:
        raise ScheduleError(f"{setting}={expr!r} is not a cron expression: {exc}") from None
    return expr


def next_fire(expr: str, at_or_after: datetime, tz: str) -> datetime:
    """The first time `expr` fires at or after a moment, read in timezone `tz`; returned in UTC."""
    local = at_or_after.astimezone(zone(tz))
    # CronSim yields strictly later matches; one second back makes an exact match count.
    fire = next(CronSim(check_cron(expr), local - timedelta(seconds=1)))
    return fire.astimezone(UTC)


def next_builds(settings: Settings, now: datetime, count: int = 3) -> list[datetime]:
    """The next weekly build times (UTC), for the operator to check the cron says what they mean."""
    out, moment = [], now
    for _ in range(count):
        fire = next_fire(settings.build_cron, moment, settings.timezone)
        out.append(fire)
        moment = fire + timedelta(minutes=1)
    return out


@dataclass(frozen=True, slots=True)
class Candidate:
    """The few fields of an issue the schedule looks at."""

    week: str
    state: str
    send_after: datetime | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    week: str
    slot: datetime
    action: str  # "send", "wait" (slot not yet come) or "stale" (needs a fresh confirmation)
    why: str


def decide(candidates: Iterable[Candidate], now: datetime, settings: Settings) -> list[Decision]:
    """What a `send-approved` run at `now` does with each approved (or half-sent) issue.

    Issues in any other state are not candidates: the schedule never sends them.
    """
    out: list[Decision] = []
    for c in candidates:
        if c.state not in (State.APPROVED, State.SENDING):
            continue
        slot = c.send_after or send_slot(settings, c.week)
        if slot.tzinfo is None:  # SQLite hands back naive UTC
            slot = slot.replace(tzinfo=UTC)
        if now < slot:
            out.append(
                Decision(c.week, slot, "wait", f"its send slot is {slot:%Y-%m-%d %H:%M} UTC")
            )
        elif approval_stale(slot, settings, now):
            why = (
                f"its send slot ({slot:%Y-%m-%d %H:%M} UTC) passed more than "
                f"{settings.send_grace_hours:g} h ago: approve it again to send"
            )
            out.append(Decision(c.week, slot, "stale", why))
        else:
            verb = "resume the interrupted send" if c.state == State.SENDING else "send"
            out.append(Decision(c.week, slot, "send", f"{verb} (slot {slot:%Y-%m-%d %H:%M} UTC)"))
    return out
