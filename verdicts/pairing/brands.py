"""Brand, vendor and model-family words: who made a tool, never what it does.

"gpt-oss-120b" is an open-weight model although it starts with "gpt"; "Gemini 2.5 Flash Image"
is an image model although it starts with "Gemini"; "Mistral OCR" reads documents. So these words
are taken out of the text before the job is scored, and whether a model's weights are open is
read from what the launch says (licence, "open-weight", a parameter count, a Hugging Face page),
not from the name it carries.
"""

from __future__ import annotations

import re

# Distinctive family names: never ordinary English words, so they can go wherever they appear
# with a version attached ("GPT-4o", "Qwen2-VL-7B-Instruct", "Gemini 2.0 Flash", "Llama 3.3").
_FAMILIES = (
    r"gpt|gemini|gemma|claude|llama|qwen\d*|qwq|mistral|mixtral|ministral|magistral|codestral|"
    r"devstral|smollm\d*|deepseek|glm|olmo\d*|granite|grok|kimi|minimax|nemotron|falcon|"
    r"internlm|hunyuan|ernie|exaone|jamba|phi|muse spark"
)
# A family word with the version or size that follows it, as one token ("Qwen3-235B-A22B").
_FAMILY_VERSION = re.compile(
    rf"(?<![\w])(?:{_FAMILIES})(?:[\s-]?v?\d[\w.]*(?:-[\w.]+)*|-[a-z]+(?:-[\w.]+)*)(?![\w])", re.I
)
# In a name, a bare family word also goes ("Claude Code" is judged as "Code", a CLI by its words).
_FAMILY_WORD = re.compile(rf"(?<![\w])(?:{_FAMILIES})(?![\w.])", re.I)  # not "llama.cpp"
_VENDORS = re.compile(
    r"(?<![\w])(?:openai|anthropic|google(?: deepmind)?|deepmind|meta(?: ai)?|microsoft|nvidia|"
    r"ibm|amazon|aws|alibaba|tencent|bytedance|xai|moonshot(?:ai)?|zai-org|zhipu|baidu|"
    r"hugging ?face(?:tb)?|allenai|liquid ?ai|mistral ai|cohere|stability ai|apple)(?![\w])",
    re.I,
)
# "org/model" names from Hugging Face: the organisation is a vendor, whoever it is.
_HF_ORG = re.compile(r"^[\w.-]+/")

_OPEN_WEIGHTS = re.compile(
    r"open[- ]weights?|open(?:[- ]source)? models?|weights (?:are )?(?:released|available|open)|"
    r"released weights|download the weights|with open weights|apache[- ]2|\bmit\b(?: licen[cs]e)?|"
    r"\bgpl\b|fully open|\boss\b|open[- ]source",
    re.I,
)
_OPEN_URL = re.compile(r"huggingface\.co/|github\.com/", re.I)
_OSS_NAME = re.compile(r"(?<![a-z])oss(?![a-z])", re.I)


# Words inside a family-version token that say what the model does: "gpt-4o-mini-tts" is a
# speech model, "Qwen3-Embedding-8B" an embedding model, "Llama-Guard-4" a safety classifier.
_FUNCTION_WORDS = frozenset(
    [
        "tts",
        "transcribe",
        "transcription",
        "embedding",
        "embeddings",
        "image",
        "images",
        "vision",
        "vl",
        "audio",
        "speech",
        "music",
        "video",
        "ocr",
        "coder",
        "code",
        "guard",
        "rerank",
        "reranker",
        "robotics",
        "voice",
        "realtime",
        "asr",
        "math",
        "translate",
        "translation",
    ]
)


def _function_words(match: re.Match[str]) -> str:
    words = re.split(r"[\s._-]+", match.group(0).casefold())[1:]
    kept = [w for w in words if w in _FUNCTION_WORDS]
    return f" {' '.join(kept)} " if kept else " "


def strip_name(name: str) -> str:
    """The name without its vendor, Hugging Face organisation or model family; the words of a
    family-version token that say what the model does stay ("gpt-4o-mini-tts" -> "tts")."""
    text = _HF_ORG.sub("", name.strip())
    text = _FAMILY_VERSION.sub(_function_words, text)
    text = _FAMILY_WORD.sub(" ", text)
    return " ".join(_VENDORS.sub(" ", text).split())


def strip_text(text: str) -> str:
    """Prose without versioned model names and vendors ("beats GPT-4o and Gemini 2.0 Flash")."""
    return " ".join(_VENDORS.sub(" ", _FAMILY_VERSION.sub(_function_words, text)).split())


# A family, at most one more word, then a version number: "GPT-5.6", "Claude Sonnet 4".
_FAMILY_MODEL = re.compile(rf"^(?:{_FAMILIES})(?:[\s-][a-z]+)?[\s-]?v?\d", re.I)


def has_family_name(name: str) -> bool:
    """The name is a model family with a version ("Mistral 3.1", "GPT-5.6"): a hint, no more."""
    return bool(_FAMILY_MODEL.search(_HF_ORG.sub("", name.strip())))


def open_weights(name: str, text: str, urls: str, license: str, sized: bool) -> bool:
    """Whether a model's weights are public, from what the launch says about them. A stated
    parameter count counts: the big labs do not publish the size of their closed models."""
    return bool(
        license
        or sized
        or _OPEN_WEIGHTS.search(text)
        or _OPEN_URL.search(urls)
        or _OSS_NAME.search(name)
    )
