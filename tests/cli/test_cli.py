import csv
import io
import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from verdicts.cli.main import app

from ..helpers import drafted_issue

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_user_mistakes_are_one_line_errors_without_tracebacks(tmp_path):
    # A real process, so what the user sees is exactly stderr and the exit code.
    env = {**os.environ, "VERDICTS_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "verdicts.cli.main", "approve", "2026-W99", "--editor", "Ed"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["error: '2026-W99' is not a week that exists"]
    assert "Traceback" not in proc.stderr


def test_status_json_and_approve_flow(store, settings):
    drafted_issue(store, settings)
    out = run("status", "--json")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows[0]["week"] == "2026-W29" and rows[0]["state"] == "draft"
    assert run("approve", "2026-W29", "--editor", "Ed").exit_code == 0
    again = run("approve", "2026-W29", "--editor", "Ed")
    assert again.exit_code == 1 and "already approved" in again.stderr
    sent = run("send", "2026-W29")
    assert sent.exit_code == 0 and "3 sent now" in sent.stdout
    second = run("send", "2026-W29")
    assert "already sent: nothing sent now" in second.stdout


def test_send_refuses_a_draft(store, settings):
    drafted_issue(store, settings)
    result = run("send", "2026-W29")
    assert result.exit_code == 1 and "not approved" in result.stderr


def test_subscribers_import_and_export(tmp_path, store):
    f = tmp_path / "subs.csv"
    f.write_text("email,status\nann@example.com,\nben@example.com,unsubscribed\n")
    assert "2 added" in run("subscribers", "import", str(f)).stdout
    rows = list(csv.DictReader(io.StringIO(run("subscribers", "export").stdout)))
    assert {(r["email"], r["status"]) for r in rows} == {
        ("ann@example.com", "active"),
        ("ben@example.com", "unsubscribed"),
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("email\nnope\n")
    result = run("subscribers", "import", str(bad))
    assert result.exit_code == 1 and "bad.csv:line 2" in result.stderr
