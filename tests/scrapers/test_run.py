"""scrape_all end to end over loopback: snapshots deliver, hostile sources fail alone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from scrapers.config import load
from scrapers.http import Fetcher
from scrapers.run import ScrapeResult, scrape_all, scrape_source
from tests.scrapers.conftest import Site
from verdicts.models import SourceHealth
from verdicts.settings import Settings

START = datetime(2026, 7, 6, tzinfo=UTC)  # the demo's window
END = datetime(2026, 7, 13, 12, tzinfo=UTC)

GOOD = """
[[source]]
kind = "hn-algolia"
min_points = 50
[[source]]
kind = "producthunt-feed"
url = "https://www.producthunt.com/feed"
"""


def sources(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(body)
    return path


def health_of(result: ScrapeResult, source: str) -> SourceHealth:
    return next(h for h in result.health if h.source == source)


async def test_demo_sources_deliver_launches_in_the_window(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    result = await scrape_all(
        settings, window_start=START, window_end=END, sources_file=sources(tmp_path, GOOD)
    )
    hn, ph = health_of(result, "hn-algolia"), health_of(result, "producthunt-feed")
    assert (hn.fetched, hn.parsed, hn.errors) == (1, 30, ())
    assert (ph.fetched, ph.parsed, ph.errors) == (1, 50, ())
    assert hn.kept + hn.dropped == 30 and ph.kept + ph.dropped == 50
    assert hn.kept >= 10 and ph.kept >= 10
    assert dict(ph.dropped_reasons)["launched outside the window"] == 13
    assert all(START <= x.launched_at < END for x in result.launches if x.launched_at)
    names = {x.name for x in result.launches}
    assert {"Simba Voice Agents", "Microsoft releases Flint"} <= names
    assert "UnitPay" not in names  # launched in April
    assert "18 Words" not in names  # not about AI
    assert len(result.dropped) == hn.dropped + ph.dropped
    # The Algolia request carries the window and the points threshold.
    algolia = next(u for u in site.urls() if u.startswith("https://hn.algolia.com/api"))
    filters = parse_qs(urlsplit(algolia).query)["numericFilters"][0].split(",")
    assert filters == [
        f"created_at_i>={int(START.timestamp())}",
        f"created_at_i<{int(END.timestamp())}",
        "points>=50",
    ]


async def test_second_run_the_same_day_costs_304s(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    path = sources(tmp_path, GOOD)
    await scrape_all(settings, window_start=START, window_end=END, sources_file=path)
    async with Fetcher(settings) as fetcher:
        again = await scrape_all(
            settings, window_start=START, window_end=END, sources_file=path, fetcher=fetcher
        )
        assert fetcher.stats.not_modified == 2  # both listings answered 304
    assert sum(h.parsed for h in again.health) == 80


HOSTILE = (
    GOOD
    + """
