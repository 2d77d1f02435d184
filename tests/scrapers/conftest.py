"""Scraper tests: a loopback server (snapshots + hostile variants), settings pointing at it,
and the fetcher's test mode (backoff sleeps ~0) switched on for every test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from scrapers import http
from scrapers.testing import FIXTURES
from tests.scrapers.hostile import HITS, LOG, make_hostile_app
from verdicts.settings import Settings


@pytest.fixture(autouse=True)
def _fast_backoff() -> Iterator[None]:
    with http.testing():
        yield


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@dataclass
class Site:
    origin: str
    app: web.Application

    @property
    def log(self) -> list[tuple[str, str, dict[str, str]]]:
        return self.app[LOG]

    def hits(self, url: str) -> int:
        return self.app[HITS][url]

    def urls(self) -> list[str]:
        return [url for _method, url, _headers in self.log]


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    app = make_hostile_app()
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield Site(str(server.make_url("")).rstrip("/"), app)
    finally:
        await server.close()


@pytest.fixture
def settings(tmp_path: Path, site: Site) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        source_rebase=site.origin,
        per_host_delay_s=0,
        http_timeout_s=0.5,
        http_max_bytes=2_000_000,
        user_agent_contact="https://verdicts.example/bot",
        sources_file=None,
    )
