import pytest

from verdicts import tokens
from verdicts.links import recipient_values
from verdicts.models import TOKEN_UNSUBSCRIBE_URL, vote_token


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


def test_recipient_values_cover_every_vote_token():
    values = recipient_values(
        "https://v.example",
        "k",
        subscriber_id=3,
        email="a@example.com",
        pairs=[("a--vs--b", "a", "b"), ("c--vs--d", "c", "d")],
    )
    assert values[TOKEN_UNSUBSCRIBE_URL].startswith("https://v.example/unsubscribe/")
    assert {vote_token(i, s) for i in (0, 1) for s in "ab"} <= set(values)
    assert len({values[vote_token(0, "a")], values[vote_token(0, "b")]}) == 2
