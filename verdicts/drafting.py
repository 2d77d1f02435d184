"""Render a composed issue, check it, write it to the digests folder and store it as a draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verdicts.models import IssueContent
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import ensure_redraftable, save_draft

if TYPE_CHECKING:
    from verdicts.preflight import PreflightReport


@dataclass(frozen=True, slots=True)
class DraftResult:
    week: str
    subject: str
    digest_dir: Path
    content_hash: str
    comparisons: int
    awaiting_panel: int
    preflight_ok: bool
    blocking: tuple[str, ...]
    warnings: tuple[str, ...]


def preflight_record(report: PreflightReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "blocking": [asdict(f) for f in report.blocking],
        "warnings": [asdict(f) for f in report.warnings],
    }


def make_draft(
    store: Store, content: IssueContent, settings: Settings, *, actor: str
) -> DraftResult:
    from verdicts.preflight import run_preflight
    from verdicts.render import render_issue, write_archive_index, write_digest
    from verdicts.review.overrides import apply_overrides
    from verdicts.store.issues import sent_weeks

    # The editor's subject, intro and dropped pairs survive every re-render of the week.
    content = apply_overrides(store, content)
    with store.transaction() as s:
        ensure_redraftable(s, content.week)
    rendered = render_issue(content, settings)
    report = run_preflight(rendered, content, settings)
    folder = write_digest(rendered, settings.digests_dir)
    with store.transaction() as s:
        published = sent_weeks(s)
    write_archive_index(settings.digests_dir, published, settings)
    if settings.screenshots:
        from verdicts.render.screenshots import take_screenshots

        # For the editor: the email on a phone and on a desktop (skipped without Chromium).
        take_screenshots(folder / "email.html", folder / "screenshots")
    with store.transaction() as s:
        save_draft(
            s,
            content,
            rendered,
            digest_dir=str(folder.resolve()),
            preflight=preflight_record(report),
            actor=actor,
        )
    return DraftResult(
        week=content.week,
        subject=content.subject,
        digest_dir=folder,
        content_hash=rendered.content_hash,
        comparisons=len(content.comparisons),
        awaiting_panel=len(content.awaiting_panel),
        preflight_ok=report.ok,
        blocking=tuple(f.message for f in report.blocking),
        warnings=tuple(f.message for f in report.warnings),
    )
