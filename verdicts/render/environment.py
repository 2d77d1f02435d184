"""The two Jinja environments: markup (email MJML and web HTML) and plain text.

Markup autoescapes; on top of that every value is passed through `neutralise_html`, so source
text can carry neither a tag, nor a `{{`, nor a substitution token into the output. The text
environment escapes nothing (there is no markup to break) but still neutralises tokens. Neither
ever renders source text as a template: values are data, only files under templates/ are code.
Values the renderer itself makes safe (tokens, our own URLs) are passed as `Markup`.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from verdicts.render.tokens import neutralise_html, neutralise_text

# The top-level templates/ folder of the repository (fixed by the product's layout).
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def _finalize_markup(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    # escape() has made it safe markup; neutralising only swaps characters for entities.
    return Markup(neutralise_html(str(escape(value))))  # noqa: S704


def _finalize_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):  # our own tokens and URLs
        return str(value)
    return neutralise_text(str(value))


def _wrap(text: str, width: int = 72, indent: str = "") -> str:
    """Wrap a paragraph for the text part; blank-line separated paragraphs stay separate."""
    paragraphs = [" ".join(p.split()) for p in str(text).split("\n\n")]
    return "\n\n".join(
        textwrap.fill(p, width=width, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
        if p
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in str(text).split("\n\n") if p.strip()]


def _meter(percent: int | None) -> int:
    """Width of the filled part of a meter, clamped to 0..100 (None: not judged yet)."""
    return max(0, min(100, percent or 0))


def _common(env: Environment) -> Environment:
    env.filters["wrap"] = _wrap
    env.filters["paragraphs"] = _paragraphs
    env.filters["meter"] = _meter
    return env


@lru_cache(maxsize=4)
def markup_env(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    return _common(
        Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=True,
            finalize=_finalize_markup,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # mjml-python (1.4.2) rejects "</mj-style>  </mj-head>" on one line: keep the
            # newline that ends each included file.
            keep_trailing_newline=True,
        )
    )


@lru_cache(maxsize=4)
def text_env(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    return _common(
        Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=False,  # noqa: S701 - plain text: nothing to escape, tokens neutralised
            finalize=_finalize_text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    )
