"""Rebuild verdicts/pairing/exemplars.json from the labelled TUNING files (never the held-out one).

    .venv/bin/python benchmarks/pairing/build_exemplars.py

The exemplars are what the learned fallback (verdicts/pairing/exemplars.py) compares an unsure
tool with. tests/pairing/test_exemplars.py fails when the packaged file is out of date or holds a
held-out tool.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TUNING = (
    "eval_set.jsonl",
    "eval_tuning_v1_heldout.jsonl",
    "eval_tuning_v2_heldout.jsonl",
    "eval_tuning_v3_heldout.jsonl",
)
OUT = ROOT / "verdicts" / "pairing" / "exemplars.json"

# Eval kinds are narrower than jobs where facets already split them (open/closed, size).
KIND_TO_JOB = {
    "frontier-llm": "llm",
    "small-open-llm": "llm",
    "large-open-llm": "llm",
    "stt-api": "stt",
    "fiction-writing": "fiction",
    "workflow-builder": "agent-builder",
    "none": "",
}


def exemplars() -> list[dict[str, str]]:
    rows = []
    for part in TUNING:
        for line in (HERE / part).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append(
                {
                    "name": r["name"],
                    "job": KIND_TO_JOB.get(r["kind"], r["kind"]),
                    "tagline": r["tagline"],
                    "description": r["description"],
                }
            )
    return rows


def render() -> str:
    return json.dumps(exemplars(), ensure_ascii=False, indent=0) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(exemplars())} exemplars)")
