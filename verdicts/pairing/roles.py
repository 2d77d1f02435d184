"""What a launch says the tool IS: its role phrase ("Upscayl is a free image upscaler for Linux").

Topic words say what a tool is about ("search", "RAG", "agents"); the role phrase says what it
is ("a reranker", "an inbox assistant", "a foundation model for humanoid robots"). Two tools
are the same kind of thing when their role heads agree, whatever their topic words, so the role
is the signal that carries to kinds nobody wrote a job for, and the one that vetoes a job the
topic words suggested ("a multilingual reranker ... for search and RAG" is no agent framework).

The role phrase is the noun run a launch opens its definition with, cut where the users, the
purpose or the features begin ("for", "that", "with", "&", a comma). Its head is the last noun;
a weak head ("app", "model", "tool") falls back to the word before it ("email app" -> "email").
"""

from __future__ import annotations

import re

from verdicts.models import Tool
from verdicts.pairing.brands import strip_name, strip_text
from verdicts.pairing.textvec import GENERIC, STOP, fold

# Heads that name no kind on their own: the word before them does ("embedding model").
_WEAK_HEAD_WORDS = (
    "app apps model models tool tools platform service system solution software api apis "
    "engine suite kit product assistant agent layer framework version series family way "
    "alternative replacement companion partner"
)
WEAK_HEADS = frozenset(_WEAK_HEAD_WORDS.split())
# Words that open a definition but are no part of the role ("the world's first open ...").
_FILLER_WORDS = (
    "world world's fully truly novel lightweight tiny small large simple magic free open source "
    "self hosted local first new latest most our your their official next generation "
    "groundbreaking cutting edge state art sota best easy fast faster smarter smart compact "
    "flexible multilingual powerful private beautifully general-purpose state-of-the-art "
    "open-source open-weight production-ready enterprise-grade privacy-focused intelligent "
    "efficient versatile secure"
)
_FILLER = frozenset(_FILLER_WORDS.split())
# Endings of words that describe rather than name ("agentic", "autonomous", "general-purpose").
_ADJECTIVE_ENDINGS = ("ly", "ful", "ous", "ive", "able", "ible", "purpose", "-based", "-native")
_DEFINITION = re.compile(
    r"(?:(?<![\w])(?:is|are|as)\s+(?:a|an|the|your|our|\S*'s)|^(?:a|an|the)|:\s*(?:a|an|the|our))"
    r"\s+([^.;:!?]{3,120})",
    re.I,
)
_SHOW_HN = re.compile(r"^(?:show|launch) hn:\s*[^–—:-]*[–—:-]\s*", re.I)
# Where the role ends and the users, purpose or features begin.
_CUT = re.compile(
    r"\s(?:for|that|which|who|to|with|from|in|on|by|built|designed|powered|using|where|so|"
    r"than|via|like|of|without|you|we|it|yet|turns?|lets?|helps?)\s|[;:()\[\]|–—!?\"]|\.\s|\s-\s|\.$",
    re.I,
)
# Within the role, a list: "image upscaler & enhancer", "free and open source image upscaler".
_LIST = re.compile(r"\s(?:and|or)\s|[,&+]", re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9'.-]*[a-z0-9]|[a-z0-9]")
_VERB_WORDS = (
    "turn turns find write writes generate generates automate automates convert converts "
    "manage track ship deploy record transcribe summarize chat ask send connect call run runs "
    "make makes build builds give gives let lets get gets go see meet say talk edit"
)
_VERBS = frozenset(_VERB_WORDS.split())
# Rare among launches: a head used by at most this many exemplars names a kind of its own.
RARE_DF = 4


def _role_words(phrase: str) -> list[str]:
    """The role's words: up to the first cut, openers and fillers dropped."""
    role = _CUT.split(f" {phrase.casefold()} ", maxsplit=1)[0]
    for piece in _LIST.split(role):
        words = [fold(w.strip(".'-")) for w in _WORD.findall(piece.replace("'s ", " "))]
        words = [w.replace("co-", "co") for w in words if w and not w.isdigit()]
        while words and (words[0] in _FILLER or words[0] in STOP or words[0] in GENERIC):
            words.pop(0)
        if words and words[0] in _VERBS:  # "Turn photos into ..." says what it does
            return []
        while words and _describes(words[-1]):
            words.pop()
        if any(w not in GENERIC for w in words):
            return words[-4:]
    return []


def _describes(word: str) -> bool:
    """A word that describes rather than names: "capable", "general-purpose", "open-source"."""
    return word in _FILLER or word.endswith(_ADJECTIVE_ENDINGS)


def role_keys(words: list[str]) -> tuple[str, ...]:
    """The head ("upscaler") and head phrase ("image upscaler"); a weak head gives way to the
    word before it ("email app" -> "email", "email app")."""
    words = [w for w in words if w not in GENERIC or w in WEAK_HEADS]
    if not words:
        return ()
    head = words[-1]
    if head in WEAK_HEADS:
        if len(words) < 2 or _describes(words[-2]) or words[-2] in WEAK_HEADS:
            return ()
        return (words[-2], f"{words[-2]} {head}")
    if len(head) < 3 or head in STOP:
        return ()
    keys = [head]
    if len(words) >= 2 and words[-2] not in STOP and not _describes(words[-2]):
        keys.append(f"{words[-2]} {head}")
    return tuple(keys)


def role_phrases(tool: Tool) -> tuple[str, ...]:
    """Where a launch says what the tool is, most telling first: the definition ("X is a ..."),
    the Show HN title, the tagline, the opening of the description."""
    found: list[str] = []
    tagline = strip_text(tool.tagline[:300])
    first = strip_text(re.split(r"\.\s", tool.description[:400].strip(), maxsplit=1)[0])
    for text in (tagline, first):
        found += [m.group(1) for m in _DEFINITION.finditer(text)]
    if _SHOW_HN.match(tool.name):
        found.append(strip_text(_SHOW_HN.sub("", tool.name[:200])))
    if tagline:
        found.append(tagline)
    name = strip_name(tool.name[:200]).casefold()
    if first and name and first.casefold().startswith(name):
        rest = first[len(name) :].lstrip(" :,-")
        if not re.match(r"(?:is|are)\b", rest, re.I):
            found.append(rest)
    return tuple(p for p in found if p.strip())


def roles(tool: Tool) -> tuple[str, ...]:
    """Role keys of the tool, most telling first, no repeats."""
    keys: list[str] = []
    for phrase in role_phrases(tool):
        keys += role_keys(_role_words(phrase))
    return tuple(dict.fromkeys(keys))
