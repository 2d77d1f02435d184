"""A persistent store of validators (ETag, Last-Modified) and bodies for conditional GETs.

A second run on the same day sends If-None-Match / If-Modified-Since and reuses the stored body
on 304, so it costs the site almost nothing. Files are written atomically; a damaged entry is
treated as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cached:
    url: str
    etag: str
    last_modified: str
    body: bytes

    def validators(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class DiskCache:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _paths(self, method: str, url: str, body: bytes | None) -> tuple[Path, Path] | None:
        if self.root is None:
            return None
        digest = hashlib.sha256(f"{method} {url}\n".encode() + (body or b"")).hexdigest()
        folder = self.root / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def get(self, method: str, url: str, body: bytes | None = None) -> Cached | None:
        paths = self._paths(method, url, body)
        if paths is None:
            return None
        try:
            meta = json.loads(paths[0].read_text())
            data = paths[1].read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("size") != len(data):
            return None
        return Cached(url, meta.get("etag", ""), meta.get("last_modified", ""), data)

    def put(
        self,
        method: str,
        url: str,
        body: bytes | None,
        *,
        etag: str,
        last_modified: str,
        data: bytes,
    ) -> None:
        paths = self._paths(method, url, body)
        if paths is None or not (etag or last_modified):
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        meta = {"url": url, "etag": etag, "last_modified": last_modified, "size": len(data)}
        # Body first, then metadata: a crash in between leaves a size mismatch, i.e. a miss.
        _atomic_write(paths[1], data)
        _atomic_write(paths[0], json.dumps(meta).encode())


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
