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

.PHONY: book build test checks lint pytest js-test bench serve clean lock bundles notebooks pdf

# The venv is (re)installed whenever requirements.txt changes.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# esbuild and the vega libraries, exactly as package-lock.json says.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser files the package ships (widgets/ui/bundles/: each calculator's front end bundled by
# esbuild; widgets/ui/vendor/: vega) are committed, so an installed package needs no node. After
# editing widgets/ui/js/ or package-lock.json, run this and commit them: the build and the tests
# fail while one is stale. (A change under widgets/ or data/ re-executes the notebooks in any
# build: book/_ext/fresh_inputs.py.)
bundles: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m widgets.ui.esm

# Re-execute the calculator notebooks in place after changing one (pytest-notebook compares their
# outputs); the committed files keep no widget state: the build embeds it.
notebooks: $(STAMP)
	$(BIN)/python -m tests.notebook_outputs book/calculators/*.ipynb

book: build
	@echo "Built. Open $(CURDIR)/$(HTML)/index.html"

# Strict: any warning (broken reference, citation, failed notebook) fails the build.
build: $(STAMP) $(NODE_STAMP)
	@echo "jupyter-book build . -W -n --keep-going"
	@$(BIN)/jupyter-book build . -W -n --keep-going || { \
	  echo "Build failed. Notebook execution reports, if any: $(CURDIR)/$(HTML)/reports"; \
	  ls $(HTML)/reports 2>/dev/null || true; exit 1; }

# The whole book as one PDF; each calculator prints its result as text there. Needs TeX from
# Debian (about 80 MB): apt-get install --no-install-recommends texlive-latex-extra
# texlive-xetex latexmk texlive-fonts-recommended fonts-freefont-otf
PDF := _build/latex/alemtuzumab-kb.pdf
pdf: $(STAMP)
	$(BIN)/jupyter-book build . --builder pdflatex
	@echo "Built. Open $(CURDIR)/$(PDF)"

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

# Re-resolve the lock from requirements.in with uv (itself from the lock): every platform, Python
# 3.11 and later, with hashes. Pins stay where requirements.in allows; LOCK_FLAGS=--upgrade takes
# the newest releases. Commit requirements.txt afterwards.
LOCK_FLAGS ?=
lock: $(STAMP)
	UV_CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/uv pip compile --quiet --universal \
	  --generate-hashes --python-version 3.11 $(LOCK_FLAGS) requirements.in -o requirements.txt
