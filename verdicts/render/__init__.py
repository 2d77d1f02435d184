"""Render an issue once: MJML email + text part + web pages, with per-recipient tokens.

rendered = render_issue(content, settings)
report = run_preflight(rendered, content, settings)    # verdicts.preflight
folder = write_digest(rendered, settings.digests_dir)  # digests/<week>/...
write_archive_index(settings.digests_dir, sent_weeks, settings)  # the sent issues only
html = fill_html(rendered.html, {TOKEN_UNSUBSCRIBE_URL: url, ...})  # per recipient
"""

from verdicts.render.digest import DigestError, write_archive_index, write_digest
from verdicts.render.issue import RenderError, content_hash, render_issue
from verdicts.render.tokens import (
    MissingTokenError,
    fill_html,
    fill_text,
    fill_tokens,
    tokens_in,
)
from verdicts.render.view import comparison_url, issue_url

__all__ = [
    "DigestError",
    "MissingTokenError",
    "RenderError",
    "comparison_url",
    "content_hash",
    "fill_html",
    "fill_text",
    "fill_tokens",
    "issue_url",
    "render_issue",
    "tokens_in",
    "write_archive_index",
    "write_digest",
]
