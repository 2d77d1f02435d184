"""Subscribers from the command line: import and export CSV, count, erase (GDPR)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from verdicts.cli.common import one_line, store

app = typer.Typer(no_args_is_help=True, help="Import, export, count and erase subscribers.")


@app.command("import")
@one_line
def import_(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)) -> None:
    """Import a CSV (header row with at least `email`); rows become active unless `status` says otherwise."""
    from verdicts.store.subscribers import import_csv

    text = file.read_text(encoding="utf-8-sig")  # spreadsheets often add a BOM
    with store().transaction() as s:
        r = import_csv(s, text, source_name=file.name)
    print(f"{r.rows} rows: {r.added} added, {r.updated} updated, {r.unchanged} unchanged")


@app.command("export")
@one_line
def export() -> None:
    """Write every subscriber as CSV to stdout (email, status, consent record)."""
    from verdicts.store.subscribers import export_csv

    with store().transaction() as s:
        for chunk in export_csv(s):
            sys.stdout.write(chunk)


@app.command("count")
@one_line
def count() -> None:
    """Subscribers per status."""
    from verdicts.store.subscribers import count_by_status

    with store().transaction() as s:
        for status, n in sorted(count_by_status(s).items()):
            print(f"{status:<13} {n}")


@app.command("erase")
@one_line
def erase(email: str = typer.Argument(..., help="The address to erase.")) -> None:
    """Erase a person (GDPR): their row goes; sends and votes stay counted, linked to no one."""
    from verdicts.store.readers import erase as erase_subscriber

    with store().transaction() as s:
        done = erase_subscriber(s, email)
    if done is None:
        raise LookupError(f"no subscriber with the address {email.strip()!r}")
    print(
        f"erased {done.email} ({done.status}): {done.deliveries_unlinked} deliveries and "
        f"{done.votes_unlinked} votes kept without a link, "
        f"{done.webhook_events_scrubbed} webhook events scrubbed"
    )
