"""Per-recipient tokens: filled once per recipient, escaped for HTML, never forged by source text."""

from __future__ import annotations

import pytest

from verdicts.models import TOKEN_EMAIL, TOKEN_PREFERENCES_URL, TOKEN_UNSUBSCRIBE_URL, vote_token
from verdicts.render import MissingTokenError, fill_html, fill_text, fill_tokens, tokens_in
from verdicts.render.tokens import neutralise_html, neutralise_text


def _values(i: int, comparisons: int) -> dict[str, str]:
    values = {
        TOKEN_UNSUBSCRIBE_URL: f"https://v.example/u/{i}?a=1&b=2",
        TOKEN_PREFERENCES_URL: f"https://v.example/p/{i}",
        TOKEN_EMAIL: f"reader{i}@example.com",
    }
    for pos in range(comparisons):
        for side in "ab":
            values[vote_token(pos, side)] = f"https://v.example/vote/{i}/{pos}/{side}"
    return values


def test_rendered_parts_hold_exactly_the_expected_tokens(rendered, issue) -> None:
    expected = set(_values(0, len(issue.comparisons)))
    assert tokens_in(rendered.html) == expected
    assert tokens_in(rendered.text) == expected


def test_fill_html_escapes_values_and_leaves_no_token(rendered, issue) -> None:
    values = _values(7, len(issue.comparisons))
    html = fill_html(rendered.html, values)
    assert tokens_in(html) == frozenset()
    assert 'href="https://v.example/u/7?a=1&amp;b=2"' in html
    assert "reader7@example.com" in html
    text = fill_text(rendered.text, values)
    assert "Unsubscribe: https://v.example/u/7?a=1&b=2" in text  # raw in the text part
    assert "Ship with SmolLM3: https://v.example/vote/7/0/a" in text


def test_fill_html_escapes_markup_in_a_value() -> None:
    out = fill_html("<p>-email-</p>", {TOKEN_EMAIL: '"><script>x</script>'})
    assert out == "<p>&quot;&gt;&lt;script&gt;x&lt;/script&gt;</p>"


def test_each_recipient_gets_their_own_links(rendered, issue) -> None:
    a = fill_text(rendered.text, _values(1, len(issue.comparisons)))
    b = fill_text(rendered.text, _values(2, len(issue.comparisons)))
    assert "reader1@example.com" in a and "reader2@example.com" not in a
    assert "reader2@example.com" in b and "/u/1" not in b


def test_missing_value_raises_unless_lenient() -> None:
    with pytest.raises(MissingTokenError):
        fill_tokens("see -unsubscribe_url- and -email-", {TOKEN_EMAIL: "x@example.com"})
    out = fill_tokens("see -unsubscribe_url-", {}, strict=False)
    assert out == "see -unsubscribe_url-"


def test_text_without_tokens_and_hyphenated_words_pass_through() -> None:
    text = "state-of-the-art, -not_a_known-token, e-mail"
    assert fill_tokens(text, {}) == text
    assert tokens_in(text) == frozenset()


def test_neutralised_source_text_is_not_a_token() -> None:
    assert tokens_in(neutralise_html("-email- and -vote_0_a-")) == frozenset()
    assert neutralise_html("{{ x }}") == "&#123;&#123; x &#125;&#125;"
    text = neutralise_text("-email-")
    assert tokens_in(text) == frozenset() and text.replace("\u2060", "") == "-email-"
