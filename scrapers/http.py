"""The one polite HTTP fetcher every source shares. Only this module talks to the network.

Per request: robots.txt (per host, cached for the run), a descriptive User-Agent with our contact
URL, a per-host gate (concurrency + minimum gap, raised to robots' Crawl-delay), retries with
exponential backoff and jitter on 429/5xx/connection errors honouring Retry-After, conditional GET
against a disk cache, a timeout per attempt, a body size cap (streamed), and a redirect cap. Each
redirect hop goes through robots and the host gate again.

`settings.source_rebase` maps https://host/path?q to {rebase}/host/path?q, so tests and the demo
serve production URLs from loopback while politeness stays keyed on the production host.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from time import time
from urllib.parse import urljoin, urlsplit

import aiohttp
from multidict import CIMultiDict

from scrapers import robots
from scrapers.base import Request, Response
from scrapers.errors import (
    FetchError,
    HTTPStatusError,
    RobotsDisallowed,
    RobotsUnavailable,
    TooLarge,
    TooManyRedirects,
    TransientError,
)
from scrapers.http_cache import DiskCache
from scrapers.politeness import Gates
from verdicts.settings import Settings

VERSION = "0.1"
_REDIRECTS = {301, 302, 303, 307, 308}
_testing = False


def set_testing(on: bool) -> None:
    """Test mode: backoff and Retry-After sleeps shrink to ~0 (planned waits are still reported)."""
    global _testing
    _testing = on


@contextlib.contextmanager
def testing() -> Iterator[None]:
    before = _testing
    set_testing(True)
    try:
        yield
    finally:
        set_testing(before)


def user_agent(contact: str) -> str:
    return f"WeeklyAIToolVerdicts/{VERSION} (+{contact}; {robots.AGENT})"


def rebase(url: str, origin: str | None) -> str:
    if not origin:
        return url
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{origin.rstrip('/')}/{parts.netloc}{parts.path or '/'}{query}"


def unrebase(url: str, origin: str | None) -> str:
    """The production URL a loopback URL stands for (redirects answered by the snapshot server)."""
    if origin and url.startswith(origin.rstrip("/") + "/"):
        return "https://" + url[len(origin.rstrip("/")) + 1 :]
    return url


@dataclass(slots=True)
class FetchStats:
    requests: int = 0  # attempts sent, robots.txt included
    not_modified: int = 0
    retries: int = 0
    bytes: int = 0


OnRetry = Callable[[str, int, float, str], None]  # url, attempt, planned wait (s), reason


class Fetcher:
    def __init__(
        self,
        settings: Settings,
        *,
        max_attempts: int = 4,
        per_host_concurrency: int = 2,
        max_redirects: int = 5,
        backoff_base_s: float = 1.0,
        backoff_max_s: float = 60.0,
        retry_after_max_s: float = 300.0,
        use_cache: bool = True,
        on_retry: OnRetry | None = None,
    ) -> None:
        self.settings = settings
        self.max_attempts = max_attempts
        self.max_redirects = max_redirects
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.retry_after_max_s = retry_after_max_s
        self.on_retry = on_retry
        self.stats = FetchStats()
        self.cache = DiskCache(settings.http_cache_dir if use_cache else None)
        self.gates = Gates(settings.per_host_delay_s, per_host_concurrency)
        self._robots: dict[str, robots.Rules] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._session: aiohttp.ClientSession | None = None
        self.user_agent = user_agent(settings.user_agent_contact)

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(limit=0, limit_per_host=0, ttl_dns_cache=300)
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": self.user_agent}, auto_decompress=True
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, request: Request) -> Response:
        """The response to `request`, after redirects; raises FetchError when it fails for good."""
        url, method, body = request.url, request.method, request.body
        for _hop in range(self.max_redirects + 1):
            await self._check_robots(url)
            status, headers, data, from_cache = await self._with_retries(
                url, method, body, dict(request.headers)
            )
            if status in _REDIRECTS and "Location" in headers:
                target = urljoin(rebase(url, self.settings.source_rebase), headers["Location"])
                url = unrebase(target, self.settings.source_rebase)
                if status == 303 or (status in (301, 302) and method == "POST"):
                    method, body = "GET", None
                continue
            if status >= 400:
                raise HTTPStatusError(url, status)
            return Response(url, status, data, headers, from_cache)
        raise TooManyRedirects(f"more than {self.max_redirects} redirects from {request.url}")

    async def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.netloc
        lock = self._robots_locks.setdefault(host, asyncio.Lock())
        async with lock:  # one robots.txt fetch per host, however many requests wait for it
            rules = self._robots.get(host)
            if rules is None:
                rules = await self._load_robots(f"{parts.scheme}://{host}/robots.txt")
                if not rules.reachable:
                    # RFC 9309: assume complete disallow. Not remembered, so a retry asks again.
                    raise RobotsUnavailable(f"{rules.reason}; not crawling {host}")
                self._robots[host] = rules
                self.gates[host].slow_down(rules.crawl_delay())
        if not rules.allows(url):
            raise RobotsDisallowed(rules.reason or f"robots.txt of {host} disallows {url}")

    async def _load_robots(self, url: str) -> robots.Rules:
        try:
            for _hop in range(5):  # RFC 9309: follow at least five redirects
                status, headers, data, _ = await self._with_retries(url, "GET", None, {})
                if status not in _REDIRECTS or "Location" not in headers:
                    return robots.from_response(status, data)
                target = urljoin(rebase(url, self.settings.source_rebase), headers["Location"])
                url = unrebase(target, self.settings.source_rebase)
        except TooLarge:
            return robots.Rules(None)  # RFC 9309 lets us stop at 500 KiB; we read nothing instead
        except FetchError as exc:
            return robots.unreachable(str(exc))
        return robots.Rules(None)  # a redirect loop: treated as "no robots.txt" (4xx)

    async def _with_retries(
        self, url: str, method: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, CIMultiDict[str], bytes, bool]:
        host = urlsplit(url).netloc
        for attempt in range(1, self.max_attempts + 1):
            wait = self._backoff(attempt)
            try:
                status, got, data, cached = await self._exchange(url, method, body, headers, host)
            except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError) as exc:
                reason = _describe(exc, self.settings.http_timeout_s)
            else:
                if status != 429 and status < 500:
                    return status, got, data, cached
                reason = f"HTTP {status}"
                after = retry_after(got.get("Retry-After", ""))
                if after is not None:
                    if after > self.retry_after_max_s:
                        raise TransientError(
                            f"HTTP {status} from {url}: Retry-After {after:.0f} s "
                            f"exceeds our {self.retry_after_max_s:.0f} s cap"
                        )
                    wait = after
                    self.gates[host].hold_off(0 if _testing else after)
            if attempt == self.max_attempts:
                raise TransientError(f"{reason} from {url} after {attempt} attempts")
            self.stats.retries += 1
            if self.on_retry:
                self.on_retry(url, attempt, wait, reason)
            await asyncio.sleep(min(wait, 0.001) if _testing else wait)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with additive jitter, so retrying clients do not stampede."""
        base = min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempt - 1))
        return base + random.uniform(0, self.backoff_base_s)

    async def _exchange(
        self, url: str, method: str, body: bytes | None, headers: dict[str, str], host: str
    ) -> tuple[int, CIMultiDict[str], bytes, bool]:
        assert self._session is not None, "use `async with Fetcher(...)`"
        cached = self.cache.get(method, url, body) if method == "GET" else None
        send = {**(cached.validators() if cached else {}), **headers}
        # The timeout starts once the host gate lets us go: queueing politely is not slowness.
        async with self.gates[host].slot(), asyncio.timeout(self.settings.http_timeout_s):
            self.stats.requests += 1
            async with self._session.request(
                method,
                rebase(url, self.settings.source_rebase),
                data=body,
                headers=send,
                allow_redirects=False,
            ) as resp:
                got = CIMultiDict(resp.headers)  # header names are case-insensitive
                if resp.status == 304 and cached is not None:
                    self.stats.not_modified += 1
                    return 200, got, cached.body, True
                data = await self._read_capped(resp, url)
        if resp.status == 200 and method == "GET":
            self.cache.put(
                method,
                url,
                body,
                etag=got.get("ETag", ""),
                last_modified=got.get("Last-Modified", ""),
                data=data,
            )
        return resp.status, got, data, False

    async def _read_capped(self, resp: aiohttp.ClientResponse, url: str) -> bytes:
        cap = self.settings.http_max_bytes
        if resp.content_length is not None and resp.content_length > cap:
            raise TooLarge(f"{url} announced {resp.content_length} bytes, over the {cap} cap")
        buf = bytearray()
        async for chunk in resp.content.iter_chunked(65536):
            buf += chunk
            if len(buf) > cap:
                raise TooLarge(f"{url} sent more than the {cap}-byte cap; stopped reading")
        self.stats.bytes += len(buf)
        return bytes(buf)


def retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError, IndexError):
        return None


def _describe(exc: BaseException, timeout_s: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"no complete answer within {timeout_s:g} s"
    return f"{type(exc).__name__}: {exc}".rstrip(": ")
