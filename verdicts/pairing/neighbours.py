"""The exemplars' vote by meaning: which labelled launches a tool is closest to in embedding space.

The TF-IDF vote (exemplars.py) needs shared words; this one does not ("agent, now in your
terminal" is near the coding agents whatever words they used). The K nearest exemplars (cosine of
centred vectors, meaning.py; never the tool itself) vote with their similarity, and the shares are
blended into the job scores beside the rules and the TF-IDF vote (profile.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from importlib.resources import files

import numpy as np

from verdicts.models import Tool
from verdicts.pairing.exemplars import not_voting
from verdicts.pairing.meaning import store, tool_vectors

NEIGHBOURS = 5
MIN_SIMILARITY = 0.18  # a neighbour farther says nothing about the job (moved with the space)


@cache
def _labels() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names casefolded, jobs) of the exemplars, in the packaged vectors' order."""
    rows = json.loads(files("verdicts.pairing").joinpath("exemplars.json").read_text("utf-8"))
    return tuple(str(r["name"]).casefold() for r in rows), tuple(str(r["job"]) for r in rows)


def shares(tool: Tool) -> tuple[tuple[str, float], ...]:
    """Each job's share of the nearest exemplars' vote, best first ("" = no job is dropped:
    tools labelled as having no partner only dilute the others). Empty without a model."""
    vectors = tool_vectors([tool])
    if vectors is None:
        return ()
    names, jobs = _labels()
    exemplars = store().vectors
    if len(exemplars) != len(names):
        raise RuntimeError(
            "semantic_exemplars.npz is stale: run benchmarks/pairing/build_exemplars.py"
        )
    sims = exemplars @ vectors[0]
    own = not_voting(tool)
    votes: dict[str, float] = defaultdict(float)
    taken = 0
    for i in np.argsort(-sims):
        if taken == NEIGHBOURS:
            break
        if names[i] in own:  # an exemplar never votes for itself (leave-one-out figures)
            continue
        taken += 1
        if sims[i] >= MIN_SIMILARITY:
            votes[jobs[i]] += float(sims[i])
    total = sum(votes.values())
    if not total:
        return ()
    return tuple(
        sorted(
            ((j, round(v / total, 3)) for j, v in votes.items() if j),
            key=lambda kv: (-kv[1], kv[0]),
        )
    )
