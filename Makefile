# FraudSafe: `make run` runs the product on embedded defaults; `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEV := DJANGO_DEBUG=true GLOG_v=3
export GLOG_v := 3
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run test lint bench chromium ocr gettext messages messages-update screenshots

# Where makemessages / compilemessages must not look (the virtualenv holds other projects' catalogues).
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=test-artifacts --ignore=static

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime ocr messages
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

# GNU gettext (msgfmt, xgettext, msgmerge): compiles and extracts translations.
gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)

# locale/<lang>/LC_MESSAGES/django.po (committed) → django.mo (generated, not in git).
messages: gettext $(VENV)/.runtime
	@$(DEV) $(PY) manage.py compilemessages $(LOCALE_IGNORE) -v 0

# After changing texts: every msgid of the source into every .po (then translate what is new; `make test` checks).
messages-update: gettext $(VENV)/.runtime
	$(DEV) $(PY) manage.py messages_update

# Browser tests (and what their screenshots show): Chromium, fonts for Latin and every Indic script, pdftoppm.
chromium:
	@(command -v chromium && command -v pdftoppm && test -d /usr/share/fonts/truetype/noto) >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-core poppler-utils)

# Reading payment screenshots (complaints.receipts): Tesseract with English and the five Indian languages.
# The product runs without it (the bot then asks for each field); the tests need it.
OCR_LANGS := eng hin ben mar tel tam
ocr:
	@(command -v tesseract >/dev/null && for l in $(OCR_LANGS); do tesseract --list-langs 2>/dev/null | grep -qx $$l || exit 1; done) || \
		(apt-get update -qq && apt-get install -y -qq tesseract-ocr $(addprefix tesseract-ocr-,$(OCR_LANGS)))

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

test: lint chromium ocr messages
	FRAUDSAFE_TEST_DB=sqlite $(PY) -m pytest -n 2 -q
	FRAUDSAFE_TEST_DB=postgres $(PY) -m pytest -n 2 -q

bench: $(VENV)/.dev
	$(PY) -m bench

# The README's screenshots (docs/screenshots/), taken again from the running code.
screenshots: $(VENV)/.dev chromium messages
	FRAUDSAFE_SCREENSHOTS=docs FRAUDSAFE_TEST_DB=sqlite $(PY) -m pytest -q -n 0 tests/test_readme_screenshots.py
