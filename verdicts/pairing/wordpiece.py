"""BERT's uncased WordPiece tokenizer, as the Hugging Face `tokenizers` library runs it.

Normalise (drop control characters, spaces around CJK characters, strip accents, lower-case),
split on whitespace and punctuation, then cut each word into the longest pieces the vocabulary
knows ("embeddings" -> "em", "##bed", "##ding", "##s"). Fifty lines instead of a dependency that
brings the Hugging Face hub client with it; tests/pairing/test_encoder.py pins its output to
token ids the reference tokenizer gave for the same texts.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

MAX_WORD_CHARS = 100  # a longer "word" is noise: the reference gives it [UNK] too


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif unicodedata.category(ch).startswith("C"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    folded = unicodedata.normalize("NFD", "".join(out))
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Mn").lower()


def pre_split(text: str) -> list[str]:
    """Words and single punctuation marks, in order."""
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isspace():
            if current:
                words.append("".join(current))
                current = []
        elif _is_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPiece:
    """BERT's WordPiece. `start` and `end` wrap every text: [CLS] ... [SEP] for BERT, <s> ... </s>
    for MPNet. They have no default: MPNet's vocabulary still holds [CLS] and [SEP], so a wrong
    default would go unnoticed. Special tokens written in a launch's text ("</s>", "<mask>") are
    read as plain text, never as control tokens: a hostile description cannot steer the model
    with them (the reference tokenizer would take them as specials; no real launch writes them)."""

    def __init__(self, vocab: dict[str, int], start: str, end: str, unknown: str = "[UNK]") -> None:
        self.vocab = vocab
        self.unk = vocab[unknown]
        self.start = vocab[start]
        self.end = vocab[end]

    @classmethod
    def from_vocab(cls, path: Path, start: str, end: str) -> WordPiece:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls({token: i for i, token in enumerate(lines)}, start, end)

    def _pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]  # one unknown piece makes the whole word unknown
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """start pieces... end, cut to max_tokens in all."""
        ids: list[int] = []
        budget = max_tokens - 2
        for word in pre_split(normalize(text)):
            ids += self._pieces(word)
            if len(ids) >= budget:
                break
        return [self.start, *ids[:budget], self.end]
