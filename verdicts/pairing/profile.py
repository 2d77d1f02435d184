"""What pairing knows about one tool: its job (from the taxonomy) and its facets.

Facets are the facts a reader uses to judge a comparison fair: open source or not, runs locally,
licence, parameter count, where it lives (Mac, Slack, the browser...). They refine the score and
give the reason its second half ("both Apache-2.0").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verdicts.models import Tool
from verdicts.pairing.taxonomy import JOBS, MIN_JOB_SCORE, MODEL_FAMILIES
from verdicts.pricing import display_license

TEXT_LIMIT = 4000  # scraped descriptions are untrusted; long ones add noise, not signal

# Where the words are matters: a name or tagline says what the tool is, a description wanders,
# a source category is noisy ("Developer Tools" covers half of everything).
_FIELD_WEIGHTS = (
    ("name", 1.2),
    ("tagline", 1.0),
    ("tags", 0.8),
    ("description", 0.6),
    ("category", 0.25),
)

_FAMILY_NAME = re.compile(
    rf"^(?:{MODEL_FAMILIES})(?:[\s-]\w+)?[\s-]?v?\d|^o\d(?:[\s-](?:mini|pro))?$", re.I
)
_CLOSED_FAMILY = re.compile(r"^(?:gpt|o\d|claude|gemini|grok|muse spark|ernie)\b", re.I)
_PARAMS = re.compile(
    r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)\s?-?(b|billion|m|million)(?:[\s-]param|\b)", re.I
)
_PLATFORMS = {
    "Mac": r"macos|\bmac\b|apple silicon",
    "Windows": r"\bwindows\b",
    "Slack": r"\bslack\b",
    "iMessage": r"imessage",
    "WhatsApp": r"whatsapp",
    "the browser": r"in (?:the|your) browser|browser[- ]based|chrome extension",
    "the terminal": r"terminal|\bcli\b|command[- ]line",
    "VS Code": r"vs ?code",
}
_OPEN = re.compile(
    r"open[- ]source|\boss\b|open[- ]weights?|self[- ]host|apache[- ]2|\bmit\b|github\.com/", re.I
)
_LOCAL = re.compile(
    r"local[- ]first|runs? (?:100% )?locally|on[- ]device|offline|on your (?:mac|pc|machine)|self[- ]host",
    re.I,
)
_CHAT_DRIVEN = re.compile(
    r"by chatting|in chatgpt|agents? can drive|driven by (?:chat|agents?)|chat with|by talking",
    re.I,
)
_LICENSE_TEXT = re.compile(r"apache[- ]2(?:\.0)?|\bmit\b(?: licen[cs]e)?|agpl|gpl-?3", re.I)


@dataclass(frozen=True, slots=True)
class Profile:
    job: str  # "" when no job clears the bar
    job_score: float
    jobs: tuple[tuple[str, float], ...]  # every job that scored, best first
    open_source: bool
    closed_model: bool
    local: bool
    license: str
    params_b: float | None
    platforms: frozenset[str]
    chat_driven: bool
    words: frozenset[str]


def _fields(tool: Tool) -> dict[str, str]:
    return {
        "name": tool.name[:200],
        "tagline": tool.tagline[:400],
        "tags": " ; ".join(tool.tags)[:400],
        "description": tool.description[:TEXT_LIMIT],
        "category": tool.category[:100],
    }


def job_scores(tool: Tool) -> list[tuple[str, float]]:
    """Every job's evidence for this tool, best first. Each pattern counts once, at the weight
    of the most telling field it appears in."""
    fields = _fields(tool)
    scores: dict[str, float] = {}
    for job in JOBS:
        total = 0.0
        for rx, weight in job.rules:
            best = max(
                (fw for field, fw in _FIELD_WEIGHTS if rx.search(fields[field])), default=0.0
            )
            total += weight * best
        if total:
            scores[job.key] = total
    if _FAMILY_NAME.search(tool.name.strip()):
        scores["llm"] = scores.get("llm", 0.0) + 4.0  # "Mistral 3.1", "GPT-5.6": a model by name
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def _params_b(tool: Tool) -> float | None:
    for text in (tool.name, tool.tagline, tool.description[:TEXT_LIMIT]):
        m = _PARAMS.search(text)
        if m:
            value = float(m.group(1))
            return value / 1000 if m.group(2).lower().startswith("m") else value
    return None


_STOP = frozenset(
    "a an and the for with your you of to in on by from that is it its ai any all one new more our "
    "into via as at be can get use using built build make across every like without".split()
)


def profile(tool: Tool) -> Profile:
    jobs = job_scores(tool)
    top, top_score = jobs[0] if jobs else ("", 0.0)
    text = " ".join(_fields(tool).values())
    urls = " ".join([tool.url, *(s.url for s in tool.sightings[:5])])
    lic = display_license(tool.license)
    if not lic:
        m = _LICENSE_TEXT.search(text)
        lic = display_license(m.group(0).replace(" ", "-")) if m else ""
    words = frozenset(
        w
        for w in re.findall(
            r"[a-z][a-z0-9+]{2,}", f"{tool.tagline} {tool.description[:600]}".casefold()
        )
        if w not in _STOP
    )
    return Profile(
        job=top if top_score >= MIN_JOB_SCORE else "",
        job_score=top_score,
        jobs=tuple(jobs),
        open_source=bool(_OPEN.search(text) or _OPEN.search(urls) or tool.license),
        closed_model=bool(_CLOSED_FAMILY.search(tool.name)),
        local=bool(_LOCAL.search(text)),
        license=lic,
        params_b=_params_b(tool),
        platforms=frozenset(p for p, rx in _PLATFORMS.items() if re.search(rx, text, re.I)),
        chat_driven=bool(_CHAT_DRIVEN.search(text)),
        words=words,
    )
