"""The orchestrated week's machinery: a real `prefect server` on a loopback port with its own
PREFECT_HOME (on PostgreSQL when the suite runs on PostgreSQL), a real `verdicts serve` process
against it, and a few calls to the server's REST API (plain HTTP, so the test process's own Prefect
settings and session harness stay out of it).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
PREFECT = str(Path(sys.executable).with_name("prefect"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def quiet_prefect_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_LOGGING_LEVEL="WARNING",
    )
    env.pop("PREFECT_API_URL", None)
    return env


def call(api: str, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
    data = None if body is None else json.dumps(body).encode()
    for attempt in range(6):
        req = urllib.request.Request(
            api + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
            return json.loads(raw) if raw else None
        except urllib.error.HTTPError as exc:
            # The server answers 503 while its SQLite database is busy; Prefect's own client
            # retries those too.
            if exc.code != 503 or attempt == 5:
                raise
            time.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


def wait_until(what: str, check: Any, timeout: float, every: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except (OSError, urllib.error.URLError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(every)
    raise TimeoutError(f"{what}: not after {timeout:.0f} s (last: {last!r})")


def _prefect_database(home: Path) -> str | None:
    """On a PostgreSQL run, the Prefect server gets its own fresh database beside ours."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgresql://", "postgres://")):
        return None
    from sqlalchemy import create_engine, make_url, text

    ours = make_url(url.replace("postgres://", "postgresql://", 1)).set(
        drivername="postgresql+psycopg"
    )
    name = f"{ours.database}_prefect"
    engine = create_engine(ours, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return ours.set(drivername="postgresql+asyncpg", database=name).render_as_string(
        hide_password=False
    )


@contextmanager
def prefect_server(tmp: Path, startup_timeout: float = 150) -> Iterator[str]:
    """A real Prefect server (API + scheduler) on 127.0.0.1; yields its API URL."""
    home = tmp / "prefect-server"
    home.mkdir(parents=True)
    env = quiet_prefect_env(home)
    database = _prefect_database(home)
    if database:
        env["PREFECT_API_DATABASE_CONNECTION_URL"] = database
    port = free_port()
    log = (tmp / "prefect-server.log").open("w")
    proc = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_until(
            "prefect server healthy",
            lambda: (
                (proc.poll() is None and call(api, "GET", "/health", timeout=5) is True)
                or _died(proc, tmp / "prefect-server.log")
            ),
            startup_timeout,
        )
        yield api
    finally:
        _stop(proc)
        log.close()


def _died(proc: subprocess.Popen[bytes], log: Path) -> bool:
    if proc.poll() is not None:
        raise RuntimeError(f"process exited {proc.returncode}:\n{log.read_text()[-3000:]}")
    return False


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextmanager
def verdicts_serve(api: str, tmp: Path, env: dict[str, str]) -> Iterator[Path]:
    """`verdicts serve` against the server, polling often; yields the path of its console log."""
    home = tmp / "prefect-client"
    home.mkdir(parents=True)
    full = quiet_prefect_env(home)
    full.update(
        PREFECT_API_URL=api,
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_LOGGING_LEVEL="INFO",
        **env,
    )
    log_path = tmp / "verdicts-serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "verdicts.cli.main", "serve"],
        env=full,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield log_path
        _died(proc, log_path)
    finally:
        _stop(proc)
        log.close()


def deployment_id(api: str, flow: str, deployment: str, timeout: float = 90) -> str:
    def found() -> str | None:
        try:
            return str(call(api, "GET", f"/deployments/name/{flow}/{deployment}")["id"])
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise

    return str(wait_until(f"deployment {flow}/{deployment} served", found, timeout))


def run_deployment(api: str, dep_id: str, parameters: dict[str, Any]) -> str:
    run = call(api, "POST", f"/deployments/{dep_id}/create_flow_run", {"parameters": parameters})
    return str(run["id"])


def flow_run(api: str, run_id: str) -> dict[str, Any]:
    return call(api, "GET", f"/flow_runs/{run_id}")  # type: ignore[no-any-return]


def wait_for_state(
    api: str, run_id: str, types: set[str] | frozenset[str] = frozenset(FINAL), timeout: float = 240
) -> dict[str, Any]:
    def reached() -> dict[str, Any] | None:
        state = flow_run(api, run_id)["state"] or {}
        return state if state.get("type") in types else None

    return wait_until(f"flow run {run_id} to reach {sorted(types)}", reached, timeout)  # type: ignore[no-any-return]


def json_lines(path: Path) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
    return out
