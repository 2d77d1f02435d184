"""Issues, their comparisons and state history in the store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from verdicts.lifecycle import REDRAFTABLE, State, TransitionError, check
from verdicts.models import IssueContent, RenderedIssue
from verdicts.store.schema import (
    ComparisonRow,
    IssueEventRow,
    IssueRow,
    ToolRow,
    VoteRow,
    utcnow,
)


class IssueNotFound(LookupError):
    pass


def get_issue(session: Session, week: str) -> IssueRow:
    row = session.scalar(select(IssueRow).where(IssueRow.week == week))
    if row is None:
        raise IssueNotFound(f"no issue for week {week}")
    return row


def sent_weeks(session: Session) -> set[str]:
    """The weeks whose issue went out: the only ones a reader may see."""
    return set(session.scalars(select(IssueRow.week).where(IssueRow.state == State.SENT)))


def list_issues(session: Session) -> list[IssueRow]:
    return list(session.scalars(select(IssueRow).order_by(IssueRow.week.desc())))


def history(session: Session, issue: IssueRow) -> list[IssueEventRow]:
    return list(
        session.scalars(
            select(IssueEventRow)
            .where(IssueEventRow.issue_id == issue.id)
            .order_by(IssueEventRow.id)
        )
    )


def transition(
    session: Session, issue: IssueRow, target: State, *, actor: str, notes: str = ""
) -> IssueRow:
    check(issue.state, target)
    session.add(
        IssueEventRow(
            issue_id=issue.id,
            from_state=issue.state,
            to_state=target,
            actor=actor,
            notes=notes,
            content_hash=issue.content_hash,
        )
    )
    issue.state = target
    session.flush()
    return issue


def ensure_redraftable(session: Session, week: str) -> None:
    """Refuse before anything is written: an approved or sent issue's files must not change."""
    issue = session.scalar(select(IssueRow).where(IssueRow.week == week))
    if issue is not None and State(issue.state) not in REDRAFTABLE:
        raise TransitionError(f"the {week} issue is {issue.state}; it cannot be redrafted")


def save_draft(
    session: Session,
    content: IssueContent,
    rendered: RenderedIssue,
    *,
    digest_dir: str,
    preflight: dict,
    actor: str,
) -> IssueRow:
    """Store a new draft for the week, replacing an earlier draft that was not yet approved."""
    issue = session.scalar(select(IssueRow).where(IssueRow.week == content.week))
    if issue is None:
        issue = IssueRow(week=content.week, state=State.DRAFT)
        session.add(issue)
        session.flush()
        session.add(IssueEventRow(issue_id=issue.id, to_state=State.DRAFT, actor=actor))
    elif State(issue.state) not in REDRAFTABLE:
        raise TransitionError(f"the {content.week} issue is {issue.state}; it cannot be redrafted")
    else:
        session.add(
            IssueEventRow(
                issue_id=issue.id,
                from_state=issue.state,
                to_state=State.DRAFT,
                actor=actor,
                notes="redrafted",
            )
        )
        issue.state = State.DRAFT
        session.execute(delete(ComparisonRow).where(ComparisonRow.issue_id == issue.id))
    issue.subject, issue.preheader, issue.intro = content.subject, content.preheader, content.intro
    issue.window_start, issue.window_end = content.window_start, content.window_end
    issue.content_hash = rendered.content_hash
    issue.approved_hash, issue.approved_by, issue.approved_at = "", "", None
    issue.digest_dir, issue.preflight = digest_dir, preflight
    # Ready comparisons first (their positions are the vote links' positions), then the pairs
    # awaiting the panel, which the editor sees and readers never do.
    rows = [
        (c.pair_key, c.slug, c.a.tool.key, c.b.tool.key, c.score, c.reason, "ready", False)
        for c in content.comparisons
    ] + [
        (p.key, p.key, p.a.key, p.b.key, p.score, p.reason, "awaiting-panel", p.pinned)
        for p in content.awaiting_panel
    ]
    keys = {r[2] for r in rows} | {r[3] for r in rows}
    ids = dict(session.execute(select(ToolRow.key, ToolRow.id).where(ToolRow.key.in_(keys))).all())
    for position, (key, slug, a_key, b_key, score, reason, status, pinned) in enumerate(rows):
        session.add(
            ComparisonRow(
                issue_id=issue.id,
                position=position,
                pair_key=key,
                slug=slug,
                tool_a_id=ids[a_key],
                tool_b_id=ids[b_key],
                score=score,
                reason=reason,
                status=status,
                pinned=pinned,
            )
        )
    session.flush()
    return issue


