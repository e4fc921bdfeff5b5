# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make site   builds both sites into site/facilitator/ and site/workbook/, PDFs into site/pdf/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Stamp files: reinstall only when pyproject.toml changes.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed

.PHONY: site test check serve validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Calendar tests also read .ics files with ical.js (Node.js), as web calendars do.
$(TEST_INSTALLED): pyproject.toml $(INSTALLED) tests/calendar_readers/package-lock.json
	$(BIN)/python -m pip install --quiet -e '.[test]'
	if command -v npm >/dev/null; then npm ci --prefix tests/calendar_readers --no-audit --no-fund --silent; fi
	touch $@

site: $(INSTALLED)
	$(BIN)/iopkit build

# Code checks first (layer contracts, style, types), then the whole suite.
test: $(TEST_INSTALLED) check
	$(BIN)/python -m pytest

check: $(TEST_INSTALLED)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy

serve: $(INSTALLED)
	$(BIN)/iopkit serve

validate: $(INSTALLED)
	$(BIN)/iopkit validate

# Build speed, scaling and page weight (writes bench/RESULTS.md and bench/results.json).
bench: $(TEST_INSTALLED)
	$(BIN)/python bench/run.py

clean:
	rm -rf site
