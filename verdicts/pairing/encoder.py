"""Sentence embeddings for pairing: all-mpnet-base-v2 (mpnet.py), loaded once, cached per text.

The model's files come from PyPI packages, unpacked once (model_files.py); nothing is downloaded
at run time. Without them, semantic pairing is off and says so once; the rules still pair.

Embeddings are cached per text for the life of the process: the same launch text is embedded once
per run, however many pairs it is scored in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np

from verdicts.pairing.model_files import INSTALL, NAME, model_dir
from verdicts.pairing.mpnet import MPNet
from verdicts.pairing.vector_cache import Vector, VectorCache

log = logging.getLogger(__name__)

MODEL_ID = "sentence-transformers/all-mpnet-base-v2"


@cache
def model() -> MPNet | None:
    """The packaged model, loaded once; None (logged once) when its packages are missing."""
    directory = model_dir()
    if directory is None:
        log.warning(
            "semantic pairing is off: the sentence model %s is not installed (%s)",
            NAME,
            INSTALL,
        )
        return None
    return MPNet(directory)


_CACHE: dict[str, Vector] = {}
_CACHE_LIMIT = 50_000  # ~77 MB of float32 vectors: a year of launches, never the whole web
_DISK: VectorCache | None = None


def forget() -> None:
    """Empty the in-memory cache, as a new process starts (the disk cache is kept)."""
    _CACHE.clear()


@contextmanager
def disk_cache(path: Path) -> Iterator[None]:
    """Within the block, embeddings are also kept in this SQLite file between runs
    (vector_cache.py). The weekly build wraps its pairing in it, pointed into the data dir."""
    global _DISK
    previous = _DISK
    encoder = model()
    _DISK = VectorCache(path, MODEL_ID, encoder.dim) if encoder is not None else None
    try:
        yield
    finally:
        _DISK = previous


def embed(texts: list[str]) -> Vector | None:
    """Unit vectors for the texts (cached per text in memory and, when configured, on disk), or
    None when no model is installed."""
    encoder = model()
    if encoder is None:
        return None
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        if len(_CACHE) + len(missing) > _CACHE_LIMIT:
            _CACHE.clear()
        stored = _DISK.get_many(missing) if _DISK is not None else {}
        _CACHE.update(stored)
        fresh = [t for t in missing if t not in stored]
        if fresh:
            computed = dict(zip(fresh, encoder.encode(fresh), strict=True))
            _CACHE.update(computed)
            if _DISK is not None:
                _DISK.put_many(computed)
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([_CACHE[t] for t in texts])
