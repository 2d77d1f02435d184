"""Scrape every enabled source concurrently; one broken source never stops the others.

`scrape_source` is the unit a Prefect task wraps (one per source). `scrape_all` runs them all on
one shared Fetcher so per-host politeness holds across sources that share a host.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapers import clean, registry, relevance
from scrapers import config as config_mod
from scrapers.base import Request, Response, SourceConfig, Window, param
from scrapers.errors import FetchError, ScrapeError
from scrapers.http import Fetcher
from verdicts.models import Launch, SourceHealth
from verdicts.settings import Settings


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    source: str
    kept: tuple[Launch, ...]
    dropped: tuple[tuple[Launch, str], ...]
    health: SourceHealth


@dataclass(frozen=True, slots=True)
class ScrapeResult:
    launches: tuple[Launch, ...]  # kept: relevant and launched in the window
    health: tuple[SourceHealth, ...]  # one per source that was meant to run
    skipped: tuple[tuple[str, str], ...] = ()  # (source id, why): disabled or not asked for
    dropped: tuple[tuple[Launch, str], ...] = ()  # what the relevance rule dropped, and why


def _prepare(src: SourceConfig, fetcher: Fetcher, request: Request) -> Request:
    """Apply the per-source politeness parameters (delay_s, user_agent) to one request."""
    delay = float(param(src, "delay_s", 0) or 0)
    if delay:
        fetcher.gates[urlsplit(request.url).netloc].slow_down(delay)
    agent = param(src, "user_agent", "")
    if agent:
        agent = f"{agent} +{fetcher.settings.user_agent_contact}"
        return dataclasses.replace(request, headers=(*request.headers, ("User-Agent", agent)))
    return request


def _served_at(response: Response) -> datetime:
    """When the page was generated ("3h ago" counts from here): its Date header, else now."""
    stamp = clean.when(response.headers.get("Date", "")) if not response.from_cache else None
    return stamp or datetime.now(UTC)


@dataclass(slots=True)
class _Progress:
    """What a source delivered so far, kept when a later page fails."""

    items: dict[str, Launch] = dataclasses.field(default_factory=dict)
    fetched: int = 0


async def _collect(src: SourceConfig, fetcher: Fetcher, window: Window, got: _Progress) -> None:
    """Every item the source lists for the window, following pagination."""
    definition = registry.get(src.kind)
    max_pages = int(param(src, "max_pages", definition.max_pages))
    for first in definition.plan(src, window):
        request: Request | None = first
        while request is not None and request.page < max_pages:
            response = await fetcher.fetch(_prepare(src, fetcher, request))
            got.fetched += 1
            if definition.relative_dates:
                page = definition.parse(response.body, url=response.url, now=_served_at(response))
            else:
                page = definition.parse(response.body, url=response.url)
            for launch in page:
                if src.id != src.kind:
                    launch = dataclasses.replace(launch, source=src.id)
                got.items.setdefault(launch.external_id, launch)  # pages can overlap
            request = definition.follow(src, window, request, response, page)


async def scrape_source(
    settings: Settings,
    src: SourceConfig,
    *,
    window_start: datetime,
    window_end: datetime,
    rules: relevance.Rules | None = None,
    fetcher: Fetcher | None = None,
    raise_transient: bool = False,
) -> SourceOutcome:
    """Scrape one configured source. Errors land in its health; nothing raises unless asked.

    With `raise_transient=True` a retryable I/O failure (after the fetcher's own retries) is
    raised, so a Prefect task can retry the source; parse errors are never retried.
    """
    started = time.perf_counter()
    window = Window(window_start, window_end)
    if rules is None:
        rules = relevance.Rules.from_table(config_mod.load(config_mod.BUNDLED).relevance)
    errors: list[str] = []
    got = _Progress()
    own = fetcher is None
    active = fetcher or Fetcher(settings)
    try:
        if own:
            await active.__aenter__()
        await _collect(src, active, window, got)
    except FetchError as exc:
        if raise_transient and exc.retryable:
            raise
        errors.append(str(exc))
    except ScrapeError as exc:
        errors.append(str(exc))
    except Exception as exc:
        errors.append(f"{src.id}: unexpected {type(exc).__name__}: {exc}")
    finally:
        if own:
            await active.__aexit__(None, None, None)
    items = list(got.items.values())
    filtered = relevance.apply(items, src.kind, window, rules)
    health = SourceHealth(
        source=src.id,
        fetched=got.fetched,
        parsed=len(items),
        kept=len(filtered.kept),
        dropped=len(filtered.dropped),
        errors=tuple(errors),
        duration_ms=round((time.perf_counter() - started) * 1000),
        dropped_reasons=filtered.reasons(),
    )
    return SourceOutcome(src.id, filtered.kept, filtered.dropped, health)


async def scrape_all(
    settings: Settings,
    *,
    window_start: datetime,
    window_end: datetime,
    only: list[str] | None = None,
    sources_file: Path | None = None,
    fetcher: Fetcher | None = None,
) -> ScrapeResult:
    """Scrape the enabled sources (or `only` those ids/kinds) concurrently for the window."""
    file = config_mod.load(config_mod.sources_path(settings, sources_file))
    selection = config_mod.select(file, only)
    rules = relevance.Rules.from_table(file.relevance)
    own = fetcher is None
    active = fetcher or Fetcher(settings)
    if own:
        await active.__aenter__()
    try:
        outcomes = await asyncio.gather(
            *(
                scrape_source(
                    settings,
                    src,
                    window_start=window_start,
                    window_end=window_end,
                    rules=rules,
                    fetcher=active,
                )
                for src in selection.run
            )
        )
    finally:
        if own:
            await active.__aexit__(None, None, None)
    broken = tuple(SourceHealth(source=sid, errors=(why,)) for sid, why in selection.broken)
    return ScrapeResult(
        launches=tuple(launch for o in outcomes for launch in o.kept),
        health=tuple(o.health for o in outcomes) + broken,
        skipped=selection.skipped,
        dropped=tuple(d for o in outcomes for d in o.dropped),
    )
