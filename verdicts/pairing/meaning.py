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
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
from numpy.typing import NDArray

from verdicts.models import Tool
from verdicts.pairing.brands import strip_name, strip_text
from verdicts.pairing.encoder import Vector, embed, model
from verdicts.pairing.exemplars import exemplar_names, withheld_names

STORE_FILE = "semantic_exemplars.npz"  # rebuilt by benchmarks/pairing/build_exemplars.py
# Words every AI launch says: they make two unrelated launches look alike to the model.
_GENERIC = re.compile(
    r"\b(?:ai|a\.i\.|ai-powered|ai-native|ai-first|powered|llms?|gpt|agentic|genai)\b", re.I
)
SHOW_HN = re.compile(r"^(?:show|launch) hn:\s*", re.I)
TITLE_SPLIT = re.compile(r"\s[–—-]\s|:\s|,\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_NAME_WORDS = re.compile(r"[\s/_.-]+")
# How far the within-kind whitening is shrunk towards the identity (see whitening). With each
# tuning week's own labels left out of it, 0.3 to 0.5 placed the most tools beside their rival;
# in the pairing, 0.5 made 19 more right pairs than 0.3 for 4 more wrong ones.
SHRINK = 0.5
# How many discriminant directions the projection keeps (see discriminant). With each tuning
# week's own labels left out (2,837 launches), a launch's nearest launch in its week was a rival
# 69.2% of the time with all 768 whitened directions, 73.1% with 128 (71.7% with 64, 71.9% with
# 256).
DIMENSIONS = 128


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


@dataclass(frozen=True, slots=True)
class Store:
    """What launch vectors are compared in, read from the labelled exemplars.

    centre: the mean launch, the average embedding of the exemplars' texts. Every AI launch
    shares that direction ("a tool that uses models to ..."); taking it out leaves what tells one
    job from another.
    projection: what else to take out. Launches of one job still differ in how they are told
    (an app's tagline, a model card, a README); the projection whitens the directions in which
    labelled launches of the same kind vary (within-class covariance, shrunk towards the
    identity), then keeps the DIMENSIONS directions along which the kinds' means lie farthest
    apart (discriminant), so what is left is mostly which job. Read from the labelled kinds, it
    carries over to kinds nobody labelled (benchmarks/pairing/README.md has the figures).
    vectors: the exemplars projected, unit length, in exemplars.json's order.
    """

    centre: Vector
    projection: Vector
    vectors: Vector


def build_store(raw: Vector, kinds: Sequence[str], keep: Sequence[bool] | None = None) -> Store:
    """The store from the exemplars' model vectors and labelled kinds ("" for none), reading the
    centre and projection from the `keep` rows only."""
    used = raw if keep is None else raw[np.asarray(keep, dtype=bool)]
    used_kinds = list(kinds) if keep is None else [k for k, m in zip(kinds, keep, strict=True) if m]
    centre = used.mean(axis=0)
    projection = discriminant(used - centre, used_kinds)
    return Store(centre, projection, project(raw, centre, projection))


@cache
def _packaged() -> tuple[Store, Vector, tuple[str, ...]]:
    """(store, model vectors, kinds) from the packaged file (build_exemplars.py writes the
    exemplars' model vectors as float16 and their kinds; the rest is derived here, once)."""
    data_file = files("verdicts.pairing").joinpath(STORE_FILE).read_bytes()
    with np.load(io.BytesIO(data_file), allow_pickle=False) as data:
        raw = data["raw"].astype(np.float32)
        kinds = tuple(str(k) for k in data["kinds"])
    return build_store(raw, kinds), raw, kinds


def store() -> Store:
    """The packaged store. While the benchmark withholds exemplars (exemplars.withheld), the
    centre and projection are read without them too: the projection is learned from labels, and
    a week must not be projected with its own."""
    hidden = withheld_names()
    return _packaged()[0] if not hidden else _store_without(hidden)


@lru_cache(maxsize=4)
def _store_without(hidden: frozenset[str]) -> Store:
    _, raw, kinds = _packaged()
    return build_store(raw, kinds, [n not in hidden for n in exemplar_names()])


def exemplar_kinds() -> tuple[str, ...]:
    """The exemplars' labelled kinds ("" for none), in the store's order: the labels themselves,
    finer than the jobs exemplars.json maps them to (a small open model is not a frontier one)."""
    return _packaged()[2]


def semantic_texts(tools: Sequence[Tool]) -> list[str] | None:
    """semantic_text of each tool, with the model's vocabulary; None when no model is installed."""
    encoder = model()
    if encoder is None:
        return None
    return [semantic_text(t, encoder.tokenizer.vocab) for t in tools]


def launch_vectors(texts: list[str], projected: bool = True) -> Vector | None:
    """Unit vectors of semantic texts, projected as the store says (see Store); None without a
    model. projected=False gives the model's own vectors."""
    vectors = embed(texts)
    if vectors is None or not projected:
        return vectors
    found = store()
    return project(vectors, found.centre, found.projection)


def project(vectors: Vector, centre: Vector, projection: Vector) -> Vector:
    """The vectors moved so that `centre` is the origin, projected, back to unit length."""
    moved = (vectors - centre) @ projection
    return moved / np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)


