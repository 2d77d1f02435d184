"""Checks a draft must pass before the editor can approve it.

Run when a draft is made and again before approval; the editor sees the findings with the
draft. Blocking findings stop approval; warnings are shown and can be accepted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from verdicts.models import (
    TOKEN_PREFERENCES_URL,
    TOKEN_UNSUBSCRIBE_URL,
    IssueContent,
    RenderedIssue,
    vote_token,
)
from verdicts.render.htmlscan import scan_html
from verdicts.render.tokens import TOKEN_LIKE_RE, TOKEN_RE
from verdicts.settings import Settings

MAX_HTML_BYTES = 90 * 1024  # Gmail clips at 102 KB, and click tracking adds bytes
WARN_HTML_BYTES = 75 * 1024
SUBJECT_CHARS = (10, 78)
PREHEADER_MAX_CHARS = 150
# Template syntax that should never survive rendering. Source text cannot produce these in
# the HTML: the renderer turns its braces into entities (see verdicts.render.tokens).
_PLACEHOLDER_RE = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|\*\|[A-Z_]+\|\*")
_SAFE_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable, kebab-case: what the UI and tests key on
    message: str  # one line for the editor


@dataclass(frozen=True, slots=True)
class PreflightReport:
    blocking: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.blocking

    def codes(self) -> set[str]:
        return {f.code for f in (*self.blocking, *self.warnings)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "blocking": [{"code": f.code, "message": f.message} for f in self.blocking],
            "warnings": [{"code": f.code, "message": f.message} for f in self.warnings],
        }


def _links(
    rendered: RenderedIssue, content: IssueContent, settings: Settings
) -> tuple[list[Finding], list[Finding]]:
    block: list[Finding] = []
    warn: list[Finding] = []
    facts = scan_html(rendered.html)
    production = settings.base_url.lower().startswith("https://")
    insecure = [u for u in facts.links if u.lower().startswith("http://")]
    if insecure and production:
        block.append(
            Finding("insecure-link", f"{len(insecure)} http:// link(s), e.g. {insecure[0]}")
        )
    elif insecure:
        warn.append(
            Finding("insecure-link", f"{len(insecure)} http:// link(s): fine for a test run only")
        )
    odd = [
        u for u in facts.links if not (u.lower().startswith(_SAFE_SCHEMES) or TOKEN_RE.fullmatch(u))
    ]
    if odd:
        block.append(
            Finding("unsafe-link", f"link that is not http(s), mailto or a token: {odd[0]!r}")
        )
    if facts.images_without_alt:
        block.append(
            Finding(
                "image-without-alt", f"{len(facts.images_without_alt)} image(s) without alt text"
            )
        )
    if facts.forbidden:
        block.append(
            Finding(
                "forbidden-markup",
                "scripts, forms, handlers or external CSS: "
                + ", ".join(sorted(set(facts.forbidden))),
            )
        )
    if TOKEN_UNSUBSCRIBE_URL not in facts.links or TOKEN_UNSUBSCRIBE_URL not in rendered.text:
        block.append(Finding("unsubscribe-missing", "no unsubscribe link in the HTML or text part"))
    if TOKEN_PREFERENCES_URL not in facts.links:
        warn.append(Finding("preferences-missing", "no preferences link in the email"))
    address = " ".join(settings.postal_address.split())
    if not address or address not in facts.text or address not in " ".join(rendered.text.split()):
        block.append(Finding("postal-address-missing", "the postal address is not in the footer"))
    if facts.html_lang is None or not facts.title:
        warn.append(Finding("lang-or-title-missing", "the HTML lacks lang or <title>"))
    for i, _ in enumerate(content.comparisons):
        missing = [s for s in "ab" if vote_token(i, s) not in facts.links]
        if missing:
            warn.append(Finding("vote-link-missing", f"comparison {i + 1} lacks its vote links"))
    return block, warn


def _placeholders(rendered: RenderedIssue, content: IssueContent) -> list[Finding]:
    found: list[Finding] = []
    for where, text in (
        ("HTML", rendered.html),
        ("subject", content.subject),
        ("preheader", content.preheader),
        ("intro", content.intro),
    ):
        m = _PLACEHOLDER_RE.search(text)
        if m:
            found.append(Finding("unfilled-placeholder", f"{m.group(0)!r} left in the {where}"))
    for where, text in (("HTML", rendered.html), ("text part", rendered.text)):
        unknown = {t for t in TOKEN_LIKE_RE.findall(text) if not TOKEN_RE.fullmatch(t)}
        if unknown:
            found.append(
                Finding(
                    "unfilled-placeholder",
                    f"unknown token(s) in the {where}: {', '.join(sorted(unknown))}",
                )
            )
    return found


def _content(rendered: RenderedIssue, content: IssueContent) -> tuple[list[Finding], list[Finding]]:
    block: list[Finding] = []
    warn: list[Finding] = []
    for c in content.comparisons:
        empty = [p.tool.name for p in (c.a, c.b) if not p.verdicts]
        if empty:
            block.append(
                Finding(
                    "comparison-without-verdicts",
                    f"{c.title}: no panel verdicts for {', '.join(empty)}",
                )
            )
    dupes = [s for s, n in Counter(c.slug for c in content.comparisons).items() if n > 1]
    if dupes:
        block.append(Finding("duplicate-slug", f"two comparisons share the page {dupes[0]!r}"))
    size = len(rendered.html.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        block.append(
            Finding(
                "html-too-large",
                f"email HTML is {size / 1024:.1f} KB; the limit is 90 KB (Gmail clips)",
            )
        )
    elif size > WARN_HTML_BYTES:
        warn.append(Finding("html-near-limit", f"email HTML is {size / 1024:.1f} KB of 90 KB"))
    low, high = SUBJECT_CHARS
    if not low <= len(content.subject) <= high:
        warn.append(
            Finding(
                "subject-length",
                f"subject is {len(content.subject)} characters; aim for {low}–{high}",
            )
        )
    if not content.preheader.strip():
        warn.append(Finding("preheader-missing", "no preheader: inboxes will show the first text"))
    elif len(content.preheader) > PREHEADER_MAX_CHARS:
        warn.append(Finding("preheader-long", f"preheader is {len(content.preheader)} characters"))
    if not content.comparisons:
        warn.append(Finding("no-comparisons", "the issue has no comparison (quiet-week issue)"))
    elif content.quiet:
        warn.append(Finding("quiet-week", "only one comparison: the quiet-week note is shown"))
    if content.awaiting_panel:
        warn.append(
            Finding(
                "awaiting-panel", f"{len(content.awaiting_panel)} pair(s) still await the panel"
            )
        )
    return block, warn


def run_preflight(
    rendered: RenderedIssue, content: IssueContent, settings: Settings
) -> PreflightReport:
    """Every check over the rendered issue and the content it came from."""
    link_block, link_warn = _links(rendered, content, settings)
    content_block, content_warn = _content(rendered, content)
    return PreflightReport(
        blocking=(*link_block, *_placeholders(rendered, content), *content_block),
        warnings=(*link_warn, *content_warn),
    )
