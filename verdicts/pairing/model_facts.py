"""What a model release says about itself: its size, whether it is a language model at all, and
what a language model is specialised for.

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
# A model named for code ("OpenCodeReasoning-Nemotron", "DeepCoder", "Seed-Coder") is a code
# model, whatever its card says first.
_CODE_NAME = re.compile(r"(?:^|[^a-z])cod(?:e|er|ing)(?:[^a-z]|$)|Cod(?:e|er|ing)(?=[A-Z0-9-]|$)")
# What an open language model is specialised for: a code model, a vision-language model, a
# speech-in/speech-out model or a diffusion LM is not a general chat model's rival.
_LLM_SPECIALTY = {
    "code": re.compile(
        r"\bcod(?:e|ing) (?:language |generation )?models?\b|\bcod(?:e|ing) (?:reasoning )?llms?\b|\bcoder\b|"
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


def on_hugging_face(tool: Tool) -> bool:
    return (
        any(s.source == "huggingface" for s in tool.sightings[:5]) or "huggingface.co/" in tool.url
    )


def could_be_a_language_model(tool: Tool) -> bool:
    """A language model is a model release. Hugging Face files it under a text-generation tag (or
    image-text-to-text, any-to-any for the multimodal ones); a model under any other tag is an
    image, speech or embedding model, whatever its card says about language models. A GitHub
    repository that talks about language models is a tool around them (a CLI, a library), unless
    it publishes weights or a parameter count. The exemplars' votes obey it too."""
    pipeline = tool.category.strip().casefold() if on_hugging_face(tool) else ""
    if pipeline and pipeline not in _LLM_PIPELINES:
        return False
    on_github = "github.com/" in tool.url.casefold() or any(
        s.source == "github" for s in tool.sightings[:5]
    )
    if on_github and params_b(tool) is None:
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


def llm_specialty(tool: Tool) -> str:
    """The first specialty the name, tagline, pipeline tag or opening of the card names."""
    text = " ".join(
        (tool.name[:200], tool.tagline[:300], tool.category[:100], tool.description[:300])
    )
    for specialty, rx in _LLM_SPECIALTY.items():
        if rx.search(text):
            return specialty
    if _CODE_NAME.search(tool.name.rsplit("/", 1)[-1][:120]):
        return "code"
    return ""
