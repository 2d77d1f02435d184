"""Community votes from the email: GET shows the choice and a button, only POST records.

Mail scanners follow every link in a message, so a GET must never count. An issue's vote link
is `/vote/{week}/{position}/{a|b}/{reader token}`: the reader token (verdicts.links) names the
subscriber and the week, and (week, position) names the pair, read from the comparisons of
that week's issue once it is being sent or was sent (never a draft's). One vote per
subscriber per pair, and a later POST with the other side's link changes it. The split is
shown only once `vote_minimum` votes are in ("—" before that), so a handful of early votes
never reads as a verdict.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from verdicts import links, tokens
from verdicts.lifecycle import State
from verdicts.models import CommunityVote
from verdicts.render.view import comparison_url
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.schema import ComparisonRow, IssueRow, SubscriberRow, ToolRow
from verdicts.store.votes import (
    current_vote,
    pair_tools,
    published_comparison,
    record_vote,
    tally,
    tool_names,
)
from verdicts.web.pages import blocking, limited, message, page, settings_of, store_of
from verdicts.web.security import RateLimiter, check_same_origin

VOTE_LIMITER = web.AppKey("vote_limiter", RateLimiter)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Ballot:
    subscriber_id: int
    pair_key: str
    choice: str


@dataclass(frozen=True, slots=True)
class VoteView:
    """What the vote page shows."""

    a_name: str
    b_name: str
    choice_name: str
    current_name: str | None  # the reader's vote as stored now (None: not voted yet)
    vote: CommunityVote
    comparison_url: str | None
    outcome: str = ""  # "recorded", "changed", "unchanged" after a POST

    @property
    def title(self) -> str:
        return f"{self.a_name} vs {self.b_name}"

    def split(self) -> list[tuple[str, str]]:
        """(tool name, "64%" or "—") for both sides, in pair order."""
        return [(self.a_name, self.vote.label("a")), (self.b_name, self.vote.label("b"))]


class LinkGone(Exception):
    """A well-signed link that no longer leads anywhere (voting closed, no such pair)."""


def issue_pair(session: Session, week: str, position: int) -> tuple[str, str, str] | None:
    """(pair key, a's key, b's key) of the comparison at `position` of a sent (or sending)
    issue, counting its ready comparisons in order, as the email's cards and tokens do."""
    a, b = aliased(ToolRow), aliased(ToolRow)
    rows = session.execute(
        select(ComparisonRow.pair_key, a.key, b.key)
        .join(IssueRow, ComparisonRow.issue_id == IssueRow.id)
        .join(a, ComparisonRow.tool_a_id == a.id)
        .join(b, ComparisonRow.tool_b_id == b.id)
        .where(
            IssueRow.week == week,
            IssueRow.state.in_((State.SENDING, State.SENT)),
            ComparisonRow.status == "ready",
        )
        .order_by(ComparisonRow.position)
        .offset(position)
        .limit(1)
    ).first()
    return None if rows is None else (rows[0], rows[1], rows[2])


def _reader_ballot(request: web.Request, store: Store) -> Ballot:
    """The ballot of an issue's `/vote/{week}/{position}/{side}/{reader token}` link."""
    secret = settings_of(request).secret_key.get_secret_value()
    reader = links.read_reader_token(secret, request.match_info["token"])
    week = request.match_info["week"]
    if reader.week != week:
        raise tokens.TokenError("this link is for another issue")
    if not reader.can_vote():
        raise LinkGone("Voting on this issue has closed.")
    with store.transaction() as s:
        pair = issue_pair(s, week, int(request.match_info["position"]))
    if pair is None:
        raise LinkGone("This issue has no such comparison.")
    pair_key, a_key, b_key = pair
    choice = a_key if request.match_info["side"] == "a" else b_key
    return Ballot(reader.subscriber_id, pair_key, choice)


def _view(store: Store, settings: Settings, ballot: Ballot, record: bool) -> VoteView | None:
    """Load (and with `record`, first cast) the vote; None when the subscriber is gone."""
    with store.transaction() as s:
        if s.get(SubscriberRow, ballot.subscriber_id) is None:
            return None
        outcome = ""
        if record:
            outcome = record_vote(s, ballot.subscriber_id, ballot.pair_key, ballot.choice).outcome
        a, b = pair_tools(ballot.pair_key)
        names = tool_names(s, (a, b))
        current = current_vote(s, ballot.subscriber_id, ballot.pair_key)
        published = published_comparison(s, ballot.pair_key)
        return VoteView(
            a_name=names[a],
            b_name=names[b],
            choice_name=names[ballot.choice],
            current_name=names.get(current, current) if current else None,
            vote=tally(s, ballot.pair_key, settings.vote_minimum),
            comparison_url=comparison_url(settings, *published) if published else None,
            outcome=outcome,
        )


BallotReader = Callable[[web.Request, Store], Ballot]


async def _show(request: web.Request, read: BallotReader, *, record: bool) -> web.StreamResponse:
    store = store_of(request)
    try:
        ballot = await blocking(read, request, store)
    except tokens.TokenError as exc:
        return message(
            request, "This vote link does not work", f"{str(exc).capitalize()}.", status=400
        )
    except LinkGone as exc:
        return message(request, "This vote link no longer works", str(exc), status=410)
    settings = settings_of(request)
    view = await blocking(_view, store, settings, ballot, record)
    if view is None:
        return message(
            request,
            "This vote link no longer works",
            "The subscription it belonged to was removed.",
            status=410,
        )
    return page(request, "vote.html.j2", view=view, minimum=settings.vote_minimum)


def _handlers(read: BallotReader) -> tuple[Handler, Handler]:
    async def show(request: web.Request) -> web.StreamResponse:
        return await _show(request, read, record=False)

    async def cast(request: web.Request) -> web.StreamResponse:
        refused = limited(request, request.app[VOTE_LIMITER], "vote")
        if refused:
            return refused
        check_same_origin(request, settings_of(request))
        await request.read()
        return await _show(request, read, record=True)

    return show, cast


issue_vote_page, cast_issue_vote = _handlers(_reader_ballot)


def setup(app: web.Application) -> None:
    # A reader votes on five pairs a week; 30 at once and one every two seconds is plenty.
    app[VOTE_LIMITER] = RateLimiter(rate=0.5, burst=30)
    issue_link = r"/vote/{week:\d{4}-W\d{2}}/{position:\d{1,3}}/{side:[ab]}/{token}"
    app.router.add_get(issue_link, issue_vote_page)
    app.router.add_post(issue_link, cast_issue_vote)
