# The two commands: `make run` (the workshop kit) and `make test` (every test).
# Both set everything up first, on a fresh clone, with only Python 3.11+ and make.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint messages notebooks bench conformance lock clean

# The exact versions come from constraints.txt (see `lock`); the ranges from pyproject.toml.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[all,test]'
	@touch $@

run: $(STAMP)
	$(BIN)/jnt-fresque atelier

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conformance apps notebooks
	$(BIN)/ruff format --check src tests benchmarks conformance apps notebooks
	$(BIN)/mypy

# The message catalogues: the keys the code names (babel.cfg) into the template, the
# template into each language's .po (new keys empty, keys no code names dropped), then
# the .mo files (the wheel compiles its own: hatch_build.py).
LOCALE := src/jnt_fresque/i18n/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
		-o $(LOCALE)/jnt_fresque.pot .
	$(BIN)/pybabel update -i $(LOCALE)/jnt_fresque.pot -d $(LOCALE) -D jnt_fresque \
		--no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel compile -d $(LOCALE) -D jnt_fresque --statistics

# The lessons in every language: each catalogue (notebooks/locale/<lang>/*.po) follows its French
# lesson, then the translated notebooks and the syllabus pages are written again. It lists the
# cells still to translate and fails while there are some (see notebooks/README.md).
notebooks: $(STAMP)
	$(BIN)/python -m jnt_fresque.app.lesson_translation update
	$(BIN)/python -m jnt_fresque.app.lesson_translation build

bench: $(STAMP)
	@set -e; for script in benchmarks/[!_]*.py; do \
		echo "== $$script"; $(BIN)/python "$$script"; \
	done
	$(BIN)/python benchmarks/load_atelier.py --baseline

# ETSI's NGSI-LD conformance suite against a fresh embedded broker; needs ../shared beside the
# clone (the suite installs Robot Framework from PyPI). The core subset fails below 85 %, below
# 80 % in the temporal groups 020/021, or on any HTTP 500; the subscriptions below 80 %.
conformance: $(STAMP)
	$(BIN)/python conformance/run.py
	$(BIN)/python conformance/run.py --subscriptions

# constraints.txt: the newest releases the ranges in pyproject.toml allow, installed in a
# throwaway environment on Python 3.11 and frozen. Run it to move the versions on, then
# `make test`, and commit constraints.txt.
lock:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "make lock needs Python 3.11 (set PYTHON=...)")'
	@set -e; \
	tmp=$$($(PYTHON) -c 'import tempfile; print(tempfile.mkdtemp(prefix="jnt-fresque-lock-"))'); \
	trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	py="$$tmp/venv/bin/python"; \
	$$py -m pip install --quiet --upgrade pip; \
	$$py -m pip install --quiet -e '.[all,test]'; \
	$$py -m pip freeze --exclude-editable | LC_ALL=C sort -f > "$$tmp/frozen"; \
	if grep -Ev '^[A-Za-z0-9._-]+==[^ ;@]+$$' "$$tmp/frozen"; then \
		echo "make lock: the lines above are not plain name==version pins" >&2; exit 1; \
	fi; \
	{ \
		echo "# The exact versions that \`make\` installs, direct and transitive, on Python 3.11:"; \
		echo "# pip install -c constraints.txt -e '.[all,test]'. Made by \`make lock\` (a fresh"; \
		echo "# environment, the newest releases pyproject.toml allows, pip freeze); do not edit."; \
		cat "$$tmp/frozen"; \
	} > constraints.txt; \
	echo "constraints.txt: $$(wc -l < "$$tmp/frozen" | tr -d ' ') packages"

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
