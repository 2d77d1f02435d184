"""`verdicts web`: serve the reader pages, the public archive and the editor's pages."""

from __future__ import annotations

import typer

from verdicts.cli.common import one_line, settings


@one_line
def web(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8080, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the web app: subscribe, confirm, vote, preferences, unsubscribe, archive."""
    from verdicts.web.app import run

    cfg = settings()
    print(f"serving on http://{host}:{port}/ (links in emails use {cfg.base_url})")
    run(host, port, cfg, print_fn=None)
