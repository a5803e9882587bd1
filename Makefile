# make demo: install, migrate, load the seed article, serve at http://127.0.0.1:$(PORT)
#            with one background worker (manage.py db_worker) for big files
# make test: install, then run the whole test suite (browser tests included)
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export VENV

.PHONY: demo test lint format install bench clean screenshots

$(VENV)/.installed: pyproject.toml scripts/bootstrap
	scripts/bootstrap
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/ (log in as translator / demo)"
	@# One background worker runs the jobs of big uploads and exports; it stops with the server.
	$(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	scripts/ensure-system-packages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: install
	env -u DATABASE_URL $(PY) -m bench.run
	$(PY) -m bench.run --database-url $${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache
screenshots: install
	scripts/ensure-system-packages
	@fc-list :lang=zh | grep -q . || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq fonts-noto-cjk >/dev/null; } || echo "no CJK font: Chinese shows as boxes (apt-get install fonts-noto-cjk)"
	$(PY) scripts/screenshots.py
