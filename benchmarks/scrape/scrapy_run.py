"""Fetch the benchmark site with Scrapy (run by .venv-bench/bin/python); print JSON like ours.py.

Politeness matches ours.py: ROBOTSTXT_OBEY, CONCURRENT_REQUESTS_PER_DOMAIN=--per-host (each 127.0.0.x is
its own download slot), DOWNLOAD_DELAY=--delay without randomisation, no cache, no AutoThrottle.
"""

from __future__ import annotations

import argparse
import json
import time

import scrapy
from scrapy.crawler import CrawlerProcess


class ListingSpider(scrapy.Spider):
    name = "listing"

    def __init__(self, urls: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.pages = 0
        self.started = 0.0
        self.finished = 0.0

    async def start(self):  # Scrapy >= 2.13
        self.started = time.perf_counter()
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: scrapy.http.Response) -> None:
        # The same check as ours.py (no HTML parsing on either side: we measure fetching).
        if response.status == 200 and b"<li" in response.body:
            self.pages += 1
        self.finished = time.perf_counter()


def main(origins: list[str], pages: int, delay: float, per_host: int) -> dict:
    per_host = pages // len(origins)
    urls = [f"{origin}/page/{n}" for n in range(per_host) for origin in origins]
    process = CrawlerProcess(
        settings={
            "ROBOTSTXT_OBEY": True,
            "DOWNLOAD_DELAY": delay,
            "RANDOMIZE_DOWNLOAD_DELAY": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
            "CONCURRENT_REQUESTS": 100,  # enough to keep all 20 host slots fed
            "AUTOTHROTTLE_ENABLED": False,
            "HTTPCACHE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "ERROR",
            "USER_AGENT": "WeeklyAIToolVerdicts-bench (+https://example.com/verdicts-bot)",
        }
    )
    crawler = process.create_crawler(ListingSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    spider = crawler.spider
    return {"pages": spider.pages, "seconds": spider.finished - spider.started}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--origins", required=True)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(main(json.loads(args.origins), args.pages, args.delay, args.per_host)))
