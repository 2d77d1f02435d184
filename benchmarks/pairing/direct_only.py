"""Tune the direct-similarity path (verdicts/pairing/similar.py) on the TUNING files only.

    .venv/bin/python benchmarks/pairing/direct_only.py [-v] [--roles]

Every tool is treated as if no job fitted it, so every kind plays the part of a kind nobody
wrote rules for. Prints how precise the direct path alone is, and how much it covers.
--roles measures the role path (similar.role_match on roles.roles) instead of shared heads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from parts import TUNING  # noqa: E402

from verdicts.models import Tool  # noqa: E402
from verdicts.pairing.exemplars import tool_grams  # noqa: E402
from verdicts.pairing.roles import roles  # noqa: E402
from verdicts.pairing.similar import heads, match, role_match  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv
    by_role = "--roles" in sys.argv
    path = role_match if by_role else match
    pairs = good = pairable = covered = 0
    for part in TUNING:
        rows = [json.loads(x) for x in part.read_text(encoding="utf-8").splitlines() if x]
        tools = [
            Tool(key=r["name"], name=r["name"], url=r["url"], tagline=r["tagline"],
                 description=r["description"], category=r["category"])
            for r in rows
        ]  # fmt: skip
        grams = [tuple(tool_grams(t)) for t in tools]
        hs = [roles(t) if by_role else heads(t) for t in tools]

        def ok(i: int, j: int, rows: list[dict] = rows) -> bool:
            a, b = rows[i], rows[j]
            return (a["kind"] == b["kind"] != "none") or b["name"] in a["partners"]

        edges = []
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                m = path(hs[i], grams[i], hs[j], grams[j])
                if m:
                    edges.append((m.score, i, j, m))
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        used: set[int] = set()
        for _, i, j, m in edges:
            if i in used or j in used:
                continue
            used |= {i, j}
            pairs += 1
            good += ok(i, j)
            if verbose:
                mark = "ok " if ok(i, j) else "BAD"
                print(
                    f"  {mark} {rows[i]['name'][:30]!r} vs {rows[j]['name'][:30]!r}: {m.reason} ({m.cosine})"
                )
        can = {i for i in range(len(rows)) if any(ok(i, j) for j in range(len(rows)) if j != i)}
        pairable += len(can)
        covered += len(can & used)
    print(
        f"{'role' if by_role else 'direct'} path alone: pairs={pairs} precision={good / max(1, pairs):.3f} "
        f"coverage={covered / max(1, pairable):.3f}"
    )


if __name__ == "__main__":
    main()
