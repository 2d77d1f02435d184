"""Scraping throughput under politeness: our fetcher against Scrapy on the same local site.

    .venv/bin/python benchmarks/scrape/run.py [--pages 2000 --hosts 20 --delay 0.1 --repeats 3]

Starts the site (20 loopback hosts, 20 ms latency), creates .venv-bench with Scrapy when missing
(never in the main lock), runs both crawlers alternately, and prints pages/s, the politeness limit
(hosts / delay), the ratios, and the smallest gap each host saw between two requests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BENCH_VENV = ROOT / ".venv-bench"
BENCH_PY = BENCH_VENV / "bin" / "python"


def ensure_bench_venv() -> None:
    if BENCH_PY.exists():
        return
    print("creating .venv-bench with Scrapy ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    subprocess.run(
        [str(BENCH_PY), "-m", "pip", "install", "-q", "-r", str(HERE / "requirements.txt")],
        check=True,
    )


def call(python: Path | str, script: str, origins: list[str], args: argparse.Namespace) -> dict:
    out = subprocess.run(
        [str(python), str(HERE / script), "--origins", json.dumps(origins),
         "--pages", str(args.pages), "--delay", str(args.delay), "--per-host", str(args.per_host)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def site_stats(origin: str) -> dict:
    with urllib.request.urlopen(f"{origin}/_stats") as resp:
        return json.loads(resp.read())


def reset(origin: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{origin}/_reset", method="POST")).read()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--per-host", type=int, default=1, help="requests in flight per host")
    args = parser.parse_args()
    ensure_bench_venv()
    site = subprocess.Popen(
        [sys.executable, str(HERE / "site.py"), "--hosts", str(args.hosts),
         "--latency", str(args.latency)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        origins = json.loads(site.stdout.readline())["origins"]
        limit = args.hosts / args.delay
        rates: dict[str, list[float]] = {"ours": [], "scrapy": []}
        gaps: dict[str, list[float]] = {"ours": [], "scrapy": []}
        medians: dict[str, list[float]] = {"ours": [], "scrapy": []}
        for run in range(args.repeats):
            for name, python, script in (
                ("ours", sys.executable, "ours.py"),
                ("scrapy", BENCH_PY, "scrapy_run.py"),
            ):
                reset(origins[0])
                result = call(python, script, origins, args)
                stats = site_stats(origins[0])
                assert result["pages"] == args.pages, (name, result)
                rate = result["pages"] / result["seconds"]
                rates[name].append(rate)
                gaps[name].append(min(h["min_gap_s"] for h in stats.values()))
                medians[name].append(statistics.median(h["median_gap_s"] for h in stats.values()))
                print(
                    f"run {run + 1} {name:6s}: {result['pages']} pages in "
                    f"{result['seconds']:.2f} s = {rate:6.1f} pages/s; gaps seen by a host: "
                    f"median {medians[name][-1] * 1000:.1f} ms, smallest {gaps[name][-1] * 1000:.1f} ms"
                )
        ours, scrapy_rate = statistics.median(rates["ours"]), statistics.median(rates["scrapy"])
        print(f"\n{args.pages} pages, {args.hosts} hosts, {args.latency * 1000:.0f} ms latency, "
              f"{args.delay * 1000:.0f} ms per-host delay, {args.per_host} in flight per host, "
              f"medians of {args.repeats} runs")  # fmt: skip
        print(f"politeness limit (hosts / delay): {limit:.1f} pages/s")
        print(
            f"machine load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
            "(other work on the machine slows both crawlers)"
        )
        print(f"ours:   {ours:6.1f} pages/s = {ours / limit:.1%} of the limit")
        print(f"scrapy: {scrapy_rate:6.1f} pages/s = {scrapy_rate / limit:.1%} of the limit")
        print(f"ours / scrapy: {ours / scrapy_rate:.2f}")
        for name in ("ours", "scrapy"):
            print(
                f"{name} per-host gap (server side): median "
                f"{statistics.median(medians[name]) * 1000:.1f} ms (delay {args.delay * 1000:.0f} ms)"
            )
    finally:
        site.terminate()
        site.wait()


if __name__ == "__main__":
    main()
