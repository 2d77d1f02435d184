"""The panel from the command line: import verdict files."""

from __future__ import annotations

from pathlib import Path

import typer

from verdicts.cli.common import one_line, store

app = typer.Typer(no_args_is_help=True, help="Import the panel's reviewers and verdicts.")


@app.command("import")
@one_line
def import_(file: Path = typer.Argument(..., help="A .yaml, .json or .csv panel file.")) -> None:
    """Import reviewers, catalog tools and verdicts. A bad line imports nothing and is named."""
    from verdicts.panel.load import load_panel_file
    from verdicts.store.panel import import_panel

    panel = load_panel_file(file)
    with store().transaction() as s:
        r = import_panel(s, panel)
    print(
        f"{file}: {r.reviewers} reviewers, {r.tools} catalog tools, "
        f"{r.verdicts_added} verdicts added, {r.verdicts_updated} updated"
    )
    if r.new_tool_names:
        print(f"not yet seen on any source (check the spelling): {', '.join(r.new_tool_names)}")
