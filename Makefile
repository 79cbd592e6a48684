# supportctl — everything a fresh machine (Python 3.11, pip, node/npm) needs is installed from here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BENCH_VENV := .bench-venv
PY := $(VENV)/bin/python
TOOLS := .tools
ANVIL := $(TOOLS)/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
NPM_PACKAGES := @foundry-rs/anvil-linux-amd64@1.7.1 solc@0.8.26

.PHONY: install demo test fuzz lint typecheck bench clean

install: $(VENV)/.installed $(ANVIL)

$(VENV)/.installed: pyproject.toml tests/plugins/backoffice_example/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(PY) -m pip install --quiet -e '.[dev]' 2>&1 | grep -v '^WARNING: Location' || true
	$(PY) -m pip install --quiet -e tests/plugins/backoffice_example 2>&1 | grep -v '^WARNING: Location' || true
	$(PY) -c 'import supportctl, typer, rich, httpx, respx, pytest, hypothesis'
	touch $@

$(ANVIL):
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) $(NPM_PACKAGES)
	$(ANVIL) --version | head -1

demo: install
	$(PY) scripts/demo.py

test: install
	$(PY) -m pytest
	$(VENV)/bin/ruff check supportctl tests devchain scripts bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The fuzz suite with the long hypothesis profile: many more examples, a new seed each run, failures remembered
# in .hypothesis/ (`make test` runs the same suite derandomized, in under a minute).
fuzz: install
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/fuzz --hypothesis-show-statistics $(FUZZ_ARGS)

# The web3 baseline of bench/bulk.py lives in a virtual environment of its own, with web3 only: web3's eth-keyfile
# pins pycryptodome below 4, supportctl needs 4.x, and one environment cannot hold both.
$(BENCH_VENV)/.installed:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BENCH_VENV)/bin/python -m pip install --quiet 'web3>=6' 2>&1 | grep -v '^WARNING: Location' || true
	$(BENCH_VENV)/bin/python -c 'import web3'
	touch $@

# BULK_ARGS: e.g. --sizes 10000,100000 for a shorter scale part (see bench/bulk.py --help).
# Every bench runs, whatever the one before found; the target exits 1 if any missed its goal (each says which).
bench: install $(BENCH_VENV)/.installed
	@status=0; \
	$(PY) bench/startup.py || status=1; \
	$(PY) bench/deposit.py || status=1; \
	$(PY) bench/venue.py || status=1; \
	$(PY) bench/bulk.py --web3 $(BENCH_VENV)/bin/python $(BULK_ARGS) || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
