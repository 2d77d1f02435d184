"""A loopback server that answers production source URLs with saved snapshots.

Used by the tests and by the demo: run it, set `settings.source_rebase` to its origin, and every
`https://host/path?q` request arrives here as `/host/path?q`. It speaks conditional GET (ETag and
Last-Modified, 304), serves 404 for anything unknown (robots.txt included: "no rules").
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Awaitable, Callable, Mapping
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from aiohttp import web

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sources"

_HN_FRONT = "hackernews/news_ycombinator_com_frontpage_2026-04-26.html"

# Production URL (as sources.toml requests it) -> snapshot path under the sources fixture folder.
# A route's query string is matched loosely: a request matches when it has the route's parameters
# (extra parameters such as hn-algolia's computed window are ignored).
_ROUTES = {
    "https://hn.algolia.com/api/v1/search_by_date?tags=show_hn": (
        "hackernews/algolia_search_show_hn_points50_2026-07-13.json"
    ),
    "https://hn.algolia.com/api/v1/search?tags=show_hn": (
        "hackernews/algolia_search_show_hn_points50_2026-07-13.json"
    ),
    "https://news.ycombinator.com/show": _HN_FRONT,
    "https://news.ycombinator.com/": _HN_FRONT,
    "https://www.producthunt.com/feed": "producthunt/feed_atom_2026-07-13.xml",
    # The saved GraphQL answer keeps the nodes in the snapshot script's wrapper; parse_api reads it.
    "https://api.producthunt.com/v2/api/graphql": (
        "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json"
    ),
    "https://github.com/trending?since=weekly": (
        "github-trending/trending_all_since-weekly_2026-05-13.html"
    ),
    "https://github.com/trending": "github-trending/trending_all_since-daily_2026-05-13.html",
    "https://github.com/trending/rust?since=weekly": (
        "github-trending/trending_rust_since-weekly_2026-05-07.html"
    ),
    "https://github.com/trending/python": (
        "github-trending/trending_python_since-daily_2026-04-26.html"
    ),
    "https://huggingface.co/api/models?sort=trendingScore": (
        "huggingface/api_models_sort-trendingScore_expand_subset6_2026-08.json"
    ),
    "https://huggingface.co/api/models?sort=likes7d": (
        "huggingface/api_models_sort-likes7d_limit3_2026-04-26.json"
    ),
    "https://huggingface.co/api/spaces?sort=trendingScore": (
        "huggingface/api_spaces_sort-trendingScore_limit25_2026-07.json"
    ),
    "https://huggingface.co/api/daily_papers": "huggingface/api_daily_papers_limit25_2026-07.json",
    "https://huggingface.co/blog/feed.xml": "huggingface/blog_feed_xml_2026-08-20_trimmed.xml",
    "https://openai.com/news/rss.xml": "vendor-feeds/openai_news_rss_2026-08-20_trimmed.xml",
    "https://deepmind.google/blog/rss.xml": "vendor-feeds/google_deepmind_blog_rss_2026-08-13.xml",
    "https://blog.google/innovation-and-ai/technology/ai/rss/": (
        "vendor-feeds/google_blog_ai_rss_2026-08-19_trimmed.xml"
    ),
    "https://raw.githubusercontent.com/Olshansk/rss-feeds/main/feeds/feed_anthropic_news.xml": (
        "vendor-feeds/anthropic_news_rss_olshansk-generated_2026-08-21_trimmed.xml"
    ),
    "https://raw.githubusercontent.com/Olshansk/rss-feeds/main/feeds/feed_mistral.xml": (
        "vendor-feeds/mistral_news_rss_olshansk-generated_2026-05-28_trimmed.xml"
    ),
    "https://www.reddit.com/r/LocalLLaMA/top.rss": (
        "reddit/r_LocalLLaMA_top_rss_t-week_2026-07-13.xml"
    ),
    "https://www.reddit.com/r/LocalLLaMA/top.json": (
        "reddit/r_LocalLLaMA_top_json_t-day_limit3_2026-04-26.json"
    ),
    "https://theresanaiforthat.com/": (
        "ai-directories/theresanaiforthat_homepage_2026-07-24_trimmed.html"
    ),
    "https://www.futurepedia.io/": "ai-directories/futurepedia_homepage_2026-07-24_trimmed.html",
}


def snapshot_routes() -> dict[str, str]:
    """Production URL -> snapshot path relative to the sources fixture folder."""
    return dict(_ROUTES)


def match_route(url: str, routes: Mapping[str, str]) -> str | None:
    """The snapshot for a production URL: an exact match, else the most specific loose one."""
    if url in routes:
        return routes[url]
    want = urlsplit(url)
    asked = set(parse_qsl(want.query, keep_blank_values=True))
    best: tuple[int, str] | None = None
    for route, path in routes.items():
        have = urlsplit(route)
        if (have.netloc, have.path or "/") != (want.netloc, want.path or "/"):
            continue
        needed = set(parse_qsl(have.query, keep_blank_values=True))
        if needed <= asked and (best is None or len(needed) > best[0]):
            best = (len(needed), path)
    return best[1] if best else None


def _content_type(path: Path) -> str:
    if path.suffix == ".xml":
        return "application/xml"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


RequestLog = list[tuple[str, str, dict[str, str]]]
REQUEST_LOG = web.AppKey("request_log", RequestLog)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def snapshot_handler(
    root: Path = FIXTURES,
    routes: Mapping[str, str] | None = None,
    log: RequestLog | None = None,
) -> Handler:
    """The catch-all handler behind make_snapshot_app, for apps that add routes of their own."""
    table = dict(snapshot_routes() if routes is None else routes)
    base = root.resolve()

    async def serve(request: web.Request) -> web.StreamResponse:
        host, _, rest = request.match_info["tail"].partition("/")
        query = f"?{request.query_string}" if request.query_string else ""
        url = f"https://{host}/{rest}{query}"
        if log is not None:
            log.append((request.method, url, dict(request.headers)))
        relative = match_route(url, table)
        if relative is None:
            raise web.HTTPNotFound(text=f"no snapshot for {url}")
        path = (base / relative).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            raise web.HTTPNotFound(text=f"snapshot {relative} is missing")
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, headers=headers, content_type=_content_type(path))

    return serve


def make_snapshot_app(
    root: Path = FIXTURES, routes: Mapping[str, str] | None = None
) -> web.Application:
    """An app serving `/{host}/{path}` from `routes` (production URL -> file under `root`).

    `app[REQUEST_LOG]` records (method, production URL, headers) of every request it answered.
    """
    app = web.Application()
    app[REQUEST_LOG] = []
    app.router.add_route("*", "/{tail:.+}", snapshot_handler(root, routes, app[REQUEST_LOG]))
    return app
