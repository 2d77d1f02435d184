"""A loopback site that misbehaves on cue, in front of the snapshot server.

Each hostile behaviour lives on its own fake host (`/<host>/...` once rebased), so one run can mix
well-behaved sources with broken ones. Every request is logged with its production URL.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

from aiohttp import web

from scrapers.testing import FIXTURES, RequestLog, snapshot_handler

LOG = web.AppKey("log", RequestLog)
HITS = web.AppKey("hits", Counter)
BUSY = web.AppKey("busy", list)  # [requests in flight now]
PEAK = web.AppKey("peak", list)  # [most requests ever in flight at once]

ALGOLIA = FIXTURES / "hackernews/algolia_search_show_hn_points50_2026-07-13.json"
TRENDING = FIXTURES / "github-trending/trending_all_since-daily_2026-05-13.html"
SPACES = FIXTURES / "huggingface/api_spaces_sort-trendingScore_limit25_2026-07.json"
REDDIT = FIXTURES / "reddit/r_LocalLLaMA_top_json_t-day_limit3_2026-04-26.json"
FIFTY_MB = 50 * 1024 * 1024


def _log(request: web.Request) -> str:
    query = f"?{request.query_string}" if request.query_string else ""
    url = "https://" + request.path.lstrip("/") + query
    request.app[LOG].append((request.method, url, dict(request.headers)))
    request.app[HITS][url.split("?")[0]] += 1
    return url


def _count(request: web.Request) -> int:
    return request.app[HITS][_log(request).split("?")[0]]


async def truncated(request: web.Request) -> web.Response:
    _log(request)
    return web.Response(body=ALGOLIA.read_bytes()[:700], content_type="application/json")


async def changed_markup(request: web.Request) -> web.Response:
    _log(request)
    html = TRENDING.read_text().replace("Box-row", "Repo-card")
    return web.Response(text=html, content_type="text/html")


async def rate_limited(request: web.Request) -> web.Response:
    """429 with Retry-After: 7 twice, then the real answer."""
    if _count(request) <= 2:
        return web.Response(status=429, headers={"Retry-After": "7"}, text="slow down")
    return web.Response(body=ALGOLIA.read_bytes(), content_type="application/json")


async def rate_limited_long(request: web.Request) -> web.Response:
    _log(request)
    return web.Response(status=429, headers={"Retry-After": "86400"})


async def broken(request: web.Request) -> web.Response:
    _log(request)
    return web.Response(status=500, text="internal error")


async def flaky(request: web.Request) -> web.Response:
    """503 twice, then the real answer: retries must get there."""
    if _count(request) <= 2:
        return web.Response(status=503)
    return web.Response(body=ALGOLIA.read_bytes(), content_type="application/json")


async def slow(request: web.Request) -> web.Response:
    _log(request)
    await asyncio.sleep(30)  # far beyond the tests' timeout; cancelled at shutdown
    return web.Response(text="too late")


async def redirect_loop(request: web.Request) -> web.Response:
    url = _log(request)
    target = "/loop.test/b" if url.endswith("/a") else "/loop.test/a"
    raise web.HTTPFound(target)


async def redirect_once(request: web.Request) -> web.Response:
    url = _log(request)
    if url.endswith("/start"):
        raise web.HTTPMovedPermanently("/moved.test/final")
    return web.Response(body=ALGOLIA.read_bytes(), content_type="application/json")


async def huge(request: web.Request) -> web.StreamResponse:
    """50 MB of JSON-ish bytes, streamed in 64 KiB chunks (never held in memory)."""
    url = _log(request)
    response = web.StreamResponse()
    if url.endswith("announced"):
        response.content_length = FIFTY_MB
    await response.prepare(request)
    chunk = b"[" + b"0," * 32767 + b"0"
    try:
        for _ in range(FIFTY_MB // len(chunk)):
            await response.write(chunk)
    except (ConnectionResetError, ConnectionError):
        pass  # the client stopped reading at its cap: that is the point
    return response


async def robots(request: web.Request) -> web.Response:
    _log(request)
    host = request.match_info["host"]
    rules = {
        "robots.test": "User-agent: *\nDisallow: /private\n",
        "slowbot.test": "User-agent: *\nCrawl-delay: 30\n",
        "robots500.test": None,
    }
    if host not in rules:
        raise web.HTTPNotFound()
    if rules[host] is None:
        return web.Response(status=500)
    return web.Response(text=rules[host])


async def busy(request: web.Request) -> web.Response:
    """Holds each request briefly and records how many were ever in flight at once."""
    _log(request)
    request.app[BUSY][0] += 1
    request.app[PEAK][0] = max(request.app[PEAK][0], request.app[BUSY][0])
    await asyncio.sleep(0.02)
    request.app[BUSY][0] -= 1
    return web.Response(text="ok")


async def algolia_paged(request: web.Request) -> web.Response:
    """Algolia's envelope split over pages of 10 hits."""
    _log(request)
    data = json.loads(ALGOLIA.read_bytes())
    page = int(request.query.get("page", "0"))
    hits = data["hits"]
    data.update(hits=hits[page * 10 : page * 10 + 10], page=page, nbPages=3, hitsPerPage=10)
    return web.json_response(data)


