"""The editor's changes, kept in the store so that every later render of the week keeps them.

A subject or intro the editor wrote is stored on the issue (`subject_override`,
`intro_override`); a dropped pair is a `pair_drops` row; a swapped-in pair is a pin. A fresh
weekly build of the same week and a re-render of the stored content both go through
`verdicts.drafting.make_draft`, which calls `apply_overrides`: the editor's words win, dropped
pairs stay out.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from verdicts.models import IssueContent
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import IssueRow, PairDropRow, PinRow

SUBJECT_MAX = 150  # as compose() caps it; longer subjects are clipped by most inboxes anyway
INTRO_MAX = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_subject(text: str) -> str:
    """One line (a newline in a Subject header is header injection), normalised, 1-150 chars."""
    text = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())
    if not text:
        raise ValueError("the subject cannot be empty")
    if len(text) > SUBJECT_MAX:
        raise ValueError(f"the subject is {len(text)} characters; keep it to {SUBJECT_MAX}")
    return text


def clean_intro(text: str) -> str:
    """Paragraphs kept (blank lines), whitespace inside them collapsed, capped in length."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise ValueError("the intro cannot be empty")
    if len(text) > INTRO_MAX:
        raise ValueError(f"the intro is {len(text)} characters; keep it to {INTRO_MAX}")
    return text


def dropped_pair_keys(session: Session, week: str) -> set[str]:
    return set(session.scalars(select(PairDropRow.pair_key).where(PairDropRow.week == week)))


def apply_overrides(store: Store, content: IssueContent) -> IssueContent:
    """The content with the editor's subject and intro, and without the pairs they dropped."""
    with store.transaction() as s:
        issue = s.scalar(select(IssueRow).where(IssueRow.week == content.week))
        dropped = dropped_pair_keys(s, content.week)
        subject = issue.subject_override if issue is not None else ""
        intro = issue.intro_override if issue is not None else ""
    if not (subject or intro or dropped):
        return content
    return dataclasses.replace(
        content,
        subject=subject or content.subject,
        intro=intro or content.intro,
        comparisons=tuple(c for c in content.comparisons if c.pair_key not in dropped),
        awaiting_panel=tuple(p for p in content.awaiting_panel if p.key not in dropped),
    )


def record_drop(
    session: Session,
    week: str,
    pair_key: str,
    *,
    editor: str,
    notes: str,
    reason: str = "",
    never: bool = False,
) -> None:
    """Drop a pair from the week, pinned or chosen: a pin of it goes too, or it would come back.
    With `never`, the editor judged the two not comparable: no later week pairs them either."""
    session.execute(delete(PinRow).where(PinRow.week == week, PinRow.pair_key == pair_key))
    exists = select(PairDropRow).where(PairDropRow.week == week, PairDropRow.pair_key == pair_key)
    row = session.scalar(exists)
    if row is None:
        row = PairDropRow(week=week, pair_key=pair_key, editor=editor, notes=notes, reason=reason)
        session.add(row)
    row.never = bool(row.never) or never
    session.flush()


def never_pair_keys(session: Session) -> set[str]:
    """Pairs the editor judged not comparable, in any week: pairing never proposes them again."""
    return set(session.scalars(select(PairDropRow.pair_key).where(PairDropRow.never.is_(True))))


def excluded_pairs(session: Session, settings: Settings, week: str) -> set[str]:
    """Pairs pairing must not propose for `week`: shown in the recent issues (the repeat window)
    or judged not comparable by the editor in any week."""
    from verdicts.store.issues import recent_pair_keys

    shown = recent_pair_keys(session, issues=settings.repeat_window_issues, before_week=week)
    return shown | never_pair_keys(session)


def forget_drop(session: Session, week: str, pair_key: str) -> None:
    """The editor brings a dropped pair back (by swapping it in)."""
    session.execute(
        delete(PairDropRow).where(PairDropRow.week == week, PairDropRow.pair_key == pair_key)
    )
