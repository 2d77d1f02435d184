"""Pairing quality on the labelled eval set: precision and coverage, tuning part and held-out part.

    .venv/bin/python benchmarks/pairing/run.py [-v] [--show-heldout]

Each part is paired on its own, through the same path as `verdicts pair --input` (no catalog).
precision = share of printed pairs an editor would accept (either tool lists the other as a
            partner in the set);
coverage  = share of pairable tools (those with at least one acceptable partner in their part)
            that end up in a printed pair; the share of all tools is printed beside it.
The held-out part (eval_heldout.jsonl) is not used to tune the rules: report it, do not fit it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from verdicts.cli.pair import pair_lines, read_launches  # noqa: E402

HERE = Path(__file__).resolve().parent
PARTS = (("tuning", HERE / "eval_set.jsonl"), ("held-out", HERE / "eval_heldout.jsonl"))


def evaluate(path: Path, verbose: bool) -> dict[str, float]:
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    partners = {row["name"]: set(row["partners"]) for row in labels}
    kinds = {row["name"]: row["kind"] for row in labels}
    rows = pair_lines(read_launches(path))
    good = [r for r in rows if r["b"] in partners[r["a"]] or r["a"] in partners[r["b"]]]
    paired = {r["a"] for r in rows} | {r["b"] for r in rows}
    pairable = {name for name, p in partners.items() if p}
    if verbose:
        for r in rows:
            mark = "ok " if r in good else "BAD"
            print(f"  {mark} {r['a'][:40]!r} vs {r['b'][:40]!r} ({r['score']}): {r['reason']}")
        for name in sorted(pairable - paired):
            print(f"  unpaired: {name[:60]!r} ({kinds[name]})")
    return {
        "tools": len(labels),
        "kinds": len({k for k in kinds.values() if k != "none"}),
        "pairs": len(rows),
        "precision": len(good) / len(rows) if rows else 1.0,
        "coverage": len(paired & pairable) / len(pairable) if pairable else 1.0,
        "coverage_all": len(paired) / len(labels),
    }


def main() -> None:
    # -v details the tuning part only: looking at held-out mistakes is how held-out sets leak
    # into the rules. --show-heldout exists for the final write-up, not for tuning.
    verbose = "-v" in sys.argv[1:]
    show_heldout = "--show-heldout" in sys.argv[1:]
    for name, path in PARTS:
        detail = verbose if name == "tuning" else show_heldout
        if detail:
            print(f"{name}:")
        m = evaluate(path, detail)
        print(
            f"{name:9} tools={m['tools']:3} kinds={m['kinds']:2} pairs={m['pairs']:3} "
            f"precision={m['precision']:.3f} coverage={m['coverage']:.3f} "
            f"(of all tools {m['coverage_all']:.3f})"
        )


if __name__ == "__main__":
    main()
