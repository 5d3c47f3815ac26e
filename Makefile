# FraudSafe: `make run` runs the product on embedded defaults; `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEV := DJANGO_DEBUG=true GLOG_v=3
export GLOG_v := 3
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run test test-databases lint audit lock bench chromium ocr gettext messages messages-update screenshots

# Where makemessages / compilemessages must not look (the virtualenv holds other projects' catalogues).
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=test-artifacts --ignore=static

# requirements.lock pins every transitive dependency to the versions CI tested (`make lock` writes it from the
# virtualenv); installs take it as constraints, so a fresh machine gets exactly those.
$(VENV)/.runtime: requirements.txt requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -c requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.lock $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt -c requirements.lock
	@touch $@

lock: $(VENV)/.dev
	$(PY) -m fraudsafe.dependency_lock > requirements.lock

# pip-audit over the lock; fails unless every pinned package was audited (pip-audit alone says "No known
# vulnerabilities found" when it could reach no vulnerability service and audited nothing).
audit: $(VENV)/.dev
	$(PY) -m fraudsafe.dependency_audit requirements.lock

# Process logs in one zone: honcho's prefixes and the app's lines in the helpline's zone (IST by default).
RUN_TZ := $(or $(HELPLINE_TIME_ZONE),Asia/Kolkata)

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
	@echo "  Demo logins and the bank key (kept in var/demo-credentials.txt, mode 0600):"
	@if [ -s var/demo-credentials.txt ]; then grep -v '^#' var/demo-credentials.txt | sed 's/^/    /'; \
		else echo "    none recorded (created before this file existed: manage.py changepassword <username>)"; fi
	@echo "  Log times are $(RUN_TZ)."
	@echo ""
	TZ=$(RUN_TZ) $(DEV) $(VENV)/bin/honcho start -f Procfile.dev

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

test: lint chromium ocr messages test-databases

# The suite on SQLite, then on PostgreSQL: the second pass runs even when the first fails, each pass's summary
# is printed again at the end, and the target fails when either failed. PYTEST / PYTEST_ARGS: tests/test_makefile.py.
PYTEST ?= $(PY) -m pytest
PYTEST_ARGS ?= -n 2 -q
TEST_LOGS := test-artifacts
test-databases:
	@mkdir -p $(TEST_LOGS); failed=0; \
	for db in sqlite postgres; do \
		echo "== pytest, $$db =="; \
		FRAUDSAFE_TEST_DB=$$db $(PYTEST) $(PYTEST_ARGS) 2>&1 | tee $(TEST_LOGS)/pytest-$$db.log; \
		code=$${PIPESTATUS[0]}; echo $$code > $(TEST_LOGS)/pytest-$$db.exit; [ $$code -eq 0 ] || failed=1; \
	done; \
	echo ""; echo "== summary =="; \
	for db in sqlite postgres; do \
		echo "  $$db: $$(tail -n 1 $(TEST_LOGS)/pytest-$$db.log) (exit $$(cat $(TEST_LOGS)/pytest-$$db.exit))"; \
	done; \
	exit $$failed

bench: $(VENV)/.dev
	$(PY) -m bench

# The README's screenshots (docs/screenshots/), taken again from the running code.
screenshots: $(VENV)/.dev chromium messages
	FRAUDSAFE_SCREENSHOTS=docs FRAUDSAFE_TEST_DB=sqlite $(PY) -m pytest -q -n 0 tests/test_readme_screenshots.py
