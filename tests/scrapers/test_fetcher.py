"""The polite fetcher against a real loopback server that misbehaves on cue."""

from __future__ import annotations

import asyncio

import pytest

from scrapers.base import Request
from scrapers.errors import (
    HTTPStatusError,
    RobotsDisallowed,
    RobotsUnavailable,
    TooLarge,
    TooManyRedirects,
    TransientError,
)
from scrapers.http import Fetcher, rebase, retry_after, unrebase
from tests.scrapers.conftest import Site
from tests.scrapers.hostile import PEAK
from verdicts.settings import Settings

PH_FEED = "https://www.producthunt.com/feed"


async def fetch(settings: Settings, url: str, **kwargs: object):
    async with Fetcher(settings, **kwargs) as fetcher:  # type: ignore[arg-type]
        return await fetcher.fetch(Request(url))


def test_rebase_round_trip() -> None:
    url = "https://hn.algolia.com/api/v1/search?tags=show_hn&page=0"
    local = rebase(url, "http://127.0.0.1:9")
    assert local == "http://127.0.0.1:9/hn.algolia.com/api/v1/search?tags=show_hn&page=0"
    assert unrebase(local, "http://127.0.0.1:9") == url
    assert rebase(url, None) == url


async def test_serves_production_urls_from_loopback_with_our_user_agent(
    settings: Settings, site: Site
) -> None:
    response = await fetch(settings, PH_FEED)
    assert response.status == 200 and response.body.startswith(b"<?xml")
    assert response.url == PH_FEED
    method, url, headers = site.log[-1]
    assert (method, url) == ("GET", PH_FEED)
    assert "https://verdicts.example/bot" in headers["User-Agent"]
    assert "verdicts-bot" in headers["User-Agent"]
    assert site.urls()[0] == "https://www.producthunt.com/robots.txt"  # asked first


async def test_second_run_costs_a_304(settings: Settings, site: Site) -> None:
    first = await fetch(settings, PH_FEED)
    second = await fetch(settings, PH_FEED)  # a new fetcher: the cache is on disk
    assert not first.from_cache and second.from_cache
    assert second.body == first.body
    feed_requests = [h for _m, url, h in site.log if url == PH_FEED]
    assert "If-None-Match" not in feed_requests[0]
    assert feed_requests[1]["If-None-Match"].startswith('"')
    assert "If-Modified-Since" in feed_requests[1]


async def test_cache_can_be_switched_off(settings: Settings, site: Site) -> None:
    await fetch(settings, PH_FEED, use_cache=False)
    again = await fetch(settings, PH_FEED, use_cache=False)
    assert not again.from_cache


async def test_robots_disallow_is_honoured_without_touching_the_path(
    settings: Settings, site: Site
) -> None:
    with pytest.raises(RobotsDisallowed, match="disallows"):
        await fetch(settings, "https://robots.test/private/page")
    assert site.urls() == ["https://robots.test/robots.txt"]
    allowed = await fetch(settings, "https://robots.test/public")
    assert allowed.status == 200


async def test_robots_5xx_means_complete_disallow(settings: Settings, site: Site) -> None:
    with pytest.raises(RobotsUnavailable, match=r"robots\.txt unreachable: HTTP 500") as err:
        await fetch(settings, "https://robots500.test/anything", max_attempts=2)
    assert err.value.retryable
    assert "https://robots500.test/anything" not in site.urls()


async def test_crawl_delay_raises_the_host_gap(settings: Settings, site: Site) -> None:
    async with Fetcher(settings) as fetcher:
        with pytest.raises(HTTPStatusError):  # 404 after robots: the page does not exist
            await fetcher.fetch(Request("https://slowbot.test/x"))
        assert fetcher.gates["slowbot.test"].delay_s == 30
        assert fetcher.gates["other.test"].delay_s == 0


