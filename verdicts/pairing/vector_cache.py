"""Embeddings kept between runs, so a weekly build embeds only what it has not seen.

The catalog grows every week and every build pairs new launches against it; re-embedding a
thousand catalog texts costs about half a minute on two cores, reading them back a few
milliseconds. One SQLite file (stdlib, WAL, safe for several worker processes) maps
sha256(model id, text) to the float32 vector. A vector that cannot be read back (a truncated
row, another dimension) is treated as missing and recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

Vector = NDArray[np.float32]


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


class VectorCache:
    def __init__(self, path: Path, model_id: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.model_id, self.dim = path, model_id, dim
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get_many(self, texts: Iterable[str]) -> dict[str, Vector]:
        wanted = {text_key(self.model_id, t): t for t in texts}
        found: dict[str, Vector] = {}
        with closing(self._connect()) as db, db:
            for key, text in wanted.items():  # one indexed lookup each: ~10 µs in SQLite
                row = db.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
                blob = row[0] if row else None
                if isinstance(blob, bytes) and len(blob) == 4 * self.dim:
                    found[text] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, vectors: dict[str, Vector]) -> None:
        rows = [
            (text_key(self.model_id, text), np.asarray(v, dtype=np.float32).tobytes())
            for text, v in vectors.items()
        ]
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
