# Học Số Kiosk — the two set-up commands are `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-fast lint screenshots bundle bench system-deps clean

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

system-deps:
	@./tools/install-system-deps.sh

## Launch the kiosk (full screen; add ARGS=--windowed for a normal window).
run: system-deps $(STAMP)
	$(PY) -m kiosk $(ARGS)

## Everything CI checks: lint, types, the whole test suite (bundle included).
test: system-deps $(STAMP) lint
	$(PY) -m pytest $(PYTEST_ARGS)

## The developer's loop: the pure core and offscreen Qt; no PostgreSQL, Chromium, Xvfb,
## CUPS, real app/hub processes or bundle (the tiers are markers, see tests/conftest.py).
test-fast: $(STAMP)
	$(PY) -m pytest -n auto -m "not (pg or browser or x11 or e2e or slow)" $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check kiosk kiosk_hub kiosk_records tests tools bench
	$(PY) -m ruff format --check kiosk kiosk_hub kiosk_records tests tools bench
	$(PY) -m mypy

screenshots: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py docs/screenshots

bundle: system-deps $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean build.spec

bench: system-deps $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
