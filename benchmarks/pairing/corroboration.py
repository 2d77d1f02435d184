"""Which printed pairs would a check by meaning have caught, on predictions made before their set
was read?

    .venv/bin/python benchmarks/pairing/corroboration.py
    .venv/bin/python benchmarks/pairing/corroboration.py --record v13 COMMIT   # after scoring

Tuning figures flatter the rules: every rule was written after reading the tuning misses, so a
check that overrules the rules looks worse on tuning than it is. `history/predictions.jsonl`
holds the pairs each round printed for its held-out set when it was scored once, by the method
of that round (`--record` reruns that commit's `pair_lines` in a git worktree). Those are the
only honest predictions there are; this script asks which of them a rule-pair check would have
removed, right and wrong, and prints each candidate check's precision over them. It is a first
test, not a verdict: "other-job rank >= 3 and exemplars disagree" looked good here (v7-v12) and
was withdrawn after v13, tuning and the demo week (README, the v13 round). Correctness
comes from the labels (the sets are in tuning now, unchanged); the features come from the
sentence model, which nothing here was fitted on:

- rank: how many of the week's other launches are closer by meaning, the worse of the two sides
  (0 = each is the other's nearest);
- agree: the two tools' nearest labelled exemplars vote for the same job, with the tools of
  their own set withheld from the vote;
- apart: the share of the labelled launches (the set's own tools left out) that come between the
  two by meaning (verdicts/pairing/background.py). It became the v17 method's veto on rule pairs
  (over 0.25) and on pairs by meaning (over 0.017); closed frontier models are exempt there,
  not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
HISTORY = HERE / "history" / "predictions.jsonl"

Row = dict[str, Any]


def _set_file(name: str) -> Path:
    for path in (HERE / f"eval_tuning_{name}_heldout.jsonl", HERE / f"eval_heldout_{name}.jsonl"):
        if path.exists():
            return path
    raise SystemExit(f"no eval file for set {name}")


def record(name: str, commit: str) -> None:
    """Append the pairs `commit` prints for set `name` (run in a throwaway git worktree)."""
    path = _set_file(name)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", str(tree), commit], check=True
        )
        try:
            code = (
                "import json, sys; sys.path.insert(0, '.');"
                "from verdicts.cli.pair import pair_lines, read_launches;"
                "from pathlib import Path;"
                f"[print(json.dumps(r, ensure_ascii=False)) for r in pair_lines(read_launches(Path({str(path)!r})))]"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], cwd=tree, check=True, capture_output=True, text=True
            ).stdout
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
            )
    with HISTORY.open("a", encoding="utf-8") as fh:
        for line in out.splitlines():
            r = json.loads(line)
            row = {
                "set": name,
                "commit": commit,
                "a": r["a"],
                "b": r["b"],
                "score": r["score"],
                "reason": r["reason"],
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"recorded {len(out.splitlines())} pairs of {name} at {commit}")


def features() -> list[Row]:
    import numpy as np

    from verdicts.cli.pair import read_launches
    from verdicts.pairing.background import background_ranks
    from verdicts.pairing.exemplars import withheld
    from verdicts.pairing.meaning import tool_vectors
    from verdicts.pairing.neighbours import shares
    from verdicts.pairing.profile import profile
    from verdicts.resolve import resolve

    rows: list[Row] = [json.loads(line) for line in HISTORY.read_text("utf-8").splitlines() if line]
    for name in dict.fromkeys(str(r["set"]) for r in rows):
        path = _set_file(name)
        labels = {
            (r := json.loads(line))["name"]: r
            for line in path.read_text("utf-8").splitlines()
            if line
        }
        tools = resolve(read_launches(path))
        names = [t.sightings[0].name if t.sightings else t.name for t in tools]
        vectors = tool_vectors(tools)
        assert vectors is not None, "the sentence model package is not installed"
        sim = vectors @ vectors.T
        np.fill_diagonal(sim, -9.0)
        rank = (-sim).argsort(axis=1).argsort(axis=1)
        at = {n: i for i, n in enumerate(names)}
        with withheld({n: set(r["partners"]) for n, r in labels.items()}):
            apart, crowd = background_ranks(tools, vectors)
            nearest = {
                n: (s[0][0] if (s := shares(t)) else "") for n, t in zip(names, tools, strict=True)
            }
            jobs = np.array([profile(t).job for t in tools])
        for r in rows:
            if r["set"] != name:
                continue
            a, b = str(r["a"]), str(r["b"])
            la, lb = labels[a], labels[b]
            r["ok"] = (
                la["kind"] == lb["kind"] != "none" or b in la["partners"] or a in lb["partners"]
            )
            i, j = at[a], at[b]
            r["rank"] = int(max(rank[i, j], rank[j, i]))
            # the same, counting only launches the rules give another job than either tool's
            other = np.ones(len(names), dtype=bool)
            other[[i, j]] = False
            for job in {jobs[i], jobs[j]} - {""}:
                other &= jobs != job
            r["rank_other"] = int(
                max((sim[i, other] > sim[i, j]).sum(), (sim[j, other] > sim[j, i]).sum())
            )
            r["agree"] = nearest[a] == nearest[b] != ""
            r["apart"] = float(apart[i, j]) / crowd
            r["rules"] = "in their own words" not in str(r["reason"])
    return rows


CHECKS: dict[str, Callable[[Row], bool]] = {
    "none": lambda r: False,
    "apart > 0.25 (the v17 rule veto)": lambda r: float(r["apart"]) > 0.25,
    "apart > 0.10": lambda r: float(r["apart"]) > 0.10,
    "rank >= 3": lambda r: int(r["rank"]) >= 3,
    "rank >= 5": lambda r: int(r["rank"]) >= 5,
    "rank >= 3 and exemplars disagree": lambda r: int(r["rank"]) >= 3 and not r["agree"],
    "rank >= 5 and exemplars disagree": lambda r: int(r["rank"]) >= 5 and not r["agree"],
    "rank >= 1 and exemplars disagree": lambda r: int(r["rank"]) >= 1 and not r["agree"],
    "other-job rank >= 3": lambda r: int(r["rank_other"]) >= 3,
    "other-job rank >= 2": lambda r: int(r["rank_other"]) >= 2,
    "other-job rank >= 3 and exemplars disagree": lambda r: (
        int(r["rank_other"]) >= 3 and not r["agree"]
    ),
    "other-job rank >= 2 and exemplars disagree": lambda r: (
        int(r["rank_other"]) >= 2 and not r["agree"]
    ),
    "other-job rank >= 1 and exemplars disagree": lambda r: (
        int(r["rank_other"]) >= 1 and not r["agree"]
    ),
}


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--record"] and len(args) == 3:
        record(args[1], args[2])
        return
    rows = features()
    sets = sorted({str(r["set"]) for r in rows}, key=lambda s: int(s[1:]))
    rules = [r for r in rows if r["rules"]]
    print(
        f"{len(rows)} honest pairs from {', '.join(sets)}; {len(rules)} by the rules "
        f"({sum(bool(r['ok']) for r in rules)} right)"
    )
    good = sum(bool(r["ok"]) for r in rows)
    by_meaning = [r for r in rows if not r["rules"]]
    print(
        f"  by pass: rules {sum(bool(r['ok']) for r in rules)} of {len(rules)} right, "
        f"meaning {sum(bool(r['ok']) for r in by_meaning)} of {len(by_meaning)} right"
    )
    out = [r for r in by_meaning if float(r["apart"]) > 0.017]
    print(
        f"  veto meaning pairs when apart > 0.017 (the v17 meaning veto) removes "
        f"{sum(not r['ok'] for r in out)} wrong, {sum(bool(r['ok']) for r in out)} right"
    )
    for label, vetoed in CHECKS.items():
        out = [r for r in rules if vetoed(r)]
        bad = sum(not r["ok"] for r in out)
        kept, right = len(rows) - len(out), good - (len(out) - bad)
        print(
            f"  veto rule pairs when {label:36} removes {bad:2} wrong, {len(out) - bad:2} right: "
            f"precision {right}/{kept} = {right / kept:.3f}"
        )


if __name__ == "__main__":
    main()
