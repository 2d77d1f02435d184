"""Render one issue: Jinja -> MJML -> HTML (mjml-python), the text part, and the web pages.

Pure: values in, strings out. Rendering happens once per issue; per-recipient parts are
substitution tokens (see `verdicts.render.tokens`), so `content_hash` is the same for everyone
and is what the editor approves.
"""

from __future__ import annotations

import hashlib
from typing import Any

import mjml

from verdicts.models import IssueContent, RenderedIssue
from verdicts.render.environment import markup_env, text_env
from verdicts.render.view import cards_for, links_for
from verdicts.settings import Settings

EMAIL_TEMPLATE = "email/issue.mjml.j2"
TEXT_TEMPLATE = "email/issue.txt.j2"
ISSUE_PAGE_TEMPLATE = "web/issue.html.j2"
COMPARISON_PAGE_TEMPLATE = "web/comparison.html.j2"


class RenderError(RuntimeError):
    """The templates produced MJML that mjml-python could not parse (a template bug)."""


def content_hash(subject: str, html: str, text: str) -> str:
    """sha256 over subject, HTML and text; NUL-separated so moving text between parts counts."""
    digest = hashlib.sha256()
    for part in (subject, html, text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def mjml_to_html(source: str) -> str:
    """mjml-python with the default web fonts off: no external stylesheet in the email."""
    try:
        return mjml.mjml2html(source, fonts={})
    except ValueError as exc:  # mjml-python raises only for XML it cannot parse
        raise RenderError(f"mjml-python rejected the rendered MJML: {exc}") from exc


def _context(content: IssueContent, settings: Settings) -> dict[str, Any]:
    return {
        "issue": content,
        "week": content.week,
        "cards": cards_for(content, settings),
        "links": links_for(settings, content.week),
        "brand": settings.from_name,
        "postal_address": settings.postal_address,
    }


def render_email_mjml(content: IssueContent, settings: Settings) -> str:
    return markup_env().get_template(EMAIL_TEMPLATE).render(_context(content, settings))


def render_issue(content: IssueContent, settings: Settings) -> RenderedIssue:
    """The issue as subscribers get it: email HTML + text, its web page, one page per comparison."""
    context = _context(content, settings)
    markup = markup_env()
    source = markup.get_template(EMAIL_TEMPLATE).render(context)
    html = mjml_to_html(source)
    text = text_env().get_template(TEXT_TEMPLATE).render(context)
    web_html = markup.get_template(ISSUE_PAGE_TEMPLATE).render(context)
    page = markup.get_template(COMPARISON_PAGE_TEMPLATE)
    pages = tuple(
        (card.comparison.slug, page.render({**context, "card": card})) for card in context["cards"]
    )
    return RenderedIssue(
        week=content.week,
        subject=content.subject,
        html=html,
        text=text,
        web_html=web_html,
        mjml=source,
        content_hash=content_hash(content.subject, html, text),
        comparison_pages=pages,
    )
