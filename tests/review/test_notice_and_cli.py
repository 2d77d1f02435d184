"""The editor's notice (a real send through the configured outbox) and the CLI verbs."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy

from typer.testing import CliRunner

from verdicts.build import record_health
from verdicts.cli.main import app
from verdicts.deliver.transactional import outbox_messages
from verdicts.models import SourceHealth
from verdicts.review.links import read_token
from verdicts.review.notice import notify_editor
from verdicts.store.issues import get_issue, history

from .conftest import WEEK

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _read(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_notice_sends_the_issue_as_subscribers_see_it_and_a_summary(drafted, store, settings):
    health = [
        SourceHealth("hn-algolia", fetched=2, parsed=40, kept=7),
        SourceHealth("producthunt-feed", errors=("HTTP 503 after 3 tries",)),
    ]
    record_health(store, WEEK, "run-1", health)
    result = notify_editor(store, settings, WEEK, actor="weekly-build")
    assert result.ok
    test_copy, notice = (_read(p) for p in outbox_messages(settings))
    assert test_copy["To"] == settings.editor_email == notice["To"]
    assert test_copy["Subject"] == f"[Test] {drafted.subject}"
    html = test_copy.get_body(("html",)).get_content()
    issue_html = (drafted.digest_dir / "email.html").read_text()
    assert "ChatCut vs FableCut" in html and "-unsubscribe_url-" not in html
    assert f"{settings.base_url}/unsubscribe/" in html and "/vote/" in html
    assert len(html) > 0.9 * len(issue_html)  # the whole issue, tokens filled
    text = notice.get_body(("plain",)).get_content()
    assert "PREFLIGHT: ok" in text
    assert "Notely vs Memo AI: both note takers" in text  # awaiting the panel
    assert "producthunt-feed" in text and "HTTP 503 after 3 tries" in text
    assert result.review_url in text
    assert read_token(settings, result.review_url.rsplit("/", 1)[1]).week == WEEK
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        notes = [e.notes for e in history(s, issue)]
    assert issue.state == "draft"  # telling the editor decides nothing
    assert any(n.startswith("review notice to editor@example.com") for n in notes)
    # Never in the issue's own outbox folder, where the ledger drain reconciles deliveries.
    assert not (settings.outbox_dir / WEEK).exists()


def test_notice_escapes_what_sources_wrote(drafted, store, settings):
    record_health(store, WEEK, "run-1", [SourceHealth("x", errors=("<script>alert(1)</script>",))])
    notify_editor(store, settings, WEEK, actor="t")
    notice = _read(outbox_messages(settings)[-1]).get_body(("html",)).get_content()
    assert "<script>" not in notice and "&lt;script&gt;" in notice


def test_review_reject_edit_and_approve_from_the_cli(drafted, store, settings):
    out = run("review", WEEK, "--link")
    assert out.exit_code == 0
    assert "chatcut--vs--fablecut  ChatCut vs FableCut" in out.stdout
    assert "memo-ai--vs--notely" in out.stdout.split("awaiting the panel")[1]
    assert "why: both note takers" in out.stdout.split("awaiting the panel")[1]
    assert "ChatCut vs FableCut\n      why: same job" in out.stdout
    assert f"preview {drafted.digest_dir / 'email.html'}" in out.stdout
    assert f"review link {settings.base_url}/review/" in out.stdout

    edited = run("edit", WEEK, "--subject", "A sharper subject", "--editor", "Dana")
    assert edited.exit_code == 0 and "in review" in edited.stdout
    assert run("approve", WEEK, "--editor", "Dana").exit_code == 0
    again = run("approve", WEEK, "--editor", "Dana")
    assert again.exit_code == 1 and "already approved by Dana" in again.stderr

    sent = run("send", WEEK)
    assert sent.exit_code == 0 and "2 sent now" in sent.stdout
    second = run("send", WEEK)
    assert second.exit_code == 0 and "nothing sent now" in second.stdout
    late = run("reject", WEEK, "--notes", "too late", "--editor", "Dana")
    assert late.exit_code == 1 and "sent: it can no longer be rejected" in late.stderr


def test_reject_then_cutoff_from_the_cli(drafted, store, settings, monkeypatch):
    bad = run("reject", WEEK, "--notes", "", "--editor", "Dana")
    assert bad.exit_code == 1 and "needs the editor's name and notes" in bad.stderr
    assert run("reject", WEEK, "--notes", "lead pair is weak", "--editor", "Dana").exit_code == 0
    assert "rejected" in run("review", WEEK).stdout.splitlines()[0]
    # A cutoff that passed in July: the rejected, never approved week is skipped and logged.
    monkeypatch.setenv("VERDICTS_REVIEW_CUTOFF", "Tue 07:00")
    from verdicts.settings import get_settings

    get_settings.cache_clear()
    assert datetime.now(UTC).year >= 2026
    out = run("cutoff")
    assert out.exit_code == 0 and f"skipped past the cutoff: {WEEK}" in out.stdout
    late = run("approve", WEEK, "--editor", "Dana")
    assert late.exit_code == 1 and "skipped" in late.stderr
    assert not settings.outbox_dir.exists()
