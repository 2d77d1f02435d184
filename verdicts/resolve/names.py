"""Names: what a launch is called, stripped of the words around it, in one comparable form.

Sources dress the same product differently: "Show HN: Rowboat – Open-source alternative to
Claude Desktop", "HuggingFaceTB/SmolLM3-3B", "Muse Spark 1.1 by Meta AI", "Scarlett.". The
functions here take those apart into a name, a tagline and a vendor, and fold the name into a
normal form (`normalise_name`) that sightings can be matched on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

NAME_LIMIT = 80  # a name longer than this is a headline, not a name

_PREFIX = re.compile(r"^\s*(show|launch|ask|tell)\s+hn\s*[:：-]\s*", re.I)
_YC = re.compile(r"\s*\((?:yc|ycombinator)\s+[a-z]\d{2,4}\)", re.I)
# "Name – tagline", "Name — tagline", "Name - tagline", "Name | tagline", "Name, a tagline".
_SEPARATORS = re.compile(r"\s+[–—|]\s+|\s+-\s+|,\s+(?:a|an|the)\s+|:\s+", re.I)
_BY_VENDOR = re.compile(r"\s+by\s+([A-Z0-9][\w.&' -]{1,40})$")
_RELEASES = re.compile(
    r"^([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)\s+(?:releases|launches|open-sources|introduces)\s+(.+)$"
)
# Parameter counts: 3B, 1.5B, 270M, 8x7B, A3B (active parameters), E4B (effective).
_SIZE = re.compile(r"^(?:\d+x)?[ae]?\d+(?:\.\d+)?[bmk]$")
# Packaging words: the same weights or app in another wrapper, not another product.
_VARIANT_WORDS = frozenset(
    {
        "instruct",
        "chat",
        "base",
        "it",
        "hf",
        "gguf",
        "awq",
        "gptq",
        "mlx",
        "fp8",
        "bf16",
        "int4",
        "onnx",
    }
)
_DOMAIN_SUFFIX = re.compile(r"\.(ai|app|io|so|dev|com|co|sh|xyz|tech|run|studio|chat)$")
_GENERIC_TRAILERS = ("ai", "app", "hq", "labs", "inc")


def split_title(title: str) -> tuple[str, str]:
    """("Rowboat", "Open-source, local-first alternative to Claude Desktop") from an HN title.

    Only splits when the left part is short enough to be a name (five words at most): a
    sentence like "Getting GLM 5.2 running on my slow computer" stays whole.
    """
    text = " ".join(unicodedata.normalize("NFKC", title or "").split())
    text = _YC.sub("", _PREFIX.sub("", text)).strip()
    match = _SEPARATORS.search(text)
    if match and 0 < len(text[: match.start()].split()) <= 5:
        name, tagline = text[: match.start()], text[match.end() :]
    else:
        name, tagline = text, ""
    released = _RELEASES.match(name)
    if released:
        name = released.group(2)
    return name.strip()[:NAME_LIMIT], tagline.strip()


def split_vendor(name: str) -> tuple[str, str]:
    """("Muse Spark 1.1", "Meta AI") from "Muse Spark 1.1 by Meta AI"; ("SmolLM3-3B",
    "HuggingFaceTB") from a repository id; else (name, "")."""
    name = name.strip()
    match = _BY_VENDOR.search(name)
    if match and match.start() > 0:
        return name[: match.start()].strip(), match.group(1).strip()
    if re.fullmatch(r"[\w.-]+/[\w.-]+", name):
        owner, repo = name.split("/", 1)
        return repo, owner
    released = re.match(_RELEASES, name)
    if released:
        return released.group(2), released.group(1)
    return name, ""


def _fold(text: str) -> str:
    """Lower-case ASCII-ish words: punctuation becomes a space, '.' survives inside numbers."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"(?<=\d)\.(?=\d)", "\x00", text)  # keep version dots: 3.1 is not 31
    text = re.sub(r"[^\w\x00+]+", " ", text).replace("_", " ").replace("\x00", ".")
    # "SmolLM3-3B" and "smollm3 3b", "GPT-5.6" and "gpt 5.6" fold alike.
    return " ".join(text.split())


def normalise_name(name: str) -> str:
    """The comparable form of a tool's name: 'HuggingFaceTB/SmolLM3-3B' -> 'smollm3 3b',
    'Show HN: X – tagline' -> 'x', 'Scarlett.' -> 'scarlett', 'Mistral 3.1' -> 'mistral 3.1'."""
    bare, _ = split_title(name)
    bare, _ = split_vendor(bare)
    return _fold(bare)


def tool_key(name: str) -> str:
    """A stable, URL-safe slug for a tool: 'Mistral 3.1' -> 'mistral-3-1'."""
    norm = normalise_name(name)
    ascii_form = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_form).strip("-")[:60].rstrip("-")
    if slug:
        return slug
    # A name with no Latin letters ("通义千问") still needs a stable, URL-safe key.
    return "tool-" + hashlib.sha256(norm.encode()).hexdigest()[:10]


def size_of(norm: str) -> str:
    """The parameter count in a normalised name ('llama 3.3 70b' -> '70b'), '' when none."""
    return " ".join(w for w in norm.split() if _SIZE.match(w))


def family_of(norm: str) -> str:
    """The name without parameter counts and packaging words: 'smollm3 3b instruct' -> 'smollm3'.

    The version stays: 'llama 3.2' and 'llama 3.3' are different families.
    """
    words = [w for w in norm.split() if not _SIZE.match(w) and w not in _VARIANT_WORDS]
    return " ".join(words) or norm


def strong_forms(name: str) -> set[str]:
    """Normalised spellings that identify exactly this product (sizes kept)."""
    bare, _ = split_title(name)
    bare, _ = split_vendor(bare)
    norm = _fold(bare)
    if not norm:
        return set()
    forms = {norm}
    no_variant = " ".join(w for w in norm.split() if w not in _VARIANT_WORDS)
    if no_variant:
        forms.add(no_variant)
    dotted = _fold(_DOMAIN_SUFFIX.sub("", bare.casefold().strip()))  # "NoMac.app" -> "nomac"
    if dotted:
        forms.add(dotted)
    for form in list(forms):
        words = form.split()
        if len(words) > 1 and words[-1] in _GENERIC_TRAILERS:  # "Timbal AI" -> "timbal"
            forms.add(" ".join(words[:-1]))
    return forms
