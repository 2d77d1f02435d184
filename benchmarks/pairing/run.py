"""Pairing quality on the labelled eval sets: precision and coverage, tuning and held-out.

    .venv/bin/python benchmarks/pairing/run.py [-v] [--tuning-only] [--withhold] [--show-heldout]

Each file is paired on its own, through the same path as `verdicts pair --input` (no catalog).
precision = share of printed pairs an editor would accept: both tools of the same kind (kinds
            are narrow: "dictation" apps apart from speech-to-text APIs, small open models apart
            from large ones), or either tool lists the other among its partners;
coverage  = share of pairable tools (those with at least one acceptable partner in their file)
            that end up in a printed pair; the share of all tools is printed beside it;
top5      = of the 5 best-scored pairs of each file (what an issue of the default size shows),
            how many an editor would accept.

Tuning is eval_set.jsonl and every eval_tuning_vN_heldout.jsonl (earlier held-out sets, folded
into tuning once their misses had been read); their figures are pooled. Held-out is every
eval_heldout_vN.jsonl not yet folded (one round may hold out several weeks; their figures are
pooled too), written before the method it measures and never used to tune it (parts.py,
README.md).
--withhold pairs each tuning file a second time with its own tools withheld from the exemplars'
votes (a tool's partner in its file is then no exemplar): the tuning figure closest to a week
nobody labelled, used to judge method changes before a held-out set is scored.
The last line printed is one JSON object for benchmarks/run_all.py.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from parts import HELDOUT, TUNING  # noqa: E402

from verdicts.cli.pair import pair_lines, read_launches  # noqa: E402
from verdicts.pairing.exemplars import withheld  # noqa: E402
from verdicts.settings import Settings  # noqa: E402

# An issue shows this many comparisons by default (VERDICTS_PAIRS_PER_ISSUE), best-scored first:
# the share of those that are right is the precision a subscriber sees.
ISSUE = int(Settings.model_fields["pairs_per_issue"].default)


@dataclass(frozen=True, slots=True)
class Counts:
    tools: int
    kinds: frozenset[str]
    pairs: int
    good: int
    pairable: int
    paired_pairable: int
    paired: int
    top: int  # the ISSUE best-scored pairs printed
    top_good: int  # of which acceptable

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tools + other.tools,
            self.kinds | other.kinds,
            self.pairs + other.pairs,
            self.good + other.good,
            self.pairable + other.pairable,
            self.paired_pairable + other.paired_pairable,
            self.paired + other.paired,
            self.top + other.top,
            self.top_good + other.top_good,
        )

    @property
    def precision(self) -> float:
        return self.good / self.pairs if self.pairs else 1.0

    @property
    def coverage(self) -> float:
        return self.paired_pairable / self.pairable if self.pairable else 1.0


def evaluate(path: Path, verbose: bool, withhold: bool = False) -> Counts:
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    partners = {row["name"]: set(row["partners"]) for row in labels}
    kinds = {row["name"]: row["kind"] for row in labels}
    # pair_lines gives JSON-ready dicts; the benchmark needs the names typed.
    with withheld(partners if withhold else ()):
        rows: list[dict[str, str]] = [
            {k: str(v) for k, v in r.items()} for r in pair_lines(read_launches(path))
        ]

    def acceptable(a: str, b: str) -> bool:
        same_kind = kinds[a] == kinds[b] != "none"
        return same_kind or b in partners[a] or a in partners[b]

    good = [r for r in rows if acceptable(r["a"], r["b"])]
    top = sorted(rows, key=lambda r: -float(r["score"]))[:ISSUE]
    paired = {r["a"] for r in rows} | {r["b"] for r in rows}
    pairable = {a for a in partners if any(acceptable(a, b) for b in partners if b != a)}
    if verbose:
        print(f"{path.name}:")
        for r in rows:
            mark = "ok " if r in good else "BAD"
            print(f"  {mark} {r['a'][:40]!r} vs {r['b'][:40]!r} ({r['score']}): {r['reason']}")
        for name in sorted(pairable - paired):
            print(f"  unpaired: {name[:60]!r} ({kinds[name]})")
    return Counts(
        tools=len(labels),
        kinds=frozenset(k for k in kinds.values() if k != "none"),
        pairs=len(rows),
        good=len(good),
        pairable=len(pairable),
        paired_pairable=len(paired & pairable),
        paired=len(paired),
        top=len(top),
        top_good=sum(r in good for r in top),
    )


def _line(name: str, c: Counts) -> str:
    return (
        f"{name:24} tools={c.tools:3} kinds={len(c.kinds):2} pairs={c.pairs:3} "
        f"precision={c.precision:.3f} coverage={c.coverage:.3f} "
        f"(of all tools {c.paired / c.tools:.3f}) top{ISSUE}={c.top_good}/{c.top}"
    )


def measure(paths: tuple[Path, ...], verbose: bool, withhold: bool = False) -> Counts:
    total: Counts | None = None
    for path in paths:
        counts = evaluate(path, verbose, withhold)
        print(_line(path.name, counts))
        total = counts if total is None else total + counts
    assert total is not None
    return total


def main() -> None:
    # -v details the tuning files only: reading held-out mistakes is how held-out sets leak into
    # the rules. --tuning-only keeps held-out unscored while tuning; --show-heldout details it
    # for the final write-up, never for tuning.
    args = set(sys.argv[1:])
    tuning = measure(TUNING, "-v" in args)
    print(_line("tuning (pooled)", tuning))
    if "--withhold" in args:
        withheld_files = measure(TUNING, "-v" in args, withhold=True)
        print(_line("tuning, file withheld", withheld_files))
    result: dict[str, object] = {
        "area": "pairing",
        "precision_tuning": round(tuning.precision, 3),
        "coverage_tuning": round(tuning.coverage, 3),
    }
    if "--tuning-only" not in args and HELDOUT:
        heldout = measure(HELDOUT, "--show-heldout" in args)
        print(_line("held-out (pooled)", heldout))
        result["precision_heldout"] = round(heldout.precision, 3)
        result["coverage_heldout"] = round(heldout.coverage, 3)
        result[f"precision_top{ISSUE}_heldout"] = round(heldout.top_good / max(1, heldout.top), 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
