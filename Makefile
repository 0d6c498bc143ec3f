# Two commands: `make run` (demo site on http://127.0.0.1:8000) and `make test`.
# Both build .venv on first use and reinstall only when a requirements file changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
SAMPLE := fixtures/sample.json

.PHONY: run test bench serve

run: export DJANGO_DEBUG = 1
run: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput
	@if [ -f $(SAMPLE) ]; then $(BIN)/python manage.py loaddata $(SAMPLE); fi
	$(BIN)/python manage.py ensure_demo_admin
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production-style serving: gunicorn behind whatever proxy terminates TLS, static files from
# WhiteNoise. Settings come from the environment (DJANGO_SECRET_KEY is required; see README).
BIND ?= 127.0.0.1:8000
WORKERS ?= 3
serve: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn newsroom.wsgi --bind $(BIND) --workers $(WORKERS) --access-logfile -

test: $(VENV)/.installed-dev
	$(BIN)/pytest

# Throughput figures, each beside a baseline measured in the same run (not a test).
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/import_throughput.py
	$(BIN)/python bench/site_throughput.py
	$(BIN)/python bench/admin_changelist.py
	$(BIN)/python bench/search_latency.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) install -q -r requirements-dev.txt
	touch $@
