# FraudSafe: `make run` runs the product on embedded defaults; `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEV := DJANGO_DEBUG=true GLOG_v=3
export GLOG_v := 3
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run test lint bench chromium

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime
	@mkdir -p var
	$(DEV) $(PY) manage.py migrate_all
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py setup_periodic_tasks
	$(DEV) $(PY) manage.py prepare_run
	@echo ""
	@echo "  FraudSafe is starting on http://127.0.0.1:8000  (Ctrl-C stops everything)"
	@echo "    staff console   http://127.0.0.1:8000/console/"
	@echo "    admin           http://127.0.0.1:8000/admin/"
	@echo "    API docs        http://127.0.0.1:8000/api/docs/"
	@echo "    health          http://127.0.0.1:8000/api/health"
	@echo "    WhatsApp bot    $(PY) manage.py chat --phone +919876543210   (in another terminal, DJANGO_DEBUG=true)"
	@echo ""
	$(DEV) $(VENV)/bin/honcho start -f Procfile.dev

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core poppler-utils)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

test: lint chromium
	FRAUDSAFE_TEST_DB=sqlite $(PY) -m pytest -n 2 -q
	FRAUDSAFE_TEST_DB=postgres $(PY) -m pytest -n 2 -q

bench: $(VENV)/.dev
	$(PY) -m bench
