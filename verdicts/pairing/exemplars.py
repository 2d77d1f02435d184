"""The learned fallback: a tool's job by its nearest labelled exemplars.

The rules in jobs_*.toml know the phrasings someone wrote down; launches keep finding new ones
("Fully managed Milvus in the cloud"). When the rules are unsure, the tool is compared (TF-IDF
cosine over word uni/bi-grams of name, tagline and description, brand words removed) with the
labelled tuning tools in exemplars.json, rebuilt by benchmarks/pairing/build_exemplars.py. The
nearest ones vote, weighted by similarity; tools labelled as having no partner vote for "no job",
so a tool that resembles nothing in particular stays unsure instead of being forced into a job.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from verdicts.models import Tool
from verdicts.pairing.brands import strip_name, strip_text
from verdicts.pairing.textvec import GENERIC, STOP, TfIdf, cosine, grams

DROP = STOP | GENERIC
NEIGHBOURS = 5
MIN_SIMILARITY = 0.22  # the nearest exemplar of the winning job must be at least this close
MIN_SHARE = 0.6  # and that job must hold this share of the neighbours' votes
MIN_SHARED = 3  # a neighbour votes only if it shares at least this many distinct words

_SHOW_HN = re.compile(r"^(?:show|launch|ask) hn:\s*", re.I)
# Exemplars that may not vote for now (casefolded names): see `withheld`.
_WITHHELD: ContextVar[frozenset[str]] = ContextVar("withheld", default=frozenset())


@contextmanager
def withheld(names: Iterable[str]) -> Iterator[None]:
    """Within the block these exemplars do not vote, in either vote (this one and the vote by
    meaning). The benchmark withholds a whole eval file while pairing it: a tool's partner from
    its own file is then no exemplar, as on a week nobody labelled."""
    token = _WITHHELD.set(frozenset(n.casefold() for n in names))
    try:
        yield
    finally:
        _WITHHELD.reset(token)


def withheld_names() -> frozenset[str]:
    """The casefolded names withheld from the exemplars for now (see `withheld`)."""
    return _WITHHELD.get()


def exemplar_names() -> tuple[str, ...]:
    """Casefolded exemplar names, in exemplars.json's order (the order of the meaning store)."""
    return tuple(e.name for e in _load()[0])


def not_voting(tool: Tool) -> set[str]:
    """Exemplar names that may not vote for this tool: its own names (an exemplar never votes
    for itself, so the tuning figures are leave-one-out) and any withheld ones."""
    return {
        tool.name.casefold(),
        *(s.name.casefold() for s in tool.sightings[:5]),
    } | _WITHHELD.get()


def doc_text(name: str, tagline: str, description: str) -> str:
    """What a tool says it is, without who made it. Scraped text is capped before this."""
    head = strip_name(_SHOW_HN.sub("", name[:200]))
    return strip_text(f"{head}. {tagline[:400]}. {description[:1200]}")


def tool_grams(tool: Tool) -> list[str]:
    return grams(doc_text(tool.name, tool.tagline, tool.description), DROP)


@dataclass(frozen=True, slots=True)
class Guess:
    job: str  # "" when the neighbours do not agree on a job
    similarity: float  # cosine to the nearest exemplar of that job
    share: float  # that job's share of the neighbours' votes
    shares: tuple[tuple[str, float], ...] = ()  # every job's share ("" = no job), best first


@dataclass(frozen=True, slots=True)
class _Exemplar:
    name: str
    job: str
    grams: tuple[str, ...]


@cache
def _load() -> tuple[tuple[_Exemplar, ...], TfIdf, tuple[dict[str, float], ...]]:
    rows = json.loads(files("verdicts.pairing").joinpath("exemplars.json").read_text("utf-8"))
    items = tuple(
        _Exemplar(
            str(r["name"]).casefold(),
            str(r["job"]),
            tuple(grams(doc_text(r["name"], r["tagline"], r["description"]), DROP)),
        )
        for r in rows
    )
    tfidf = TfIdf(e.grams for e in items)
    return items, tfidf, tuple(tfidf.vector(e.grams) for e in items)


@cache
def _postings() -> dict[str, tuple[int, ...]]:
    """Which exemplars hold each gram: a tool is compared only with the exemplars it shares a
    gram with (the others have a cosine of 0), so a vote costs what the tool's grams cost, not
    the size of the labelled set."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(_load()[2]):
        for gram in vec:
            index[gram].append(i)
    return {gram: tuple(ids) for gram, ids in index.items()}


def background() -> TfIdf:
    """Document frequencies over the exemplars: how common a phrase is among AI launches."""
    return _load()[1]


def guess_job(tool: Tool) -> Guess:
    """The job the nearest exemplars agree on. An exemplar never votes for its own tool, so the
    tuning figures measure the fallback on tools it has not seen (leave-one-out)."""
    items, tfidf, vectors = _load()
    mine = tool_grams(tool)
    query = tfidf.vector(mine)
    words = {g for g in mine if " " not in g}
    own = not_voting(tool)
    postings = _postings()
    sharing = {i for gram in query for i in postings.get(gram, ())}
    scored = sorted(
        ((cosine(query, vectors[i]), i) for i in sharing if items[i].name not in own),
        reverse=True,
    )[:NEIGHBOURS]
    votes: dict[str, float] = defaultdict(float)
    nearest: dict[str, float] = {}
    for sim, i in scored:
        # One shared word ("computer" in "computer vision") is a coincidence, not a likeness.
        if sim <= 0 or len(words.intersection(items[i].grams)) < MIN_SHARED:
            continue
        votes[items[i].job] += sim
        nearest.setdefault(items[i].job, sim)
    total = sum(votes.values())
    if not total:
        return Guess("", 0.0, 0.0)
    # Far from every exemplar, the votes are noise: they count for nothing.
    shares = tuple(
        sorted(
            ((j, round(v / total, 3)) for j, v in votes.items() if nearest[j] >= MIN_SIMILARITY),
            key=lambda kv: (-kv[1], kv[0]),
        )
    )
    job = max(votes, key=lambda j: (votes[j], j))
    share = votes[job] / total
    if not job or nearest[job] < MIN_SIMILARITY or share < MIN_SHARE:
        return Guess("", round(nearest.get(job, 0.0), 3), round(share, 3), shares)
    return Guess(job, round(nearest[job], 3), round(share, 3), shares)
