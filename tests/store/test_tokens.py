import pytest

from verdicts import links, tokens
from verdicts.models import TOKEN_UNSUBSCRIBE_URL, vote_token
from verdicts.render.tokens import TOKEN_READER, tokens_in


def test_round_trip_scope_and_expiry():
    t = tokens.sign("k", "vote", {"sub": 7, "pair": "a--vs--b"}, ttl_s=60, now=1000)
    assert tokens.verify("k", "vote", t, now=1030) == {"sub": 7, "pair": "a--vs--b"}
    with pytest.raises(tokens.TokenError, match="expired"):
        tokens.verify("k", "vote", t, now=1061)
    with pytest.raises(tokens.TokenError):
        tokens.verify("k", "unsubscribe", t, now=1030)  # a vote link is not an unsubscribe link
    with pytest.raises(tokens.TokenError):
        tokens.verify("other-secret", "vote", t, now=1030)


def test_tampered_payload_is_refused():
    t = tokens.sign("k", "vote", {"sub": 7}, ttl_s=60, now=1000)
    _, mac = t.split(".")
    forged = tokens.sign("attacker", "vote", {"sub": 8}, ttl_s=60, now=1000).split(".")[0]
    with pytest.raises(tokens.TokenError):
        tokens.verify("k", "vote", f"{forged}.{mac}", now=1000)
    with pytest.raises(tokens.TokenError):
        tokens.verify("k", "vote", "garbage", now=1000)


def test_issue_link_values_cover_every_vote_token_in_the_parts():
    parts = ("<a href='-vote_0_a-'>-vote_0_b-</a> -vote_1_a- -vote_1_b-", "-unsubscribe_url-")
    values = links.issue_link_values("https://v.example", "2026-W29", parts)
    assert {vote_token(i, s) for i in (0, 1) for s in "ab"} <= set(values)
    assert values[vote_token(1, "b")] == f"https://v.example/vote/2026-W29/1/b/{TOKEN_READER}"
    assert values[TOKEN_UNSUBSCRIBE_URL] == f"https://v.example/unsubscribe/{TOKEN_READER}"


def test_a_reader_token_names_one_reader_and_week_and_nothing_else():
    t = links.reader_token("k", 7, "2026-W29", now=1000)
    reader = links.read_reader_token("k", t, now=1000 + 399 * 86_400)
    assert (reader.subscriber_id, reader.week, reader.signed_at) == (7, "2026-W29", 1000)
    assert reader.can_vote(now=1000 + 59 * 86_400) and not reader.can_vote(now=1000 + 61 * 86_400)
    with pytest.raises(tokens.TokenError, match="expired"):
        links.read_reader_token("k", t, now=1000 + 401 * 86_400)
    for scope in ("vote", "unsubscribe", "preferences", "review"):
        with pytest.raises(tokens.SignatureError):
            tokens.verify("k", scope, t, now=1000)  # a reader token is no other scope's token
    with pytest.raises(tokens.SignatureError):
        links.read_reader_token("other-secret", t, now=1000)
    odd = tokens.sign("k", "reader", {"sub": True, "w": "2026-W29"}, ttl_s=60, now=1000)
    with pytest.raises(tokens.TokenError, match="malformed"):
        links.read_reader_token("k", odd, now=1000)


def test_issue_links_are_expanded_once_and_filled_with_one_value():
    html = '<a href="-vote_0_a-">A</a><a href="-vote_12_b-">B</a><a href="-preferences_url-">P</a>'
    text = "Unsubscribe: -unsubscribe_url-\nYou are -email-\n"
    html, text = links.expand_issue_links(html, text, "https://v.example/", "2026-W29")
    assert 'href="https://v.example/vote/2026-W29/0/a/-reader_token-"' in html
    assert 'href="https://v.example/vote/2026-W29/12/b/-reader_token-"' in html
    assert 'href="https://v.example/preferences/-reader_token-"' in html
    assert "Unsubscribe: https://v.example/unsubscribe/-reader_token-\n" in text
    assert tokens_in(html) == {"-reader_token-"} and tokens_in(text) == {
        "-reader_token-",
        "-email-",
    }
    values = links.reader_values(
        "https://v.example", "k", subscriber_id=3, email="a@example.com", week="2026-W29", now=0
    )
    assert values[TOKEN_UNSUBSCRIBE_URL] == (
        "https://v.example/unsubscribe/" + values["-reader_token-"]
    )
    assert links.read_reader_token("k", values["-reader_token-"], now=0).subscriber_id == 3
