"""all-mpnet-base-v2, the sentence model behind pairing, run with NumPy alone (no torch).

The forward pass of sentence-transformers' all-mpnet-base-v2: MPNet (12 layers, 12 heads, 768
dimensions), mean-pooled over the tokens, then normalised. It is BERT's recipe with four
differences, each of which moves the vectors far more than the test's tolerance when missed:

- texts are wrapped in <s> ... </s>, not [CLS] ... [SEP] (wordpiece.py);
- the embeddings are words and positions only (no token types), and positions count from the
  padding id plus one, as RoBERTa's do;
- every layer adds one relative position bias to its attention scores: 32 buckets, the nearest
  eight distances exact and the rest logarithmic up to 128 tokens, each way (T5's bucketing);
- LayerNorm's epsilon is 1e-5 (config.json), not 1e-12.

Vectors match the reference implementation to about 1e-6 (tests/pairing/test_encoder.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from verdicts.pairing.vector_cache import Vector
from verdicts.pairing.wordpiece import WordPiece

MAX_TOKENS = 128  # a launch says what it is well before that (the model takes up to 384)
BATCH = 32


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
    """erf to ~1.5e-7 (Abramowitz & Stegun 7.1.26): the model's GELU is the exact one."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)


def buckets(length: int, count: int = 32, max_distance: int = 128) -> NDArray[np.int64]:
    """The relative position bucket of key j seen from query i: half the buckets for keys
    before the query, half for keys after; within each half, exact for the nearest distances,
    logarithmic up to max_distance, the last bucket beyond."""
    pos = np.arange(length)
    distance = pos[:, None] - pos[None, :]  # query minus key: positive for keys before
    half = count // 2
    side = (distance < 0).astype(np.int64) * half
    distance = np.abs(distance)
    exact = half // 2
    with np.errstate(divide="ignore"):
        far = exact + (
            np.log(np.maximum(distance, 1).astype(np.float32) / exact)
            / np.float32(np.log(max_distance / exact))
            * (half - exact)
        )
    far = np.minimum(far.astype(np.int64), half - 1)
    return side + np.where(distance < exact, distance, far)


class MPNet:
    """The model loaded from a directory holding config.json, model.safetensors and vocab.txt."""

    def __init__(self, directory: Path) -> None:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.w = read_safetensors(directory / "model.safetensors")
        self.tokenizer = WordPiece.from_vocab(directory / "vocab.txt", "<s>", "</s>")
        self.pad = self.tokenizer.vocab["<pad>"]
        self.dim = int(self.w["embeddings.word_embeddings.weight"].shape[1])
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = np.float32(config["layer_norm_eps"])
        self.buckets = int(config["relative_attention_num_buckets"])
        self._bias: dict[int, Vector] = {}

    def _position_bias(self, length: int) -> Vector:
        """(heads, length, length): the same for every layer and every text of that length."""
        if length not in self._bias:
            table = self.w["encoder.relative_attention_bias.weight"]  # (buckets, heads)
            bias = table[buckets(length, self.buckets)]
            self._bias[length] = np.ascontiguousarray(bias.transpose(2, 0, 1))
        return self._bias[length]

    def _norm(self, x: Vector, prefix: str) -> Vector:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[f"{prefix}.weight"] + self.w[
            f"{prefix}.bias"
        ]

    def _dense(self, x: Vector, prefix: str) -> Vector:
        # One 2-D product: NumPy runs (batch, length, dim) @ (dim, out) as one small product per
        # text, a third slower.
        flat = x.reshape(-1, x.shape[-1]) @ self.w[f"{prefix}.weight"].T + self.w[f"{prefix}.bias"]
        return flat.reshape(*x.shape[:-1], -1)

    def _forward(self, ids: NDArray[np.int64], mask: Vector) -> Vector:
        w = self.w
        batch, length = ids.shape
        real = ids != self.pad
        positions = np.cumsum(real, axis=1) * real + self.pad
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        bias = (self._position_bias(length)[None] + padding).astype(np.float32)
        head = self.dim // self.heads

        def split(t: Vector) -> Vector:
            return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = split(self._dense(x, f"{p}.attention.attn.q"))
            k = split(self._dense(x, f"{p}.attention.attn.k"))
            v = split(self._dense(x, f"{p}.attention.attn.v"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            att = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dim)
            x = self._norm(
                self._dense(att, f"{p}.attention.attn.o") + x, f"{p}.attention.LayerNorm"
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
            batch_ids = np.full((len(chunk), length), self.pad, dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                batch_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1.0
            out[chunk] = self._forward(batch_ids, mask)
        return out
