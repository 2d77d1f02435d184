"""The editor's and operator's week: draft, status, review, approve, send, pin."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import typer

from verdicts.cli.common import one_line, settings, store
from verdicts.weeks import parse_week

app = typer.Typer(no_args_is_help=True)


def _week(week: str) -> str:
    parse_week(week)  # raises a one-line ValueError for a bad label
    return week


@one_line
def draft(
    week: str | None = typer.Option(None, help="ISO week, e.g. 2026-W29 (default: this week)."),
    source: list[str] | None = typer.Option(None, "--source", help="Only these sources."),
) -> None:
    """Run the weekly build flow now: scrape, resolve, pair, attach verdicts, render, store the draft."""
    from flows.weekly import weekly_build

    summary = asyncio.run(weekly_build(week=_week(week) if week else None, sources=source or None))
    from verdicts.cli.report import print_build

    print_build(summary)
    from verdicts.observability import build_exit_code

    code = build_exit_code(summary)
    if code:  # 2: the draft is stored, but some sources broke (a scheduler can alert on it)
        print(f"partial: some sources broke (exit {int(code)})")
        raise typer.Exit(int(code))


@one_line
def status(as_json: bool = typer.Option(False, "--json", help="One JSON object per line.")) -> None:
    """The issues with their week and state."""
    from verdicts.store import deliveries
    from verdicts.store.issues import list_issues

    with store().transaction() as s:
        rows: list[dict[str, Any]] = [
            {
                "week": i.week,
                "state": i.state,
                "subject": i.subject,
                "approved_by": i.approved_by or None,
                "content_hash": i.content_hash,
                "deliveries": deliveries.counts(s, i.id),
                "digest_dir": i.digest_dir,
            }
            for i in list_issues(s)
        ]
    if as_json:
        for r in rows:
            print(json.dumps(r, sort_keys=True))
        return
    if not rows:
        print("no issues yet: run `verdicts draft` (or `make demo`)")
    for r in rows:
        sent = r["deliveries"].get("accepted", 0)
        print(f"{r['week']}  {r['state']:<10} {sent:>6} sent  {r['subject']}")


@one_line
def approve(
    week: str = typer.Argument(..., help="ISO week of the issue."),
    editor: str = typer.Option(..., "--editor", help="Who approves (recorded)."),
    notes: str = typer.Option("", "--notes"),
) -> None:
    """Approve the issue exactly as it stands now (bound to its content hash).

    On an approved issue whose send slot passed more than the grace ago: confirms it afresh."""
    from verdicts.review.actions import approve_week
    from verdicts.review.schedule import local

    cfg = settings()
    done = approve_week(store(), cfg, _week(week), editor=editor, notes=notes)
    again = "confirmed again" if done.reconfirmed else "approved"
    print(
        f"{again} {done.week} as {done.editor} (content {done.content_hash[:12]}); "
        f"goes out from {local(done.send_after, cfg)}"
    )


@one_line
def send(week: str = typer.Argument(..., help="ISO week of the issue.")) -> None:
    """Send an approved issue: once to each active subscriber; safe to re-run after a crash."""
    from verdicts.deliver.drain import send_issue
    from verdicts.deliver.senders import sender_for

    cfg = settings()
    report = send_issue(store(), _week(week), sender_for(cfg), cfg)
    if report.already_sent:
        print(
            f"{week} was already sent: nothing sent now ({report.totals.get('accepted', 0)} accepted)"
        )
        return
    print(
        f"{week}: {report.sent_now} sent now via {report.sender} in {report.batches} batch(es); "
        f"{report.skipped} skipped; totals {json.dumps(report.totals, sort_keys=True)}"
    )
    if report.ambiguous:
        print(
            f"warning: {report.ambiguous} deliveries are ambiguous: see `verdicts deliveries {week}`"
        )
        raise typer.Exit(3)


@one_line
def pin(
    week: str = typer.Argument(...),
    a: str = typer.Argument(..., help="Tool name or key."),
    b: str = typer.Argument(..., help="Tool name or key."),
    editor: str = typer.Option(..., "--editor"),
) -> None:
    """Pin 'A vs B' into a week's issue (takes effect at the next draft)."""
    from verdicts.build import pin_pair

    ka, kb = pin_pair(store(), _week(week), a, b, editor=editor)
    print(f"pinned {ka} vs {kb} for {week}")
