"""The weekly build: scrape every enabled source concurrently, resolve, pair, attach, render, store
the draft. It never sends: an editor's approval, recorded in the store, stands between it and send."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.approval import (
    notify_task,
    publish_review_link,
    under_deployment,
    wait_for_decision,
)
from scrapers import config as source_config
from scrapers.errors import FetchError
from scrapers.http import Fetcher
from scrapers.run import SourceOutcome, scrape_source
from verdicts import build
from verdicts.drafting import DraftResult, make_draft
from verdicts.models import Launch, SourceHealth
from verdicts.observability import build_record, final_state, log_summary, observe
from verdicts.settings import get_settings
from verdicts.store.db import open_store
from verdicts.weeks import week_label, window_for


def _retry_on_io(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a source only for transient I/O failures, never for a parse error."""
    try:
        state.result()
    except FetchError as exc:
        return exc.retryable
    except Exception:
        return False
    return False


@task(
    retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=_retry_on_io, cache_policy=NO_CACHE
)
async def scrape_source_task(
    source_id: str, start: datetime, end: datetime, fetcher: Fetcher | None = None
) -> SourceOutcome:
    settings = get_settings()
    file = source_config.load(source_config.sources_path(settings))
    src = next(s for s in file.sources if s.id == source_id)
    from scrapers import relevance

    rules = relevance.Rules.from_table(file.relevance)
    return await scrape_source(
        settings,
        src,
        window_start=start,
        window_end=end,
        rules=rules,
        fetcher=fetcher,
        raise_transient=True,
    )


@task(cache_policy=NO_CACHE)
def resolve_task(
    launches: list[Launch], health: list[SourceHealth], week: str
) -> build.ResolvedWeek:
    settings = get_settings()
    store = open_store(settings.sqlalchemy_url)
    run_id = str(flow_run.get_id() or "local")
    resolved = build.resolve_and_record(store, launches)
    build.record_health(store, week, run_id, health)
    return resolved


@task(cache_policy=NO_CACHE)
def draft_task(resolved: build.ResolvedWeek, week: str, launches_seen: int) -> DraftResult:
    settings = get_settings()
    store = open_store(settings.sqlalchemy_url)
    comparisons, awaiting = build.choose(store, resolved, week, settings)
    content = build.compose(
        week, comparisons, awaiting, window=window_for(week), launches_seen=launches_seen
    )
    return make_draft(store, content, settings, actor="weekly-build")


@dataclass
class BuildSummary:
    week: str
    sources: list[SourceHealth] = field(default_factory=list)
    skipped_sources: list[tuple[str, str]] = field(default_factory=list)
    launches: int = 0
    tools: int = 0
    new_tools: int = 0
    draft: DraftResult | None = None


def _artifact(summary: BuildSummary) -> str:
    d = summary.draft
    lines = [f"# Draft for {summary.week}", ""]
    if d:
        lines += [
            f"**Subject:** {d.subject}",
            f"**Comparisons:** {d.comparisons} ready, {d.awaiting_panel} awaiting the panel",
            f"**Preflight:** {'ok' if d.preflight_ok else 'BLOCKED: ' + '; '.join(d.blocking)}",
            f"**Files:** `{d.digest_dir}`",
            "",
        ]
    lines += [
        "| source | fetched | parsed | kept | dropped | errors |",
        "|---|---|---|---|---|---|",
    ]
    for h in summary.sources:
        lines.append(
            f"| {h.source} | {h.fetched} | {h.parsed} | {h.kept} | {h.dropped} | "
            f"{'; '.join(h.errors) or '—'} |"
        )
    return "\n".join(lines)


@flow(name="weekly-build", log_prints=False)
async def weekly_build(week: str | None = None, sources: list[str] | None = None) -> BuildSummary:
    logger = get_run_logger()
    settings = get_settings()
    # The editor's week: a Monday 06:00 build in Tokyo is still Sunday in UTC.
    week = week or week_label(datetime.now(ZoneInfo(settings.timezone)).date())
    observe(settings, week)  # structured logs carry this week from here on
    start, end = window_for(week)
    file = source_config.load(source_config.sources_path(settings))
    selection = source_config.select(file, sources)
    summary = BuildSummary(week=week, skipped_sources=list(selection.skipped))
    for sid, why in selection.skipped:
        logger.info("source %s not run: %s", sid, why)
    # One fetcher for every source: sources on one host (huggingface.co serves models, spaces and
    # the blog feed) share its per-host pacing, robots.txt cache and conditional-GET cache.
    async with Fetcher(settings) as fetcher:
        outcomes = await asyncio.gather(
            *(scrape_source_task(src.id, start, end, fetcher) for src in selection.run),
            return_exceptions=True,
        )
    launches: list[Launch] = []
    for src, outcome in zip(selection.run, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            # Retries exhausted: this source is reported broken; the others still count.
            summary.sources.append(SourceHealth(source=src.id, errors=(str(outcome),)))
            continue
        summary.sources.append(outcome.health)
        launches.extend(outcome.kept)
    summary.sources += [SourceHealth(source=s, errors=(why,)) for s, why in selection.broken]
    summary.launches = len(launches)
    resolved = resolve_task(launches, summary.sources, week)
    summary.tools, summary.new_tools = len(resolved.new_tools), resolved.new_count
    summary.draft = draft_task(resolved, week, len(launches))
    # In an async flow this Prefect helper returns a coroutine (its sync/async dispatch confuses mypy).
    await create_markdown_artifact(  # type: ignore[misc]
        key=f"draft-{week.lower()}", markdown=_artifact(summary), description="Weekly draft"
    )
    logger.info("draft for %s stored: %s", week, summary.draft.digest_dir)
    # The editor is told (test copy + notice), and the review page is one click from the run.
    notify_task(week)
    await publish_review_link(week, settings)
    if under_deployment() and settings.review_pause_hours > 0:
        # The same decision as a typed form in Prefect's UI; recorded in the store either way.
        timeout = int(settings.review_pause_hours * 3600)
        await wait_for_decision(week, summary.draft.content_hash, settings, timeout_s=timeout)
    record = build_record(summary)
    log_summary(logger, record)
    # Partial (some sources broke) completes under the state name "Partial"; callers get the summary.
    return final_state(record, summary)
