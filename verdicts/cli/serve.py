"""`verdicts serve`: run the weekly build and the send check as served Prefect deployments."""

from __future__ import annotations

from datetime import UTC, datetime

import typer

from verdicts.cli.common import UserError, one_line, settings
from verdicts.schedule import next_builds, zone
from verdicts.settings import Settings


def describe(cfg: Settings, now: datetime) -> list[str]:
    """What will run when, in words the operator can check before leaving it running."""
    tz = zone(cfg.timezone)
    builds = ", ".join(f"{t.astimezone(tz):%a %d %b %H:%M %Z}" for t in next_builds(cfg, now))
    return [
        f"weekly-build   cron '{cfg.build_cron}' in {cfg.timezone}; next: {builds}",
        f"send-approved  every {cfg.send_check_minutes} min: sends approved issues whose slot "
        f"({cfg.send_slot}, {cfg.timezone}) has come; skips weeks past the approval cutoff",
        "send-issue     on demand: prefect deployment run 'send-issue/send-issue' -p week=2026-W29",
    ]


def _api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


@one_line
def serve(
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="At most this many flow runs at once in this process."
    ),
    show: bool = typer.Option(
        False, "--show", help="Print the deployments and their next runs, then exit."
    ),
) -> None:
    """Serve the weekly build (on VERDICTS_BUILD_CRON) and the send check as Prefect deployments."""
    cfg = settings()
    for line in describe(cfg, datetime.now(UTC)):
        print(line)
    if show:
        return
    if not _api_url():
        # A temporary Prefect server runs no scheduler: nothing would ever fire.
        raise UserError(
            "PREFECT_API_URL is not set: start `prefect server start` (or point at your server) "
            "and set PREFECT_API_URL, else no schedule ever fires"
        )
    from flows.deploy import serve as serve_deployments
    from verdicts.observability import configure_logging

    configure_logging(cfg)
    print(f"serving on {_api_url()} (Ctrl-C stops; schedules pause until the next serve)")
    serve_deployments(cfg, limit=limit)
