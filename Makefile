# Two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit unit-postgresql catalogues catalogues-check clean

run: $(VENV)/.installed
	$(BIN)/foidesk

test: $(VENV)/.installed-test catalogues-check lint typecheck unit unit-postgresql

lint: $(VENV)/.installed-test
	$(BIN)/ruff check foidesk tests benchmarks scripts
	$(BIN)/ruff format --check foidesk tests benchmarks scripts

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

# The core suite again, each profile on a database of its own on a real PostgreSQL
# server (tests/helpers/engines.py); what only SQLite has is skipped with its reason.
unit-postgresql: $(VENV)/.installed-test
	$(BIN)/pytest tests/core --engine=postgresql $(PYTEST_ARGS)

# Re-extract foidesk/locale/foidesk.pot, update every language's .po and compile its .mo.
catalogues: $(VENV)/.installed
	$(BIN)/python scripts/catalogues.py update

# Fails on a stale extraction, a fuzzy or untranslated entry, a placeholder mismatch or
# a .mo that is not its .po (docs/translating.md).
catalogues-check: $(VENV)/.installed
	$(BIN)/python scripts/catalogues.py check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
