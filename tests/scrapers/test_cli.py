"""`verdicts scrape --source NAME --file PATH`: JSON lines out, one stderr line on failure."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from tests.scrapers.conftest import Site
from verdicts.cli.scrape import app as live_app
from verdicts.cli.scrape import scrape_file_command
from verdicts.settings import get_settings

app = typer.Typer()
app.command()(scrape_file_command)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_prints_every_item_as_json_lines(fixtures: Path) -> None:
    file = fixtures / "producthunt/feed_atom_2026-07-13.xml"
    result = run("producthunt-feed", str(file))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 50  # no relevance filter: UnitPay from April is listed too
    first = rows[0]
    assert first["name"] == "Simba Voice Agents"
    assert first["source"] == "producthunt-feed"
    assert first["launched_at"] == "2026-07-08T10:33:04-07:00"
    assert {"name", "url", "source", "launched_at", "tagline", "description"} <= set(first)
    assert any(r["name"] == "UnitPay" for r in rows)


def test_optional_fields_appear_where_the_source_has_them(fixtures: Path) -> None:
    file = fixtures / "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json"
    row = json.loads(run("producthunt-api", str(file)).stdout.splitlines()[0])
    assert row["score"] == 362
    assert row["category"] == "Artificial Intelligence"
    assert row["tags"] == ["Artificial Intelligence", "Bots", "Search"]


@pytest.mark.parametrize(
    ("source", "body", "code", "fragment"),
    [
        ("hn-algolia", b'{"hits": [{"objectID": "1", "ti', 1, "not valid JSON"),
        ("github-trending", b"<html><body>maintenance</body></html>", 1, "found 0 items"),
        ("no-such-source", b"{}", 2, "unknown source 'no-such-source'"),
    ],
)
def test_malformed_file_exits_non_zero_with_one_stderr_line(
    tmp_path: Path, source: str, body: bytes, code: int, fragment: str
) -> None:
    file = tmp_path / "saved.bin"
    file.write_bytes(body)
    result = run(source, str(file))
    assert result.exit_code == code
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run("hn-algolia", str(tmp_path / "absent.json"))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


async def test_live_scrape_prints_launches_and_health(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nkind = "producthunt-feed"\nurl = "https://www.producthunt.com/feed"\n'
        '[[source]]\nid = "broken"\nkind = "feed"\nurl = "https://broken.test/feed"\n'
        'max_pages = 1\n[[source]]\nkind = "hn-html"\nenabled = false\n'
    )
    monkeypatch.setenv("VERDICTS_SOURCE_REBASE", site.origin)
    monkeypatch.setenv("VERDICTS_SOURCES_FILE", str(sources))
    monkeypatch.setenv("VERDICTS_PER_HOST_DELAY_S", "0")
    get_settings.cache_clear()
    result = await asyncio.to_thread(CliRunner().invoke, live_app, ["--days", "4000"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["source"] == "producthunt-feed" for r in rows)
    assert "producthunt-feed: fetched 1, parsed 50" in result.stderr
    assert "broken: " in result.stderr and "HTTP 500" in result.stderr
    assert "hn-html: skipped (disabled)" in result.stderr
