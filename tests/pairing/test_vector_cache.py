"""Embeddings kept between runs: read back exactly, recomputed when unreadable, and used by
embed() so a second run computes nothing it has seen."""

import sqlite3

import numpy as np
import pytest

from verdicts.pairing import encoder
from verdicts.pairing.vector_cache import VectorCache, text_key


def test_vectors_round_trip_and_bad_rows_count_as_missing(tmp_path):
    cache = VectorCache(tmp_path / "e.sqlite3", "model-x", 4)
    v = np.array([0.5, -0.5, 0.25, 1.0], dtype=np.float32)
    cache.put_many({"a translator": v})
    got = cache.get_many(["a translator", "never seen"])
    assert list(got) == ["a translator"] and np.array_equal(got["a translator"], v)
    # Another model's vector for the same text is another key.
    assert VectorCache(tmp_path / "e.sqlite3", "model-y", 4).get_many(["a translator"]) == {}
    with sqlite3.connect(tmp_path / "e.sqlite3") as db:  # a truncated row
        db.execute(
            "UPDATE vectors SET vector = ? WHERE key = ?",
            (b"\0" * 7, text_key("model-x", "a translator")),
        )
    assert cache.get_many(["a translator"]) == {}


@pytest.fixture
def disk_cache(tmp_path):
    with encoder.disk_cache(tmp_path / "embeddings.sqlite3"):
        yield tmp_path / "embeddings.sqlite3"
    assert encoder._DISK is None  # the block ends, the process forgets the file


def test_embed_reads_what_an_earlier_run_stored(disk_cache, monkeypatch):
    texts = ["plan a vegetable garden and when to sow", "pick a wine for dinner"]
    first = encoder.embed(texts)
    assert first is not None
    # A new process starts with an empty memory cache and must not run the model again.
    monkeypatch.setattr(encoder, "_CACHE", {})
    loaded = encoder.model()
    assert loaded is not None

    def refuse(texts):
        raise AssertionError(f"recomputed {texts}")

    monkeypatch.setattr(loaded, "encode", refuse)
    again = encoder.embed(texts)
    assert again is not None and np.allclose(first, again)
    with sqlite3.connect(disk_cache) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 2
