"""What the editor can do to a week's issue. The CLI, the review pages and the Prefect input form
all call these, so every path records the same history (who, when, why) in the store.

Approval is bound to the content hash the editor saw; any change afterwards (subject, intro,
a dropped or swapped pair) re-renders the issue and puts it back in review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from verdicts.drafting import DraftResult
from verdicts.lifecycle import State, TransitionError
from verdicts.review import overrides
from verdicts.review.rerender import rerender
from verdicts.review.schedule import (
    approval_stale,
    cutoff,
    cutoff_passed,
    local,
    send_after_for,
)
from verdicts.settings import Settings
from verdicts.store import issues as store_issues
from verdicts.store.db import Store
from verdicts.store.schema import ComparisonRow, IssueRow, utcnow

CHANGEABLE = frozenset({State.DRAFT, State.IN_REVIEW, State.REJECTED, State.APPROVED})
WAITING = frozenset({State.DRAFT, State.IN_REVIEW, State.REJECTED})  # no decision yet


class ReviewRefused(TransitionError):
    """The editor's action cannot be done; the message says why (a one-line CLI error)."""


@dataclass(frozen=True, slots=True)
class Approval:
    week: str
    editor: str
    content_hash: str
    send_after: datetime
    reconfirmed: bool  # a stale approval confirmed again


def _name(editor: str) -> str:
    editor = " ".join(editor.split())[:200]
    if not editor:
        raise ReviewRefused("say who you are: the editor's name is recorded with the decision")
    return editor


def approve_week(
    store: Store,
    settings: Settings,
    week: str,
    *,
    editor: str,
    notes: str = "",
    expected_hash: str | None = None,
    now: datetime | None = None,
) -> Approval:
    """Approve the issue as it stands (or as the editor saw it: `expected_hash`).

    Refused: a changed issue, a second approval, blocking preflight findings, and an approval
    after the cutoff (which skips the week). A stale approval (send slot + grace passed) is
    confirmed afresh instead: the send then counts from now.
    """
    editor, now = _name(editor), now or utcnow()
    missed = None
    with store.transaction() as s:
        issue = store_issues.get_issue(s, week)
        if expected_hash is not None and expected_hash != issue.content_hash:
            raise ReviewRefused(
                f"the {week} issue changed since you looked at it: review it again before approving"
            )
        current = issue.approved_hash == issue.content_hash
        if issue.state == State.APPROVED and current:
            if not approval_stale(issue.send_after, settings, now):
                raise ReviewRefused(f"the {week} issue is already approved by {issue.approved_by}")
            assert issue.send_after is not None
            store_issues.transition(
                s,
                issue,
                State.IN_REVIEW,
                actor=editor,
                notes=f"approval went stale: the send slot {local(issue.send_after, settings)} "
                f"passed more than {settings.send_grace_hours:g} h ago",
            )
            return _approve(s, issue, editor, notes or "confirmed again", now, True)
        if State(issue.state) in WAITING and cutoff_passed(settings, week, now):
            missed = _skip_for_cutoff(s, issue, settings)
        elif State(issue.state) not in (State.DRAFT, State.IN_REVIEW):
            raise ReviewRefused(f"the {week} issue is {issue.state}: there is nothing to approve")
        else:
            return _approve(s, issue, editor, notes, send_after_for(settings, week, now), False)
    raise ReviewRefused(f"too late: {missed}")


def _approve(
    s: Session, issue: IssueRow, editor: str, notes: str, send_after: datetime, again: bool
) -> Approval:
    ok = bool((issue.preflight or {}).get("ok", False))
    store_issues.approve(
        s, issue, editor=editor, notes=notes, preflight_ok=ok, send_after=send_after
    )
    return Approval(issue.week, editor, issue.content_hash, send_after, again)


def _skip_for_cutoff(s: Session, issue: IssueRow, settings: Settings) -> str:
    deadline = cutoff(settings, issue.week)
    assert deadline is not None
    why = f"no approval by the cutoff ({local(deadline, settings)}): the {issue.week} issue is skipped"
    store_issues.skip(s, issue, actor="cutoff", notes=why)
    return why


def record_decision(
    store: Store,
    settings: Settings,
    week: str,
    *,
    approved: bool,
    editor: str,
    notes: str = "",
    expected_hash: str | None = None,
) -> str:
    """A yes/no decision from a form (Prefect's input form): approve, reject with notes, or,
    unticked without notes, nothing at all (the issue keeps waiting)."""
    if approved:
        done = approve_week(
            store, settings, week, editor=editor, notes=notes, expected_hash=expected_hash
        )
        return f"approved by {done.editor}"
    if notes.strip():
        reject_week(store, week, editor=editor, notes=notes)
        return f"rejected by {_name(editor)}"
    return "no decision: not approved, no notes"


