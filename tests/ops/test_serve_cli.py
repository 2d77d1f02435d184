"""`verdicts serve`: says what will run when, and refuses to serve where no schedule would fire."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from verdicts.cli.main import app
from verdicts.settings import get_settings


def test_show_prints_the_schedules_in_the_editors_timezone(monkeypatch):
    monkeypatch.setenv("VERDICTS_BUILD_CRON", "15 7 * * 1")
    monkeypatch.setenv("VERDICTS_TIMEZONE", "Asia/Tokyo")
    monkeypatch.setenv("VERDICTS_SEND_CHECK_MINUTES", "10")
    get_settings.cache_clear()  # the PostgreSQL reset in conftest has read the settings already
    out = CliRunner().invoke(app, ["serve", "--show"], catch_exceptions=False)
    assert out.exit_code == 0
    build, check, on_demand = out.stdout.strip().splitlines()
    assert build.startswith("weekly-build   cron '15 7 * * 1' in Asia/Tokyo; next: Mon ")
    assert build.count("07:15 JST") == 3
    assert "every 10 min" in check and "send-issue" in on_demand


def _serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verdicts.cli.main", "serve", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_serving_without_a_prefect_server_is_a_one_line_error():
    # A temporary Prefect server runs no scheduler: serving against one would never fire.
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    proc = _serve(env)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: PREFECT_API_URL is not set: start `prefect server start` (or point at your "
        "server) and set PREFECT_API_URL, else no schedule ever fires"
    ]


def test_a_bad_cron_is_a_one_line_error():
    env = {**os.environ, "VERDICTS_BUILD_CRON": "mondays at six"}
    proc = _serve(env, "--show")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: VERDICTS_BUILD_CRON='mondays at six' is not a cron")
