"""Per-recipient substitution tokens: find them, fill them, and keep source text from forging them.

An issue is rendered once; the unsubscribe, preferences and vote links and the recipient's
address are tokens (`-unsubscribe_url-`, `-vote_0_a-`, ...) that SendGrid fills per
personalization, or that the outbox/SMTP senders fill with `fill_html` / `fill_text`.

Scraped text could contain a string that looks like a token ("-email-" as a tagline); rendered
as is, the sender would replace it with a subscriber's address. The renderer therefore passes
all source text through `neutralise_html` / `neutralise_text` so only the templates emit tokens.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache

from verdicts.models import TOKEN_EMAIL, TOKEN_PREFERENCES_URL, TOKEN_UNSUBSCRIBE_URL

# The reader's one signed token. Templates never emit it: at send time the link tokens above
# become URLs ending in it (verdicts.links.expand_issue_links), so a recipient needs one value.
TOKEN_READER = "-reader_token-"

# Every token the renderer (or the send-time link expansion) emits has this shape.
TOKEN_RE = re.compile(r"-(?:unsubscribe_url|preferences_url|email|reader_token|vote_\d+_[ab])-")
# Token-shaped but filled by no sender: a template typo such as "-unsubscribe_link-". Source
# text matching it is neutralised too, so preflight can treat any left in the output as a bug.
TOKEN_LIKE_RE = re.compile(r"-[a-z][a-z0-9]*_[a-z0-9_]*-")
_FORGERY_RE = re.compile(f"{TOKEN_RE.pattern}|{TOKEN_LIKE_RE.pattern}")

KNOWN_FIXED_TOKENS = frozenset({TOKEN_UNSUBSCRIBE_URL, TOKEN_PREFERENCES_URL, TOKEN_EMAIL})

_WORD_JOINER = "\u2060"  # invisible, so "-email-" in source text still reads as "-email-"


class MissingTokenError(KeyError):
    """A token in the text has no value for this recipient: sending it would leak the token."""


def tokens_in(text: str) -> frozenset[str]:
    """The substitution tokens a rendered part contains (what a sender must provide values for)."""
    return frozenset(TOKEN_RE.findall(text))


@lru_cache(maxsize=16)
def _split(text: str) -> tuple[str, ...]:
    """Text and tokens alternating (odd indexes are tokens).

    Cached per rendered part: Python caches a str's hash, so filling the same body for 100,000
    recipients costs one scan in all plus a dict lookup and a join per recipient.
    """
    parts: list[str] = []
    last = 0
    for m in TOKEN_RE.finditer(text):
        parts.append(text[last : m.start()])
        parts.append(m.group(0))
        last = m.end()
    parts.append(text[last:])
    return tuple(parts)


def fill_tokens(text: str, values: Mapping[str, str], *, strict: bool = True) -> str:
    """Replace each token in `text` by `values[token]` (keys are whole tokens, e.g. "-email-").

    Values are inserted verbatim: for an HTML part the caller must HTML-escape them first, or
    call `fill_html`, which does. With `strict` (the default) a token without a value raises
    `MissingTokenError` rather than send a mail with "-unsubscribe_url-" in it.
    """
    parts = _split(text)
    out = list(parts)
    for i in range(1, len(parts), 2):
        token = parts[i]
        value = values.get(token)
        if value is None:
            if strict:
                raise MissingTokenError(token)
            continue
        out[i] = value
    return "".join(out)


def fill_html(html_text: str, values: Mapping[str, str], *, strict: bool = True) -> str:
    """`fill_tokens` for the HTML part: values are HTML-escaped (quotes too: tokens sit in href)."""
    return fill_tokens(
        html_text, {k: html.escape(v, quote=True) for k, v in values.items()}, strict=strict
    )


def fill_text(text: str, values: Mapping[str, str], *, strict: bool = True) -> str:
    """`fill_tokens` for the plain-text part: values go in as they are."""
    return fill_tokens(text, values, strict=strict)


def neutralise_html(escaped: str) -> str:
    """Break token look-alikes and template braces in already-escaped source text.

    The entities render as the same characters, so readers see the text unchanged, while the
    raw HTML holds no token a sender would fill and no `{{` a later template engine (or our
    preflight) would take for a placeholder.
    """
    if "{" in escaped or "}" in escaped:
        escaped = escaped.replace("{", "&#123;").replace("}", "&#125;")
    if "-" in escaped:
        escaped = _FORGERY_RE.sub(lambda m: "&#45;" + m.group(0)[1:], escaped)
    return escaped


def neutralise_text(text: str) -> str:
    """Break token look-alikes in plain text with an invisible word joiner after the first '-'."""
    if "-" in text:
        text = _FORGERY_RE.sub(lambda m: "-" + _WORD_JOINER + m.group(0)[1:], text)
    return text
