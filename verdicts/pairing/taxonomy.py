"""The jobs a tool can do for its user, loaded from the jobs_*.toml files.

Two tools are comparable when they do the same job for the same user: two AI code editors, two
text-to-speech models, two vector databases. A source's category ("Developer Tools",
"Productivity") is not a job: it covers half of everything, so it only ever nudges a score.

The jobs live in a data file so that an editor can read them and teach pairing a new kind of
tool without touching code. Each pattern is compiled when the module loads: a typo fails at
import (and in the tests), not in the middle of Monday's run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files

# Below this the tool's job is unclear and it stays unpaired. 2.4 is one phrase that names the
# job (weight 3) in a description (field weight 0.8): descriptions are definitional ("X is a
# vector database"), so one such phrase is enough; hints alone never are.
MIN_JOB_SCORE = 2.4

# Model families: a family name followed by a version ("Mistral 3.1", "GPT-5.6", "SmolLM3").
MODEL_FAMILIES = (
    r"gpt|o\d|claude(?: \w+)?|gemini|gemma|llama|mistral|mixtral|ministral|magistral|codestral|"
    r"qwen|qwq|phi|smollm|deepseek|glm|olmo|granite|command(?: r)?|grok|kimi|minimax|nemotron|"
    r"falcon|yi|internlm|hermes|muse spark|aya|jamba|exaone|ernie|hunyuan|seed|devstral"
)


@dataclass(frozen=True, slots=True)
class Job:
    key: str
    label: str  # plural noun phrase for the reason: "both AI video editors"
    rules: tuple[tuple[re.Pattern[str], float], ...]
    # The share of the labelled launches that may come between two tools its rules pair
    # (choose.refused), for a job the background places unlike most: tighter where the rules
    # catch several jobs an editor tells apart, looser where launches read alike whatever the
    # tool (model cards). None for the common bar.
    apart: float | None = None


def _compile(pattern: str) -> re.Pattern[str]:
    # Word boundaries on both sides, so "ide" never matches inside "provide".
    # The group matters: without it the boundaries would bind to the first and last alternative.
    return re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.I)


def load_jobs(text: str) -> tuple[Job, ...]:
    data = tomllib.loads(text)
    jobs = []
    for entry in data["job"]:
        rules = tuple((_compile(str(p)), float(w)) for p, w in entry["rules"])
        apart = float(entry["apart"]) if "apart" in entry else None
        jobs.append(Job(str(entry["key"]), str(entry["label"]), rules, apart))
    keys = [j.key for j in jobs]
    if len(keys) != len(set(keys)):
        raise ValueError("jobs: a job key is used twice")
    return tuple(jobs)


# One file per family of jobs, so each stays readable; a job key is unique across all of them.
JOB_FILES = ("jobs_models.toml", "jobs_builders.toml", "jobs_apps.toml")
JOBS: tuple[Job, ...] = load_jobs(
    "\n".join(files("verdicts.pairing").joinpath(name).read_text("utf-8") for name in JOB_FILES)
)
JOB_BY_KEY = {job.key: job for job in JOBS}
