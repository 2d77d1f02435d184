"""Every benchmark in one table: scrape, pairing quality, render, send, and the whole weekly cycle on
the demo data, each beside its peer where there is one (Scrapy, the reference MJML, one request
per recipient).

    .venv/bin/python benchmarks/run_all.py [--quick] [--only scrape,render,...]

Each area's script runs as a subprocess (benchmarks/<area>/run.py) and is read from its last line
when that is a JSON object (the contract: {"area": ..., figures...}), else from its printed lines.
A script that is missing or fails shows "not available" and why. `--quick` asks each script for
fewer runs (minutes instead of tens of minutes); quote full runs. Never run as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"


@dataclass
class Row:
    area: str
    measure: str
    ours: str
    peer: str = "—"


Parser = Callable[[str, dict], list[Row]]  # (stdout, last-line JSON or {}) -> rows


def _num(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text, re.MULTILINE)
    return float(m.group(1).replace(",", "")) if m else None


def parse_scrape(out: str, data: dict) -> list[Row]:
    ours = data.get("ours_pages_s", _num(r"^ours:\s+([\d.]+) pages/s", out))
    peer = data.get("scrapy_pages_s", _num(r"^scrapy:\s+([\d.]+) pages/s", out))
    limit = data.get("limit_pages_s", _num(r"politeness limit.*?: ([\d.]+) pages/s", out))
    if ours is None:
        raise ValueError("no 'ours: N pages/s' line")
    share = f" ({ours / limit:.0%} of the politeness limit)" if limit else ""
    return [
        Row(
            "scrape",
            "pages/s, many hosts, per-host delay",
            f"{ours:.1f}{share}",
            f"Scrapy {peer:.1f}" if peer else "—",
        )
    ]


def parse_pairing(out: str, data: dict) -> list[Row]:
    if "precision_tuning" not in data:
        raise ValueError("no JSON line with precision_tuning")
    rows = [
        Row(
            "pairing",
            "precision / coverage, tuning set",
            f"{data['precision_tuning']:.3f} / {data['coverage_tuning']:.3f}",
        )
    ]
    if "precision_heldout" in data:
        rows.append(
            Row(
                "pairing",
                "precision / coverage, held-out set",
                f"{data['precision_heldout']:.3f} / {data['coverage_heldout']:.3f}",
            )
        )
    if "precision_top5_heldout" in data:
        rows.append(
            Row(
                "pairing",
                "the 5 best-scored held-out pairs (an issue's worth): share right",
                f"{data['precision_top5_heldout']:.3f}",
            )
        )
    return rows


def parse_pairing_speed(out: str, data: dict) -> list[Row]:
    if "cold_s" not in data:
        raise ValueError("no JSON line with cold_s")
    return [
        Row(
            "pairing",
            f"choose pairs among {data['tools']} tools, median",
            f"{data['cached_s']:.2f} s with the embedding cache",
            f"cold {data['cold_s']:.2f} s",
        )
    ]


def parse_render(out: str, data: dict) -> list[Row]:
    issue = data.get("render_ms", _num(r"^render one issue.*?: ([\d.]+) ms median", out))
    mjml = data.get("mjml_python_ms", _num(r"^mjml-python alone.*?: ([\d.]+) ms median", out))
    node = data.get("node_ms", _num(r"^reference MJML \(Node.*?: ([\d.]+) ms median", out))
    fill = data.get("fill_us", _num(r"^fill HTML \+ text.*?\(([\d.]+) µs each\)", out))
    if issue is None or mjml is None:
        raise ValueError("no render lines")
    peer = (
        f"reference MJML {node:.1f} ms ({node / mjml:.0f}x)"
        if node
        else "reference MJML: run `npm ci`"
    )
    rows = [
        Row("render", "one issue (all parts), median", f"{issue:.2f} ms"),
        Row("render", "MJML to HTML, median", f"{mjml:.2f} ms", peer),
    ]
    if fill is not None:
        rows.append(Row("render", "per-recipient fill", f"{fill:.1f} µs"))
    return rows


def parse_send(out: str, data: dict) -> list[Row]:
    rows = []
    batched = re.findall(
        r"^\s*(\d+) subscribers, batched:\s+([\d.]+) s wall, (\d+) requests", out, re.M
    )
    single = dict(
        re.findall(r"^\s*(\d+) subscribers, one request each:\s+([\d.]+) s wall", out, re.M)
    )
    for n, wall, requests in batched:
        peer = f"one request each {float(single[n]):.1f} s" if n in single else "—"
        rows.append(
            Row(
                "send",
                f"{int(n):,} subscribers ({requests} requests)",
                f"{float(wall):.2f} s",
                peer,
            )
        )
    if not rows:
        raise ValueError("no 'N subscribers, batched' lines")
    return rows


@dataclass(frozen=True)
class Area:
    name: str
    script: str
    quick: tuple[str, ...]
    full: tuple[str, ...]
    parse: Parser
    timeout_s: int


AREAS = [
    Area("scrape", "scrape/run.py", ("--pages", "400", "--repeats", "1"), (), parse_scrape, 3600),
    Area("pairing", "pairing/run.py", (), (), parse_pairing, 600),
    Area("pairing-speed", "pairing/speed.py", ("--runs", "1"), (), parse_pairing_speed, 1800),
    Area(
        "render", "render/run.py", ("--runs", "10", "--recipients", "10000"), (), parse_render, 1800
    ),
    Area(
        "send",
        "send/run.py",
        ("--sizes", "10000", "--runs", "1", "--sample", "500"),
        (),
        parse_send,
        3600,
    ),
]


def run_script(area: Area, quick: bool) -> list[Row]:
    script = HERE / area.script
    if not script.exists():
        return [Row(area.name, "—", "not available (no benchmarks/" + area.script + ")")]
    args = area.quick if quick else area.full
    try:
        proc = subprocess.run(
            [sys.executable, str(script), *args],
            capture_output=True, text=True, cwd=ROOT, timeout=area.timeout_s,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return [Row(area.name, "—", f"not available (timed out after {area.timeout_s} s)")]
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1][:80]
        return [Row(area.name, "—", f"not available (exit {proc.returncode}: {why})")]
    lines = proc.stdout.strip().splitlines()
    data: dict = {}
    if lines and lines[-1].startswith("{"):
        try:
            data = json.loads(lines[-1])
        except ValueError:
            data = {}
    try:
        return area.parse(proc.stdout, data)
    except (ValueError, KeyError, TypeError) as exc:
        return [Row(area.name, "—", f"not available (output not understood: {exc})")]


def weekly_cycle() -> list[Row]:
    """`verdicts demo` in a fresh data folder and Prefect home: the real flows end to end."""
    with tempfile.TemporaryDirectory(prefix="verdicts-bench-demo-") as tmp:
        env = {
            **os.environ,
            "VERDICTS_DATA_DIR": f"{tmp}/var",
            "VERDICTS_DIGESTS_DIR": f"{tmp}/digests",
            "PREFECT_HOME": f"{tmp}/prefect",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
        }
        env.pop("DATABASE_URL", None)
        env.pop("PREFECT_API_URL", None)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "verdicts.cli.main", "demo"],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=900,
        )  # fmt: skip
        wall = time.perf_counter() - started
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1][:80]
        return [Row("weekly cycle", "—", f"not available (exit {proc.returncode}: {why})")]
    inside = _num(r"^done in (\d+) s", proc.stdout)
    return [
        Row("weekly cycle", "demo week, process start to sent", f"{wall:.0f} s"),
        Row(
            "weekly cycle",
            "of which scrape → sent (Prefect up)",
            f"{inside:.0f} s" if inside is not None else "?",
        ),
    ]


def table(rows: list[Row]) -> str:
    head = Row("area", "measure", "ours", "peer")
    widths = [max(len(getattr(r, f)) for r in [head, *rows]) for f in ("area", "measure", "ours")]
    out = []
    for i, r in enumerate([head, *rows]):
        out.append(
            f"{r.area:<{widths[0]}}  {r.measure:<{widths[1]}}  {r.ours:<{widths[2]}}  {r.peer}".rstrip()
        )
        if i == 0:
            out.append("-" * len(out[0]))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs in each script")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated areas (scrape,pairing,pairing-speed,render,send,cycle)",
    )
    args = parser.parse_args()
    only = {a for a in args.only.split(",") if a}
    rows: list[Row] = []
    for area in AREAS:
        if not only or area.name in only:
            print(f"running {area.name} ...", file=sys.stderr, flush=True)
            rows += run_script(area, args.quick)
    if not only or "cycle" in only:
        print("running the weekly cycle (verdicts demo) ...", file=sys.stderr, flush=True)
        rows += weekly_cycle()
    print(
        f"{os.cpu_count()} CPUs; medians as each script defines them{' (--quick)' if args.quick else ''}"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
