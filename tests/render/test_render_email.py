"""What the email, its text part and the web pages carry, read back from the rendered output."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from render_sample import HOSTILE_NAME, HOSTILE_TAGLINE, POSTAL, hostile_issue, sample_issue

from verdicts.models import TOKEN_PREFERENCES_URL, TOKEN_UNSUBSCRIBE_URL, IssueContent, vote_token
from verdicts.render import render_issue
from verdicts.render.htmlscan import scan_html


class _Elements(HTMLParser):
    """Every start tag with its attributes, to assert on real elements rather than substrings."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def hrefs(html: str) -> list[str]:
    return [a["href"] for tag, a in elements(html) if tag == "a" and "href" in a]


def test_card_carries_what_the_seed_page_carries(rendered, issue: IssueContent) -> None:
    text = scan_html(rendered.html).text
    seed = issue.comparisons[0]
    for side in (seed.a, seed.b):
        assert side.tool.name in text
        assert side.tool.tagline in text
        assert side.tool.category in text
        assert f"Entry: {side.price.label}" in text
    assert "3/4 ship · 75%" in text
    assert "4/4 ship · 100%" in text
    assert "Community: —" in text  # 7 votes: below the minimum of 10
    assert "The Operator: skips SmolLM3, ships Mistral 3.1." in text
    for verdict in (*seed.a.verdicts, *seed.b.verdicts):
        assert verdict.key_line in text
        assert verdict.paragraph not in text  # the email carries key lines, the web page all
    assert "Community: 64%" in text  # the second comparison has enough votes to show


def test_meter_widths_follow_the_panel_share(rendered) -> None:
    cells = [(a.get("class"), a.get("width")) for t, a in elements(rendered.html) if t == "td"]
    assert ("meter-on", "75%") in cells and ("meter-off", "25%") in cells
    assert ("meter-on", "100%") in cells  # 4/4: no empty remainder cell for Mistral 3.1
    assert cells.count(("meter-off", "0%")) == 0


def test_links_vote_tokens_and_footer(rendered, issue: IssueContent) -> None:
    links = hrefs(rendered.html)
    for i, comparison in enumerate(issue.comparisons):
        assert vote_token(i, "a") in links and vote_token(i, "b") in links
        url = f"https://verdicts.example/archive/2026-W29/{comparison.slug}"
        assert url in links and url in rendered.text
        assert f"Ship with {comparison.a.tool.name}: {vote_token(i, 'a')}" in rendered.text
    assert TOKEN_UNSUBSCRIBE_URL in links and TOKEN_PREFERENCES_URL in links
    assert "https://verdicts.example/archive/2026-W29/" in links  # view in browser
    assert POSTAL in scan_html(rendered.html).text and POSTAL in rendered.text
    assert f"Unsubscribe: {TOKEN_UNSUBSCRIBE_URL}" in rendered.text


def test_email_head_preheader_and_dark_mode(rendered, issue: IssueContent) -> None:
    facts = scan_html(rendered.html)
    assert facts.html_lang == "en"
    assert facts.title == issue.subject
    assert not facts.forbidden and not facts.images_without_alt
    metas = {a.get("name"): a.get("content") for t, a in elements(rendered.html) if t == "meta"}
    assert metas["color-scheme"] == "light dark"
    assert "prefers-color-scheme: dark" in rendered.html
    assert facts.text.startswith(issue.preheader)  # the hidden preheader comes first
    assert "fonts.googleapis" not in rendered.html


def test_text_part_reads_alone(rendered, issue: IssueContent) -> None:
    lines = rendered.text.splitlines()
    assert all(len(line) <= 100 for line in lines)  # wrapped, bar URLs
    assert "<" not in rendered.text and "&amp;" not in rendered.text
    # The title alone: no "1/3", since a reader's preferences may reorder the cards.
    assert "SmolLM3 vs Mistral 3.1" in lines and not any("1/3" in line for line in lines)
    assert "  Panel: 3/4 ship (75%)" in lines
    assert "SKIP SmolLM3: There's no business here" in rendered.text


def test_untrusted_text_stays_text_everywhere(settings) -> None:
    content = hostile_issue()
    out = render_issue(content, settings)
    for html in (out.html, out.web_html, out.comparison_pages[0][1]):
        tags = elements(html)
        assert not any(t == "img" for t, _ in tags)
        assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
        text = scan_html(html).text
        assert HOSTILE_NAME in text  # shown as the literal text
        assert "{{ 7*7 }}" in text and "49" not in text
        assert "{{ config }} <b>bold</b>" in text
        assert "{{" not in html  # braces are entities in markup: no later engine can bite
        assert "javascript:" not in html  # the tool's own link is dropped, not neutered
    assert HOSTILE_NAME in out.text and "{{ 7*7 }}" in out.text and "49" not in out.text
    # "-unsubscribe_url-" in a tagline must not become a token a sender fills.
    assert hrefs(out.html).count(TOKEN_UNSUBSCRIBE_URL) == 1
    assert out.text.count(TOKEN_UNSUBSCRIBE_URL) == 1
    assert HOSTILE_TAGLINE.replace("-unsubscribe_url-", "-\u2060unsubscribe_url-") in out.text


@pytest.mark.parametrize("count", [0, 1])
def test_quiet_week_path(count: int, settings) -> None:
    content = replace(sample_issue(2), comparisons=sample_issue(2).comparisons[:count])
    out = render_issue(content, settings)
    assert "A quiet week" in scan_html(out.html).text and "A quiet week" in out.text
    assert "A quiet week" in scan_html(out.web_html).text
    assert len(out.comparison_pages) == count
    assert TOKEN_UNSUBSCRIBE_URL in hrefs(out.html)


def test_full_issue_fits_the_size_budget(settings) -> None:
    out = render_issue(sample_issue(settings.pairs_per_issue), settings)
    assert len(out.html.encode()) < 90 * 1024


def test_content_hash_tracks_content_not_recipients(
    rendered, issue: IssueContent, settings
) -> None:
    again = render_issue(issue, settings)
    assert again.content_hash == rendered.content_hash
    assert re.fullmatch(r"[0-9a-f]{64}", rendered.content_hash)
    changed = render_issue(replace(issue, subject=issue.subject + "!"), settings)
    assert changed.content_hash != rendered.content_hash


def test_comparison_page_is_the_seed_page(rendered, issue: IssueContent) -> None:
    slug, page = rendered.comparison_pages[0]
    text = scan_html(page).text
    seed = issue.comparisons[0]
    for verdict in (*seed.a.verdicts, *seed.b.verdicts):
        assert verdict.paragraph in text  # all eight paragraphs, in full
    for phrase in (
        "Reviewer scorecard",
        "Pricing read",
        "Where the panel split",
        "Community vote",
        "75%",
        "100%",
        "Panel ship",
        seed.a.tool.description,
        seed.b.tool.description,
    ):
        assert phrase in text
    assert ("link", "stylesheet") not in [(t, a.get("rel")) for t, a in elements(page)]
    assert f"https://verdicts.example/archive/2026-W29/{slug}" in hrefs(rendered.web_html)
