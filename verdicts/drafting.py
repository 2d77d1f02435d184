"""Render a composed issue, check it, write it to the digests folder and store it as a draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from verdicts.models import IssueContent
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import save_draft


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


def preflight_record(report) -> dict:  # type: ignore[no-untyped-def]
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

    rendered = render_issue(content, settings)
    report = run_preflight(rendered, content, settings)
    folder = write_digest(rendered, settings.digests_dir)
    write_archive_index(settings.digests_dir)
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
