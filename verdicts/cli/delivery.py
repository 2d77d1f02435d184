"""`verdicts deliveries WEEK`: where an issue's send stands, and the operator's call on ambiguity.

A delivery is ambiguous when its request reached the provider but the answer was lost (a
timeout, a dropped connection, a crash). Nobody knows whether those people got the issue, so
the send never repeats them by itself: the operator looks the batch up (SendGrid's activity
feed, by the `verdicts_batch` custom arg) and chooses, per batch or for all of them:
`--resend-ambiguous` (they go out at the next `verdicts send`) or `--mark-ambiguous-accepted`.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import typer

from verdicts.cli.common import UserError, one_line, store


@one_line
def deliveries(
    week: str = typer.Argument(..., help="ISO week of the issue, e.g. 2026-W29."),
    resend_ambiguous: bool = typer.Option(
        False, "--resend-ambiguous", help="Queue ambiguous deliveries to be sent again."
    ),
    mark_ambiguous_accepted: bool = typer.Option(
        False, "--mark-ambiguous-accepted", help="Count ambiguous deliveries as delivered."
    ),
    batch: str | None = typer.Option(None, "--batch", help="Only this batch's deliveries."),
    operator: str | None = typer.Option(
        None, "--operator", help="Who decides (recorded); required with a decision."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object."),
) -> None:
    """The send's ledger for one issue: counts, provider events, ambiguous batches."""
    from verdicts.store import deliveries as ledger
    from verdicts.store.issues import get_issue
    from verdicts.weeks import parse_week

    parse_week(week)
    if resend_ambiguous and mark_ambiguous_accepted:
        raise UserError("choose one: --resend-ambiguous or --mark-ambiguous-accepted")
    deciding = resend_ambiguous or mark_ambiguous_accepted
    if batch and not deciding:
        raise UserError("--batch goes with --resend-ambiguous or --mark-ambiguous-accepted")
    if deciding and not (operator or "").strip():
        raise UserError("say who decides with --operator NAME (it is recorded)")
    with store().transaction() as s:
        issue = get_issue(s, week)
        changed = 0
        if deciding:
            status = "pending" if resend_ambiguous else "accepted"
            changed = ledger.resolve_ambiguous(
                s, issue.id, status, batch_id=batch, actor=(operator or "").strip()
            )
            if batch and not changed:
                raise UserError(f"no ambiguous deliveries in batch {batch} of {week}")
        counts = ledger.counts(s, issue.id)
        pending_batches = ledger.ambiguous_batches(s, issue.id)
        stats = dict(issue.stats or {})
        state = issue.state
    if as_json:
        print(
            json.dumps(
                {
                    "week": week,
                    "state": state,
                    "deliveries": counts,
                    "stats": stats,
                    "changed": changed,
                    "ambiguous_batches": [asdict(b) for b in pending_batches],
                },
                sort_keys=True,
            )
        )
        return
    if deciding:
        verb = "queued to resend" if resend_ambiguous else "marked accepted"
        print(f"{changed} ambiguous deliveries {verb}; run `verdicts send {week}` to finish")
    total = sum(counts.values())
    print(f"{week} ({state}): {total} deliveries")
    for name in ("accepted", "pending", "in_flight", "ambiguous", "failed", "skipped"):
        if counts.get(name):
            print(f"  {name:<10} {counts[name]:>8}")
    shown = {k: v for k, v in stats.items() if isinstance(v, int)}
    if shown:
        print("  events     " + ", ".join(f"{k} {v}" for k, v in sorted(shown.items())))
    if pending_batches:
        print("ambiguous batches (look them up by the custom arg verdicts_batch, then decide):")
        for b in pending_batches:
            print(f"  {b.batch_id}  {b.rows:>5} rows  since {b.since}  {b.error}")
        print(
            f"  resend:  verdicts deliveries {week} --resend-ambiguous [--batch ID] --operator NAME\n"
            f"  or:      verdicts deliveries {week} --mark-ambiguous-accepted [--batch ID] "
            "--operator NAME"
        )
