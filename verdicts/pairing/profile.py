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
from verdicts.pairing.neighbours import shares as neighbour_shares
from verdicts.pairing.roles import roles
from verdicts.pairing.similar import heads
from verdicts.pairing.taxonomy import JOBS, MIN_JOB_SCORE
from verdicts.pricing import display_license

TEXT_LIMIT = 4000  # scraped descriptions are untrusted; long ones add noise, not signal
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
# "3B", "70 billion parameters", "270-million parameter"; never "1 million token context".
_PARAMS = re.compile(
    r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)\s?-?(?:(b|billion)(?:[\s-]param|(?![\w-]))|"
    r"(m|million)[\s-]param)",
    re.I,
)
# A model id spells its size between hyphens: "Qwen2.5-7B-Instruct", "Nemotron-Ultra-253B-v1",
# "gemma-3-27b-it", "OpenELM-1_1B", "MobileLLM-R1-950M" (never the "b1.58" of a quantisation or
# the "A3B" of active parameters).
_NAME_PARAMS = re.compile(r"(?:^|[-_ /])(\d{1,4}(?:[._]\d{1,2})?)([bBmM])(?=$|[-_ ])")
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
# What an open language model is specialised for: a code model, a vision-language model, a
# speech-in/speech-out model or a diffusion LM is not a general chat model's rival.
_LLM_SPECIALTY = {
    "code": re.compile(
        r"\bcod(?:e|ing) (?:language |generation )?models?\b|\bcode (?:reasoning )?llms?\b|\bcoder\b|"
        r"programming languages|"
        r"starcoder|codestral|codegemma|code ?llama",
        re.I,
    ),
    "vision": re.compile(
        # "multimodal" alone is not enough: general models (Llama 4, Gemma 3) say it too.
        r"vision[- ]language|vision encoder|\bvlms?\b|image-text-to-text",
        re.I,
    ),
    "omni": re.compile(
        r"\bomni\b|any-to-any|speech[- ](?:to[- ]speech|input|output)|hear,? (?:and )?talk", re.I
    ),
    "diffusion": re.compile(r"diffusion (?:large )?language model|\bdiffusion llm", re.I),
}
_LLM_PIPELINES = frozenset(
    {
        "text-generation",
        "text2text-generation",
        "conversational",
        "image-text-to-text",
        "any-to-any",
    }
)
_RELEASES_WEIGHTS = re.compile(r"(?:model |open |release[sd]? (?:the )?)weights|checkpoints?", re.I)
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
    llm_specialty: str = ""  # code / vision / omni / diffusion, for a language model


def _fields(tool: Tool) -> dict[str, str]:
    return {
        "name": tool.name[:200],
        "tagline": tool.tagline[:400],
        "tags": " ; ".join(tool.tags)[:400],
        "description": tool.description[:TEXT_LIMIT],
        "category": tool.category[:100],
    }


def _on_hugging_face(tool: Tool) -> bool:
    return (
        any(s.source == "huggingface" for s in tool.sightings[:5]) or "huggingface.co/" in tool.url
    )


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
    hf = _on_hugging_face(tool)
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
    if "llm" in scores and not _could_be_a_language_model(tool):
        del scores["llm"]
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def _could_be_a_language_model(tool: Tool) -> bool:
    """A language model is a model release. Hugging Face files it under a text-generation tag (or
    image-text-to-text, any-to-any for the multimodal ones); a model under any other tag is an
    image, speech or embedding model, whatever its card says about language models. A GitHub
    repository that talks about language models is a tool around them (a CLI, a library), unless
    it publishes weights or a parameter count. The exemplars' votes obey it too."""
    pipeline = tool.category.strip().casefold() if _on_hugging_face(tool) else ""
    if pipeline and pipeline not in _LLM_PIPELINES:
        return False
    on_github = "github.com/" in tool.url.casefold() or any(
        s.source == "github" for s in tool.sightings[:5]
    )
    if on_github and _params_b(tool) is None:
        text = f"{tool.name} {tool.tagline} {tool.description[:TEXT_LIMIT]}"
        return bool(_RELEASES_WEIGHTS.search(text))
    return True


def _params_b(tool: Tool) -> float | None:
    named = _NAME_PARAMS.search(tool.name)
    if named:
        value = float(named.group(1).replace("_", "."))
        return value / 1000 if named.group(2) in "mM" else value
    for text in (tool.name, tool.tagline, tool.description[:TEXT_LIMIT]):
        m = _PARAMS.search(text)
        if m:
            value = float(m.group(1))
            return value / 1000 if m.group(3) else value
    return None


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


def _llm_specialty(tool: Tool) -> str:
    """The first specialty the name, tagline, pipeline tag or opening of the card names."""
    text = " ".join(
        (tool.name[:200], tool.tagline[:300], tool.category[:100], tool.description[:300])
    )
    for specialty, rx in _LLM_SPECIALTY.items():
        if rx.search(text):
            return specialty
    return ""


def profile(tool: Tool) -> Profile:
    jobs = job_scores(tool)
    rules = dict(jobs)
    blended = dict(rules)
    model_release = "llm" in rules or _could_be_a_language_model(tool)
    for job, share in guess_job(tool).shares:
        if job and (job != "llm" or model_release):  # "no job" votes only dilute the others
            blended[job] = blended.get(job, 0.0) + EXEMPLAR_WEIGHT * share
    for job, share in neighbour_shares(tool):
        if job != "llm" or model_release:
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
    params = _params_b(tool)
    role_keys = roles(tool)
    return Profile(
        job=top if source else "",
        job_score=top_score,
        job_source=source,
        jobs=tuple(jobs),
        open_source=bool(_OPEN.search(text) or _OPEN.search(urls) or tool.license),
        closed_model=not open_weights(tool.name, text, urls, lic, params is not None),
        local=bool(_LOCAL.search(text)),
        license=lic,
        params_b=params,
        platforms=frozenset(p for p, rx in _PLATFORMS.items() if re.search(rx, text, re.I)),
        chat_driven=bool(_CHAT_DRIVEN.search(text)),
        device=bool(_DEVICE.search(text)),
        words=words,
        grams=tuple(tool_grams(tool)),
        heads=heads(tool),
        roles=role_keys,
        llm_specialty=_llm_specialty(tool) if top == "llm" else "",
    )
