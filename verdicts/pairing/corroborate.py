"""Meaning's check on the rules: a rule pair stands only when the sentence model does not
contradict it.

A job rule fires on a phrase ("voice agents", "language model"), and a phrase is shared by tools
of neighbouring jobs: an AI receptionist and a tool that tests voice agents, a chunking library
and an agent SDK. The sentence model (meaning.py) sees the whole of what each launch says. A rule
pair is refused when meaning contradicts it twice over: the two launches are not near each other
among the week's launches (each has CORROBORATING_RANK or more of the week's other launches
closer to it that the rules give another job), and their nearest labelled exemplars vote for
different jobs.

Why these two signals and this rank: they were chosen on the only honest predictions there are,
the pairs each round printed for its held-out set before that set was read
(benchmarks/pairing/corroboration.py). Over the 75 rule pairs of v7 to v12, this check would have
removed 12 of the 21 wrong ones and 6 of the 54 right ones.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from verdicts.models import Tool
from verdicts.pairing.meaning import tool_vectors
from verdicts.pairing.profile import Profile

CORROBORATING_RANK = 3
# In a bigger week more launches of other jobs are near any tool: the bar grows with the week
# (3 in a week of 68, the size of the held-out weeks it was chosen on).
CORROBORATING_SHARE = 3 / 68


class Corroboration:
    """How near each of `tools` is to the others among the week's new launches, by meaning."""

    def __init__(
        self, tools: Sequence[Tool], profiles: Sequence[Profile], new_keys: Collection[str]
    ) -> None:
        vectors = tool_vectors(tools) if tools else None
        self._sim = None if vectors is None else vectors @ vectors.T
        self._at = {t.key: i for i, t in enumerate(tools)}
        self._new = np.array([t.key in new_keys for t in tools], dtype=bool)
        self._jobs = np.array([p.job for p in profiles], dtype=object)

    def ranks(self, a: Tool, b: Tool, pa: Profile, pb: Profile) -> tuple[int, int]:
        """How many of the week's new launches are closer to a than b is, and to b than a is,
        counting only launches the rules give another job than either's: in a week with five
        coding agents, the other three being closer says nothing against a pair of two."""
        assert self._sim is not None
        i, j = self._at[a.key], self._at[b.key]
        others = self._new.copy()
        others[[i, j]] = False
        for job in {pa.job, pb.job} - {""}:
            others &= self._jobs != job
        row_a, row_b = self._sim[i, others], self._sim[j, others]
        return int((row_a > self._sim[i, j]).sum()), int((row_b > self._sim[j, i]).sum())

    def agrees(self, a: Tool, b: Tool, pa: Profile, pb: Profile) -> bool:
        """False when meaning contradicts a rule pair of a and b (their profiles pa and pb);
        True without a model."""
        if self._sim is None:
            return True
        if pa.nearest_job and pa.nearest_job == pb.nearest_job:
            return True
        bar = max(CORROBORATING_RANK, round(CORROBORATING_SHARE * int(self._new.sum())))
        return max(self.ranks(a, b, pa, pb)) < bar