def _kind_means(
    rows: NDArray[np.float64], kinds: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.intp], NDArray[np.bool_]]:
    """(means, sizes, group, labelled) of `rows` (kinds[i] == "" is none and left out): one
    mean per kind, how many rows it has, each labelled row's kind index, which rows count."""
    labelled = np.array([bool(k) for k in kinds])
    _, group, sizes = np.unique(
        np.asarray(kinds)[labelled], return_inverse=True, return_counts=True
    )
    means = np.zeros((len(sizes), rows.shape[1]))
    np.add.at(means, group, rows[labelled])
    return means / sizes[:, None], sizes.astype(np.float64), group, labelled


def whitening(vectors: Vector, kinds: Sequence[str], shrink: float = SHRINK) -> Vector:
    """The projection that whitens the within-kind covariance of labelled `vectors` (one kind
    per row; "" for none), shrunk by `shrink` towards the identity so that directions the
    labels barely sample are kept, not blown up. Symmetric, so distances stay comparable."""
    rows = vectors.astype(np.float64)
    means, sizes, group, labelled = _kind_means(rows, kinds)
    spread = rows[labelled] - means[group]  # each row less its kind's mean
    dim = vectors.shape[1]
    # A kind seen once has no spread (its row is its mean) and adds no degree of freedom.
    within = spread.T @ spread / max(int((sizes - 1).sum()), 1)
    shrunk = (1 - shrink) * within + shrink * np.trace(within) / dim * np.eye(dim)
    values, basis = np.linalg.eigh(shrunk)
    return (basis @ np.diag(values**-0.5) @ basis.T).astype(np.float32)


def discriminant(
    vectors: Vector, kinds: Sequence[str], shrink: float = SHRINK, dims: int = DIMENSIONS
) -> Vector:
    """whitening, then only the `dims` directions along which the kinds' means spread most
    (linear discriminant analysis): what is left of a launch's 768 numbers after that is the
    part that told labelled kinds apart. The rest is how a launch happened to be worded, and it
    made two launches of different jobs look alike as often as it made rivals look alike."""
    white = whitening(vectors, kinds, shrink)
    means, sizes, _, _ = _kind_means(vectors.astype(np.float64) @ white, kinds)
    means -= sizes @ means / sizes.sum()  # about the labelled launches' own mean
    between = (means * sizes[:, None]).T @ means / sizes.sum()
    values, basis = np.linalg.eigh(between)
    return (white @ basis[:, np.argsort(-values)[:dims]]).astype(np.float32)


def tool_vectors(tools: Sequence[Tool]) -> Vector | None:
    """Projected unit vectors of the tools' semantic texts (see Store); None when no model is
    installed."""
    texts = semantic_texts(tools)
    return launch_vectors(texts) if texts is not None else None
