"""How close two launches are against the background of every labelled launch.

Within one week, a tool's closest match is always somebody: among twenty leftovers, a prompt
optimiser's nearest neighbour may be an agent builder. Whether the two really do one job shows
against a larger crowd. The labelled exemplars (exemplars.json, every kind anyone labelled) are
that crowd: when a prompt optimiser has dozens of labelled launches nearer to it than the agent
builder, the two are not rivals, however they ranked among the leftovers; when two text-to-CAD
tools are nearer to each other than to almost anything ever labelled, they are, even if nobody
labelled that job.

rank(a, b) counts the exemplars closer to a than b is (and to b than a is) and keeps the worse
side. near_kinds says which labelled kinds the launches nearest a tool belong to: a rule pair
whose two tools have no such kind in common matched a word, not a job (Crowd.strangers). The
honest history (benchmarks/pairing/history: pairs printed for sets the method had not
seen) is what the limits in choose.py were read from; the exemplars that are tools of the week
itself never count (they are competitors, not background), nor do withheld ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from verdicts.models import Tool
from verdicts.pairing.exemplars import exemplar_names, withheld_names
from verdicts.pairing.meaning import exemplar_kinds, semantic_texts, store
from verdicts.pairing.semantic import says_what_it_is

Ranks = NDArray[np.int32]
# How many of the nearest labelled launches say what a tool is (near_kinds). On the tuning weeks
# (3,110 launches, each week projected and ranked without its own labels), refusing rule pairs
# whose ten nearest labelled launches on each side share no kind took away 19 pairs, 9 of them
# right, and let 10 others form, 8 of them right (0.908 -> 0.916 precision).
KIND_NEIGHBOURS = 10


def _names(tool: Tool) -> set[str]:
    return {tool.name.casefold(), *(s.name.casefold() for s in tool.sightings[:5])}


def _background(tools: Sequence[Tool]) -> NDArray[np.bool_]:
    """Which exemplars are background for this pool: not the pool's own tools, not withheld."""
    week = set().union(*(_names(t) for t in tools)) | withheld_names()
    return np.array([n not in week for n in exemplar_names()], dtype=bool)


def _to_background(
    tools: Sequence[Tool], vectors: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.str_]]:
    """Each tool's cosine to every background exemplar, and those exemplars' kinds ("" for
    none): the one product the ranks and the near kinds both read."""
    keep = _background(tools)
    return vectors @ store().vectors[keep].T, np.asarray(exemplar_kinds())[keep]


def _ranks(vectors: NDArray[np.float32], to_crowd: NDArray[np.float32]) -> Ranks:
    # Each tool's similarities to the crowd, sorted, so a count is one binary search.
    ordered = np.sort(to_crowd, axis=1)
    sim = vectors @ vectors.T
    closer = np.empty((len(vectors), len(vectors)), dtype=np.int32)
    for i in range(len(vectors)):
        closer[i] = ordered.shape[1] - np.searchsorted(ordered[i], sim[i], side="right")
    return np.maximum(closer, closer.T)


def _near(
    to_crowd: NDArray[np.float32], kinds: NDArray[np.str_], k: int = KIND_NEIGHBOURS
) -> list[frozenset[str]]:
    labelled = kinds != ""
    sims, named = to_crowd[:, labelled], kinds[labelled]
    k = min(k, sims.shape[1])
    if not k:
        return [frozenset() for _ in range(len(to_crowd))]
    nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]  # the k nearest, in no order
    return [frozenset(named[row].tolist()) for row in nearest]


def background_ranks(tools: Sequence[Tool], vectors: NDArray[np.float32]) -> tuple[Ranks, int]:
    """(ranks, crowd size). ranks[i, j]: how many background exemplars are closer to tool i than
    tool j is, or to j than i is, whichever is more. `vectors` are the tools' projected unit
    vectors (meaning.py)."""
    to_crowd, _ = _to_background(tools, vectors)
    return _ranks(vectors, to_crowd), int(to_crowd.shape[1])


def near_kinds(
    tools: Sequence[Tool], vectors: NDArray[np.float32], k: int = KIND_NEIGHBOURS
) -> list[frozenset[str]]:
    """The labelled kinds among the k background launches nearest each tool (launches labelled
    as having no partner say nothing about a kind and are left out)."""
    return _near(*_to_background(tools, vectors), k)


class Crowd:
    """The background ranks of one pool of tools, asked pair by pair."""

    def __init__(self, tools: Sequence[Tool], vectors: NDArray[np.float32] | None) -> None:
        self.tools = list(tools)
        self.index = {t.key: i for i, t in enumerate(tools)}
        self.ranks: Ranks | None = None
        self.size = 0
        self.kinds: list[frozenset[str]] = []
        if vectors is not None:
            to_crowd, kinds = _to_background(tools, vectors)
            self.ranks, self.size = _ranks(vectors, to_crowd), int(to_crowd.shape[1])
            self.kinds = _near(to_crowd, kinds)
        texts = semantic_texts(tools) or [""] * len(tools)
        # A launch that says too little to place by meaning is never refused by it.
        self.placed = [says_what_it_is(t) for t in texts]

    def _between(self, a: Tool, b: Tool) -> tuple[int, int, int] | None:
        """(i, j, labelled launches between the two), or None when either is unranked."""
        i, j = self.index.get(a.key), self.index.get(b.key)
        if self.ranks is None or i is None or j is None:
            return None
        return i, j, int(self.ranks[i, j])

    def apart(self, a: Tool, b: Tool, share: float) -> bool:
        """More than `share` of the labelled launches come between the two."""
        found = self._between(a, b)
        if found is None:
            return False
        i, j, between = found
        return self.placed[i] and self.placed[j] and between > share * self.size

    def strangers(self, a: Tool, b: Tool) -> bool:
        """No labelled kind is near both (near_kinds), and both say enough to be placed."""
        found = self._between(a, b)
        if found is None:
            return False
        i, j, _ = found
        return self.placed[i] and self.placed[j] and not self.kinds[i] & self.kinds[j]

    def close(self, a: Tool, b: Tool, share: float) -> bool:
        """At most `share` of the labelled launches come between the two, however little either
        says (a terse launch is placed where its few words put it)."""
        found = self._between(a, b)
        return found is not None and found[2] <= share * self.size

    def near(self, a: Tool, share: float) -> list[Tool]:
        """The other tools of the pool `close` to `a`."""
        i = self.index.get(a.key)
        if self.ranks is None or i is None:
            return []
        found = np.flatnonzero(self.ranks[i] <= share * self.size)
        return [self.tools[j] for j in found if j != i]
