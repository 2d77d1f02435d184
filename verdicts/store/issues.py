"""Issues, their comparisons and state history in the store."""

from __future__ import annotations

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
    keys = {t.key for c in content.comparisons for t in (c.a.tool, c.b.tool)}
    keys |= {t.key for p in content.awaiting_panel for t in (p.a, p.b)}
    ids = dict(session.execute(select(ToolRow.key, ToolRow.id).where(ToolRow.key.in_(keys))).all())
    position = 0
    for c in content.comparisons:
        session.add(
            ComparisonRow(
                issue_id=issue.id,
                position=position,
                pair_key=c.pair_key,
                slug=c.slug,
                tool_a_id=ids[c.a.tool.key],
                tool_b_id=ids[c.b.tool.key],
                score=c.score,
                reason=c.reason,
                status="ready",
            )
        )
        position += 1
    for p in content.awaiting_panel:
        session.add(
            ComparisonRow(
                issue_id=issue.id,
                position=position,
                pair_key=p.key,
                slug=p.key,
                tool_a_id=ids[p.a.key],
                tool_b_id=ids[p.b.key],
                score=p.score,
                reason=p.reason,
                status="awaiting-panel",
                pinned=p.pinned,
            )
        )
        position += 1
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
    session: Session, issue: IssueRow, *, editor: str, notes: str = "", preflight_ok: bool
) -> IssueRow:
    """Bind the approval to the exact content hash the editor saw."""
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
    session.flush()
    return issue
