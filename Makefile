# Two commands from a fresh clone: `make book` builds the site, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
HTML := _build/html
PORT ?= 8000

.PHONY: book build test checks lint pytest js-test bench serve clean lock

# The venv is (re)installed whenever requirements.txt changes.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# The vendored browser libraries (vega for Altair charts), exactly as package-lock.json says.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# myst-nb caches executed notebooks by their code cells only; a change to the package or the
# data they read must re-execute them, so such a change empties the execution cache and
# the saved doctrees (without which Sphinx would not read the unchanged notebooks again).
NB_INPUTS := $(shell find widgets data -type f \( -name '*.py' -o -name '*.js' -o -name '*.css' -o -name '*.yaml' \) 2>/dev/null)
NB_STAMP := _build/.nb-inputs
$(NB_STAMP): $(NB_INPUTS)
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build && touch $@

book: build
	@echo "Built. Open $(CURDIR)/$(HTML)/index.html"

# Strict: any warning (broken reference, citation, failed notebook) fails the build.
build: $(STAMP) $(NODE_STAMP) $(NB_STAMP)
	@echo "jupyter-book build . -W -n --keep-going"
	@$(BIN)/jupyter-book build . -W -n --keep-going || { \
	  echo "Build failed. Notebook execution reports, if any: $(CURDIR)/$(HTML)/reports"; \
	  ls $(HTML)/reports 2>/dev/null || true; exit 1; }

lint: $(STAMP)
	$(BIN)/ruff check .

pytest: $(STAMP)
	$(BIN)/python -m pytest

js-test:
	node --test tests/js/

# Every check; the wall time is kept in _build/test-time.json for `make bench` to report.
test:
	@start=$$(date +%s); $(MAKE) --no-print-directory checks; \
	mkdir -p _build; echo "{\"seconds\": $$(( $$(date +%s) - start ))}" > _build/test-time.json

checks: lint build pytest js-test

# Build time, page weight and calculator speed against their budgets (not part of `make test`).
BENCH_STAMP := $(VENV)/.bench-$(shell cksum < requirements-bench.txt | cut -d' ' -f1)
$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: build $(BENCH_STAMP)
	$(BIN)/python tests/bench.py

serve:
	@echo "Serving $(HTML) on http://127.0.0.1:$(PORT)/"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

clean:
	rm -rf _build

# Refresh the full lock from requirements.in (run by a maintainer, then commit requirements.txt).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Full lock made by 'make lock' from requirements.in. Do not edit by hand."; \
	  .lockvenv/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip=='; } > requirements.txt
	rm -rf .lockvenv
