"""What pairing knows about one tool: its job (from the taxonomy) and its facets.

Facets are the facts a reader uses to judge a comparison fair: open source or not, runs locally,
licence, parameter count, where it lives (Mac, Slack, the browser...). They refine the score and
give the reason its second half ("both Apache-2.0").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verdicts.models import Tool
from verdicts.pairing.brands import has_family_name, open_weights, strip_name, strip_text
from verdicts.pairing.exemplars import guess_job, tool_grams
from verdicts.pairing.model_facts import (
    TEXT_LIMIT,
    could_be_a_language_model,
    hub_page,
    llm_language,
    llm_specialty,
    named_size_b,
    on_hugging_face,
    params_b,
)
from verdicts.pairing.neighbours import shares as neighbour_shares
from verdicts.pairing.roles import roles
from verdicts.pairing.similar import heads
from verdicts.pairing.taxonomy import JOBS, MIN_JOB_SCORE
from verdicts.pricing import display_license

DESCRIPTION_HEAD = 600  # a Show HN post says what it is first, then wanders

# Where the words are matters: a name or tagline says what the tool is, a description wanders,
# a source category is noisy ("Developer Tools" covers half of everything).
_FIELD_WEIGHTS = (
    ("definition", 2.0),  # what the launch says the tool is: "Qoder is an AI IDE"
    ("name", 1.2),
    ("tagline", 1.0),
    ("tags", 0.8),
    ("description", 0.8),  # its opening: where a launch says what the tool is
    ("description_rest", 0.4),  # the rest of a long post mentions much the tool is not
    ("category", 0.25),
    ("pipeline", 1.0),  # a Hugging Face pipeline tag ("text-to-speech") is a controlled word
)
_FIELDS_BY_WEIGHT = sorted(_FIELD_WEIGHTS, key=lambda f: -f[1])  # stable: ties keep their order
_DEFINITION = re.compile(
    r"(?<![\w])(?:is|are)\s+(?:a|an|the|your)\s+([^.;:!?]{3,80})|^(?:a|an|the|your)\s+([^.;:!?]{3,80})",
    re.I,
)

# A job named only in passing counts for less: as a later item of a long list ("merge, split,
# OCR, convert and sign PDFs" is a PDF toolbox, not an OCR model; the first item is usually the
# point: "Dictate, rewrite, translate, ...") or as the place a tool lives ("agents in your code
# editor" are not a code editor).
_ITEM = r"[\w.+#/'-]+(?: [\w.+#/'-]+){0,2}"
_IN_PASSING = re.compile(
    rf"{_ITEM}(?P<list>(?:, {_ITEM}){{3,}}(?:,? (?:and|or|&) {_ITEM})?)"
    r"|(?<![\w])(?:in|inside|into|within) (?:your|the|any|their) (?P<host>[\w-]+(?: [\w-]+)?)",
    re.I,
)
IN_PASSING = 0.5
# ... or as the modifier of another activity: "AI search analytics" is analytics, "music tagging"
# is tagging (English compounds end in their head).
_ACTIVITY_HEAD = re.compile(
    r"[ -](?:analytics|tracking|tracker|monitoring|analysis|insights|detection|detector|tagging|"
    r"labell?ing|annotation|moderation|optimi[sz]ation|evaluations?|evals?|testing|observability|"
    r"compliance|marketing|seo|visibility|dubbing|playlists?|licensing|distribution|search)\b",
    re.I,
)

# A family name with a version ("Claude Sonnet 4", "Qwen3.8 27B") makes a tool a language model
# only when nothing else says what it does: the hint is worth exactly the bar, so any other
# job's evidence outweighs it ("Gemini 2.5 Flash Image" is an image model, "Granite Guardian"
# a safety classifier).
FAMILY_HINT = MIN_JOB_SCORE
# The exemplars' vote (a share in [0, 1]) is worth this many rule points per job: a unanimous
# vote of close neighbours decides a tool the rules are unsure of, and tips a close call.
EXEMPLAR_WEIGHT = 3.0
# The nearest exemplars by meaning (neighbours.py) are worth this many rule points per job.
MEANING_WEIGHT = 2.0
# A job the rules name with a defining phrase at full weight outranks a job only the exemplars
# vote for: "Remove vocals, isolate any instrument" is a stem splitter, whatever music launches
# its words resemble. One phrase at the bar is not enough ("lecture slides" is not a deck maker).
SURE_RULE = 3.0
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
    r"open[- ]source|open models?|huggingface\.co/|\boss\b|open[- ]weights?|self[- ]host|apache[- ]2|\bmit\b|github\.com/",
    re.I,
)
_LOCAL = re.compile(
    r"local[- ]first|runs? (?:100% )?locally|on[- ]device|offline|on your (?:mac|pc|machine)|self[- ]host",
    re.I,
)
_CHAT_DRIVEN = re.compile(
    r"by chatting|in chatgpt|agents? can drive|driven by (?:chat|agents?)|chat with|by talking",
    re.I,
)
# A thing you wear, carry or plug in is bought and judged apart from software doing the same job:
# a recorder pendant is not a meeting note-taker, an AI workstation is not an inference server.
_DEVICE = re.compile(
    r"wearables?|pendant|clip[- ]?on|wristband|necklace|glasses|earbuds|"
    r"(?:hardware|pocket[- ]sized|handheld) (?:device|companion|recorder)|device you wear|"
    r"mini[- ]pc|desktop (?:pc|computer|supercomputer)|(?:ai|gpu) (?:pc|workstation)s?|"
    r"accelerator (?:board|card|module|chip)s?|\d+ tops\b|petaflops?|\d+ joints|"
    # A humanoid robot is hardware; a model "for humanoid robot reasoning" is not.
    r"humanoid(?: robot)?s?(?! (?:robot )?(?:reasoning|skills|control|polic(?:y|ies)|models?))",
    re.I,
)
_LICENSE_TEXT = re.compile(r"apache[- ]2(?:\.0)?|\bmit\b(?: licen[cs]e)?|agpl|gpl-?3", re.I)


@dataclass(frozen=True, slots=True)
class Profile:
    job: str  # "" when no job clears the bar
    job_score: float
    job_source: str  # "rules", "exemplars" or "" (no job)
    jobs: tuple[tuple[str, float], ...]  # every job that scored, best first
    open_source: bool
    closed_model: bool
    local: bool
    license: str
    params_b: float | None
    platforms: frozenset[str]
    chat_driven: bool
    device: bool  # hardware you wear, carry or plug in, not software
    words: frozenset[str]
    grams: tuple[str, ...]  # uni/bi-grams of its words, brands removed (direct similarity)
    heads: tuple[str, ...]  # head phrases of what it says it is (similar.heads)
    roles: tuple[str, ...] = ()  # role keys of its definition (roles.roles): "image upscaler"
    llm_specialty: str = ""  # code / vision / omni / diffusion / reward, for a language model
    llm_language: str = ""  # the one language a language model is built for ("Arabic")
    hub: str = ""  # its Hugging Face page: "dataset", "model" or "" (model_facts.hub_page)


def _fields(tool: Tool) -> dict[str, str]:
    return {
        "name": tool.name[:200],
        "tagline": tool.tagline[:400],
        "tags": " ; ".join(tool.tags)[:400],
        "description": tool.description[:TEXT_LIMIT],
        "category": tool.category[:100],
    }


def _job_fields(tool: Tool) -> dict[str, str]:
    """The fields jobs are scored on: vendor and model-family words taken out (brands.py), the
    tool's own definition of itself pulled out, and the source category split by trust."""
    fields = _fields(tool)
    fields["name"] = strip_name(fields["name"])
    for key in ("tagline", "tags", "description"):
        fields[key] = strip_text(fields[key])
    cut = (
        fields["description"].rfind(" ", 0, DESCRIPTION_HEAD)
        if len(fields["description"]) > DESCRIPTION_HEAD
        else -1
    )
    if cut > 0:
        fields["description"], fields["description_rest"] = (
            fields["description"][:cut],
            fields["description"][cut:],
        )
    else:
        fields["description_rest"] = ""
    found = [
        m.group(1) or m.group(2)
        for text in (fields["tagline"], fields["description"][:600])
        for m in _DEFINITION.finditer(text)
    ]
    fields["definition"] = " ; ".join(found)
    hf = on_hugging_face(tool)
    fields["pipeline"] = fields["category"] if hf else ""
    if hf:
        fields["category"] = ""
    return fields


