"""The packaged exemplars are the tuning labels, current, and never the held-out ones; the vote
reads them through an index that misses none."""

import importlib
import json
import sys
from pathlib import Path

from verdicts.pairing.exemplars import _load, _postings, tool_grams
from verdicts.pairing.textvec import cosine

from .helpers import tool

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


def test_the_vote_reads_only_exemplars_sharing_a_gram_and_misses_none():
    # The postings index must find every exemplar a brute-force cosine scores above zero.
    _, tfidf, vectors = _load()
    for launch in (
        tool("Anon", "The vector database for AI search", "Store embeddings at scale."),
        tool("Anon", "", "An AI note taker that joins your Zoom calls."),
        tool("Anon", "Sketch to 3D in seconds"),
    ):
        query = tfidf.vector(tool_grams(launch))
        brute = {i for i, vec in enumerate(vectors) if cosine(query, vec) > 0}
        indexed = {i for gram in query for i in _postings().get(gram, ())}
        assert brute and brute == indexed