def comparisons(
    session: Session, issue: IssueRow, status: str | None = None
) -> list[ComparisonRow]:
    q = select(ComparisonRow).where(ComparisonRow.issue_id == issue.id)
    if status:
        q = q.where(ComparisonRow.status == status)
    return list(session.scalars(q.order_by(ComparisonRow.position)))


def recent_pair_keys(session: Session, *, issues: int, before_week: str) -> set[str]:
    """Pairs shown (ready) in the last `issues` issues before `before_week`: not repeated."""
    if issues <= 0:
        return set()
    weeks = session.scalars(
        select(IssueRow.id)
        .where(IssueRow.week < before_week, IssueRow.state != State.SKIPPED)
        .order_by(IssueRow.week.desc())
        .limit(issues)
    ).all()
    rows = session.scalars(
        select(ComparisonRow.pair_key).where(
            ComparisonRow.issue_id.in_(weeks), ComparisonRow.status == "ready"
        )
    )
    return set(rows)


def vote_counts(session: Session, pair_key: str, a_key: str, b_key: str) -> tuple[int, int]:
    rows = dict(
        session.execute(
            select(VoteRow.choice, func.count())
            .where(VoteRow.pair_key == pair_key)
            .group_by(VoteRow.choice)
        ).all()
    )
    return int(rows.get(a_key, 0)), int(rows.get(b_key, 0))


def approve(
    session: Session,
    issue: IssueRow,
    *,
    editor: str,
    notes: str = "",
    preflight_ok: bool,
    send_after: datetime | None = None,
) -> IssueRow:
    """Bind the approval to the exact content hash the editor saw; `send_after` is its send slot."""
    if not editor.strip():
        raise TransitionError("an approval needs the editor's name")
    if State(issue.state) == State.APPROVED and issue.approved_hash == issue.content_hash:
        raise TransitionError(f"the {issue.week} issue is already approved by {issue.approved_by}")
    if not preflight_ok:
        raise TransitionError(f"the {issue.week} issue has blocking preflight findings")
    transition(session, issue, State.APPROVED, actor=editor, notes=notes)
    issue.approved_hash, issue.approved_by, issue.approved_at = (
        issue.content_hash,
        editor,
        utcnow(),
    )
    issue.send_after = send_after
    session.flush()
    return issue


def reject(session: Session, issue: IssueRow, *, editor: str, notes: str) -> IssueRow:
    """The editor sends the draft back; the notes say what to change before the redraft."""
    if not editor.strip() or not notes.strip():
        raise TransitionError("a rejection needs the editor's name and notes saying what to change")
    transition(session, issue, State.REJECTED, actor=editor, notes=notes)
    issue.approved_hash, issue.approved_by, issue.approved_at = "", "", None
    session.flush()
    return issue


def skip(session: Session, issue: IssueRow, *, actor: str, notes: str) -> IssueRow:
    """No issue this week (a quiet week, or no approval by the cutoff); logged with why."""
    transition(session, issue, State.SKIPPED, actor=actor, notes=notes)
    issue.approved_hash, issue.approved_by, issue.approved_at = "", "", None
    session.flush()
    return issue


def reopen_for_change(session: Session, issue: IssueRow, *, actor: str, notes: str) -> IssueRow:
    """Before the content changes: an approved issue goes back to review (its approval lapses)."""
    if State(issue.state) == State.APPROVED:
        transition(session, issue, State.IN_REVIEW, actor=actor, notes=notes)
        issue.approved_hash, issue.approved_by, issue.approved_at = "", "", None
        issue.send_after = None
    elif State(issue.state) not in REDRAFTABLE:
        raise TransitionError(f"the {issue.week} issue is {issue.state}: it can no longer change")
    session.flush()
    return issue


def record_note(session: Session, issue: IssueRow, *, actor: str, notes: str) -> None:
    """A history entry that changes no state (e.g. the editor was notified, a test was resent)."""
    session.add(
        IssueEventRow(
            issue_id=issue.id,
            from_state=issue.state,
            to_state=issue.state,
            actor=actor,
            notes=notes,
            content_hash=issue.content_hash,
        )
    )
    session.flush()
