"""digests/<week>/: the files the editor reviews and the web app serves, and the archive index."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from render_sample import sample_issue

from verdicts.render import DigestError, render_issue, write_archive_index, write_digest
from verdicts.render.htmlscan import scan_html


def test_write_digest_writes_every_part(rendered, settings) -> None:
    folder = write_digest(rendered, settings.digests_dir)
    assert folder == settings.digests_dir / "2026-W29"
    assert (folder / "email.html").read_text(encoding="utf-8") == rendered.html
    assert (folder / "email.txt").read_text(encoding="utf-8") == rendered.text
    assert (folder / "email.mjml").read_text(encoding="utf-8") == rendered.mjml
    assert (folder / "index.html").read_text(encoding="utf-8") == rendered.web_html
    for slug, page in rendered.comparison_pages:
        assert (folder / f"{slug}.html").read_text(encoding="utf-8") == page
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["week"] == "2026-W29"
    assert manifest["content_hash"] == rendered.content_hash
    assert manifest["comparison_slugs"] == [s for s, _ in rendered.comparison_pages]
    assert manifest["comparisons"][0]["title"] == "SmolLM3 vs Mistral 3.1"
    assert sorted(manifest["files"]) == sorted(p.name for p in folder.iterdir())
    assert "-unsubscribe_url-" in manifest["tokens"]
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind


def test_rewrite_replaces_the_issue(rendered, settings) -> None:
    write_digest(rendered, settings.digests_dir)
    changed = replace(rendered, text="new text")
    folder = write_digest(changed, settings.digests_dir)
    assert (folder / "email.txt").read_text(encoding="utf-8") == "new text"


@pytest.mark.parametrize("slug", ["../escape", "email", "a/b", "UPPER", ""])
def test_unsafe_slug_is_refused(rendered, settings, slug: str) -> None:
    bad = replace(rendered, comparison_pages=((slug, "<p>x</p>"),))
    with pytest.raises(DigestError):
        write_digest(bad, settings.digests_dir)


def test_unsafe_week_is_refused(rendered, settings) -> None:
    with pytest.raises(DigestError):
        write_digest(replace(rendered, week="../2026-W29"), settings.digests_dir)


def test_archive_index_lists_issues_newest_first(settings) -> None:
    older = replace(sample_issue(2), week="2026-W28", subject="Older <b>issue</b>")
    newer = sample_issue(3)
    for content in (older, newer):
        write_digest(render_issue(content, settings), settings.digests_dir)
    (settings.digests_dir / "2026-W27").mkdir()
    (settings.digests_dir / "2026-W27" / "manifest.json").write_text("{broken", encoding="utf-8")
    # A draft's folder sits beside the sent ones; it is not in the sent weeks.
    write_digest(render_issue(replace(newer, week="2026-W30"), settings), settings.digests_dir)
    weeks = {"2026-W27", "2026-W28", "2026-W29"}
    path = write_archive_index(settings.digests_dir, weeks, settings)
    page = path.read_text(encoding="utf-8")
    text = scan_html(page).text
    assert text.index(newer.subject) < text.index("Older <b>issue</b>")  # escaped, as text
    assert "<b>issue</b>" not in page
    assert 'href="https://verdicts.example/archive/2026-W28/quillpad-vs-draftwise"' in page
    assert "2026-W27" not in text  # a damaged manifest hides that issue only
    assert "2026-W30" not in page  # an issue not sent is never listed


def test_archive_index_of_nothing(settings) -> None:
    page = write_archive_index(settings.digests_dir, set(), settings).read_text(encoding="utf-8")
    assert "No issue has been published yet." in page
