# supportctl — everything a fresh machine (Python 3.11, pip, node/npm) needs is installed from here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
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

bench: install
	$(PY) -m pip install --quiet -e '.[bench]' 2>&1 | grep -v '^WARNING: Location' || true
	# web3's eth-keyfile caps pycryptodome below 4; the bench uses only web3's HTTP provider, supportctl wants 4.x
	$(PY) -m pip install --quiet 'pycryptodome>=4.4' 2>&1 | grep -v '^WARNING: Location\|eth-keyfile\|dependency resolver' || true
	$(PY) bench/startup.py
	$(PY) bench/deposit.py
	$(PY) bench/venue.py
	$(PY) bench/bulk.py

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
