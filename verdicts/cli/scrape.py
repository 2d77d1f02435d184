"""`verdicts scrape`: parse a saved response offline, or scrape the configured sources live."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import typer

from scrapers import registry
from scrapers.errors import ScrapeError
from verdicts.models import Launch


def launch_record(launch: Launch) -> dict[str, Any]:
    """The JSON-line shape: the core fields always, optional ones when the source gave them."""
    record: dict[str, Any] = {
        "name": launch.name,
        "url": launch.url,
        "source": launch.source,
        "external_id": launch.external_id,
        "launched_at": launch.launched_at.isoformat() if launch.launched_at else None,
        "tagline": launch.tagline,
        "description": launch.description,
    }
    optional = {
        "category": launch.category,
        "tags": list(launch.tags),
        "score": launch.score,
        "pricing": launch.pricing,
        "license": launch.license,
        "vendor": launch.vendor,
        "discussion_url": launch.discussion_url,
    }
    record.update({k: v for k, v in optional.items() if v not in ("", [], None)})
    return record


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(" ".join(f"error: {message}".split()), err=True)  # exactly one line
    return typer.Exit(code=code)


def scrape_file_command(source: str, file: Path) -> None:
    """Print every item a saved response lists, one JSON object per line. No relevance filter."""
    try:
        definition = registry.get(source)
    except KeyError as exc:
        raise _fail(str(exc.args[0]), 2) from None
    try:
        body = Path(file).read_bytes()
    except OSError as exc:
        raise _fail(f"cannot read {file}: {exc.strerror or exc}", 2) from None
    try:
        launches = definition.parse(body, url="")
    except ScrapeError as exc:
        raise _fail(f"{file}: {exc}", 1) from None
    out = sys.stdout
    for launch in launches:
        out.write(json.dumps(launch_record(launch), ensure_ascii=False) + "\n")
    out.flush()


def scrape_live_command(only: list[str] | None = None, days: int = 7) -> None:
    """Scrape the configured sources for the last `days` days and print health, then launches."""
    from scrapers.run import scrape_all
    from verdicts.settings import get_settings

    end = datetime.now(UTC)
    result = asyncio.run(
        scrape_all(
            get_settings(), window_start=end - timedelta(days=days), window_end=end, only=only
        )
    )
    for launch in result.launches:
        typer.echo(json.dumps(launch_record(launch), ensure_ascii=False))
    for health in result.health:
        status = "ok" if health.ok else "; ".join(health.errors)
        typer.echo(
            f"{health.source}: fetched {health.fetched}, parsed {health.parsed}, "
            f"kept {health.kept}, dropped {health.dropped}, {health.duration_ms} ms: {status}",
            err=True,
        )
    for sid, why in result.skipped:
        typer.echo(f"{sid}: skipped ({why})", err=True)


app = typer.Typer(help="Scrape launch sources.")


@app.command("scrape")
def scrape(
    source: str | None = typer.Option(None, "--source", help="Registry name, e.g. hn-algolia."),
    file: Path | None = typer.Option(None, "--file", help="A saved response to parse offline."),
    only: list[str] | None = typer.Option(None, "--only", help="Scrape only these source ids."),
    days: int = typer.Option(7, "--days", min=1, help="Window length for a live scrape."),
) -> None:
    """Parse a saved response (--source and --file), or scrape the configured sources live."""
    if file is not None:
        if not source:
            raise _fail("--file needs --source NAME", 2)
        scrape_file_command(source, file)
        return
    scrape_live_command(only or ([source] if source else None), days)
