"""The semantic pass: pairing the tools the rules left alone, by what their launches mean.

Rules and exemplars know the kinds someone labelled; every week brings kinds nobody did (two
translators, two headshot generators), described in different words ("remove the background" vs
"background removal model"). After the rule pass, the tools still unpaired are embedded with a
sentence model (mpnet.py: all-mpnet-base-v2, shipped in PyPI packages, run on NumPy) from
the words where a launch says what it is, brands and generic AI words removed. Two of them pair
only when each is the other's closest match among the week's leftovers, the match is close, and
the rules do not already say they do different jobs. Precision first: a leftover tool with no
clear twin stays unpaired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from verdicts.models import Tool, pair_key
from verdicts.pairing.meaning import (
    SENTENCE_END,
    SHOW_HN,
    TITLE_SPLIT,
    launch_vectors,
    semantic_texts,
)
from verdicts.pairing.profile import Profile, different_things
from verdicts.pairing.taxonomy import JOB_BY_KEY
from verdicts.pairing.textvec import GENERIC, STOP, fold

# A launch that says only what every launch says ("the platform for modern teams to work
# faster") has no job to compare: it needs this many words outside the stop and generic lists.
MIN_CONTENT_WORDS = 2
# The meaning pass's bar: cosine of projected vectors (meaning.py). Read from the honest history
# (v17 to v27) as 0.38 for the first sentence model (pairs by meaning alone under it were right
# 5 times in 11), then moved with each new space to the value passing the same share of a
# week's launch pairs (choose.py). Tuning, each week withheld: 0.42 made 37 more pairs than
# 0.46, 25 of them right, a margin below the precision target.
MIN_SIMILARITY = 0.46


def content_words(text: str) -> set[str]:
    """The words of a semantic text that could name a job: not stop words, not generic."""
    words = (fold(w) for w in re.findall(r"[a-z][a-z0-9+]{2,}", text.casefold()))
    return {w for w in words if w not in STOP and w not in GENERIC}


def says_what_it_is(text: str) -> bool:
    """Enough job words to place the launch by meaning (see MIN_CONTENT_WORDS)."""
    return len(content_words(text)) >= MIN_CONTENT_WORDS


@dataclass(frozen=True, slots=True)
class Twin:
    a: int
    b: int
    similarity: float


def rules_permit(a: Profile, b: Profile) -> bool:
    """The rules have no say when at most one side has a job; two jobs mean they judged, unless
    it is one job only the exemplars know (no rule to compare the two by)."""
    if not (a.job and b.job):
        return True
    return a.job == b.job and a.job not in JOB_BY_KEY


def twins(
    tools: Sequence[Tool],
    profiles: Sequence[Profile],
    new_keys: Collection[str],
    exclude: Collection[str] = (),
    *,
    minimum: float = MIN_SIMILARITY,
    allowed: Callable[[Profile, Profile], bool] = rules_permit,
    apart: Callable[[Tool, Tool], bool] = lambda a, b: False,
    min_words: int = MIN_CONTENT_WORDS,
) -> list[Twin]:
    """Mutual closest matches among `tools` at least `minimum` alike, closest first; each tool
    in at most one. `allowed` says which two profiles may be paired at all, `apart` which two
    tools are too far apart to be twins (background.py); a gadget never pairs with an app, nor a
    dataset with a model (profile.different_things). A
    launch pairs only if it names at least `min_words` job words (content_words)."""
    if len(tools) < 2:
        return []
    texts = semantic_texts(tools)
    vectors = launch_vectors(texts) if texts is not None else None
    if texts is None or vectors is None:
        return []
    vague = [len(content_words(t)) < min_words for t in texts]
    sim = vectors @ vectors.T
    n = len(tools)

    def ok(i: int, j: int) -> bool:
        return (
            (tools[i].key in new_keys or tools[j].key in new_keys)
            and pair_key(tools[i].key, tools[j].key) not in exclude
            and not different_things(profiles[i], profiles[j])
            and allowed(profiles[i], profiles[j])
            and not (vague[i] or vague[j])
            and not apart(tools[i], tools[j])
        )

    # Each tool's closest admissible match at least `minimum` alike, walking its matches from the
    # closest down: a catalog of thousands costs a few checks a tool, not one per pair.
    order = np.argsort(-sim, axis=1, kind="stable")
    best: list[int | None] = [None] * n
    for i in range(n):
        for j in map(int, order[i]):
            if sim[i, j] < minimum:
                break
            if j != i and ok(i, j):
                best[i] = j
                break
    found: list[Twin] = []
    for i, mate in enumerate(best):
        if mate is not None and i < mate and best[mate] == i:
            found.append(Twin(i, mate, round(float(sim[i, mate]), 3)))
    return sorted(found, key=lambda t: (-t.similarity, t.a, t.b))


def score(similarity: float) -> float:
    """On the pair scale (MIN_PAIR_SCORE 0.6 .. 1.0): the bar maps to 0.6, a near-identical
    description to 0.9."""
    span = (similarity - MIN_SIMILARITY) / (1.0 - MIN_SIMILARITY)
    return round(0.6 + 0.3 * min(1.0, max(0.0, span)), 3)


def reason(a: Tool, b: Tool) -> str:
    """Both tools' own words for what they are, so the editor (and a reader) can judge the match."""
    return f"the same job in their own words: “{own_words(a)}” and “{own_words(b)}”"


def own_words(tool: Tool, limit: int = 70) -> str:
    """The tagline, else the rest of a Show HN title, else the description's first sentence."""
    rest = TITLE_SPLIT.split(SHOW_HN.sub("", tool.name[:200]), maxsplit=1)
    title = rest[1] if SHOW_HN.match(tool.name) and len(rest) > 1 else ""
    first = SENTENCE_END.split(tool.description[:400].strip(), maxsplit=1)[0]
    text = " ".join((tool.tagline[:300] or title or first or tool.name[:100]).split()).rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
