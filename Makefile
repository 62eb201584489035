# Service Desk — build, run and test.
#
#   make run     open the application (GUI) on the default database
#   make test    unit and UI tests (headless, in parallel) on SQLite and on PostgreSQL, then the import contracts and ruff
#   make bundle  the desktop bundle dist/desk-app/ (PyInstaller); make bundle-test builds and checks it
#
# On Debian/Ubuntu as root the system packages Qt and the tests need are installed
# first (only the missing ones). As a normal user that step is skipped with a note.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
ARGS ?=
LINT_PATHS = $(wildcard desk_app tests benchmarks)

# Debian packages. Extend TEST_DEBS (e.g. with libreoffice-calc-nogui) when a test needs more.
BUILD_DEBS := python3 python3-venv
RUNTIME_DEBS := fonts-wqy-microhei libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 \
	libxcb-xkb1
TEST_DEBS := $(RUNTIME_DEBS) poppler-utils xvfb xauth libreoffice-calc-nogui

# Install the missing packages of the list given in $(1): as root with apt-get, else just report.
define install_debs
	@missing=""; \
	if ! command -v dpkg >/dev/null 2>&1; then \
		echo "make: no dpkg here; install the equivalents of these packages yourself: $(1)"; exit 0; \
	fi; \
	for pkg in $(1); do \
		dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
		echo "make: not root, skipping apt-get; missing Debian packages:$$missing"; exit 0; \
	fi; \
	echo "make: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing </dev/null
endef

.PHONY: help deps deps-runtime venv run test lint bench translations clean distclean bundle bundle-test

help:
	@echo "make run           open the application"
	@echo "make test          run the tests (PYTEST_ARGS='-k name' to pass options), then lint-imports and ruff"
	@echo "make lint          ruff and the import contracts only"
	@echo "make bench         run the benchmarks"
	@echo "make translations  extract texts into resources/translations/*/LC_MESSAGES/desk_app.po, compile .mo"
	@echo "make bundle        the desktop bundle dist/desk-app/ (PyInstaller, packaging/desk-app.spec); size reported"
	@echo "make bundle-test   build the bundle, then run it alone in a clean environment (tools/bundle_test.sh)"
	@echo "make deps          install missing Debian packages (root only)"
	@echo "make venv          create .venv and install the app with its test extras"
	@echo "make clean         remove caches and build output (distclean also removes .venv)"

deps:
	$(call install_debs,$(BUILD_DEBS) $(TEST_DEBS))

deps-runtime:
	$(call install_debs,$(BUILD_DEBS) $(RUNTIME_DEBS))

venv: $(STAMP)

$(VPY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "make: $(PYTHON) is older than 3.11; run with PYTHON=python3.11 (or newer)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check -q -e '.[test]'
	@touch $@

run: deps-runtime venv
	$(VENV)/bin/desk-app $(ARGS)

# The tests run twice, side by side: on SQLite and on a throwaway PostgreSQL server (tools/with_postgres.sh;
# skipped with a note when PostgreSQL is missing and cannot be installed). PG=0 skips the second run.
# The PostgreSQL run waits on its server much of the time, so the two together take little longer than
# it alone; the SQLite run's output is printed after it. Each run spreads the tests over the cores
# (pytest-xdist; TEST_WORKERS=0 runs them in one process). ruff and the import contracts (lint-imports)
# run even when a test fails, so one CI run reports everything; the exit status is the worst.
PG ?= 1
TEST_WORKERS ?= auto
PYTEST := QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)
test: deps venv
	@status=0; log=$$(mktemp); \
	echo "$(PYTEST)   # on SQLite (output below, when done)"; \
	{ $(PYTEST) >"$$log" 2>&1; echo $$? >"$$log.status"; } & sqlite=$$!; \
	if [ "$(PG)" != 0 ]; then \
		echo "tools/with_postgres.sh $(PYTEST)   # on PostgreSQL"; \
		QT_QPA_PLATFORM=offscreen tools/with_postgres.sh $(VPY) -m pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS) \
			|| status=$$?; \
	fi; \
	wait $$sqlite; echo "--- on SQLite:"; cat "$$log"; \
	sqlite_status=$$(cat "$$log.status" 2>/dev/null || echo 1); rm -f "$$log" "$$log.status"; \
	[ "$$sqlite_status" = 0 ] || status=$$sqlite_status; \
	echo "$(VENV)/bin/lint-imports"; \
	$(VENV)/bin/lint-imports --no-cache || status=1; \
	echo "$(VENV)/bin/ruff check $(LINT_PATHS)"; \
	$(VENV)/bin/ruff check $(LINT_PATHS) || status=1; \
	exit $$status

lint: venv
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/lint-imports --no-cache

# `make bench SCALE=1000000` builds (once) and measures a 1 000 000-ticket database instead of 100 000.
SCALE ?= 100000
bench: deps venv
	@if [ -f benchmarks/__main__.py ]; then \
		QT_QPA_PLATFORM=offscreen $(VPY) -m benchmarks --tickets $(SCALE); \
	else \
		echo "make: no benchmarks yet (benchmarks/__main__.py does not exist)"; \
	fi

# Scan desk_app/ for every text a user reads, merge it into each language's .po (the one catalogue,
# edited with any .po editor) and compile the .mo the application reads; lists what is untranslated.
translations: venv
	$(VPY) tools/translations.py

# -- the desktop bundle (R56, docs/packaging.md) ---------------------------------------------------
# One folder, dist/desk-app/, from packaging/desk-app.spec; PyInstaller is the `bundle` extra of
# pyproject.toml. The spec copies the Chinese font of fonts-wqy-microhei (a runtime package) with its licence.
BUNDLE_STAMP := $(VENV)/.installed-bundle
BUNDLE_DIR := dist/desk-app

$(BUNDLE_STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check -q -e '.[bundle]'
	@touch $@

bundle: deps-runtime $(BUNDLE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/desk-app.spec
	@echo "make: $(BUNDLE_DIR) is $$(du -sh $(BUNDLE_DIR) | cut -f1) (goal: at most 250 MB)"

bundle-test: bundle
	tools/bundle_test.sh $(BUNDLE_DIR)

clean:
	rm -rf .pytest_cache .ruff_cache .bench build dist *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
