"""What a model release says about itself: its size, whether it is a language model at all, what
a language model is specialised for and which language it is built for.

profile.py asks these questions of every tool; they live apart because they read model cards and
Hugging Face tags, not what a tool does for its user.
"""

from __future__ import annotations

import re

from verdicts.models import Tool

TEXT_LIMIT = 4000  # scraped descriptions are untrusted; long ones add noise, not signal
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
# A size word in a model's name stands in for a missing number: a "mini" model runs on a phone
# (Phi-4-mini is 3.8B), a lab's "Large" or "Ultra" is its biggest (Mistral Large 123B, Jamba
# Large 398B). "Small" and "Lite" are not: Mistral Small is 24B, DeepSeek-Coder-V2-Lite 16B.
_SIZE_WORDS = {"mini": 3.0, "tiny": 1.0, "nano": 1.0, "micro": 1.0, "large": 100.0, "ultra": 100.0}
# A model named for code ("OpenCodeReasoning-Nemotron", "DeepCoder", "Seed-Coder") is a code
# model, whatever its card says first.
_CODE_NAME = re.compile(r"(?:^|[^a-z])cod(?:e|er|ing)(?:[^a-z]|$)|Cod(?:e|er|ing)(?=[A-Z0-9-]|$)")
# What an open language model is specialised for: a code model, a vision-language model, a
# speech-in/speech-out model, a diffusion LM or a reward model is not a general chat model's rival.
_LLM_SPECIALTY = {
    "code": re.compile(
        r"\bcod(?:e|ing) (?:language |generation )?models?\b|\bcod(?:e|ing) (?:reasoning )?llms?\b|\bcoder\b|"
        r"programming languages|software engineering|\bswe-bench\b|"
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
    # A reward model or an LLM judge rates answers; it does not write them.
    "reward": re.compile(
        r"\breward (?:language )?model|-reward\b|"
        r"\bjudge\b|\bevaluat(?:or|ion) (?:language )?models?\b",
        re.I,
    ),
    # A model tuned to call tools (a "large action model") is an agent's engine, not a chat model.
    "tools": re.compile(
        r"large action models?|[-_ ]fc(?:[-_ ]|$)|(?:tailored|optimi[sz]ed|fine-?tuned|trained) "
        r"(?:specifically )?for (?:function[- ]calling|tool[- ]?(?:use|usage|calling))",
        re.I,
    ),
    # A maths model is tuned to solve problems step by step; a chat model is not its rival.
    "math": re.compile(r"\bmath(?:ematical)? (?:language )?(?:models?|llms?)\b", re.I),
}
# The language (or region) a model is built for. A model for Arabic is not the rival of one for
# Southeast Asian languages (v46); "which open Japanese model" is the reader's question. Chinese is
# left out on purpose: general models open their cards with "Chinese and English".
_ONE_WORD_LANGUAGES = (
    "Polish", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Turkish",
    "Russian", "Ukrainian", "Czech", "Hungarian", "Greek", "Hebrew", "Persian",
)  # fmt: skip
_LANGUAGES = {
    "Arabic": r"arabic",
    "Japanese": r"japanese",
    "Korean": r"korean",
    "Indian languages": r"indic|hindi|indian languages|bengali|tamil|telugu|marathi",
    "Southeast Asian languages": (
        r"south[- ]?east asian?|thai|vietnamese|indonesian|malay|filipino|tagalog"
    ),
    "European languages": r"european languages|eu languages",
    "African languages": r"african languages|swahili|yoruba|hausa|amharic",
    "Nordic languages": r"nordic|swedish|danish|norwegian|finnish|icelandic",
    **{name: name.casefold() for name in _ONE_WORD_LANGUAGES},
}
_LANGUAGE = {name: re.compile(rf"\b(?:{rx})\b", re.I) for name, rx in _LANGUAGES.items()}
# "SEAL Leaderboards", "Chatbot Arena": they name every lab's models and are none of them.
_RANKS_MODELS = re.compile(r"\b(?:leaderboards?|benchmarks?|arena)\b", re.I)
# A version or a size in a post's title: "Claude 3.5", "Grok-2", "Llama 4", "a 7B model". Not
# any number: "GPT in 60 Lines of NumPy" is a tutorial.
_VERSIONED = re.compile(
    r"\b\d+(?:\.\d+)+\b|[A-Za-z]-\d|\b\d+(?:\.\d+)?[BM]\b|\b[A-Z][A-Za-z]* v?\d+\b"
)
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


_DATASET_URL = re.compile(r"huggingface\.co/datasets/", re.I)


def on_hugging_face(tool: Tool) -> bool:
    return (
        any(s.source == "huggingface" for s in tool.sightings[:5]) or "huggingface.co/" in tool.url
    )


# A Hugging Face model page: huggingface.co/ORG/NAME, not a dataset, a Space, a paper, a post,
# HuggingChat or the site's own pages.
_HUB_MODEL = re.compile(
    r"huggingface\.co/(?!(?:datasets|spaces|papers|blog|posts|chat|docs|learn|tasks|"
    r"collections|organizations)/)[\w.-]+/[\w.-]+",
    re.I,
)


def hub_page(tool: Tool) -> str:
    """What the tool's Hugging Face page is: "dataset", "model" or "" (not on the Hub, or a Space,
    a paper, a post). A dataset card is checked first: some sightings link both."""
    urls = [tool.url, *(s.url for s in tool.sightings[:5])]
    if any(_DATASET_URL.search(u) for u in urls):
        return "dataset"
    return "model" if any(_HUB_MODEL.search(u) for u in urls) else ""


def could_be_a_language_model(tool: Tool) -> bool:
    """A language model is a model release. Hugging Face files it under a text-generation tag (or
    image-text-to-text, any-to-any for the multimodal ones); a model under any other tag is an
    image, speech or embedding model, whatever its card says about language models. A GitHub
    repository that talks about language models is a tool around them (a CLI, a library), unless
    it publishes weights or a parameter count. A Hacker News post is a model release when it
    names a version or a size or publishes weights; otherwise it is about language models (a
    visualisation, a proposal), not one. A launch named as a leaderboard, a benchmark or an
    arena ranks models and is not one either, nor is a dataset card (huggingface.co/datasets/...):
    it describes data, however much it says about the models trained on it. The exemplars' votes
    obey it too."""
    if hub_page(tool) == "dataset":
        return False
    pipeline = tool.category.strip().casefold() if on_hugging_face(tool) else ""
    if pipeline and pipeline not in _LLM_PIPELINES:
        return False
    if _RANKS_MODELS.search(tool.name):
        return False
    on_github = "github.com/" in tool.url.casefold() or any(
        s.source == "github" for s in tool.sightings[:5]
    )
    unversioned_post = (
        bool(tool.sightings)
        and all(s.source == "hackernews" for s in tool.sightings)
        and not _VERSIONED.search(tool.name)
    )
    if (on_github or unversioned_post) and params_b(tool) is None:
        text = f"{tool.name} {tool.tagline} {tool.description[:TEXT_LIMIT]}"
        return bool(_RELEASES_WEIGHTS.search(text))
    return True


def params_b(tool: Tool) -> float | None:
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


def named_size_b(tool: Tool) -> float | None:
    """What a size word in the name implies (_SIZE_WORDS), for a model that states no size
    (params_b). Only a stated count says the weights are out: "GPT-4o mini" is closed."""
    words = re.split(r"[-_ ./]+", tool.name.rsplit("/", 1)[-1].casefold())
    return next((_SIZE_WORDS[w] for w in words if w in _SIZE_WORDS), None)


def llm_specialty(tool: Tool, *, name_only: bool = False) -> str:
    """The first specialty the name, tagline, pipeline tag or opening of the card names. A closed
    model is judged by its name alone: every lab calls its flagship "the best coding model"."""
    fields = (tool.name[:200],) if name_only else (
        tool.name[:200], tool.tagline[:300], tool.category[:100], tool.description[:300]
    )  # fmt: skip
    text = " ".join(fields)
    for specialty, rx in _LLM_SPECIALTY.items():
        if rx.search(text):
            return specialty
    name = tool.name.rsplit("/", 1)[-1][:120]
    if _CODE_NAME.search(name):
        return "code"
    if "math" in name.casefold():  # Qwen2-Math, NuminaMath, Mathstral; "strong at math" is not
        return "math"
    if "tool" in name.casefold():  # ToolACE, watt-tool
        return "tools"
    return ""


def llm_language(tool: Tool) -> str:
    """The one language (or region) a model's name, tagline or card opening names, or "" when it
    names none or several ("29 languages including Arabic, Japanese and Thai" is a general
    model). English never counts: nearly every model speaks it."""
    text = " ".join((tool.name[:200], tool.tagline[:300], tool.description[:300]))
    found = [name for name, rx in _LANGUAGE.items() if rx.search(text)]
    return found[0] if len(found) == 1 else ""
