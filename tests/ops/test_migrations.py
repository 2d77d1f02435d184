"""Migrations apply cleanly to head and back to base, on SQLite and (when DATABASE_URL is set) on
PostgreSQL, and the schema in verdicts/store/schema.py has no drift from what they build: what
`alembic check` would say, run against both dialects."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect

from verdicts.settings import get_settings
from verdicts.store.db import alembic_config
from verdicts.store.schema import Base

DIALECTS = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL") else [])


@pytest.fixture(params=DIALECTS)
def engine(request, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    else:
        url = get_settings().sqlalchemy_url  # conftest has emptied the public schema
    eng = create_engine(url)
    yield eng
    eng.dispose()


def _run(engine: Engine, action: str, target: str) -> None:
    with engine.begin() as conn:
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _drift(engine: Engine) -> list:  # type: ignore[type-arg]
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrations_go_up_to_head_and_down_to_base(engine):
    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    _run(engine, "upgrade", "head")
    assert _tables(engine) == set(Base.metadata.tables)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head

    _run(engine, "downgrade", "base")
    assert _tables(engine) == set()
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is None

    _run(engine, "upgrade", "head")  # and up again: downgrade left nothing behind (types, indexes)
    assert _tables(engine) == set(Base.metadata.tables)


def test_the_schema_has_no_drift_from_the_migrations(engine):
    _run(engine, "upgrade", "head")
    drift = _drift(engine)
    assert drift == [], (
        f"schema.py and the migrations differ (run `make migration MSG=...`): {drift}"
    )
