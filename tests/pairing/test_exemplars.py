"""The packaged exemplars are the tuning labels, current, and never the held-out ones."""

import importlib
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "pairing"
PACKAGED = BENCH.parents[1] / "verdicts" / "pairing" / "exemplars.json"


def _builder():
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("build_exemplars")
    finally:
        sys.path.remove(str(BENCH))


def test_packaged_exemplars_match_the_tuning_files():
    # Rebuild with: .venv/bin/python benchmarks/pairing/build_exemplars.py
    assert PACKAGED.read_text(encoding="utf-8") == _builder().render()


def test_no_held_out_tool_is_an_exemplar():
    exemplar_names = {r["name"].casefold() for r in json.loads(PACKAGED.read_text())}
    for held in BENCH.glob("eval_heldout*.jsonl"):
        held_names = {json.loads(x)["name"].casefold() for x in held.read_text().splitlines()}
        assert not held_names & exemplar_names, held.name
    assert not any(p.name.startswith("eval_heldout") for p in _builder().TUNING)


def test_packaged_meaning_store_matches_the_exemplars():
    # The centre and exemplar vectors (verdicts/pairing/semantic_exemplars.npz) are rebuilt by
    # the same script; a stale store would let the vote and the centring drift from the labels.
    import numpy as np

    from verdicts.pairing.meaning import store

    centre, vectors = _builder().vectors()
    packaged_centre, packaged = store()
    assert packaged.shape == vectors.shape
    assert np.allclose(packaged_centre, centre, atol=1e-5)
    assert np.allclose(packaged, vectors.astype(np.float32), atol=2e-3)
