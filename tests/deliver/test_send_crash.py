"""kill -9 in the middle of `verdicts send`, run it again: everyone once, nobody twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from verdicts.settings import get_settings
from verdicts.store import deliveries
from verdicts.store.issues import approve, get_issue

from ..helpers import drafted_issue

WEEK = "2026-W29"
VERDICTS = str(Path(sys.executable).with_name("verdicts"))
PEOPLE = 200


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VERDICTS, *args], capture_output=True, text=True, timeout=120, env=os.environ.copy()
    )


def _in_process(*args: str):
    # The operator's steps run in this process: each CLI start costs seconds here (imports).
    from typer.testing import CliRunner

    from verdicts.cli.main import app

    get_settings.cache_clear()
    return CliRunner().invoke(app, list(args))


def test_sigkill_mid_send_then_rerun_sends_everyone_exactly_once(
    store, sg_settings, fake_sendgrid, monkeypatch
):
    for name, value in {
        "VERDICTS_SEND_BATCH_SIZE": "10",
        "VERDICTS_SEND_CONCURRENCY": "2",
    }.items():
        monkeypatch.setenv(name, value)
    drafted_issue(store, sg_settings, subscribers=PEOPLE)
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="Ed", preflight_ok=True)
    fake_sendgrid.latency_s = 0.15  # recorded on arrival, answered later: a kill can fall between

    first = subprocess.Popen(
        [VERDICTS, "send", WEEK], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while len(fake_sendgrid.record.emails()) < 40 and time.monotonic() < deadline:
        assert first.poll() is None, first.communicate()
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert first.returncode == -signal.SIGKILL
    got_before = len(fake_sendgrid.record.emails())
    assert 40 <= got_before < PEOPLE

    second = _cli("send", WEEK)
    assert second.returncode in (0, 3), second.stderr
    report = json.loads(_in_process("deliveries", WEEK, "--json").stdout)
    # The operator's decision, batch by batch, from what the provider shows for each one.
    for batch in report["ambiguous_batches"]:
        went = batch["batch_id"] in fake_sendgrid.record.batches()
        choice = "--mark-ambiguous-accepted" if went else "--resend-ambiguous"
        done = _in_process(
            "deliveries", WEEK, choice, "--batch", batch["batch_id"], "--operator", "op"
        )
        assert done.exit_code == 0, done.output
    final = _in_process("send", WEEK)
    assert final.exit_code == 0, final.output

    emails = fake_sendgrid.record.emails()
    assert not fake_sendgrid.record.duplicates()
    assert sorted(emails) == sorted(f"reader{i}@example.com" for i in range(PEOPLE))
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        assert deliveries.counts(s, issue.id) == {"accepted": PEOPLE}
        assert issue.state == "sent"
