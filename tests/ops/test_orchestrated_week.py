"""A real orchestrated week: a real `prefect server`, `verdicts serve` in its own process, the
weekly build triggered through the server's API, the editor's approval, the send-approved run, and
the issue accepted by the fake SendGrid on loopback, once per subscriber.

It costs about a minute (a fresh Prefect server, flow runs in subprocesses), so it runs when
VERDICTS_ORCHESTRATED=1; `.ci/run` sets it.
"""

from __future__ import annotations

import os

import pytest

from verdicts.demo.run import (
    DEMO_SOURCES,
    DEMO_SUBSCRIBERS,
    DEMO_WEEK,
    PANEL_FILE,
    SEED_PAIR,
    snapshot_server,
)
from verdicts.store.issues import get_issue

from ..deliver.fake_sendgrid import API_KEY, FakeSendGrid
from .orchestrated import (
    FINAL,
    call,
    deployment_id,
    json_lines,
    prefect_server,
    run_deployment,
    verdicts_serve,
    wait_for_state,
    wait_until,
)

pytestmark = pytest.mark.skipif(
    os.environ.get("VERDICTS_ORCHESTRATED") != "1",
    reason="slow (about a minute): set VERDICTS_ORCHESTRATED=1 (.ci/run does)",
)

EDITOR = "Orla Operator (orchestrated test)"


def _seed(store) -> None:  # type: ignore[no-untyped-def]
    """What an editor has done before the week: panel verdicts, readers, a pinned pair."""
    from verdicts.build import pin_pair
    from verdicts.panel.load import load_panel_file
    from verdicts.store.panel import import_panel
    from verdicts.store.subscribers import add_active

    with store.transaction() as s:
        import_panel(s, load_panel_file(PANEL_FILE))
        add_active(s, DEMO_SUBSCRIBERS, source="orchestrated-test")
    pin_pair(store, DEMO_WEEK, *SEED_PAIR, editor=EDITOR)


def _state(store) -> str:  # type: ignore[no-untyped-def]
    with store.transaction() as s:
        try:
            return str(get_issue(s, DEMO_WEEK).state)
        except LookupError:
            return ""


def test_a_served_week_builds_waits_for_approval_and_sends_once(tmp_path, store, settings):
    _seed(store)
    fake = FakeSendGrid()
    fake.start()
    try:
        with (
            snapshot_server() as origin,
            prefect_server(tmp_path) as api,
            verdicts_serve(
                api,
                tmp_path,
                {
                    "VERDICTS_SOURCE_REBASE": origin,
                    "VERDICTS_SENDER": "sendgrid",
                    "SENDGRID_API_KEY": API_KEY,
                    "VERDICTS_SENDGRID_HOST": fake.url,
                    "VERDICTS_SEND_MAX_RPS": "0",
                    "VERDICTS_LOG_FORMAT": "json",
                },
            ) as serve_log,
        ):
            build = deployment_id(api, "weekly-build", "weekly-build")
            run_id = run_deployment(api, build, {"week": DEMO_WEEK, "sources": DEMO_SOURCES})
            # Under a deployment the build stores the draft, then pauses on the editor's form.
            paused = wait_for_state(api, run_id, {"PAUSED", *FINAL})
            assert paused["type"] == "PAUSED", paused
            assert _state(store) == "draft"
            assert not set(fake.record.emails()) & set(DEMO_SUBSCRIBERS)  # the build never sends
            answer = {"approved": True, "editor": EDITOR, "notes": "orchestrated test"}
            call(api, "POST", f"/flow_runs/{run_id}/resume", {"run_input": answer})
            state = wait_for_state(api, run_id)
            assert state["type"] == "COMPLETED", state
            assert _state(store) == "approved"

            # Any send-approved run may deliver it (the served interval schedule can fire too);
            # the ledger makes sure each reader gets it exactly once whichever run does.
            sender = deployment_id(api, "send-approved", "send-approved")
            send_run = run_deployment(api, sender, {})
            assert wait_for_state(api, send_run)["type"] == "COMPLETED"
            wait_until("issue sent", lambda: _state(store) == "sent", 60)
            lines = json_lines(serve_log)
    finally:
        fake.stop()

    # The editor's notice went through the same fake; each reader got the issue exactly once.
    readers = [e for e in fake.record.emails() if e in DEMO_SUBSCRIBERS]
    assert sorted(readers) == sorted(DEMO_SUBSCRIBERS)
    # Structured logs from the served runs carry the run id and the issue week.
    build_lines = [ln for ln in lines if ln.get("flow_run_id") == run_id]
    assert build_lines and all(ln["week"] == DEMO_WEEK for ln in build_lines)
    summaries = [ln["summary"] for ln in build_lines if "summary" in ln]
    assert summaries and summaries[-1]["run"] == "build" and summaries[-1]["exit_code"] == 0
    assert any(ln.get("summary", {}).get("run") == "send" for ln in lines)
