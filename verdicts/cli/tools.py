"""Tools from the command line: list, merge and split (merges are recorded and reversible)."""

from __future__ import annotations

import typer

from verdicts.cli.common import one_line, store

app = typer.Typer(no_args_is_help=True, help="List, merge and split tools.")


@app.command("list")
@one_line
def list_() -> None:
    """Every tool with its key, sightings and aliases."""
    from verdicts.store.tools import known_tools

    with store().transaction() as s:
        for t in sorted(known_tools(s), key=lambda t: t.key):
            sources = ",".join(sorted({x.source for x in t.sightings})) or "panel"
            print(f"{t.key:<32} {t.name:<28} {sources}")


@app.command("merge")
@one_line
def merge(
    source: str = typer.Argument(..., help="Tool to fold away (name or key)."),
    into: str = typer.Argument(..., help="Tool that keeps the sightings (name or key)."),
    editor: str = typer.Option(..., "--editor"),
) -> None:
    """The same product under two names: merge its sightings and aliases into one tool."""
    from verdicts.store.tools import find_tool, merge_tools

    with store().transaction() as s:
        a, b = find_tool(s, source), find_tool(s, into)
        if a is None or b is None:
            raise LookupError(f"unknown tool: {source if a is None else into}")
        merge_tools(s, a.key, b.key, editor=editor)
        print(f"merged {a.key} into {b.key} (undo: verdicts tools split {a.key})")


@app.command("split")
@one_line
def split(
    key: str = typer.Argument(..., help="Key of a tool that was merged away."),
    editor: str = typer.Option(..., "--editor"),
) -> None:
    """Undo a merge: the tool gets its own sightings and aliases back."""
    from verdicts.store.tools import split_tool

    with store().transaction() as s:
        split_tool(s, key, editor=editor)
        print(f"split {key} out again")
