"""Broken responses give one clear ParseError, never silent emptiness."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers import registry
from scrapers.errors import ParseError

CHANGED_MARKUP = [
    ("github-trending", "github-trending/trending_all_since-daily_2026-05-13.html",
     ("Box-row", "Repo-card"),
     "github-trending: found 0 items in github-trending: the listing markup was not found"),
    ("hn-html", "hackernews/news_ycombinator_com_frontpage_2026-04-26.html",
     ("athing", "thing"), "found 0 items in hn-html"),
    ("taaft", "ai-directories/theresanaiforthat_homepage_2026-07-24_trimmed.html",
     ("data-name=", "data-title="), "found 0 items in taaft"),
    ("futurepedia", "ai-directories/futurepedia_homepage_2026-07-24_trimmed.html",
     ("toolName", "productName"), "found 0 items in futurepedia"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "file", "swap", "message"), CHANGED_MARKUP)
def test_changed_markup_says_the_listing_was_not_found(
    fixtures: Path, source: str, file: str, swap: tuple[str, str], message: str
) -> None:
    body = (fixtures / file).read_text().replace(*swap).encode()
    with pytest.raises(ParseError) as err:
        registry.get(source).parse(body)
    assert message in str(err.value)


TRUNCATED = [
    ("hn-algolia", "hackernews/algolia_search_show_hn_points50_2026-07-13.json", "not valid JSON"),
    ("producthunt-api", "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json",
     "not valid JSON"),
    ("hf-models", "huggingface/api_models_sort-likes7d_limit3_2026-04-26.json", "not valid JSON"),
    ("hf-spaces", "huggingface/api_spaces_sort-trendingScore_limit25_2026-07.json",
     "not valid JSON"),
    ("hf-papers", "huggingface/api_daily_papers_2026-08-01.json", "not valid JSON"),
    ("reddit-json", "reddit/r_LocalLLaMA_top_json_t-day_limit3_2026-04-26.json", "not valid JSON"),
    ("producthunt-feed", "producthunt/feed_atom_2026-07-13.xml", "not well-formed XML"),
    ("feed", "vendor-feeds/google_deepmind_blog_rss_2026-08-13.xml", "not well-formed XML"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "file", "message"), TRUNCATED)
def test_truncated_body_is_a_parse_error(
    fixtures: Path, source: str, file: str, message: str
) -> None:
    body = (fixtures / file).read_bytes()
    with pytest.raises(ParseError) as err:
        registry.get(source).parse(body[: len(body) // 2])
    assert str(err.value).startswith(f"{source}: ")
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("source", "body", "message"),
    [
        ("hn-algolia", b'{"message": "Invalid API key"}', "expected list at 'hits'"),
        ("hf-models", b'{"error": "rate limited"}', "expected list at the top level"),
        ("reddit-json", b'{"kind": "t3", "data": {}}', "expected a Listing"),
        ("producthunt-api", b'{"errors": [{"message": "Invalid token"}]}', "Invalid token"),
        ("feed", b"<html><body>Just a moment...</body></html>", "neither RSS nor Atom"),
    ],
)
def test_wrong_shape_names_what_was_expected(source: str, body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        registry.get(source).parse(body)


def test_feed_parser_never_expands_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>t &e; &b;</title><link>https://x.example/</link></item>"
        "</channel></rss>"
    ).encode()
    [launch] = registry.get("feed").parse(xml)
    assert launch.name == "t"  # neither the file nor the expansion made it into the text
