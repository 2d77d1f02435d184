"""Pairing: which tools to put head to head this week, with a score and a reason."""

from verdicts.pairing.choose import MIN_PAIR_SCORE, choose_pairs, compare, explain
from verdicts.pairing.profile import job_scores, profile
from verdicts.pairing.taxonomy import JOBS, Job

__all__ = [
    "JOBS",
    "MIN_PAIR_SCORE",
    "Job",
    "choose_pairs",
    "compare",
    "explain",
    "job_scores",
    "profile",
]
