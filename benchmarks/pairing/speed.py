"""How long pairing takes for a week against a catalog, cold and with the embedding cache.

    .venv/bin/python benchmarks/pairing/speed.py [--runs 3]

The week is the oldest held-out set's launches, the catalog every tuning tool (3,382 after the
v48 fold: a catalog a few years of issues would hold). "cold" embeds every text (a first build);
"disk cache" starts with an empty memory but the SQLite cache an earlier build left (every later
weekly build: only new launches are embedded); both run the whole choose_pairs, rules included.
Prints medians, then one JSON line for benchmarks/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from parts import HELDOUT, TUNING

from verdicts.models import Tool
from verdicts.pairing import choose_pairs, encoder


def load(paths: tuple[Path, ...], new: bool) -> list[Tool]:
    tools = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            tools.append(
                Tool(key=f"{path.stem}:{r['name']}".casefold(), name=r["name"], url=r["url"],
                     tagline=r["tagline"], description=r["description"], category=r["category"],
                     is_new=new)
            )  # fmt: skip
    return tools


def timed(new: list[Tool], catalog: list[Tool]) -> float:
    start = time.perf_counter()
    choose_pairs(new, catalog)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    new, catalog = load(HELDOUT[:1] or TUNING[-1:], True), load(TUNING, False)
    if encoder.model() is None:
        raise SystemExit("the model package is not installed (make installs it)")
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp, encoder.disk_cache(Path(tmp) / "e.sqlite3"):
            encoder.forget()
            cold.append(timed(new, catalog))
            encoder.forget()  # a later build: a new process, the same data directory
            warm.append(timed(new, catalog))
    tools = len(new) + len(catalog)
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"pair {len(new)} new launches against {len(catalog)} catalog tools ({args.runs} runs)")
    print(f"cold (every text embedded): {c:.2f} s median, {1000 * c / tools:.1f} ms a tool")
    print(f"with the embedding cache:   {w:.2f} s median ({c / w:.1f}x faster)")
    print(json.dumps({"area": "pairing-speed", "tools": tools, "cold_s": round(c, 2),
                      "cached_s": round(w, 2)}))  # fmt: skip


if __name__ == "__main__":
    main()
