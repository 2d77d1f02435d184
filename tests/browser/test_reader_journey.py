"""A reader's whole journey in Debian's Chromium: subscribe, confirm from the emailed link, vote,
change preferences, unsubscribe in one click; screenshots of every page at 375 and 1280 px."""

from __future__ import annotations

import email
import html
import re
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from verdicts.deliver.drain import send_issue
from verdicts.deliver.outbox import OutboxSender
from verdicts.deliver.transactional import outbox_messages
from verdicts.store.issues import approve, get_issue
from verdicts.store.schema import VoteRow
from verdicts.store.subscribers import find_by_email

from ..helpers import drafted_issue
from .conftest import CHROMIUM, CHROMIUM_ARGS, SHOTS, LiveApp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium"
    ),
]

READER = "journey@example.com"
WIDTHS = (375, 1280)


def _shoot(page, name: str) -> None:
    """Both widths, full page; and on a phone nothing may scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"
    page.set_viewport_size({"width": WIDTHS[1], "height": 900})


def _message(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def _links(msg, part: str, path: str) -> list[str]:
    body = msg.get_body((part,)).get_content()
    pattern = r'href="([^"]+)"' if part == "html" else r"(https?://\S+)"
    return [html.unescape(u) for u in re.findall(pattern, body) if path in u]


def _send_issue_to_reader(live: LiveApp) -> email.message.EmailMessage:
    """The week's issue, drafted, approved and sent through the outbox to every active reader."""
    drafted_issue(live.store, live.settings, subscribers=1)
    with live.store.transaction() as s:
        approve(s, get_issue(s, "2026-W29"), editor="Ed", preflight_ok=True)
    send_issue(live.store, "2026-W29", OutboxSender(live.settings.outbox_dir), live.settings)
    [path] = [p for p in (live.settings.outbox_dir / "2026-W29").glob("*.eml") if READER in p.name]
    return _message(path)


def test_subscribe_confirm_vote_preferences_unsubscribe(live_app: LiveApp) -> None:
    from playwright.sync_api import sync_playwright

    live = live_app
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            page.set_default_timeout(20_000)

            # Subscribe: a typo first gets a clear message, then the real address.
            page.goto(f"{live.url}/subscribe")
            _shoot(page, "01-subscribe")
            page.fill("#email", "journey@")
            page.click("button[type=submit]")
            assert "does not look like an email address" in page.inner_text(".error")
            _shoot(page, "02-subscribe-error")
            page.fill("#email", READER)
            page.click("button[type=submit]")
            assert "Check your inbox" in page.inner_text("h1")
            _shoot(page, "03-subscribe-sent")

            # The confirmation email, from the outbox; its link opens a page with a button.
            [mail] = [_message(p) for p in outbox_messages(live.settings)]
            assert mail["To"] == READER
            [confirm] = _links(mail, "plain", "/confirm/")
            assert confirm.startswith(live.url)
            page.goto(confirm)
            _shoot(page, "04-confirm")
            with live.store.transaction() as s:
                assert find_by_email(s, READER).status == "pending"  # the GET changed nothing
            page.click("button[type=submit]")
            assert "You are subscribed" in page.inner_text("h1")
            _shoot(page, "05-confirmed")

            # The issue arrives; vote for B from its link.
            issue = _send_issue_to_reader(live)
            votes = _links(issue, "html", "/vote/")
            assert len(votes) == 2
            page.goto(votes[1])
            _shoot(page, "06-vote")
            page.click("button[type=submit]")
            assert "is counted" in page.inner_text("[role=status]")
            _shoot(page, "07-voted")
            page.goto(votes[0])  # changed their mind
            page.click("button[type=submit]")
            assert "Vote changed" in page.inner_text("[role=status]")
            page.click("text=Read the panel's verdicts")
            assert "ChatCut vs FableCut" in page.inner_text("h1")
            _shoot(page, "08-comparison-page")

            # Preferences from the issue's link.
            [prefs] = set(_links(issue, "html", "/preferences/"))
            page.goto(prefs)
            page.check("input[value=video-editor]")
            page.check("input[value=code-editor]")
            page.click("button[type=submit]")
            assert "Saved." in page.inner_text("[role=status]")
            _shoot(page, "09-preferences")

            # One click: the List-Unsubscribe URL; the page's button posts the RFC 8058 body.
            unsubscribe = issue["List-Unsubscribe"].split(">")[0].lstrip("<")
            page.goto(unsubscribe)
            _shoot(page, "10-unsubscribe")
            page.click("button[type=submit]")
            assert "You are unsubscribed" in page.inner_text("h1")
            _shoot(page, "11-unsubscribed")

            page.goto(f"{live.url}/archive/")
            assert "ChatCut" in page.inner_text("main")
            _shoot(page, "12-archive")
        finally:
            browser.close()

    with live.store.transaction() as s:
        sub = find_by_email(s, READER)
        assert sub.status == "unsubscribed" and sub.confirmed_ip == "127.0.0.1"
        assert sub.preferences["kinds"] == ["code-editor", "video-editor"]
        assert "Chrome" in sub.consent_user_agent
        vote = s.scalar(select(VoteRow).where(VoteRow.subscriber_id == sub.id))
    assert vote.choice == "chatcut"  # the first link (A) after the change of mind
    for name in ("01-subscribe", "06-vote", "11-unsubscribed"):
        for width in WIDTHS:
            assert (SHOTS / f"{name}-{width}.png").stat().st_size > 5_000
