"""The benchmark's local site: N loopback hosts (127.0.0.1..N, each on its own port) serving
listing pages after a fixed latency, and recording when each request arrived per host.

Prints one JSON line {"origins": [...]} when ready, then serves until killed.
GET /_stats on any host: per-host request counts, smallest and median gap between arrivals.
(Arrival times are taken when the handler runs, so the server's own scheduling jitter shows in
the smallest gap; the median is the honest measure of the pace a host saw.)
POST /_reset on any host: forget the arrivals (between runs).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
from collections import defaultdict

from aiohttp import web

ARRIVALS: dict[str, list[float]] = defaultdict(list)


def listing(host: str, n: int) -> str:
    rows = "".join(
        f'<li class="tool"><a href="https://tool-{n}-{i}.example/">Tool {n}.{i}</a>'
        f"<p>An AI tool that does thing {i} for page {n}.</p></li>"
        for i in range(25)
    )
    return f"<html><head><title>{host} page {n}</title></head><body><ul>{rows}</ul></body></html>"


def make_app(host: str, latency: float) -> web.Application:
    async def page(request: web.Request) -> web.Response:
        ARRIVALS[host].append(asyncio.get_running_loop().time())
        await asyncio.sleep(latency)
        return web.Response(
            text=listing(host, int(request.match_info["n"])), content_type="text/html"
        )

    async def robots(request: web.Request) -> web.Response:
        ARRIVALS[host].append(asyncio.get_running_loop().time())
        await asyncio.sleep(latency)
        return web.Response(text="User-agent: *\nAllow: /\n")

    async def stats(request: web.Request) -> web.Response:
        report = {}
        for name, times in ARRIVALS.items():
            ordered = sorted(times)
            gaps = sorted(b - a for a, b in itertools.pairwise(ordered))
            report[name] = {
                "requests": len(times),
                "min_gap_s": gaps[0] if gaps else None,
                "median_gap_s": gaps[len(gaps) // 2] if gaps else None,
            }
        return web.json_response(report)

    async def reset(request: web.Request) -> web.Response:
        ARRIVALS.clear()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/page/{n}", page)
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/_stats", stats)
    app.router.add_post("/_reset", reset)
    return app


async def main(hosts: int, latency: float) -> None:
    origins = []
    for i in range(1, hosts + 1):
        ip = f"127.0.0.{i}"
        runner = web.AppRunner(make_app(ip, latency), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, ip, 0)
        await site.start()
        port = runner.addresses[0][1]
        origins.append(f"http://{ip}:{port}")
    print(json.dumps({"origins": origins}), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    asyncio.run(main(args.hosts, args.latency))
