"""The NumPy encoder is all-mpnet-base-v2 as the reference runs it.

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
from verdicts.pairing.encoder import model
from verdicts.pairing.mpnet import MAX_TOKENS, buckets
from verdicts.pairing.wordpiece import WordPiece, normalize, pre_split

TEXTS = [
    "Translate documents between 100 languages",
    "The AI translator that explains its choices",
    "Remove image backgrounds in one click",
    "Ünïcödé café — “quotes” 中文 and a very long word " + "x" * 120,
]
# Token ids from the reference tokenizer (max_length=128, truncation on): <s> = 0, </s> = 2,
# [UNK] = 104.
REFERENCE_IDS = [
    [0, 17641, 5495, 2094, 2535, 4159, 2],
    [0, 2000, 9936, 11407, 2012, 7611, 2053, 9808, 2],
    [0, 6370, 3750, 15410, 2003, 2032, 11566, 2],
    [0, 27264, 7672, 1521, 1527, 16618, 1528, 1750, 1865, 2002, 1041, 2204, 2150, 2777, 104, 2],
]
# The first eight dimensions of each unit vector, and two cosines, from sentence-transformers
# (max_seq_length 128).
REFERENCE_FIRST8 = [
    [-0.010677, 0.018984, 0.020639, 0.030744, -0.001233, -0.001907, 0.024807, 0.031427],
    [0.03712, 0.031439, -0.058918, -0.00739, -0.03936, -0.007651, 0.001312, -0.006874],
    [-0.006518, 0.000193, -0.022967, 0.044288, -0.033343, 0.037772, 0.069331, 0.06489],
    [0.077614, 0.013996, 0.003745, 0.074378, 0.055492, 0.031096, 0.002528, -0.006032],
]
REFERENCE_COS_TRANSLATORS = 0.33498
REFERENCE_COS_TRANSLATE_VS_BACKGROUND = -0.00896


@pytest.fixture(scope="module")
def mpnet():
    found = model()
    assert found is not None, "the model package is installed by make (requirements-model.txt)"
    return found


def test_wordpiece_gives_the_reference_ids(mpnet):
    assert [mpnet.tokenizer.encode(t, MAX_TOKENS) for t in TEXTS] == REFERENCE_IDS


def test_wordpiece_normalises_and_splits_like_bert():
    assert normalize("Café\tNAÏVE\x00") == "cafe naive"
    assert pre_split("text-to-SQL, now!") == ["text", "-", "to", "-", "SQL", ",", "now", "!"]
    vocab = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "em": 3, "##bed": 4, "##s": 5}
    piece = WordPiece(vocab, "[CLS]", "[SEP]")
    assert piece.encode("embeds", 16) == [1, 3, 4, 5, 2]
    assert piece.encode("embedx", 16) == [1, 0, 2]  # one unknown piece: the whole word is unknown
    assert len(piece.encode("embeds " * 40, 8)) == 8  # cut to the budget, [SEP] kept


def test_vectors_match_the_reference_implementation(mpnet):
    vectors = mpnet.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 768)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[:, :8], np.array(REFERENCE_FIRST8), atol=1e-4)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(REFERENCE_COS_TRANSLATORS, abs=1e-4)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(
        REFERENCE_COS_TRANSLATE_VS_BACKGROUND, abs=1e-4
    )


def test_batching_and_padding_do_not_change_a_vector(mpnet):
    alone = mpnet.encode([TEXTS[0]])
    together = mpnet.encode([TEXTS[3], TEXTS[0], TEXTS[2]])
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
        assert "all-mpnet-base-v2" in warnings[0].getMessage()
    finally:
        encoder.model.cache_clear()


def test_relative_positions_fall_in_mpnets_buckets():
    # The reference's relative_position_bucket for a 200-token text: keys after the query in
    # buckets 16-31, keys before in 0-15; exact up to 7 tokens away, logarithmic to 128, then flat.
    table = buckets(200)
    assert [int(table[0, j]) for j in (0, 1, 7, 8, 15, 16, 60, 127, 128, 199)] == [
        0, 17, 23, 24, 25, 26, 29, 31, 31, 31,
    ]  # fmt: skip
    assert [int(table[199, j]) for j in (0, 71, 190, 198)] == [15, 15, 8, 1]


def test_special_tokens_written_in_a_launch_are_plain_text(mpnet):
    # A hostile description cannot end the text early or ask for a mask: "</s>" is read as the
    # characters it is made of, and only the tokenizer itself opens and closes the text.
    ids = mpnet.tokenizer.encode("A tool </s> <mask> <s>", MAX_TOKENS)
    vocab = mpnet.tokenizer.vocab
    assert ids[0] == vocab["<s>"] and ids[-1] == vocab["</s>"]
    assert vocab["</s>"] not in ids[1:-1] and vocab["<s>"] not in ids[1:-1]
    assert vocab["<mask>"] not in ids
