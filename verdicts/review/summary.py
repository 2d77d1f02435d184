"""Everything the editor needs to decide on a week's issue, read once from the store.

The notice email, the review page and `verdicts review` all show this one value, so the three
never disagree about the preflight, the source health or which pairs await the panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from verdicts.lifecycle import State
from verdicts.review.schedule import approval_stale, cutoff, send_slot
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import comparisons, get_issue, history
from verdicts.store.schema import SourceRunRow, ToolRow, utcnow


@dataclass(frozen=True, slots=True)
class PairLine:
    pair_key: str
    slug: str
    title: str  # "A vs B"
    status: str  # ready | awaiting-panel
    pinned: bool
    reason: str


@dataclass(frozen=True, slots=True)
class HealthLine:
    source: str
    fetched: int
    parsed: int
    kept: int
    dropped: int
    errors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventLine:
    at: datetime
    from_state: str
    to_state: str
    actor: str
    notes: str


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    week: str
    state: str
    subject: str
    intro: str
    content_hash: str
    approved_by: str
    send_after: datetime | None
    send_slot: datetime
    cutoff: datetime | None
    stale: bool  # approved, but the send slot passed more than the grace ago
    preflight_ok: bool
    blocking: tuple[str, ...]
    warnings: tuple[str, ...]
    pairs: tuple[PairLine, ...]
    health: tuple[HealthLine, ...]
    history: tuple[EventLine, ...]
    digest_dir: Path

    @property
    def ready(self) -> tuple[PairLine, ...]:
        return tuple(p for p in self.pairs if p.status == "ready")

    @property
    def awaiting(self) -> tuple[PairLine, ...]:
        return tuple(p for p in self.pairs if p.status == "awaiting-panel")

    @property
    def quiet(self) -> bool:
        return len(self.ready) < 2

    @property
    def preview(self) -> Path:
        return self.digest_dir / "email.html"

    @property
    def decided(self) -> bool:
        """Nothing left for the editor to decide (sending, sent, skipped)."""
        return self.state in (State.SENDING, State.SENT, State.SKIPPED)


def _messages(findings: object) -> tuple[str, ...]:
    if not isinstance(findings, list):
        return ()
    return tuple(str(f.get("message", f)) if isinstance(f, dict) else str(f) for f in findings)


def summarize(
    store: Store, settings: Settings, week: str, *, now: datetime | None = None
) -> ReviewSummary:
    now = now or utcnow()
    with store.transaction() as s:
        issue = get_issue(s, week)
        names = dict(s.execute(select(ToolRow.id, ToolRow.name)).all())
        pairs = tuple(
            PairLine(
                r.pair_key,
                r.slug,
                f"{names.get(r.tool_a_id, '?')} vs {names.get(r.tool_b_id, '?')}",
                r.status,
                r.pinned,
                r.reason,
            )
            for r in comparisons(s, issue)
        )
        runs = list(
            s.scalars(
                select(SourceRunRow)
                .where(SourceRunRow.week == week)
                .order_by(SourceRunRow.at.desc(), SourceRunRow.id.desc())
            )
        )
        latest = runs[0].run_id if runs else None  # the build that made this draft
        health = tuple(
            HealthLine(r.source, r.fetched, r.parsed, r.kept, r.dropped, tuple(r.errors or ()))
            for r in sorted(runs, key=lambda r: r.source)
            if r.run_id == latest
        )
        events = tuple(
            EventLine(e.at, e.from_state, e.to_state, e.actor, e.notes) for e in history(s, issue)
        )
        preflight = issue.preflight or {}
        return ReviewSummary(
            week=week,
            state=issue.state,
            subject=issue.subject,
            intro=issue.intro,
            content_hash=issue.content_hash,
            approved_by=issue.approved_by,
            send_after=issue.send_after,
            send_slot=send_slot(settings, week),
            cutoff=cutoff(settings, week),
            stale=issue.state == State.APPROVED and approval_stale(issue.send_after, settings, now),
            preflight_ok=bool(preflight.get("ok", False)),
            blocking=_messages(preflight.get("blocking")),
            warnings=_messages(preflight.get("warnings")),
            pairs=pairs,
            health=health,
            history=events,
            digest_dir=Path(issue.digest_dir),
        )
