"""What a launch means, as a vector: the text a launch says what the tool is with, embedded.

The sentence model (encoder.py) sees only the words where a launch defines itself: the
meaningful words of the name, the tagline, the rest of a Show HN title, the first two sentences
of the description; brands (brands.py), made-up name words and the words every AI launch says
are removed. Vectors are centred on the mean launch and normalised, so a cosine says how alike
two jobs are, not how alike two AI launches are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Sequence
from functools import cache
from importlib.resources import files

import numpy as np

from verdicts.models import Tool
from verdicts.pairing.brands import strip_name, strip_text
from verdicts.pairing.encoder import Vector, embed, model

STORE_FILE = "semantic_exemplars.npz"  # rebuilt by benchmarks/pairing/build_exemplars.py
# Words every AI launch says: they make two unrelated launches look alike to the model.
_GENERIC = re.compile(
    r"\b(?:ai|a\.i\.|ai-powered|ai-native|ai-first|powered|llms?|gpt|agentic|genai)\b", re.I
)
SHOW_HN = re.compile(r"^(?:show|launch) hn:\s*", re.I)
TITLE_SPLIT = re.compile(r"\s[–—-]\s|:\s|,\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_NAME_WORDS = re.compile(r"[\s/_.-]+")


def _known(word: str, vocabulary: Collection[str]) -> bool:
    """A name word the model knows whole carries meaning ("Translator", "Headshot"); a made-up
    brand ("QuillBot", "DeepL") is cut into pieces that mean nothing and only add noise."""
    return len(word) > 2 and word.casefold() in vocabulary


def semantic_text(tool: Tool, vocabulary: Collection[str] = frozenset()) -> str:
    """What the launch says the tool is: the meaningful words of its name, the tagline, the rest
    of a Show HN title, the first two sentences of the description. Brands (brands.py), made-up
    name words and the words every AI launch says are removed."""
    if SHOW_HN.match(tool.name):
        rest = TITLE_SPLIT.split(SHOW_HN.sub("", tool.name[:200]), maxsplit=1)
        name_words, title = "", (rest[1] if len(rest) > 1 else "")
    else:
        plain = strip_name(tool.name[:200]).split("/")[-1]
        name_words = " ".join(w for w in _NAME_WORDS.split(plain) if _known(w, vocabulary))
        title = ""
    opening = " ".join(SENTENCE_END.split(strip_text(tool.description[:600]).strip())[:2])
    parts = (name_words, strip_text(tool.tagline[:300]), title, opening)
    text = " ; ".join(p for p in parts if p)
    for word in set(_NAME_WORDS.split(tool.name[:200])):
        if len(word) > 2 and not _known(word, vocabulary):
            text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", " ", text, flags=re.I)
    return " ".join(_GENERIC.sub(" ", text).split())


@cache
def store() -> tuple[Vector, Vector]:
    """(centre, exemplar vectors) from the packaged file. The centre is the mean launch: the
    average embedding of the exemplars' texts. Every AI launch shares that direction ("a tool
    that uses models to ..."); taking it out leaves what tells one job from another. The
    exemplar vectors (centred, unit length, float16) are in exemplars.json's order."""
    raw = files("verdicts.pairing").joinpath(STORE_FILE).read_bytes()
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        return data["centre"].astype(np.float32), data["vectors"].astype(np.float32)


def centre() -> Vector:
    return store()[0]


def semantic_texts(tools: Sequence[Tool]) -> list[str] | None:
    """semantic_text of each tool, with the model's vocabulary; None when no model is installed."""
    encoder = model()
    if encoder is None:
        return None
    return [semantic_text(t, encoder.tokenizer.vocab) for t in tools]


def launch_vectors(texts: list[str], centred: bool = True) -> Vector | None:
    """Unit vectors of semantic texts, centred on the mean launch; None without a model."""
    vectors = embed(texts)
    if vectors is None or not centred:
        return vectors
    return centre_on(vectors, centre())


def centre_on(vectors: Vector, mean: Vector) -> Vector:
    """The vectors moved so that `mean` is the origin, back to unit length."""
    moved = vectors - mean
    return moved / np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)


def tool_vectors(tools: Sequence[Tool]) -> Vector | None:
    """Centred unit vectors of the tools' semantic texts; None when no model is installed."""
    texts = semantic_texts(tools)
    return launch_vectors(texts) if texts is not None else None
