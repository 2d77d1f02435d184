"""The snapshot server the demo reuses: every route has its file, and the bundled sources.toml
resolves to snapshots once rebased (so a demo can run every enabled source offline)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aiohttp.test_utils import TestServer

from scrapers import config
from scrapers.base import Window
from scrapers.registry import get
from scrapers.run import scrape_all
from scrapers.testing import FIXTURES, make_snapshot_app, match_route, snapshot_routes
from verdicts.settings import Settings


def test_every_route_points_at_a_snapshot() -> None:
    for url, path in snapshot_routes().items():
        assert (FIXTURES / path).is_file(), url


def test_demo_routes_match_loosely() -> None:
    routes = snapshot_routes()
    algolia = (
        "https://hn.algolia.com/api/v1/search_by_date?tags=show_hn&numericFilters="
        "created_at_i%3E%3D1783296000&hitsPerPage=100&page=0"
    )
    assert match_route(algolia, routes) == (
        "hackernews/algolia_search_show_hn_points50_2026-07-13.json"
    )
    assert match_route("https://www.producthunt.com/feed", routes) == (
        "producthunt/feed_atom_2026-07-13.xml"
    )
    assert match_route("https://github.com/trending/rust?since=weekly", routes) == (
        "github-trending/trending_rust_since-weekly_2026-05-07.html"
    )
    assert match_route("https://example.com/", routes) is None


def test_every_bundled_source_url_has_a_snapshot() -> None:
    window = Window(datetime(2026, 7, 6, tzinfo=UTC), datetime(2026, 7, 13, 12, tzinfo=UTC))
    for src in config.load(config.BUNDLED).sources:
        for request in get(src.kind).plan(src, window):
            assert match_route(request.url, snapshot_routes()), src.id


async def test_every_enabled_source_runs_offline_against_the_snapshots(tmp_path: Path) -> None:
    server = TestServer(make_snapshot_app(), host="127.0.0.1")
    await server.start_server()
    try:
        settings = Settings(
            data_dir=tmp_path, source_rebase=str(server.make_url("")), per_host_delay_s=0
        )
        # Skip the per-source delays of the bundled file: copy it without delay_s.
        text = config.BUNDLED.read_text().replace("delay_s =", "old_delay_s =")
        path = tmp_path / "sources.toml"
        path.write_text(text)
        result = await scrape_all(
            settings,
            window_start=datetime(2026, 7, 6, tzinfo=UTC),
            window_end=datetime(2026, 7, 13, 12, tzinfo=UTC),
            sources_file=path,
        )
    finally:
        await server.close()
    for health in result.health:
        assert health.errors == () and health.parsed > 0, health
    assert {h.source for h in result.health} >= {"hn-algolia", "producthunt-feed", "hf-spaces"}
    assert result.launches
