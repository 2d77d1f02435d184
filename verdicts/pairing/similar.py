"""Direct similarity: pairing two tools that no job fits, when they say they are the same thing.

Launches keep bringing kinds nobody wrote a job for (AI browsers, code review bots, embedding
models). Two such tools are paired when their own words share a distinctive phrase ("code
review", "image upscaler") that is rare among AI launches (the labelled exemplars are the
background), and their descriptions are close overall (TF-IDF cosine, generic AI words and
brands removed). Precision first: a single shared word, or a phrase half of all launches use,
is no reason; no pair is better than a doubtful one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verdicts.models import Tool
from verdicts.pairing.brands import strip_name, strip_text
from verdicts.pairing.exemplars import background
from verdicts.pairing.textvec import GENERIC, STOP, cosine, runs

# A phrase is distinctive when at most this many of the ~270 exemplar launches use it.
MAX_BACKGROUND_DF = 3
MIN_COSINE_PHRASE = 0.2  # descriptions sharing a distinctive two-word phrase
MIN_COSINE_WORDS = 0.35  # descriptions sharing only distinctive single words (two or more)

_ACRONYMS = {"ai", "api", "3d", "pr", "ocr", "sdk", "llm", "rag", "ui", "ide", "cli", "tts"}
_NOUN_ENDINGS = (
    "er", "or", "model", "api", "engine", "agent", "bot", "sdk", "ide", "app", "assistant",
    "framework", "library", "client", "database", "store", "generator", "platform", "system",
    "service", "kit", "browser", "server", "tool",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    phrase: str
    cosine: float

    @property
    def reason(self) -> str:
        return f"both {_plural(self.phrase)}"


def _display(phrase: str) -> str:
    return " ".join(w.upper() if w in _ACRONYMS else w for w in phrase.split())


def _plural(phrase: str) -> str:
    """ "image upscaler" -> "image upscalers"; "code review" -> "code review tools"."""
    shown = _display(phrase)
    last = phrase.split()[-1]
    if not last.endswith(_NOUN_ENDINGS):
        return f"{shown} tools"
    if last.endswith(("s", "x", "ch", "sh")):
        return f"{shown}es"
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        return f"{shown[:-1]}ies"
    return f"{shown}s"


# A phrase opening with a verb ("add captions", "edit files") says what a tool does in
# passing, not what it is.
_VERB_WORDS = (
    "add edit run turn find write read generate automate convert manage track ship deploy "
    "record transcribe summarize summarise chat ask send connect call"
)
_VERBS = frozenset(_VERB_WORDS.split())
_SHOW_HN = re.compile(r"^(?:show|launch) hn:\s*[^–—:-]*[–—:-]\s*", re.I)
_FIRST_SENTENCE = re.compile(r"^(.{0,240}?)(?:\.\s|$)", re.S)


def head_text(tool: Tool) -> str:
    """Where a launch says what the tool is: a Show HN title, the tagline, the first sentence."""
    parts = [strip_text(tool.tagline[:300])]
    if _SHOW_HN.match(tool.name):
        parts.append(strip_text(_SHOW_HN.sub("", tool.name[:200])))
    else:
        parts.append(strip_name(tool.name[:200]))
    first = _FIRST_SENTENCE.match(tool.description[:600].strip())
    if first:
        parts.append(strip_text(first.group(1)))
    return " ; ".join(p for p in parts if p)


def heads(tool: Tool) -> tuple[str, ...]:
    """Head phrases: the last one or two words of each noun run ("AI code review that ..." ->
    "code review", "review"), never a generic AI word. Runs break at stop words only, so
    "full-stack web apps" ends in "web app" (generic, dropped), not in "stack web"."""
    found: list[str] = []
    for run in runs(head_text(tool), STOP):
        last = run[-1]
        if last in GENERIC or last.endswith("ly"):  # "runs models locally" ends in no noun
            continue
        found.append(last)
        if len(run) >= 2 and run[-2] not in GENERIC and run[-2] not in _VERBS:
            found.append(f"{run[-2]} {last}")
    return tuple(dict.fromkeys(found))


def _distinctive(gram: str) -> bool:
    words = gram.split()
    if any(w.isdigit() or len(w) < 2 for w in words):
        return False
    return background().df.get(gram, 0) <= MAX_BACKGROUND_DF


def match(
    a_heads: tuple[str, ...],
    a_grams: tuple[str, ...],
    b_heads: tuple[str, ...],
    b_grams: tuple[str, ...],
) -> Match | None:
    """A reason to pair two tools no job fits, or None. Heads are what each tool says it is
    (heads()); grams are all its words (exemplars.tool_grams), for the overall closeness."""
    shared = [g for g in a_heads if g in set(b_heads) and _distinctive(g)]
    if not shared:
        return None
    tfidf = background()
    sim = cosine(tfidf.vector(a_grams), tfidf.vector(b_grams))
    phrases = [g for g in shared if " " in g]
    if phrases and sim >= MIN_COSINE_PHRASE:
        # The rarest shared phrase names the job best; ties go to the one said first.
        # A phrase ending in a noun ("image upscaler") reads as what the tools are.
        phrase = max(
            phrases,
            key=lambda g: (g.endswith(_NOUN_ENDINGS), tfidf.idf(g), -phrases.index(g)),
        )
    elif len(shared) >= 2 and sim >= MIN_COSINE_WORDS:
        phrase = max(shared, key=lambda g: (tfidf.idf(g), -shared.index(g)))
    else:
        return None
    score = 0.6 + 0.3 * min(1.0, sim / 0.6)
    return Match(round(score, 3), phrase, round(sim, 3))


# Two tools whose roles agree need less overall likeness than two that merely share a phrase:
# the role is what each says it is ("both image upscalers"), the rest is features and users.
MIN_COSINE_ROLE = 0.1
RARE_ROLE_DF = 4  # a role head used by at most this many exemplar launches names its own kind


def _rare_role(key: str) -> bool:
    return len(key) >= 3 and background().df.get(key, 0) <= RARE_ROLE_DF


def role_match(
    a_roles: tuple[str, ...],
    a_grams: tuple[str, ...],
    b_roles: tuple[str, ...],
    b_grams: tuple[str, ...],
) -> Match | None:
    """Two tools that say they are the same rare thing ("an image upscaler", "a reranker")."""
    shared = [k for k in a_roles if k in set(b_roles) and _rare_role(k)]
    if not shared:
        return None
    tfidf = background()
    sim = cosine(tfidf.vector(a_grams), tfidf.vector(b_grams))
    if sim < MIN_COSINE_ROLE:
        return None
    phrase = max(shared, key=lambda k: (" " in k, -shared.index(k)))
    score = 0.6 + 0.3 * min(1.0, sim / 0.6)
    return Match(round(score, 3), phrase, round(sim, 3))