[[source]]
id = "truncated"
kind = "hn-algolia"
url = "https://truncated.test/api/v1/search_by_date"
[[source]]
id = "changed"
kind = "github-trending"
url = "https://changed.test/trending"
[[source]]
id = "rate-limited"
kind = "hn-algolia"
url = "https://ratelimited.test/api/v1/search_by_date"
[[source]]
id = "broken"
kind = "hf-spaces"
url = "https://broken.test/api/spaces"
[[source]]
id = "slow"
kind = "feed"
url = "https://slow.test/feed.xml"
[[source]]
id = "loop"
kind = "feed"
url = "https://loop.test/a"
[[source]]
id = "huge"
kind = "feed"
url = "https://huge.test/streamed"
[[source]]
id = "robots"
kind = "feed"
url = "https://robots.test/private/feed.xml"
[[source]]
id = "future-kind"
kind = "toolify"
[[source]]
kind = "producthunt-api"
enabled = false
note = "commercial use restricted"
"""
)


async def test_each_hostile_source_fails_alone(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    async with Fetcher(settings, max_attempts=3) as fetcher:
        result = await scrape_all(
            settings,
            window_start=START,
            window_end=END,
            sources_file=sources(tmp_path, HOSTILE),
            fetcher=fetcher,
        )
    expected = {
        "truncated": "not valid JSON (truncated?)",
        "changed": "found 0 items in github-trending: the listing markup was not found",
        "broken": "HTTP 500 from https://broken.test/api/spaces after 3 attempts",
        "slow": "no complete answer within 0.5 s",
        "loop": "more than 5 redirects",
        "huge": "more than the 2000000-byte cap",
        "robots": "robots.txt of robots.test disallows",
        "future-kind": "unknown source 'toolify'",
    }
    for source, message in expected.items():
        errors = health_of(result, source).errors
        assert len(errors) == 1 and message in errors[0], (source, errors)
        assert health_of(result, source).kept == 0
    # 429 with Retry-After was waited out and delivered.
    assert health_of(result, "rate-limited").errors == ()
    assert health_of(result, "rate-limited").parsed == 30
    # The good sources delivered whatever their neighbours did.
    assert health_of(result, "hn-algolia").errors == ()
    assert health_of(result, "producthunt-feed").parsed == 50
    assert ("producthunt-api", "disabled: commercial use restricted") in result.skipped
    assert all(
        x.source in {"hn-algolia", "producthunt-feed", "rate-limited"} for x in result.launches
    )


async def test_pagination_follows_algolia_pages_hf_links_and_reddit_after(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    body = """
[[source]]
kind = "hn-algolia"
url = "https://algolia-paged.test/api/v1/search_by_date"
[[source]]
kind = "hf-spaces"
url = "https://paged.test/api/spaces?sort=trendingScore"
[[source]]
kind = "reddit-json"
url = "https://reddit-paged.test/r/LocalLLaMA/top.json?t=day"
"""
    result = await scrape_all(
        settings, window_start=START, window_end=END, sources_file=sources(tmp_path, body)
    )
    assert (health_of(result, "hn-algolia").fetched, health_of(result, "hn-algolia").parsed) == (
        3,
        30,
    )
    assert (health_of(result, "hf-spaces").fetched, health_of(result, "hf-spaces").parsed) == (
        2,
        25,
    )
    reddit = health_of(result, "reddit-json")
    assert (reddit.fetched, reddit.parsed) == (2, 3)
    assert any("after=t3_" in u for u in site.urls() if "reddit-paged" in u)


async def test_a_failing_later_page_keeps_the_earlier_items(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    body = '[[source]]\nkind = "hn-algolia"\nurl = "https://half-broken.test/api/v1/q"\n'
    async with Fetcher(settings, max_attempts=1) as fetcher:
        result = await scrape_all(
            settings,
            window_start=START,
            window_end=END,
            sources_file=sources(tmp_path, body),
            fetcher=fetcher,
        )
    [health] = result.health
    assert health.fetched == 1 and health.parsed == 10
    assert "HTTP 500" in health.errors[0]


async def test_product_hunt_api_needs_its_token(
    settings: Settings, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sources(tmp_path, '[[source]]\nkind = "producthunt-api"\n')
    window = {"window_start": datetime(2025, 6, 14, tzinfo=UTC), "window_end": START}
    monkeypatch.delenv("PRODUCTHUNT_TOKEN", raising=False)
    missing = await scrape_all(settings, **window, sources_file=path)
    assert missing.health[0].errors == (
        "missing token: set PRODUCTHUNT_TOKEN to use producthunt-api",
    )
    assert not any(u.startswith("https://api.producthunt.com/v2") for u in site.urls())

    monkeypatch.setenv("PRODUCTHUNT_TOKEN", "test-token")
    result = await scrape_all(settings, **window, sources_file=path)
    assert result.health[0].errors == () and result.health[0].parsed == 20
    method, _url, headers = next(r for r in site.log if r[1].endswith("/v2/api/graphql"))
    assert method == "POST" and headers["Authorization"] == "Bearer test-token"
    assert "Comet Browser by Perplexity" in {x.name for x in result.launches}


async def test_transient_errors_can_be_raised_for_prefect_retries(
    settings: Settings, site: Site
) -> None:
    [src] = load(Path(__file__).parent.parent.parent / "scrapers" / "sources.toml").sources[:1]
    broken = type(src)(id="broken", kind="feed", params={"url": "https://broken.test/feed"})
    async with Fetcher(settings, max_attempts=1) as fetcher:
        outcome = await scrape_source(
            settings, broken, window_start=START, window_end=END, fetcher=fetcher
        )
        assert "HTTP 500" in outcome.health.errors[0]
        with pytest.raises(Exception, match="HTTP 500") as err:
            await scrape_source(
                settings,
                broken,
                window_start=START,
                window_end=END,
                fetcher=fetcher,
                raise_transient=True,
            )
    assert getattr(err.value, "retryable", False)


async def test_only_limits_the_run_and_reports_the_rest_as_skipped(
    settings: Settings, site: Site, tmp_path: Path
) -> None:
    result = await scrape_all(
        settings,
        window_start=START,
        window_end=END,
        only=["producthunt-feed"],
        sources_file=sources(tmp_path, GOOD),
    )
    assert [h.source for h in result.health] == ["producthunt-feed"]
    assert ("hn-algolia", "not asked for in this run") in result.skipped
