"""What a scheduler and an operator read after a run: exit codes, the state name of a partial
build, and JSON log lines carrying the flow run id and the issue week. Through a real flow run."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from verdicts.demo.run import DEMO_WEEK, snapshot_server
from verdicts.observability import JsonLogFormatter, bind_week, configure_logging
from verdicts.settings import Settings, get_settings

pytestmark = pytest.mark.prefect

# One source that works (the snapshot server answers it) and one that cannot run: its token is
# missing. The build still drafts from the first; the run is partial.
SOURCES = """
[[source]]
kind = "hn-algolia"
url = "https://hn.algolia.com/api/v1/search_by_date"
tags = "show_hn"
min_points = 20
hits_per_page = 100

[[source]]
kind = "producthunt-api"
url = "https://api.producthunt.com/v2/api/graphql"
token_env = "VERDICTS_TEST_TOKEN_NOBODY_SET"
page_size = 20
"""


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """A console handler on the root logger, as Prefect's own is; plain text again afterwards."""
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    root = logging.getLogger()
    root.addHandler(handler)
    yield buf
    root.removeHandler(handler)
    configure_logging(Settings(log_format="text"))


def _harness_api() -> str:
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    assert url, "the session's Prefect test harness is not running"
    return str(url)


def test_a_partial_build_exits_2_and_prints_its_summary_as_json(prefect_harness, tmp_path):
    # A real process (what a scheduler runs), on the session's Prefect server.
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "VERDICTS_TEST_TOKEN_NOBODY_SET"}
    env.update(
        PREFECT_API_URL=_harness_api(),
        PREFECT_LOGGING_LEVEL="INFO",
        VERDICTS_SOURCES_FILE=str(sources),
        VERDICTS_LOG_FORMAT="json",
    )
    with snapshot_server() as origin:
        env["VERDICTS_SOURCE_REBASE"] = origin
        proc = subprocess.run(
            [sys.executable, "-m", "verdicts.cli.main", "draft", "--week", DEMO_WEEK],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )

    assert proc.returncode == 2, proc.stderr[-3000:]
    assert "partial: some sources broke (exit 2)" in proc.stdout
    lines = [json.loads(ln) for ln in proc.stderr.splitlines() if ln.startswith("{")]
    run_ids = {ln["flow_run_id"] for ln in lines if ln["logger"] == "prefect.flow_runs"}
    assert len(run_ids) == 1 and None not in run_ids  # every line of the run names it
    assert all(ln["week"] == DEMO_WEEK for ln in lines if ln["flow_run_id"])
    summaries = [ln for ln in lines if "summary" in ln]
    assert len(summaries) == 1
    line = summaries[0]
    assert line["level"] == "WARNING" and line["message"].startswith("run summary: {")
    assert line["summary"]["outcome"] == "partial" and line["summary"]["exit_code"] == 2
    assert line["summary"]["sources_broken"] == ["producthunt-api"]
    assert line["summary"]["sources_ok"] == ["hn-algolia"]


def test_a_partial_build_completes_in_a_state_named_partial(prefect_harness, tmp_path, monkeypatch):
    import asyncio

    from flows.weekly import BuildSummary, weekly_build

    sources = tmp_path / "sources.toml"
    # Only the source that cannot run: nothing is fetched, the draft is a quiet week.
    sources.write_text(
        SOURCES.split("[[source]]", 2)[0] + "[[source]]" + SOURCES.split("[[source]]", 2)[2]
    )
    monkeypatch.setenv("VERDICTS_SOURCES_FILE", str(sources))
    get_settings.cache_clear()
    state = asyncio.run(weekly_build(week=DEMO_WEEK, return_state=True))
    assert state.is_completed() and state.name == "Partial"
    assert "producthunt-api" in (state.message or "")
    summary = state.result()
    assert isinstance(summary, BuildSummary) and summary.draft is not None


def test_json_lines_outside_a_run_carry_the_bound_week_and_no_run_id(
    console, settings, monkeypatch
):
    monkeypatch.setattr(settings, "log_format", "json")
    configure_logging(settings)
    configure_logging(settings)  # idempotent: still one JSON object per line
    bind_week("2026-W30")
    try:
        logging.getLogger("verdicts.test").warning("hello %s", "operator")
    finally:
        bind_week(None)
    line = json.loads(console.getvalue().strip().splitlines()[-1])
    assert line["message"] == "hello operator" and line["week"] == "2026-W30"
    assert line["flow_run_id"] is None and line["logger"] == "verdicts.test"


def test_text_format_leaves_the_console_alone(console, settings):
    assert settings.log_format == "text"
    configure_logging(settings)
    assert not any(isinstance(h.formatter, JsonLogFormatter) for h in logging.getLogger().handlers)


def test_errors_carry_their_type_and_traceback(console, settings, monkeypatch):
    monkeypatch.setattr(settings, "log_format", "json")
    configure_logging(settings)
    try:
        raise ValueError("bad input")
    except ValueError:
        logging.getLogger("verdicts.test").exception("it broke")
    line = json.loads(console.getvalue().strip().splitlines()[-1])
    assert line["error"]["type"] == "ValueError" and "bad input" in line["error"]["traceback"]


def test_an_ambiguous_send_completes_under_its_own_name_and_code_3():
    from verdicts.deliver.drain import SendReport
    from verdicts.observability import ExitCode, final_state, send_exit_code, send_record

    report = SendReport(week=DEMO_WEEK, sender="sendgrid", sent_now=5, ambiguous=2)
    assert send_exit_code(report) == ExitCode.AMBIGUOUS
    state = final_state(send_record(report), report)
    assert state.is_completed() and state.name == "Ambiguous"
    assert "2 deliveries need the operator" in state.message
    clean = SendReport(week=DEMO_WEEK, sender="sendgrid", sent_now=5)
    assert final_state(send_record(clean), clean) is clean  # ok: the plain result
