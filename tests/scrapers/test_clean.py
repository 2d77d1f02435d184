"""Untrusted text and URLs are normalised before they become a Launch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from scrapers import clean


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://Example.com/a?utm_source=x&id=3&ref=hn#top", "https://example.com/a?id=3"),
        ("https://x.example/?fbclid=1&gclid=2&q=ok", "https://x.example/?q=ok"),
        ("http://x.example", "http://x.example/"),
        ("javascript:alert(1)", ""),
        ("data:text/html,<b>hi</b>", ""),
        ("ftp://x.example/file", ""),
        ("https://x.example/a b", ""),
        ("//no-scheme.example/", ""),
        ("", ""),
    ],
)
def test_url_is_http_and_free_of_tracking(raw: str, expected: str) -> None:
    assert clean.url(raw) == expected


def test_relative_url_resolves_against_the_listing() -> None:
    assert clean.url("item?id=1", base="https://news.ycombinator.com/") == (
        "https://news.ycombinator.com/item?id=1"
    )


def test_text_is_unescaped_collapsed_stripped_of_controls_and_capped() -> None:
    assert clean.text("  A&amp;B\u0000\n\t C\u202e ", 50) == "A&B C"
    capped = clean.name("x" * 500)
    assert len(capped) == clean.NAME_MAX and capped.endswith("…")


def test_html_text_drops_markup() -> None:
    assert (
        clean.html_text("<p>Hi <script>x</script><b>there</b></p>", 100) == "Hi there"
    )  # script content is not text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1783296000, datetime(2026, 7, 6, tzinfo=UTC)),
        ("2026-07-08T10:33:04-07:00", datetime(2026, 7, 8, 17, 33, 4, tzinfo=UTC)),
        ("2026-05-28T01:22:40.000Z", datetime(2026, 5, 28, 1, 22, 40, tzinfo=UTC)),
        ("Thu, 20 Aug 2026 16:52:57 GMT", datetime(2026, 8, 20, 16, 52, 57, tzinfo=UTC)),
        ("2026-04-26T06:24:42", datetime(2026, 4, 26, 6, 24, 42, tzinfo=UTC)),
        ("not a date", None),
        (None, None),
    ],
)
def test_dates_are_timezone_aware(raw: object, expected: datetime | None) -> None:
    got = clean.when(raw)
    assert got == expected
    assert got is None or got.utcoffset() is not None


def test_offsets_are_kept() -> None:
    got = clean.when("2026-07-08T10:33:04-07:00")
    assert got is not None and got.utcoffset() == timezone(timedelta(hours=-7)).utcoffset(None)


@pytest.mark.parametrize(
    ("raw", "expected"), [("21,835", 21835), ("362 points", 362), ("1.2k", 1200), ("", None)]
)
def test_counts(raw: str, expected: int | None) -> None:
    assert clean.integer(raw) == expected
