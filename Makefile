# The two commands: `make run` (the workshop kit) and `make test` (every test).
# Both set everything up first, on a fresh clone, with only Python 3.11+ and make.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	@touch $@

run: $(STAMP)
	$(BIN)/jnt-fresque atelier

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks apps notebooks
	$(BIN)/ruff format --check src tests benchmarks apps notebooks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_decks.py
	$(BIN)/python benchmarks/bench_print.py
	$(BIN)/python benchmarks/bench_workshop.py
	$(BIN)/python benchmarks/bench_twin.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
