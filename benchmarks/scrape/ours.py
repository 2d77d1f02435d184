"""Fetch the benchmark site with scrapers.http.Fetcher; print {"pages", "seconds"} as JSON.

Same politeness as the Scrapy run: robots.txt obeyed, at most --per-host requests in flight per host, a minimum
gap of --delay seconds between requests to a host, no cache (every page is a real 200).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from scrapers.base import Request
from scrapers.http import Fetcher
from verdicts.settings import Settings


def round_robin(origins: list[str], pages: int) -> list[str]:
    per_host = pages // len(origins)
    return [f"{origin}/page/{n}" for n in range(per_host) for origin in origins]


async def main(origins: list[str], pages: int, delay: float, per_host: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), per_host_delay_s=delay, http_timeout_s=30)
        async with Fetcher(settings, use_cache=False, per_host_concurrency=per_host) as fetcher:
            urls = round_robin(origins, pages)
            started = time.perf_counter()
            responses = await asyncio.gather(*(fetcher.fetch(Request(u)) for u in urls))
            seconds = time.perf_counter() - started
    ok = sum(r.status == 200 and b"<li" in r.body for r in responses)
    return {"pages": ok, "seconds": seconds}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--origins", required=True)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=1)
    args = parser.parse_args()
    print(
        json.dumps(
            asyncio.run(main(json.loads(args.origins), args.pages, args.delay, args.per_host))
        )
    )
