# Homeward — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
# uv cannot download a Python on our machines: prefer a working python3.12, then pyenv's build.
PYTHON312 := $(shell (python3.12 -c 'import sys' >/dev/null 2>&1 && command -v python3.12) || ls -d $(PYENV_ROOT)/versions/3.12.*/bin/python3.12 2>/dev/null | tail -1)
export UV_PYTHON := $(PYTHON312)
UV_TOOL := var/tools/bin/uv
UV := $(shell command -v uv 2>/dev/null || echo $(UV_TOOL))
VENV := .venv
HOMEWARD := $(VENV)/bin/homeward
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PEOPLE ?= 20000

.PHONY: help setup run serve test test-sqlite test-postgres browser lint bench demo-data clean

help:
	@echo "make run     set up, load the demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test    the whole suite on SQLite and PostgreSQL, browser tests included"
	@echo "make setup   create .venv and install the locked dependencies (idempotent)"
	@echo "make lint    ruff, migrations check and our own grep rules"
	@echo "make bench   benchmarks; figures go into docs/benchmarks.md"

$(UV_TOOL):
	@mkdir -p var
	python3 -m venv var/tools
	var/tools/bin/pip install --quiet --disable-pip-version-check uv

setup: $(if $(shell command -v uv 2>/dev/null),,$(UV_TOOL))
	@mkdir -p var
	$(UV) sync --frozen --quiet
	@test -x $(HOMEWARD)

# DEBUG is off by default everywhere; the local demo server turns it on for readable error pages.
run: setup
	$(HOMEWARD) migrate --no-input -v 0
	$(HOMEWARD) locations import
	$(HOMEWARD) demo_accounts
	$(HOMEWARD) demo --people $(DEMO_PEOPLE) --if-empty
	$(HOMEWARD) collectstatic --no-input -v 0
	@echo "Homeward is at http://$(HOST):$(PORT)/ — sign in as clerk / homeward-clerk-demo (Ctrl-C stops it)"
	@# The background worker (imports of large files) runs beside the web server and stops with it.
	$(HOMEWARD) db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(VENV)/bin/gunicorn homeward.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

browser:
	@scripts/ensure-chromium.sh

test: setup lint browser test-sqlite test-postgres

test-sqlite:
	$(VENV)/bin/pytest -n 2 -q

test-postgres:
	scripts/with-postgres.sh $(VENV)/bin/pytest -n 2 -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(HOMEWARD) makemigrations --check --dry-run -v 0
	scripts/lint-rules.sh

bench: setup
	$(VENV)/bin/python bench/run.py

clean:
	rm -rf var/homeward.sqlite3* var/static