async def test_429_honours_retry_after(settings: Settings, site: Site) -> None:
    waits: list[tuple[int, float, str]] = []
    response = await fetch(
        settings,
        "https://ratelimited.test/api",
        on_retry=lambda url, attempt, wait, why: waits.append((attempt, wait, why)),
    )
    assert response.status == 200
    assert waits == [(1, 7.0, "HTTP 429"), (2, 7.0, "HTTP 429")]
    assert site.hits("https://ratelimited.test/api") == 3


async def test_retry_after_beyond_the_cap_gives_up_at_once(settings: Settings, site: Site) -> None:
    with pytest.raises(TransientError, match="Retry-After 86400 s exceeds"):
        await fetch(settings, "https://ratelimited-long.test/api")
    assert site.hits("https://ratelimited-long.test/api") == 1


async def test_5xx_is_retried_with_growing_backoff(settings: Settings, site: Site) -> None:
    waits: list[float] = []
    response = await fetch(
        settings,
        "https://flaky.test/api",
        backoff_base_s=1.0,
        on_retry=lambda url, attempt, wait, why: waits.append(wait),
    )
    assert response.status == 200
    assert len(waits) == 2
    assert 1.0 <= waits[0] <= 2.0 and 2.0 <= waits[1] <= 3.0  # base * 2**n + jitter in [0, base)


async def test_persistent_500_fails_after_max_attempts(settings: Settings, site: Site) -> None:
    with pytest.raises(TransientError, match=r"HTTP 500 .* after 3 attempts") as err:
        await fetch(settings, "https://broken.test/api", max_attempts=3)
    assert err.value.retryable
    assert site.hits("https://broken.test/api") == 3


async def test_404_is_not_retried(settings: Settings, site: Site) -> None:
    with pytest.raises(HTTPStatusError) as err:
        await fetch(settings, "https://www.producthunt.com/nothing-here")
    assert err.value.status == 404 and not err.value.retryable
    assert site.urls().count("https://www.producthunt.com/nothing-here") == 1


async def test_slow_response_times_out(settings: Settings, site: Site) -> None:
    with pytest.raises(TransientError, match=r"no complete answer within 0\.5 s"):
        await fetch(settings, "https://slow.test/api", max_attempts=2)
    assert site.hits("https://slow.test/api") == 2


async def test_redirects_are_followed_up_to_the_cap(settings: Settings, site: Site) -> None:
    moved = await fetch(settings, "https://moved.test/start")
    assert moved.url == "https://moved.test/final" and moved.status == 200
    with pytest.raises(TooManyRedirects, match="more than 5 redirects"):
        await fetch(settings, "https://loop.test/a")
    assert site.hits("https://loop.test/a") + site.hits("https://loop.test/b") == 6


@pytest.mark.parametrize("path", ["streamed", "announced"])
async def test_50_mb_body_is_cut_at_the_cap(settings: Settings, site: Site, path: str) -> None:
    with pytest.raises(TooLarge, match="2000000"):
        await fetch(settings, f"https://huge.test/{path}")


async def test_connection_refused_is_transient(settings: Settings) -> None:
    dead = settings.model_copy(update={"source_rebase": "http://127.0.0.1:9"})
    with pytest.raises(TransientError, match=r"robots\.txt unreachable: ClientConnectorError"):
        await fetch(dead, "https://www.producthunt.com/feed", max_attempts=2)


@pytest.mark.parametrize("limit", [1, 2])
async def test_per_host_concurrency_is_bounded(settings: Settings, site: Site, limit: int) -> None:
    async with Fetcher(settings, per_host_concurrency=limit) as fetcher:
        urls = [f"https://busy.test/page/{i}" for i in range(6)]
        await asyncio.gather(*(fetcher.fetch(Request(url)) for url in urls))
    assert site.app[PEAK][0] == limit  # the server never saw more requests at once


@pytest.mark.parametrize(
    ("header", "seconds"), [("7", 7.0), ("", None), ("soon", None), ("0", 0.0)]
)
def test_retry_after_header(header: str, seconds: float | None) -> None:
    assert retry_after(header) == seconds


def test_retry_after_http_date_is_in_the_future() -> None:
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a past date: go now
