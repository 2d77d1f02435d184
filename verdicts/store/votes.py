"""Community votes: one per subscriber per pair (by pair key, so it outlives re-renders), changeable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from verdicts.lifecycle import State
from verdicts.models import CommunityVote
from verdicts.store.issues import vote_counts
from verdicts.store.schema import ComparisonRow, IssueRow, ToolRow, VoteRow, utcnow

PAIR_SEPARATOR = "--vs--"  # verdicts.models.pair_key joins the two sorted tool keys with it


def pair_tools(pair_key: str) -> tuple[str, str]:
    """The two tool keys of a pair key; ValueError when it is not one."""
    a, sep, b = pair_key.partition(PAIR_SEPARATOR)
    if not (sep and a and b) or PAIR_SEPARATOR in b:
        raise ValueError(f"not a pair key: {pair_key[:80]!r}")
    return a, b


@dataclass(frozen=True, slots=True)
class VoteResult:
    outcome: str  # "recorded" (first vote), "changed" or "unchanged"
    previous: str | None


def current_vote(session: Session, subscriber_id: int, pair_key: str) -> str | None:
    return session.scalar(
        select(VoteRow.choice).where(
            VoteRow.pair_key == pair_key, VoteRow.subscriber_id == subscriber_id
        )
    )


def record_vote(session: Session, subscriber_id: int, pair_key: str, choice: str) -> VoteResult:
    """Record or change this subscriber's vote on the pair. `choice` must be one of its tools."""
    if choice not in pair_tools(pair_key):
        raise ValueError(f"{choice!r} is not in the pair {pair_key!r}")
    row = session.scalar(
        select(VoteRow).where(VoteRow.pair_key == pair_key, VoteRow.subscriber_id == subscriber_id)
    )
    if row is None:
        try:
            # A double-click can race two first votes; the unique constraint keeps one.
            with session.begin_nested():
                session.add(VoteRow(pair_key=pair_key, subscriber_id=subscriber_id, choice=choice))
            return VoteResult("recorded", None)
        except IntegrityError:
            row = session.scalar(
                select(VoteRow).where(
                    VoteRow.pair_key == pair_key, VoteRow.subscriber_id == subscriber_id
                )
            )
            assert row is not None
    if row.choice == choice:
        return VoteResult("unchanged", choice)
    previous, row.choice, row.updated_at = row.choice, choice, utcnow()
    session.flush()
    return VoteResult("changed", previous)


def tally(session: Session, pair_key: str, minimum: int) -> CommunityVote:
    """The split in pair order (a = first key), shown by CommunityVote only past `minimum`."""
    a, b = pair_tools(pair_key)
    a_votes, b_votes = vote_counts(session, pair_key, a, b)
    return CommunityVote(a_votes=a_votes, b_votes=b_votes, minimum=minimum)


def tool_names(session: Session, keys: tuple[str, ...]) -> dict[str, str]:
    """Display names by tool key (the key itself when the tool is gone from the catalog)."""
    rows = session.execute(select(ToolRow.key, ToolRow.name).where(ToolRow.key.in_(keys))).all()
    found = {key: name for key, name in rows}
    return {k: found.get(k, k) for k in keys}


def published_comparison(session: Session, pair_key: str) -> tuple[str, str] | None:
    """(week, slug) of the latest sent issue that showed this pair, for a link to its page."""
    row = session.execute(
        select(IssueRow.week, ComparisonRow.slug)
        .join(IssueRow, ComparisonRow.issue_id == IssueRow.id)
        .where(
            ComparisonRow.pair_key == pair_key,
            ComparisonRow.status == "ready",
            IssueRow.state == State.SENT,
        )
        .order_by(IssueRow.week.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None
