"""Telling the editor a draft is ready: a test send of the issue exactly as subscribers get it,
and a notice with the preflight, the source health, the pairs awaiting the panel and a review link.

Both go through the configured sender (`send_transactional`), so the test copy travels the same
road the issue will. Sending them never changes the issue's state; the history records it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from verdicts.deliver.base import BatchResult, Outcome
from verdicts.review.links import review_url
from verdicts.review.schedule import local
from verdicts.review.summary import ReviewSummary, summarize
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import get_issue, record_note

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
TEST_PREFIX = "[Test] "


@dataclass(frozen=True, slots=True)
class NoticeResult:
    week: str
    review_url: str
    test_send: BatchResult
    notice: BatchResult

    @property
    def ok(self) -> bool:
        return (
            self.test_send.outcome == Outcome.ACCEPTED and self.notice.outcome == Outcome.ACCEPTED
        )


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def send_test(store: Store, settings: Settings, week: str, *, actor: str) -> BatchResult:
    """The issue as a subscriber receives it, to the editor. Links are filled for a subscriber
    that does not exist (id 0), so they point at the real site but change nobody's record."""
    from verdicts.deliver.drain import load_content
    from verdicts.deliver.transactional import send_transactional
    from verdicts.links import expand_issue_links, reader_values
    from verdicts.render import fill_html, fill_text

    with store.transaction() as s:
        issue = get_issue(s, week)
        html, text = load_content(issue)
        subject = issue.subject
    # The very links subscribers get (one reader token), for a subscriber id that is nobody.
    html, text = expand_issue_links(html, text, settings.base_url, week)
    values = reader_values(
        settings.base_url,
        settings.secret_key.get_secret_value(),
        subscriber_id=0,
        email=settings.editor_email,
        week=week,
        now=time.time(),
    )
    result = send_transactional(
        settings,
        settings.editor_email,
        TEST_PREFIX + subject,
        fill_html(html, values),
        fill_text(text, values),
        kind="test-send",
    )
    with store.transaction() as s:
        record_note(
            s,
            get_issue(s, week),
            actor=actor,
            notes=f"test copy to {settings.editor_email}: {result.outcome}",
        )
    return result


def render_notice(summary: ReviewSummary, settings: Settings, link: str) -> tuple[str, str, str]:
    """(subject, html, text) of the notice."""
    context = {
        "s": summary,
        "link": link,
        "brand": settings.from_name,
        "slot": local(summary.send_slot, settings),
        "cutoff": local(summary.cutoff, settings) if summary.cutoff else "",
        "hours": f"{settings.review_link_hours:g}",
    }
    flag = "" if summary.preflight_ok else " (preflight BLOCKED)"
    subject = f"Draft ready for {summary.week}{flag}: {summary.subject}"[:200]
    html = _env().get_template("email/editor_notice.html.j2").render(context)
    text = _env().get_template("email/editor_notice.txt.j2").render(context)
    return subject, html, text


def notify_editor(store: Store, settings: Settings, week: str, *, actor: str) -> NoticeResult:
    """Send the test copy and the notice; never raises for a refused send (the result says)."""
    from verdicts.deliver.transactional import send_transactional

    test = send_test(store, settings, week, actor=actor)
    link = review_url(settings, week)
    subject, html, text = render_notice(summarize(store, settings, week), settings, link)
    notice = send_transactional(
        settings, settings.editor_email, subject, html, text, kind="editor-notice"
    )
    with store.transaction() as s:
        record_note(
            s,
            get_issue(s, week),
            actor=actor,
            notes=f"review notice to {settings.editor_email}: {notice.outcome}",
        )
    return NoticeResult(week, link, test, notice)
