"""Rebuild verdicts/pairing/exemplars.json from the labelled TUNING files (never the held-out one).

    .venv/bin/python benchmarks/pairing/build_exemplars.py

The exemplars are what the learned fallback (verdicts/pairing/exemplars.py) compares an unsure
tool with. tests/pairing/test_exemplars.py fails when the packaged file is out of date or holds a
held-out tool.
"""

from __future__ import annotations

import json
import sys
from functools import cache
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


@cache
def labelled() -> tuple[dict[str, str], ...]:
    """Every labelled tuning launch, in file order: the exemplars' order. Read once a run:
    exemplars.json, the kinds and the vectors all come from it."""
    return tuple(
        json.loads(line)
        for part in TUNING
        for line in (HERE / part).read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def exemplars() -> list[dict[str, str]]:
    return [
        {
            "name": r["name"],
            "job": KIND_TO_JOB.get(r["kind"], r["kind"]),
            "tagline": r["tagline"],
            "description": r["description"],
        }
        for r in labelled()
    ]


def kinds() -> list[str]:
    """The labelled kind of each exemplar, in exemplars()'s order ("" for a tool with none): the
    within-kind spread the semantic store's projection whitens."""
    return ["" if r["kind"] == "none" else r["kind"] for r in labelled()]


def render() -> str:
    return json.dumps(exemplars(), ensure_ascii=False, indent=0) + "\n"


def vectors() -> np.ndarray:
    """The sentence model's vectors of the exemplars' semantic texts (verdicts/pairing/meaning.py),
    as float16: the store derives its centre, projection and projected vectors from them."""
    from verdicts.models import Tool
    from verdicts.pairing.meaning import launch_vectors, semantic_texts

    tools = [
        Tool(key=r["name"], name=r["name"], url="", tagline=r["tagline"],
             description=r["description"])
        for r in exemplars()
    ]  # fmt: skip
    texts = semantic_texts(tools)
    raw = launch_vectors(texts, projected=False) if texts is not None else None
    if raw is None:
        raise SystemExit("the sentence model is not installed (make does it)")
    return raw.astype(np.float16)


def write_store() -> None:
    # savez (not compressed) writes the same bytes for the same arrays.
    np.savez(STORE_OUT, raw=vectors(), kinds=np.array(kinds()))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    OUT.write_text(render(), encoding="utf-8")
    write_store()
    print(f"wrote {OUT.relative_to(ROOT)} ({len(exemplars())} exemplars) and {STORE_OUT.name}")
