"""What an operator and a scheduler read after a run: structured log lines, a one-line run summary,
and an exit code.

Exit codes (the CLI's process exit status; under Prefect, the flow run's final state name):

    0  ok         everything ran                                  state Completed
    1  error      the run failed (an exception, a refused action)   state Failed
    2  partial    the draft was stored but some sources broke     state "Partial" (type COMPLETED)
    3  ambiguous  some deliveries may or may not have gone out    state "Ambiguous" (type COMPLETED)

Log lines: with `VERDICTS_LOG_FORMAT=json`, every line the process prints to the console is one
JSON object carrying the Prefect flow run id (and task run id) and the issue week, so a log
pipeline can follow one week or one run across machines. The week comes from `bind_week()` (the
flows call it once they know the week) or else from the flow run's `week` parameter.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from verdicts.settings import Settings


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    PARTIAL = 2
    AMBIGUOUS = 3


STATE_NAMES = {ExitCode.PARTIAL: "Partial", ExitCode.AMBIGUOUS: "Ambiguous"}

_week: ContextVar[str | None] = ContextVar("verdicts_week", default=None)


def bind_week(week: str | None) -> None:
    """Tag every later log line of this run (and the tasks it starts) with the issue week."""
    _week.set(week)


def _prefect_ids() -> dict[str, Any]:
    """Run ids from Prefect's context, without importing Prefect into processes that never ran it."""
    if "prefect.context" not in sys.modules:
        return {}
    from prefect.context import FlowRunContext, TaskRunContext

    ids: dict[str, Any] = {}
    task_ctx = TaskRunContext.get()
    if task_ctx is not None:
        ids["task_run_id"] = str(task_ctx.task_run.id)
        ids["flow_run_id"] = str(task_ctx.task_run.flow_run_id or "") or None
    flow_ctx = FlowRunContext.get()
    if flow_ctx is not None and flow_ctx.flow_run is not None:
        ids["flow_run_id"] = str(flow_ctx.flow_run.id)
        ids["flow_run_name"] = flow_ctx.flow_run.name
        week = (flow_ctx.flow_run.parameters or {}).get("week")
        if isinstance(week, str):
            ids["week_param"] = week
    return ids


def log_context(record: logging.LogRecord) -> dict[str, Any]:
    """The run and issue a log record belongs to (None where unknown)."""
    ids = _prefect_ids()
    attrs = record.__dict__
    flow_run_id = attrs.get("flow_run_id") or ids.get("flow_run_id")
    return {
        "flow_run_id": str(flow_run_id) if flow_run_id else None,
        "flow_run_name": attrs.get("flow_run_name") or ids.get("flow_run_name"),
        "task_run_id": str(attrs.get("task_run_id") or ids.get("task_run_id") or "") or None,
        "week": attrs.get("week") or _week.get() or ids.get("week_param"),
    }


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, run ids, week (+ summary, error)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **log_context(record),
        }
        summary = record.__dict__.get("summary")
        if isinstance(summary, dict):
            line["summary"] = summary
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = {
                "type": record.exc_info[0].__name__,
                "message": str(record.exc_info[1]),
                "traceback": self.formatException(record.exc_info),
            }
        return json.dumps(line, default=str, ensure_ascii=False)


_PREVIOUS = "_verdicts_previous_formatter"


def configure_logging(settings: Settings) -> None:
    """Apply `log_format` to the root console handlers (Prefect's included). Safe to call
    repeatedly; switching back to text restores the formatters JSON replaced."""
    root = logging.getLogger()
    streams = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
    if settings.log_format != "json":
        for handler in streams:
            if isinstance(handler.formatter, JsonLogFormatter):
                handler.setFormatter(getattr(handler, _PREVIOUS, None))
        return
    if not streams:
        handler = logging.StreamHandler(sys.stderr)
        root.addHandler(handler)
        streams = [handler]
    for handler in streams:
        if not isinstance(handler.formatter, JsonLogFormatter):
            setattr(handler, _PREVIOUS, handler.formatter)
            handler.setFormatter(JsonLogFormatter())


def observe(settings: Settings, week: str | None) -> None:
    """What a flow calls first: logging as configured, and its week on every line."""
    configure_logging(settings)
    bind_week(week)


# --- run summaries ---------------------------------------------------------------------------


def build_exit_code(summary: Any) -> ExitCode:
    """Partial when any source broke (the draft was still stored from the others)."""
    return ExitCode.PARTIAL if any(h.errors for h in summary.sources) else ExitCode.OK


def send_exit_code(report: Any) -> ExitCode:
    return ExitCode.AMBIGUOUS if report.ambiguous else ExitCode.OK


def build_record(summary: Any) -> dict[str, Any]:
    code = build_exit_code(summary)
    d = summary.draft
    return {
        "run": "build",
        "week": summary.week,
        "exit_code": int(code),
        "outcome": code.name.lower(),
        "sources_ok": sorted(h.source for h in summary.sources if not h.errors),
        "sources_broken": sorted(h.source for h in summary.sources if h.errors),
        "launches": summary.launches,
        "tools": summary.tools,
        "new_tools": summary.new_tools,
        "comparisons": d.comparisons if d else 0,
        "awaiting_panel": d.awaiting_panel if d else 0,
        "preflight_ok": d.preflight_ok if d else None,
        "content_hash": d.content_hash[:12] if d else None,
        "digest_dir": str(d.digest_dir) if d else None,
    }


def send_record(report: Any) -> dict[str, Any]:
    code = send_exit_code(report)
    return {
        "run": "send",
        "week": report.week,
        "exit_code": int(code),
        "outcome": code.name.lower(),
        "sender": report.sender,
        "sent_now": report.sent_now,
        "batches": report.batches,
        "skipped": report.skipped,
        "reconciled": report.reconciled,
        "ambiguous": report.ambiguous,
        "already_sent": report.already_sent,
        "totals": dict(report.totals),
    }


def log_summary(logger: Any, record: dict[str, Any]) -> None:
    """One line the operator can read (and a log pipeline can parse): `run summary: {json}`."""
    code = ExitCode(record["exit_code"])
    level = logging.INFO if code == ExitCode.OK else logging.WARNING
    logger.log(
        level,
        "run summary: %s",
        json.dumps(record, sort_keys=True, default=str),
        extra={"summary": record},
    )


def final_state(record: dict[str, Any], data: Any) -> Any:
    """The flow's return: `data` for its callers, in a state named for the exit code.

    A partial build or an ambiguous send still completes (its result is usable), but under a
    name Prefect's UI and automations can match on.
    """
    from prefect.states import Completed

    code = ExitCode(record["exit_code"])
    if code == ExitCode.OK:
        return data
    if code == ExitCode.PARTIAL:
        detail = "sources broken: " + ", ".join(record.get("sources_broken", []))
    else:
        ambiguous = record.get("ambiguous", 0)
        count = sum(ambiguous.values()) if isinstance(ambiguous, dict) else ambiguous
        detail = f"{count} deliveries need the operator (verdicts deliveries WEEK)"
    return Completed(data=data, name=STATE_NAMES[code], message=f"{code.name.lower()}: {detail}")
