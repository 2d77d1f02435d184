"""Community votes: GET shows, only POST records; one vote per reader per pair, changeable."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from verdicts import links, tokens
from verdicts.models import pair_key
from verdicts.store.schema import VoteRow
from verdicts.store.subscribers import find_by_email
from verdicts.web.votes import VOTE_LIMITER

from ..helpers import drafted_issue
from .conftest import local, sent_issue

PAIR = pair_key("chatcut", "fablecut")


@pytest.fixture
def readers(store, settings) -> list[int]:
    sent_issue(store, settings, subscribers=12)  # ChatCut vs FableCut at position 0
    with store.transaction() as s:
        return [find_by_email(s, f"reader{i}@example.com").id for i in range(12)]


def _vote_path(settings, subscriber_id: int, choice: str) -> str:
    """The link a reader's email carries for choosing `choice` in the issue's first pair."""
    return _issue_vote_path(settings, subscriber_id, 0, "a" if choice == "chatcut" else "b")


def _votes(store) -> dict[int, str]:
    with store.transaction() as s:
        return dict(s.execute(select(VoteRow.subscriber_id, VoteRow.choice)).all())


async def test_get_shows_the_choice_and_records_nothing(client, store, settings, readers):
    for _ in range(2):
        r = await client.get(_vote_path(settings, readers[0], "chatcut"))
        assert r.status == 200
        page = await r.text()
        assert "ChatCut vs FableCut" in page and "Vote for ChatCut" in page
        assert '<form method="post">' in page
    assert _votes(store) == {}


async def test_post_records_then_changes_the_vote(client, store, settings, readers) -> None:
    r = await client.post(_vote_path(settings, readers[0], "chatcut"))
    assert r.status == 200 and "your vote for <strong>ChatCut</strong> is counted" in await r.text()
    assert _votes(store) == {readers[0]: "chatcut"}
    r = await client.get(_vote_path(settings, readers[0], "fablecut"))
    assert "Change my vote to FableCut" in await r.text()
    r = await client.post(_vote_path(settings, readers[0], "fablecut"))
    assert "Vote changed" in await r.text()
    r = await client.post(_vote_path(settings, readers[0], "fablecut"))
    assert "already counted" in await r.text()
    assert _votes(store) == {readers[0]: "fablecut"}  # one row per reader per pair
    with store.transaction() as s:
        assert s.scalar(select(func.count()).select_from(VoteRow)) == 1


async def test_split_is_a_dash_until_the_minimum_then_shown(client, store, settings, readers):
    assert settings.vote_minimum == 10
    for i, reader in enumerate(readers[:9]):
        await client.post(_vote_path(settings, reader, "chatcut" if i < 6 else "fablecut"))
    page = await (await client.get(_vote_path(settings, readers[9], "chatcut"))).text()
    assert page.count("<b>—</b>") == 2 and "once 10 readers have voted" in page
    r = await client.post(_vote_path(settings, readers[9], "chatcut"))  # the tenth vote
    page = await r.text()
    assert "<b>70%</b>" in page and "<b>30%</b>" in page and "10 votes." in page


async def test_bad_vote_links_are_refused(client, store, settings, readers) -> None:
    secret = settings.secret_key.get_secret_value()
    cases = [
        tokens.sign(secret, "reader", {"sub": readers[0], "w": "2026-W29"}, ttl_s=-1),  # expired
        tokens.sign("forged", "reader", {"sub": readers[0], "w": "2026-W29"}, ttl_s=600),
        tokens.sign(secret, "vote", {"sub": readers[0], "w": "2026-W29"}, ttl_s=600),  # scope
        tokens.sign(secret, "reader", {"sub": "1", "w": "2026-W29"}, ttl_s=600),  # malformed
    ]
    for token in cases:
        assert (await client.get(f"/vote/2026-W29/0/a/{token}")).status == 400, token
        assert (await client.post(f"/vote/2026-W29/0/a/{token}")).status == 400, token
    assert (await client.get("/vote/some-old-style-token")).status == 404
    assert _votes(store) == {}


async def test_vote_posts_are_rate_limited(app, client, settings, readers) -> None:
    burst = app[VOTE_LIMITER].burst
    statuses = [
        (await client.post(_vote_path(settings, readers[i % 12], "chatcut"))).status
        for i in range(burst + 2)
    ]
    assert statuses[:burst] == [200] * burst and statuses[burst:] == [429, 429]
    assert (await client.get(_vote_path(settings, readers[0], "chatcut"))).status == 200


async def test_page_links_to_the_published_comparison(client, store, settings) -> None:
    sent_issue(store, settings, subscribers=1)
    with store.transaction() as s:
        reader = find_by_email(s, "reader0@example.com").id
    page = await (await client.get(_vote_path(settings, reader, "fablecut"))).text()
    assert "/archive/2026-W29/chatcut-vs-fablecut" in page


def _issue_vote_path(settings, subscriber_id: int, position: int, side: str, **kw) -> str:
    week = kw.pop("week", "2026-W29")
    token_week = kw.pop("token_week", week)
    secret = kw.pop("secret", settings.secret_key.get_secret_value())
    token = links.reader_token(secret, subscriber_id, token_week, **kw)
    return local(links.reader_vote_url(settings.base_url, week, position, side, token))


async def test_an_issue_link_votes_for_the_pair_at_its_position(client, store, settings) -> None:
    sent_issue(store, settings, subscribers=1)
    with store.transaction() as s:
        reader = find_by_email(s, "reader0@example.com").id
    path = _issue_vote_path(settings, reader, 0, "b")
    page = await (await client.get(path)).text()
    assert "ChatCut vs FableCut" in page and "Vote for FableCut" in page
    assert _votes(store) == {}  # a GET never counts
    r = await client.post(path)
    assert (
        r.status == 200 and "your vote for <strong>FableCut</strong> is counted" in await r.text()
    )
    assert _votes(store) == {reader: "fablecut"}
    await client.post(_issue_vote_path(settings, reader, 0, "a"))
    assert _votes(store) == {reader: "chatcut"}
    with store.transaction() as s:
        assert s.scalar(select(VoteRow.pair_key)) == PAIR


async def test_issue_links_are_refused_unless_signed_for_that_week_and_sent(
    client, store, settings
) -> None:
    sent_issue(store, settings, subscribers=1)
    drafted_issue(store, settings, week="2026-W30", subscribers=0)  # a draft: never votable
    with store.transaction() as s:
        reader = find_by_email(s, "reader0@example.com").id
    refused = {
        400: [
            _issue_vote_path(settings, reader, 0, "a", secret="forged"),
            _issue_vote_path(settings, reader, 0, "a", now=0),  # expired
            _issue_vote_path(settings, reader, 0, "a", token_week="2026-W30"),  # another week
            # a single-purpose unsubscribe token where the reader token goes
            "/vote/2026-W29/0/a/"
            + links.unsubscribe_url("", settings.secret_key.get_secret_value(), reader).rsplit(
                "/", 1
            )[1],
        ],
        410: [
            _issue_vote_path(settings, reader, 1, "a"),  # the issue has one pair
            _issue_vote_path(settings, reader, 0, "a", week="2026-W30"),  # not sent
            # voting closed: sent 61 days ago (the link itself still unsubscribes)
            _issue_vote_path(settings, reader, 0, "a", now=time.time() - 61 * 86_400),
        ],
        404: ["/vote/2026-W29/0/c/x.y", "/vote/2026-W29/zero/a/x.y"],
    }
    for status, paths in refused.items():
        for path in paths:
            assert (await client.get(path)).status == status, path
            assert (await client.post(path)).status == status, path
    assert _votes(store) == {}
