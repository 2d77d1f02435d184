"""Served deployments: the weekly build on a cron in the editor's timezone, a periodic
`send-approved` that sends every approved issue whose send slot has come, and an on-demand
`send-issue` (for an operator, or an approval path that wants the send to start at once).

`verdicts serve` runs them all in one process (`prefect.serve`). On several machines the same flows
are deployed to a process work pool instead (prefect.yaml); docs/operations.md has the topology.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from prefect import flow, get_run_logger
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron, Interval
from sqlalchemy import select

from flows.send import send_flow
from flows.weekly import weekly_build
from verdicts.lifecycle import State
from verdicts.observability import (
    ExitCode,
    configure_logging,
    final_state,
    log_summary,
    send_exit_code,
)
from verdicts.review.actions import apply_cutoff
from verdicts.schedule import Candidate, check_cron, decide, zone
from verdicts.settings import Settings, get_settings
from verdicts.store.db import open_store
from verdicts.store.schema import IssueRow, utcnow

BUILD = "weekly-build"
SEND_APPROVED = "send-approved"
SEND_ISSUE = "send-issue"
TAGS = ["verdicts"]


@dataclass
class SendRound:
    """What one `send-approved` run did, week by week."""

    sent: dict[str, int] = field(default_factory=dict)  # week -> messages sent now
    waiting: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    skipped_by_cutoff: list[str] = field(default_factory=list)
    ambiguous: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> ExitCode:
        if self.failed:
            return ExitCode.ERROR
        return ExitCode.AMBIGUOUS if self.ambiguous else ExitCode.OK

    def record(self) -> dict[str, Any]:
        code = self.exit_code
        return {
            "run": SEND_APPROVED,
            "exit_code": int(code),
            "outcome": code.name.lower(),
            "sent": self.sent,
            "waiting": self.waiting,
            "stale": self.stale,
            "skipped_by_cutoff": self.skipped_by_cutoff,
            "ambiguous": self.ambiguous,
            "failed": self.failed,
        }


def _candidates(settings: Settings) -> list[Candidate]:
    store = open_store(settings.sqlalchemy_url)
    with store.transaction() as s:
        rows = s.scalars(
            select(IssueRow).where(IssueRow.state.in_([State.APPROVED, State.SENDING]))
        )
        return [Candidate(r.week, r.state, r.send_after) for r in rows]


@flow(name=SEND_APPROVED)
def send_approved(now: datetime | None = None) -> SendRound:
    """Skip weeks that missed the approval cutoff, then send each approved issue whose slot has
    come. Drafts and issues in review are never candidates; the drain refuses them anyway."""
    logger = get_run_logger()
    settings = get_settings()
    configure_logging(settings)
    now = now or utcnow()
    result = SendRound()
    result.skipped_by_cutoff = apply_cutoff(open_store(settings.sqlalchemy_url), settings, now=now)
    for week in result.skipped_by_cutoff:
        logger.warning("%s: no approval by the cutoff, the week is skipped", week)
    for d in decide(_candidates(settings), now, settings):
        if d.action == "wait":
            result.waiting.append(d.week)
        elif d.action == "stale":
            result.stale.append(d.week)
            logger.warning("%s not sent: %s", d.week, d.why)
        else:
            logger.info("%s: %s", d.week, d.why)
            try:
                report = send_flow(week=d.week, actor=SEND_APPROVED)
            except Exception as exc:  # one week's refusal must not stop the others
                result.failed[d.week] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                logger.error("%s: send failed: %s", d.week, result.failed[d.week])
                continue
            result.sent[d.week] = report.sent_now
            if send_exit_code(report) == ExitCode.AMBIGUOUS:
                result.ambiguous[d.week] = report.ambiguous
    record = result.record()
    log_summary(logger, record)
    if result.failed:
        raise RuntimeError(f"send failed for {', '.join(sorted(result.failed))}")
    return final_state(record, result)


def _deployment(flow_obj: Any, **kwargs: Any) -> RunnerDeployment:
    made = flow_obj.to_deployment(
        # A module entrypoint runs from any directory where the package is installed.
        entrypoint_type=EntrypointType.MODULE_PATH,
        tags=TAGS,
        **kwargs,
    )
    assert isinstance(made, RunnerDeployment)  # called from sync code: the value, not a coroutine
    return made


def deployments(settings: Settings) -> list[RunnerDeployment]:
    """The three deployments `verdicts serve` serves, with schedules read from the settings."""
    zone(settings.timezone)  # a bad timezone fails here, in words, not inside Prefect
    return [
        _deployment(
            weekly_build,
            name=BUILD,
            schedules=[Cron(check_cron(settings.build_cron), timezone=settings.timezone)],
            description="Scrape, resolve, pair, attach the panel, render and store the week's "
            "draft for the editor; waits for the editor's decision. Never sends.",
        ),
        _deployment(
            send_approved,
            name=SEND_APPROVED,
            schedules=[Interval(timedelta(minutes=settings.send_check_minutes))],
            description="Send every approved issue whose send slot has come; skip weeks that "
            "missed the approval cutoff.",
        ),
        _deployment(
            send_flow,
            name=SEND_ISSUE,
            description="Send one approved, unchanged issue now (parameter: week).",
        ),
    ]


def serve(settings: Settings, *, limit: int | None = None) -> None:
    """Serve the deployments until interrupted. Prefect pauses their schedules on shutdown (no
    runs pile up while nothing is serving) and the next `serve` resumes them."""
    from prefect import serve as prefect_serve

    prefect_serve(*deployments(settings), limit=limit)
