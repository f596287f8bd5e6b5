# Newsroom: `make run` serves the demo newsroom, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The first interpreter of 3.12 or newer: pyenv's copy of .python-version, then the usual names.
define find_python
for candidate in "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/$$(cat .python-version)*/bin/python3 \
    $$(command -v python$$(cat .python-version) python3.13 python3.12 python3 2>/dev/null); do \
  if [ -x "$$candidate" ] && "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    echo "$$candidate"; exit 0; \
  fi; \
done; \
echo "Python 3.12 or newer not found; install it (pyenv install $$(cat .python-version))" >&2; exit 1
endef

.PHONY: run test lint fmt serve bench lock clean

$(PY):
	@python=$$($(find_python)) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet -c requirements.lock -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	SECRET_KEY=$${SECRET_KEY:-test-only-insecure-key} $(PY) -m pytest $(PYTEST_ARGS)

# The production configuration on one machine (deploy/serve.py): DEBUG off, hashed and compressed
# static files, nginx (Debian's) in front of gunicorn, and the background task worker.
# Needs SECRET_KEY; takes DATABASE_URL (SQLite with a warning when unset), PORT or LISTEN,
# WEB_CONCURRENCY, REDIS_URL (else the workers share a file cache in .cache/pages), TASKS_BACKEND.
serve: $(VENV)/.installed
	@if [ -z "$$SECRET_KEY" ]; then \
	  echo '{"level": "ERROR", "logger": "newsroom.serve", "message": "set SECRET_KEY, e.g. SECRET_KEY=$$(openssl rand -base64 48)"}' >&2; exit 1; fi
	@if [ -z "$$DATABASE_URL" ]; then \
	  echo '{"level": "WARNING", "logger": "newsroom.serve", "message": "DATABASE_URL is unset: serving the SQLite file db.sqlite3; use PostgreSQL in production"}' >&2; fi
	@DEBUG=0 $(PY) manage.py migrate --no-input --verbosity 0
	@DEBUG=0 $(PY) manage.py collectstatic --no-input --verbosity 0
	@DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1} \
	  CACHE_URL=$${CACHE_URL:-filecache://$(CURDIR)/.cache/pages} \
	  TASKS_BACKEND=$${TASKS_BACKEND:-django_tasks_db.DatabaseBackend} \
	  $(PY) deploy/serve.py

# The benchmark (docs/performance.md): seeds PostgreSQL databases, serves them as `make serve` does, runs wrk.
bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)

# ruff, formatting, missing migrations, and the architecture contracts in pyproject.toml (import-linter).
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache

fmt: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the constraints file after changing pyproject.toml's dependencies.
lock: $(VENV)/.installed-dev
	$(PY) -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
