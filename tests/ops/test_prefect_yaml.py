"""prefect.yaml stays in step with the code: its entrypoints load the flows `verdicts serve`
serves, under the same names, and its schedules are the settings' defaults."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import yaml
from prefect.flows import load_flow_from_entrypoint

from flows.deploy import deployments
from verdicts.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def test_every_entrypoint_loads_the_flow_that_is_served(monkeypatch):
    monkeypatch.chdir(ROOT)  # workers resolve entrypoints from the release's directory
    served = {d.name: d.flow_name for d in deployments(Settings(_env_file=None))}  # type: ignore[call-arg]
    listed = {d["name"]: d["entrypoint"] for d in _config()["deployments"]}
    assert set(listed) == set(served)
    for name, entrypoint in listed.items():
        assert load_flow_from_entrypoint(entrypoint).name == served[name], name


def test_schedules_are_the_settings_defaults():
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    by_name = {d["name"]: d for d in _config()["deployments"]}
    (build,) = by_name["weekly-build"]["schedules"]
    assert build["cron"] == defaults.build_cron and build["timezone"] == defaults.timezone
    (check,) = by_name["send-approved"]["schedules"]
    assert timedelta(seconds=check["interval"]) == timedelta(minutes=defaults.send_check_minutes)
    assert "schedules" not in by_name["send-issue"]


def test_every_deployment_runs_on_the_process_pool_one_at_a_time():
    for d in _config()["deployments"]:
        assert d["work_pool"]["name"] == "verdicts" and d["concurrency_limit"] == 1, d["name"]
        env = d["work_pool"]["job_variables"]["env"]
        # Secrets come from each worker's environment, never from this file.
        assert not any("KEY" in k or "SECRET" in k or "PASSWORD" in k for k in env), env
