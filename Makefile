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
	DEBUG=$${DEBUG:-1} $(PY) manage.py make_renditions
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	SECRET_KEY=$${SECRET_KEY:-test-only-insecure-key} $(PY) -m pytest $(PYTEST_ARGS)

# The production configuration on one machine (deploy/serve.py): DEBUG off, hashed and compressed
# static files, nginx (Debian's) in front of gunicorn, and the background task worker.
# Needs SECRET_KEY; takes DATABASE_URL (SQLite with a warning when unset), PORT or LISTEN,
# WEB_CONCURRENCY, REDIS_URL (else the workers share a file cache in .cache/pages), TASKS_BACKEND,
# MEDIA_ROOT or MEDIA_STORAGE=s3 (README: "Media in production"). Pictures lacking renditions
# (an upgraded database) are queued for the worker before serving.
# Everything it prints is a JSON line: installing goes to .run/install.log (issue 11).
serve_log = printf '{"time": "%s", "level": "%s", "logger": "newsroom.serve", "message": "%s"}\n' "$$(date -u +%Y-%m-%dT%H:%M:%S.000+00:00)"
serve:
	@mkdir -p .run
	@if ! $(MAKE) -sq --no-print-directory $(VENV)/.installed 2>/dev/null; then \
	  $(serve_log) INFO "installing the project into $(VENV) (the log is in .run/install.log)"; \
	  $(MAKE) -s --no-print-directory $(VENV)/.installed >.run/install.log 2>&1 || { \
	    $(serve_log) ERROR "installing failed: see .run/install.log" >&2; exit 1; }; fi
	@if [ -z "$$SECRET_KEY" ]; then \
	  $(serve_log) ERROR 'set SECRET_KEY, e.g. SECRET_KEY=$$(openssl rand -base64 48)' >&2; exit 1; fi
	@if [ -z "$$DATABASE_URL" ]; then \
	  $(serve_log) WARNING "DATABASE_URL is unset: serving the SQLite file db.sqlite3; use PostgreSQL in production" >&2; fi
	@DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1} \
	  CACHE_URL=$${CACHE_URL:-filecache://$(CURDIR)/.cache/pages} \
	  TASKS_BACKEND=$${TASKS_BACKEND:-django_tasks_db.DatabaseBackend} \
	  exec $(PY) deploy/serve.py --prepare

# The benchmark (docs/performance.md): seeds a PostgreSQL archive, serves it as `make serve` does, runs wrk.
# The newsroom day (bench/newsroom_day.py, issue 13): Zipf readers while a writer saves drafts and
# publishes, at gunicorn and through Varnish, each figure a ratio to a bare Django floor of the same run.
# BENCH=classic runs the endpoint-by-endpoint benchmark (bench/run.py) instead; BENCH_ARGS go to either.
BENCH ?= newsroom-day
bench: $(VENV)/.installed
	@if [ "$(BENCH)" = classic ]; then set -x; $(PY) bench/run.py $(BENCH_ARGS); \
	elif [ "$(BENCH)" = newsroom-day ]; then set -x; $(PY) bench/newsroom_day.py $(BENCH_ARGS); \
	else echo "BENCH is newsroom-day (the default) or classic, not $(BENCH)" >&2; exit 2; fi

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
