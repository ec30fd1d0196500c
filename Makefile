# Two commands from a fresh clone: `make book` builds the site, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
HTML := _build/html
# Every build is made in a staging folder; only a build that passes replaces $(HTML), so a failed
# build never leaves a site that could be published (the previous good one stays as it was). The
# new site takes the old one's place in one step (book/_ext/publish.py), so none is ever missing.
# A failed build also forgets what it read (the pickled environment): Sphinx would otherwise take
# the faulty page as read, and the next build would pass without reading it or warning again.
STAGE := _build/stage
STAGE_HTML := $(STAGE)/_build/html
REPORTS := _build/reports
JUPYTER_BOOK ?= $(BIN)/jupyter-book
PORT ?= 8000
# Quiet by default: each suite prints a summary and its failures, the build only its warnings.
# `make test V=1` (or `make book V=1`) prints everything: Sphinx's progress, every test's name.
V ?=

.PHONY: book build test checks lint pytest js-test bench serve clean lock bundles notebooks pdf frame-heights

# The venv is (re)installed whenever requirements.txt changes.
# uv, itself pinned and hashed in the lock, installs the lock several times faster than pip: pip
# installs just uv (its entry cut from requirements.txt), uv installs the rest, hashes checked.
# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (CI machines often set it) no .pyc is
# ever written, and every Python process of a build or a test run (about twenty) would parse
# Sphinx, Altair and Jupyter from source again; compiling once at install costs about 9 s.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	awk '/^uv==/ {on = 1} on {print} on && !/\\$$/ {exit}' requirements.txt > $(VENV)/uv-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv-lock.txt
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# esbuild and the vega libraries, exactly as package-lock.json says.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser files the package ships (widgets/alemtuzumab_kb/ui/bundles/: each calculator's front end bundled by
# esbuild; widgets/alemtuzumab_kb/ui/vendor/: vega) are committed, so an installed package needs no node. After
# editing widgets/alemtuzumab_kb/ui/js/ or package-lock.json, run this and commit them: the build and the tests
# fail while one is stale. (A change under widgets/ or data/ re-executes the notebooks in any
# build: book/_ext/fresh_inputs.py.)
bundles: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m alemtuzumab_kb.ui.esm

# Re-execute the calculator notebooks in place after changing one (pytest-notebook compares their
# outputs); the committed files keep no widget state: the build embeds it.
notebooks: $(STAMP)
	$(BIN)/python -m tests.notebook_outputs book/calculators/*.ipynb

# Measure each embed page's height at typical frame widths in Chromium, for the Embed snippet's
# starting height (widgets/alemtuzumab_kb/ui/frame_heights.json; tests/test_embeds.py fails when
# a stored height has drifted). Needs a built site.
frame-heights: $(STAMP)
	$(BIN)/python -m tests.frame_heights

# The page to open, as a file:// address with its spaces and other specials escaped.
book: build
	@$(BIN)/python -c 'import pathlib, sys; print("Built. Open " + pathlib.Path(sys.argv[1]).resolve().as_uri())' $(HTML)/index.html

# Strict: any warning (broken reference, citation, data fault, failed notebook) fails the build.
# A failed build publishes nothing: its pages are deleted, its notebook execution reports kept.
# Quiet (-q), Sphinx prints only warnings; jupyter-book's closing banner, which names the staging
# copy rather than the published site, goes to _build/build.log.
BUILD_QUIET := $(if $(V),,-q)
BUILD_LOG := $(if $(V),,> _build/build.log)
build: $(STAMP) $(NODE_STAMP)
	@echo "jupyter-book build . -W -n --keep-going (in $(STAGE); published to $(HTML) if it passes)"
	@rm -rf $(REPORTS) && mkdir -p _build
	@$(JUPYTER_BOOK) build . --path-output $(STAGE) -W -n --keep-going $(BUILD_QUIET) $(BUILD_LOG) || { \
	  if [ -d $(STAGE_HTML)/reports ]; then mv $(STAGE_HTML)/reports $(REPORTS); fi; \
	  rm -rf $(STAGE_HTML) $(STAGE)/_build/.doctrees/environment.pickle; \
	  echo "Build failed: nothing was published, $(HTML) is as it was before."; \
	  echo "Notebook execution reports, if any: $(CURDIR)/$(REPORTS)"; \
	  ls $(REPORTS) 2>/dev/null || true; exit 1; }
	@rm -rf $(HTML).new && cp -a $(STAGE_HTML) $(HTML).new && $(PYTHON) book/_ext/publish.py $(HTML).new $(HTML)

# The whole book as one PDF; each calculator prints its result as text there. Needs TeX from
# Debian (about 80 MB): apt-get install --no-install-recommends texlive-latex-extra
# texlive-xetex latexmk texlive-fonts-recommended fonts-freefont-otf
PDF := _build/latex/alemtuzumab-kb.pdf
pdf: $(STAMP)
	$(BIN)/jupyter-book build . --builder pdflatex
	@echo "Built. Open $(CURDIR)/$(PDF)"

lint: $(STAMP)
	@$(BIN)/ruff check $(if $(V),,--quiet) . && echo "ruff: no problems"

# Two processes (pytest-xdist), one per core of the CI machine; the tests of a module that starts
# something expensive once (a JupyterLab server, a built wheel) share one process (xdist_group).
PYTEST_WORKERS ?= 2

# pytest-notebook describes its settings with types docutils cannot convert and says so with a
# UserWarning as each process loads it (before pytest's own warning filters apply): harmless.
PYTEST_QUIET := $(if $(V),,-q --no-header -p no:cacheprovider)
pytest: $(STAMP)
	@PYTHONWARNINGS='ignore:Field "pytest_notebook:UserWarning' \
	  $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_QUIET)

# The node tests read the rules through the venv's Python (tests/js/rules.mjs).
# Quiet, the passing tests' names are left out: the failures are printed whole, then the counts.
js-test: $(STAMP)
	@node --test $(if $(V),,--test-reporter=./tests/js/summary.mjs) tests/js/

# Every check; the wall time is kept in _build/test-time.json for `make bench` to report.
test:
	@start=$$(date +%s); $(MAKE) --no-print-directory checks; \
	mkdir -p _build; echo "{\"seconds\": $$(( $$(date +%s) - start ))}" > _build/test-time.json

# The node tests and the lint need nothing the build makes: they run beside it, on the core
# that the build leaves idle most of the time (8 s less on 2 cores); pytest then checks the
# built site with both cores. Each job's output is shown whole when it ends.
checks:
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint build js-test
	@$(MAKE) --no-print-directory pytest

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