def apply_cutoff(
    store: Store, settings: Settings, *, now: datetime | None = None, week: str | None = None
) -> list[str]:
    """Skip (and log) every issue still waiting for approval after its cutoff. Never sends."""
    now = now or utcnow()
    skipped = []
    with store.transaction() as s:
        rows = [store_issues.get_issue(s, week)] if week else store_issues.list_issues(s)
        for issue in rows:
            if State(issue.state) in WAITING and cutoff_passed(settings, issue.week, now):
                _skip_for_cutoff(s, issue, settings)
                skipped.append(issue.week)
    return skipped


def reject_week(store: Store, week: str, *, editor: str, notes: str) -> None:
    with store.transaction() as s:
        issue = store_issues.get_issue(s, week)
        if State(issue.state) not in CHANGEABLE:
            raise ReviewRefused(f"the {week} issue is {issue.state}: it can no longer be rejected")
        store_issues.reject(s, issue, editor=_name(editor), notes=" ".join(notes.split()))


def skip_week(store: Store, week: str, *, editor: str, notes: str) -> None:
    """The editor's own skip (a quiet week): nothing goes out for this week."""
    if not notes.strip():
        raise ReviewRefused("say why the week is skipped (e.g. --notes 'quiet week')")
    with store.transaction() as s:
        store_issues.skip(s, store_issues.get_issue(s, week), actor=_name(editor), notes=notes)


def _open_for_change(s: Session, week: str, editor: str, what: str) -> IssueRow:
    issue = store_issues.get_issue(s, week)
    if State(issue.state) not in CHANGEABLE:
        raise ReviewRefused(f"the {week} issue is {issue.state}: it can no longer change")
    store_issues.reopen_for_change(s, issue, actor=editor, notes=f"changed after approval: {what}")
    return issue


def edit_week(
    store: Store,
    settings: Settings,
    week: str,
    *,
    editor: str,
    subject: str | None = None,
    intro: str | None = None,
) -> DraftResult:
    """New words for the subject and/or intro; kept for every later render of the week."""
    editor = _name(editor)
    if subject is None and intro is None:
        raise ReviewRefused("nothing to change: give a subject, an intro, or both")
    clean_subject = overrides.clean_subject(subject) if subject is not None else None
    clean_intro = overrides.clean_intro(intro) if intro is not None else None
    what = " and ".join(n for n, v in (("subject", subject), ("intro", intro)) if v is not None)
    with store.transaction() as s:
        issue = _open_for_change(s, week, editor, f"edited {what}")
        if clean_subject is not None:
            issue.subject_override = clean_subject
        if clean_intro is not None:
            issue.intro_override = clean_intro
    return rerender(store, settings, week, actor=editor, why=f"edited {what}")


def find_pair(s: Session, issue: IssueRow, ref: str) -> ComparisonRow:
    """A pair of the issue by key ('a--vs--b') or slug ('a-vs-b')."""
    for row in store_issues.comparisons(s, issue):
        if ref.strip() in (row.pair_key, row.slug):
            return row
    raise ReviewRefused(f"the {issue.week} issue has no pair {ref!r} (see `verdicts review`)")


def drop_pair(
    store: Store,
    settings: Settings,
    week: str,
    pair: str,
    *,
    editor: str,
    notes: str = "",
    never: bool = False,
) -> DraftResult:
    """Drop a pair from the week; with `never`, the two are never paired again in any week."""
    editor = _name(editor)
    with store.transaction() as s:
        issue = _open_for_change(s, week, editor, f"dropped {pair}")
        row = find_pair(s, issue, pair)
        overrides.record_drop(
            s, week, row.pair_key, editor=editor, notes=notes, reason=row.reason, never=never
        )
        key = row.pair_key
    why = f"dropped {key}" + (" (never to be paired again)" if never else "")
    return rerender(store, settings, week, actor=editor, why=why)


def swap_pair(
    store: Store, settings: Settings, week: str, pair: str, a: str, b: str, *, editor: str
) -> DraftResult:
    """Replace a pair with 'A vs B' (tool names or keys), pinned for the week."""
    from verdicts.build import pin_pair
    from verdicts.models import pair_key
    from verdicts.store.tools import find_tool

    editor = _name(editor)
    with store.transaction() as s:
        issue = store_issues.get_issue(s, week)
        old_row = find_pair(s, issue, pair)
        old, old_reason = old_row.pair_key, old_row.reason
        rows = {name: find_tool(s, name) for name in (a, b)}
        unknown = [name for name, row in rows.items() if row is None]
        if unknown:
            raise ReviewRefused(f"unknown tool(s): {', '.join(unknown)}")
        keys = [row.key for row in rows.values() if row is not None]
        if len(set(keys)) < 2:
            raise ReviewRefused("a tool cannot be compared with itself")
        new = pair_key(*keys)
        if new == old:
            raise ReviewRefused("that is the same pair: nothing to swap")
        _open_for_change(s, week, editor, f"swapped {old} for {new}")
        overrides.forget_drop(s, week, new)
        overrides.record_drop(
            s, week, old, editor=editor, notes=f"swapped for {new}", reason=old_reason
        )
    pin_pair(store, week, a, b, editor=editor)
    return rerender(store, settings, week, actor=editor, why=f"swapped {old} for {new}")
