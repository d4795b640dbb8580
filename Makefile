# Samordna. The two commands: `make run` (the demo) and `make test` (the whole suite).
# The first Python 3.11+ that actually runs (pyenv shims may name versions that are not active).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
# Let Python keep its compiled modules (__pycache__, ignored by git): every test worker, server and
# Celery process would otherwise compile the project again (half a second of CPU each).
unexport PYTHONDONTWRITEBYTECODE
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test serve install migrate demo messages lint check-deploy bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Samordna needs Python 3.11 or newer (python3)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# uv (from PyPI, into the virtualenv) installs the same packages as pip in about a tenth of the time.
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## The demo on http://127.0.0.1:8000 — SQLite, tasks in-process, mail printed to the console.
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py sync_schedules
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## The whole test suite. DATABASE_URL / REDIS_URL are used when set; REQUIRE_SERVICES=1 fails on a missing service.
## Everything but the browser tests runs on TEST_WORKERS processes (pytest-xdist, one database each;
## worksteal: an idle worker takes tests waiting on another, so the run does not end on one worker);
## beside them, at the same time, the browser tests (one portal server, one browser), which wait on the
## browser and the server most of the time. Their report is printed when both are done (and kept in
## BROWSER_LOG). PYTEST_ARGS runs just what it names, in one process.
TEST_WORKERS ?= 2
BROWSER_LOG ?= $(or $(ARTIFACTS_DIR),artifacts)/browser-tests.log
test: $(STAMP)
ifeq ($(strip $(PYTEST_ARGS)),)
	@mkdir -p $(dir $(BROWSER_LOG))
	@echo "== the browser tests (tests/e2e) run beside the others; their report follows theirs ($(BROWSER_LOG))"
	@$(PY) -m pytest tests/e2e -p no:cacheprovider > $(BROWSER_LOG) 2>&1 & browser=$$!; \
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal --ignore=tests/e2e; others=$$?; \
	wait $$browser; browser_status=$$?; \
	echo "== the browser tests (tests/e2e)"; cat $(BROWSER_LOG); \
	test $$others -eq 0 && test $$browser_status -eq 0
else
	$(PY) -m pytest $(PYTEST_ARGS)
endif

## Production on one machine: gunicorn, one Celery worker and exactly one beat, on DATABASE_URL and REDIS_URL.
serve: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py sync_schedules
	trap 'kill 0' INT TERM EXIT; \
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/celery -A config worker --loglevel=INFO & \
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/celery -A config beat --loglevel=INFO & \
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn config.wsgi --bind $${BIND:-0.0.0.0:8000} --workers $${WEB_CONCURRENCY:-3} --access-logfile - & \
	wait

## Update the Swedish catalogue after adding strings (then translate: scripts/i18n.py missing / fill).
messages: $(STAMP)
	$(PY) scripts/i18n.py update

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	ALLOWED_HOSTS=samordna.example DATABASE_URL=$${DATABASE_URL:-sqlite:///tmp/check.sqlite3} \
	$(PY) manage.py check --deploy --fail-level WARNING

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3* .test-db.sqlite3* staticfiles
