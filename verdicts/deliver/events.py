"""SendGrid Event Webhook events applied to the store: subscribers, the ledger, the issue's stats.

Each event is applied once: its `sg_event_id` is recorded in `webhook_events` (SendGrid retries
a batch that did not get a 2xx, so the same event can arrive twice). What an event means here:

- bounce (not "blocked"), spamreport, unsubscribe, group_unsubscribe: the subscriber's status
  changes (bounced / complained / unsubscribed), so no later batch or issue goes to them;
- dropped: the same when SendGrid dropped the message because of the address (bounced, invalid,
  unsubscribed or spam-reporting address); other reasons are recorded on the ledger only;
- processed, delivered, open, click: the ledger row's `events` and the issue's stats. Such an
  event for a row left ambiguous is proof SendGrid took the message: the row becomes accepted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdicts.deliver.sendgrid_mail import ISSUE_ARG
from verdicts.store import deliveries as ledger
from verdicts.store.schema import IssueRow, WebhookEventRow
from verdicts.store.subscribers import set_status

STATUS_FOR = {
    "bounce": "bounced",
    "spamreport": "complained",
    "unsubscribe": "unsubscribed",
    "group_unsubscribe": "unsubscribed",
}
DROP_REASONS = {
    "bounced address": "bounced",
    "invalid": "bounced",
    "unsubscribed address": "unsubscribed",
    "spam reporting address": "complained",
}
ENGAGEMENT = ("processed", "delivered", "open", "click")
STAT_NAMES = {"delivered": "delivered", "open": "opens", "click": "clicks"}


@dataclass
class EventSummary:
    applied: int = 0
    duplicates: int = 0
    ignored: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


def event_id(event: dict[str, Any]) -> str:
    given = event.get("sg_event_id")
    if isinstance(given, str) and given:
        return given[:200]
    # No id (never from SendGrid itself): the event's own content is its identity.
    canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def _when(event: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(event["timestamp"]), tz=UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


def _issue_id(event: dict[str, Any]) -> int | None:
    try:
        return int(event[ISSUE_ARG])  # custom_args come back as top-level fields
    except (KeyError, TypeError, ValueError):
        return None


def _status_change(name: str, event: dict[str, Any]) -> str | None:
    if name == "bounce":
        return None if str(event.get("type", "")).lower() == "blocked" else "bounced"
    if name == "dropped":
        return DROP_REASONS.get(str(event.get("reason", "")).strip().lower())
    return STATUS_FOR.get(name)


def _touch_ledger(
    session: Session, name: str, event: dict[str, Any], email: str, stats: dict[int, Counter[str]]
) -> None:
    issue_id = _issue_id(event)
    if issue_id is None or not email:
        return
    row = ledger.find_row(session, issue_id, email)
    if row is None:
        return
    events = dict(row.events or {})
    first = name not in events
    count = int(events.get(f"{name}_count", 0)) + 1
    events[name] = events.get(name) or int(event.get("timestamp") or 0)
    events[f"{name}_count"] = count
    row.events = events  # a new dict, so the JSON column is seen as changed
    if row.status == "ambiguous" and name in ENGAGEMENT:
        row.status = "accepted"
        row.error = f"accepted: SendGrid reported '{name}' for it"
    stat = STAT_NAMES.get(name) or (name if name in ("bounce", "dropped") else None)
    if stat:
        stats[issue_id][stat] += 1
        if first and name in ("open", "click"):
            stats[issue_id][f"unique_{stat}"] += 1


def apply_events(session: Session, events: list[Any]) -> EventSummary:
    summary = EventSummary()
    wanted = [e for e in events if isinstance(e, dict) and isinstance(e.get("event"), str)]
    summary.ignored = len(events) - len(wanted)
    ids = [event_id(e) for e in wanted]
    seen = set(
        session.scalars(select(WebhookEventRow.event_id).where(WebhookEventRow.event_id.in_(ids)))
    )
    stats: dict[int, Counter[str]] = {}
    for event, eid in zip(wanted, ids, strict=True):
        if eid in seen:
            summary.duplicates += 1
            continue
        seen.add(eid)
        name = event["event"][:40]
        email = str(event.get("email") or "")[:320]
        session.add(
            WebhookEventRow(
                event_id=eid, event=name, email=email, occurred_at=_when(event), payload=event
            )
        )
        status = _status_change(name, event)
        if status and email and set_status(session, email, status, reason=f"sendgrid {name}"):
            summary.statuses[status] += 1
        issue_id = _issue_id(event)
        if issue_id is not None:
            stats.setdefault(issue_id, Counter())
        _touch_ledger(session, name, event, email, stats)
        summary.applied += 1
    for issue_id, counter in stats.items():
        if not counter:
            continue
        issue = session.scalar(select(IssueRow).where(IssueRow.id == issue_id).with_for_update())
        if issue is not None:
            merged = dict(issue.stats or {})
            for key, n in counter.items():
                merged[key] = int(merged.get(key, 0)) + n
            issue.stats = merged
    session.flush()
    return summary
