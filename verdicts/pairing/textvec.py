"""TF-IDF over word uni- and bi-grams, in plain Python: the corpus is a few hundred short texts,
so a dependency would buy nothing but install time.

Bigrams never cross a stop word, so "AI code review for pull requests" gives "code review" and
"pull request", not "review pull". Plurals fold to the singular, so "editors" meets "editor".
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[a-z0-9]+(?:[+.][a-z0-9]+)*")

_STOP_WORDS = (
    "a an and the for with your you of to in on by from that is are it its our into via as at be "
    "can or this we us their they them than then so not no just also more most any all every "
    "one who what which how while when where up out over about across like without get use "
    "using used let lets make makes made help helps"
)
STOP = frozenset(_STOP_WORDS.split())

# Words every AI launch uses: they say nothing about which job a tool does, so they carry no
# weight in similarity and never make a shared phrase on their own.
_GENERIC_WORDS = (
    "ai artificial intelligence powered new best world first fast faster simple easy easily "
    "build built building create creates creating tool platform app application solution "
    "product power powerful smart next generation gen state art leading modern free open source "
    "based native real time team business everyone anyone people way work works working "
    "seamless seamlessly instant instantly minute second day today now ever better hour "
    "advanced latest introducing meet launch available feature support supports designed "
    "ready production professional quality high easy top million billion thousand "
    # Operating systems are facets (profile._PLATFORMS), never a job: "for Linux and macOS".
    "linux macos windows window mac ios android"
)
GENERIC = frozenset(_GENERIC_WORDS.split())


def fold(word: str) -> str:
    """A light singular: enough to meet "models" with "model", never an aggressive stemmer."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def runs(text: str, drop: frozenset[str] = STOP) -> list[list[str]]:
    """Stretches of content words; a dropped word (or punctuation) ends a stretch."""
    out: list[list[str]] = []
    for chunk in re.split(r"[,;:()\[\]!?\"|/–—]|\.\s|\s-\s", text.casefold()):
        current: list[str] = []
        for raw in _WORD.findall(chunk):
            word = fold(raw)
            if word in drop or raw in drop:
                if current:
                    out.append(current)
                current = []
            else:
                current.append(word)
        if current:
            out.append(current)
    return out


def grams(text: str, drop: frozenset[str] = STOP) -> list[str]:
    """Uni- and bi-grams, in text order, repeats kept (they are term frequencies)."""
    found: list[str] = []
    for run in runs(text, drop):
        found += run
        found += [f"{a} {b}" for a, b in itertools.pairwise(run)]
    return found


class TfIdf:
    """Inverse document frequencies fitted on a corpus; vectors are L2-normalised dicts."""

    def __init__(self, docs: Iterable[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for doc in docs:
            df.update(set(doc))
            n += 1
        self.n = n
        self.df = df

    def idf(self, gram: str) -> float:
        return math.log((self.n + 1) / (self.df.get(gram, 0) + 1)) + 1.0

    def vector(self, doc: Sequence[str]) -> dict[str, float]:
        tf = Counter(doc)
        vec = {g: (1.0 + math.log(c)) * self.idf(g) for g, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(g, 0.0) for g, v in a.items())
