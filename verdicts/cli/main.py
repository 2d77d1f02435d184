"""`verdicts`: the command line. Verbs read like the editor's and operator's week."""

from __future__ import annotations

import os

import typer

from verdicts.cli import delivery, issues, panel, review, subscribers, tools
from verdicts.cli import web as web_cli
from verdicts.cli.common import one_line
from verdicts.cli.serve import serve as serve_command

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Weekly AI Tool Verdicts: scrape, pair, judge, render, approve and send the weekly issue.",
)


@app.command()
@one_line
def demo(
    stop_at: str | None = typer.Option(
        None, "--stop-at", help="Stop after this stage ('draft': stored, unapproved)."
    ),
) -> None:
    """Run a whole weekly cycle on embedded defaults (bundled sources on loopback, outbox)."""
    if stop_at not in (None, "draft"):
        raise ValueError("--stop-at takes 'draft'")
    from verdicts.demo.run import run_demo

    run_demo(stop_at=stop_at)


@app.command()
@one_line
def scrape(
    source: str = typer.Option(..., "--source", help="Registry name, e.g. hn-algolia."),
    file: str = typer.Option(..., "--file", help="A saved response to parse offline."),
) -> None:
    """Parse a saved response offline and print every item it lists as JSON lines."""
    from pathlib import Path

    from verdicts.cli.scrape import scrape_file_command

    scrape_file_command(source, Path(file))


@app.command()
@one_line
def pair(input: str = typer.Option(..., "--input", help="Launches as JSON lines.")) -> None:
    """Choose comparisons among launches (JSON lines in), one JSON pair per line out."""
    from pathlib import Path

    from verdicts.cli.pair import pair_command

    pair_command(Path(input))


app.command()(issues.draft)
app.command()(issues.status)
app.command()(issues.approve)
app.command()(issues.send)
app.command()(issues.pin)
app.command("serve")(serve_command)
app.command()(delivery.deliveries)
app.add_typer(subscribers.app, name="subscribers")
app.add_typer(panel.app, name="panel")
app.add_typer(tools.app, name="tools")
app.command("web")(web_cli.web)
for _verb in (review.review, review.reject, review.edit, review.drop, review.swap, review.skip):
    app.command()(_verb)
app.command()(review.cutoff)
app.command("editor-hash")(review.editor_hash)
app.command("pairing-record")(review.pairing_record)
app.command()(review.candidates)


def main() -> None:
    # Prefect's own telemetry stays off unless the operator turns it on.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    app()


if __name__ == "__main__":
    main()
