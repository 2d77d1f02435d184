"""Shared test set-up: every test gets its own data folder and a fresh store (SQLite by default,
PostgreSQL when DATABASE_URL is set), and nothing reaches beyond 127.0.0.1."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Prefect: its home, and telemetry off.
_PREFECT_HOME = tempfile.mkdtemp(prefix="verdicts-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from verdicts.settings import Settings, get_settings  # noqa: E402
from verdicts.store.db import Store, forget_stores, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VERDICTS_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VERDICTS_DIGESTS_DIR", str(tmp_path / "digests"))
    monkeypatch.setenv("VERDICTS_SECRET_KEY", "test-secret-key-not-for-production")
    # Chromium screenshots of every draft cost seconds; tests/render checks them directly.
    monkeypatch.setenv("VERDICTS_SCREENSHOTS", "false")
    for name in ("VERDICTS_SOURCE_REBASE", "VERDICTS_SENDER", "SENDGRID_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    forget_stores()
    if os.environ.get("DATABASE_URL"):
        _reset_postgres(get_settings().sqlalchemy_url)
    yield
    forget_stores()
    get_settings.cache_clear()


@pytest.fixture
def settings() -> Settings:
    return get_settings()


@pytest.fixture
def store(settings: Settings) -> Store:
    return open_store(settings.sqlalchemy_url)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test server for the whole session (a fresh one costs 11-15 s here)."""
    from prefect.settings import temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings(updates={"flows.heartbeat_frequency": None}),
    ):
        yield
