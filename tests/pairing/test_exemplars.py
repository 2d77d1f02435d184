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
    # The exemplars' model vectors and kinds (verdicts/pairing/semantic_exemplars.npz) are
    # rebuilt by the same script; a stale store would let the vote and the projection drift from
    # the labels. The kinds are compared whole; re-embedding all the exemplars takes minutes, so
    # a sample spread over every tuning file is re-embedded instead.
    import numpy as np

    from verdicts.models import Tool
    from verdicts.pairing.meaning import _packaged, launch_vectors, semantic_texts

    builder = _builder()
    _, raw, kinds = _packaged()
    assert kinds == tuple(builder.kinds())
    rows = builder.exemplars()
    assert raw.shape[0] == len(rows)
    sample = [*range(0, len(rows), 61), len(rows) - 1]
    tools = [
        Tool(key=rows[i]["name"], name=rows[i]["name"], url="", tagline=rows[i]["tagline"],
             description=rows[i]["description"])
        for i in sample
    ]  # fmt: skip
    texts = semantic_texts(tools)
    assert texts is not None
    fresh = launch_vectors(texts, projected=False)
    assert fresh is not None
    assert np.allclose(raw[sample], fresh, atol=2e-3)


def test_withheld_exemplars_do_not_shape_the_projection():
    # The benchmark withholds a week's own tools while pairing it; the projection is learned from
    # labels, so it must be learned without theirs too, or the tuning figures flatter it.
    import numpy as np

    from verdicts.pairing.exemplars import exemplar_names, withheld
    from verdicts.pairing.meaning import _packaged, build_store, store

    _, raw, kinds = _packaged()
    names = exemplar_names()
    hidden = [n for n, k in zip(names, kinds, strict=True) if k == kinds[0]]
    with withheld(hidden):
        projected = store()
    assert not np.allclose(projected.projection, store().projection, atol=1e-4)
    alone = build_store(raw, kinds, [n not in hidden for n in names])
    assert np.allclose(projected.projection, alone.projection, atol=1e-5)
    assert np.allclose(projected.centre, alone.centre, atol=1e-6)


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