def _passing_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names things in passing: a long list after its first item, or the words after
    "in your" (a rule that names the place itself, "in your terminal", is not in passing: it
    starts earlier)."""
    return [m.span(m.lastgroup or 0) for m in _IN_PASSING.finditer(text)]


def _mention_weight(rx: re.Pattern[str], text: str, passing: list[tuple[int, int]]) -> float:
    """1 when the pattern names the job somewhere, IN_PASSING when only in passing (inside a
    passing span, or right before another activity's head word), else 0."""
    weight = 0.0
    for m in rx.finditer(text):
        inside = any(start <= m.start() and m.end() <= end for start, end in passing)
        if not inside and not _ACTIVITY_HEAD.match(text, m.end()):
            return 1.0
        weight = IN_PASSING
    return weight


def job_scores(tool: Tool) -> list[tuple[str, float]]:
    """Every job's evidence for this tool, best first. Each pattern counts once, at the weight
    of the most telling field it appears in."""
    fields = _job_fields(tool)
    # The non-empty fields, most telling first: a pattern's best field is then the first one
    # that names the job outright, and fields that cannot beat what was found are skipped.
    present = [
        (fw, text, _passing_spans(text))
        for field, fw in _FIELDS_BY_WEIGHT
        if (text := fields[field])
    ]
    scores: dict[str, float] = {}
    for job in JOBS:
        total = 0.0
        for rx, weight in job.rules:
            best = 0.0
            for fw, text, passing in present:
                if fw <= best:
                    break
                best = max(best, fw * _mention_weight(rx, text, passing))
            total += weight * best
        if total:
            scores[job.key] = total
    if has_family_name(tool.name):
        scores["llm"] = scores.get("llm", 0.0) + FAMILY_HINT
    if "llm" in scores and not could_be_a_language_model(tool):
        del scores["llm"]
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "for",
        "with",
        "your",
        "you",
        "of",
        "to",
        "in",
        "on",
        "by",
        "from",
        "that",
        "is",
        "it",
        "its",
        "ai",
        "any",
        "all",
        "one",
        "new",
        "more",
        "our",
        "into",
        "via",
        "as",
        "at",
        "be",
        "can",
        "get",
        "use",
        "using",
        "built",
        "build",
        "make",
        "across",
        "every",
        "like",
        "without",
    ]
)


