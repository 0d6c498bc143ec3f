# Two commands: `make run` (demo site on http://127.0.0.1:8000) and `make test`.
# Both build .venv on first use and reinstall only when a requirements file changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
SAMPLE := fixtures/sample.json

.PHONY: run test bench bench-faults serve parse-eval train-confidence train-labeller audit audit-tools

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
# A sync worker busy longer than this is killed; exporting 100,000 stories to XLSX takes ~45 s.
TIMEOUT ?= 120
serve: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn newsroom.wsgi --bind $(BIND) --workers $(WORKERS) --timeout $(TIMEOUT) --access-logfile -

test: $(VENV)/.installed-dev
	$(BIN)/pytest

# Every benchmark on SQLite and on PostgreSQL, each beside a baseline measured in the same run
# (not a test; takes about an hour at full size). `make bench BENCH_ARGS=--quick` checks the scripts.
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

# Load and faults against gunicorn on PostgreSQL + Redis: restarts the PostgreSQL cluster given.
bench-faults: $(VENV)/.installed-dev
	$(BIN)/python bench/load_faults.py $(BENCH_ARGS)

# An outside audit of the public site: Nu HTML Checker, axe-core at 1280 and 375 px, overflow on a
# phone, feeds, sitemaps, meta and JSON-LD (docs/AUDIT.md). The checkers are no dependencies of the
# site: `make audit-tools` puts them in AUDIT_TOOLS, outside the repository (needs npm; Java 17 to run).
AUDIT_TOOLS ?= $(HOME)/.cache/newsroom-audit
audit-tools:
	npm install --prefix $(AUDIT_TOOLS) --ignore-scripts --save-exact axe-core@4.14.1 vnu-jar@26.9.27
audit: $(VENV)/.installed-dev
	$(BIN)/python bench/site_audit.py --tools $(AUDIT_TOOLS) $(AUDIT_ARGS)

# Parser score per paper and per split on the corpus built by bench/corpus/build.py (see
# docs/PARSER_CORPUS.md), beside the sample pages' score. CORPUS defaults to ~/.cache/newsroom-corpus.
CORPUS ?= $(HOME)/.cache/newsroom-corpus
CORPUS_STYLES ?= $(HOME)/.cache/newsroom-corpus-styles
parse-eval: $(VENV)/.installed-dev
	$(BIN)/python bench/parse_eval.py --corpus $(CORPUS) $(PARSE_EVAL_ARGS)

# Retrain the parser's confidence model on the corpus's dev pages after a change to its rules, and the
# small model the tests retrain from their own pages; commit both files once tests/test_house_style.py
# passes with them (the house style learns only below a confidence: docs/PARSE_DECISIONS.md).
train-confidence: $(VENV)/.installed-dev
	$(BIN)/python bench/train_confidence.py $(CORPUS) --styles $(CORPUS_STYLES) --cross-check
	$(BIN)/python bench/train_confidence.py tests/parser/confidence_pages --out tests/parser/confidence_pages/model.json

# Train the parser's labeller (a learnt second opinion on the rules' labels and story openings) on the
# corpus's dev pages; its thresholds are chosen leaving each dev paper out in turn, and it is written off
# when that does not beat the rules. Commit the json, then `make train-confidence` (docs/PARSE_DECISIONS.md).
train-labeller: $(VENV)/.installed-dev
	$(BIN)/python bench/train_labeller.py $(CORPUS) --cross-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) install -q -r requirements-dev.txt
	touch $@