async def hf_paged(request: web.Request) -> web.Response:
    """The Hub's listing split in two, with a Link rel=next header on the first half."""
    url = _log(request)
    items = json.loads(SPACES.read_bytes())
    if "cursor=" not in url:
        link = '<https://paged.test/api/spaces?sort=trendingScore&cursor=abc>; rel="next"'
        return web.json_response(items[:15], headers={"Link": link})
    return web.json_response(items[15:])


async def reddit_paged(request: web.Request) -> web.Response:
    _log(request)
    data = json.loads(REDDIT.read_bytes())
    children = data["data"]["children"]
    if "after" in request.query:
        data["data"].update(children=children[2:], after=None)
    else:
        data["data"].update(children=children[:2], after=children[1]["data"]["name"])
    return web.json_response(data)


async def half_broken(request: web.Request) -> web.Response:
    """Page 0 answers, page 1 fails: the first page's items must survive."""
    if request.query.get("page", "0") != "0":
        _log(request)
        return web.Response(status=500)
    return await algolia_paged(request)


async def graphql(request: web.Request) -> web.Response:
    _log(request)
    if request.headers.get("Authorization") != "Bearer test-token":
        return web.json_response({"errors": [{"message": "unauthorized"}]}, status=401)
    nodes = json.loads(
        (FIXTURES / "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json").read_bytes()
    )["posts"]
    envelope = {
        "data": {
            "posts": {
                "edges": [{"node": n} for n in nodes],
                "pageInfo": {"endCursor": "x", "hasNextPage": False},
            }
        }
    }
    return web.json_response(envelope)


def make_hostile_app(root: Path = FIXTURES) -> web.Application:
    app = web.Application()
    app[LOG] = []
    app[HITS] = Counter()
    app[BUSY] = [0]
    app[PEAK] = [0]
    add = app.router.add_route
    add("GET", "/{host}/robots.txt", robots)
    for host, handler in {
        "truncated.test": truncated,
        "changed.test": changed_markup,
        "ratelimited.test": rate_limited,
        "ratelimited-long.test": rate_limited_long,
        "broken.test": broken,
        "flaky.test": flaky,
        "slow.test": slow,
        "loop.test": redirect_loop,
        "moved.test": redirect_once,
        "huge.test": huge,
        "robots.test": truncated,  # never reached for /private
        "robots500.test": truncated,
        "paged.test": hf_paged,
        "algolia-paged.test": algolia_paged,
        "reddit-paged.test": reddit_paged,
        "half-broken.test": half_broken,
        "api.producthunt.com": graphql,
        "busy.test": busy,
    }.items():
        add("*", f"/{{host:{host.replace('.', '[.]')}}}/{{tail:.*}}", handler)
    app.router.add_route("*", "/{tail:.+}", snapshot_handler(root, None, app[LOG]))
    return app