def profile(tool: Tool) -> Profile:
    jobs = job_scores(tool)
    rules = dict(jobs)
    blended = dict(rules)
    # What is not a model release is no language model, however the exemplars vote (job_scores
    # already keeps the rules to that).
    barred = frozenset() if could_be_a_language_model(tool) else frozenset({"llm"})
    for job, share in guess_job(tool).shares:
        if job and job not in barred:  # votes for "no job" only dilute the others' shares
            blended[job] = blended.get(job, 0.0) + EXEMPLAR_WEIGHT * share
    for job, share in neighbour_shares(tool):
        if job not in barred:
            blended[job] = blended.get(job, 0.0) + MEANING_WEIGHT * share
    ranked = sorted(blended.items(), key=lambda kv: (-kv[1], kv[0]))
    top, top_score = ranked[0] if ranked else ("", 0.0)
    if jobs and rules.get(top, 0.0) < MIN_JOB_SCORE:
        sure, sure_score = jobs[0]
        if sure == "llm" and has_family_name(tool.name):  # a family name alone is only a hint
            sure_score -= FAMILY_HINT
        if sure_score >= SURE_RULE:
            top, top_score = sure, blended[sure]
    source = ""
    if top_score >= MIN_JOB_SCORE:
        source = "rules" if rules.get(top, 0.0) >= MIN_JOB_SCORE else "exemplars"
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
    params = params_b(tool)
    closed = not open_weights(tool.name, text, urls, lic, params is not None)
    role_keys = roles(tool)
    return Profile(
        job=top if source else "",
        job_score=top_score,
        job_source=source,
        jobs=tuple(jobs),
        open_source=bool(_OPEN.search(text) or _OPEN.search(urls) or tool.license),
        closed_model=closed,
        local=bool(_LOCAL.search(text)),
        license=lic,
        params_b=named_size_b(tool) if params is None else params,
        platforms=frozenset(p for p, rx in _PLATFORMS.items() if re.search(rx, text, re.I)),
        chat_driven=bool(_CHAT_DRIVEN.search(text)),
        device=bool(_DEVICE.search(text)),
        words=words,
        grams=tuple(tool_grams(tool)),
        heads=heads(tool),
        roles=role_keys,
        llm_specialty=llm_specialty(tool, name_only=closed) if top == "llm" else "",
        llm_language=llm_language(tool) if top == "llm" else "",
        hub=hub_page(tool),
    )


def different_things(a: Profile, b: Profile) -> bool:
    """Two things no reader weighs against each other, whatever job they share: a gadget and an
    app are different purchases (a recorder pendant is not a meeting note-taker), and a dataset
    is what a model is trained on, not its rival (v42: reasoning traces beside a 1.5B model; v48:
    a financial sentiment dataset beside the sentiment model fine-tuned on it)."""
    return a.device != b.device or {a.hub, b.hub} == {"dataset", "model"}
