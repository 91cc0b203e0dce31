# Two commands for a newcomer: `make run` (set up and start the product with demo data)
# and `make test` (the whole test suite). Both need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run setup setup-dev serve test lint format messages clean backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py sync_roles
	$(BIN)/python manage.py load_admin_units
	$(BIN)/python manage.py seed_demo

run: setup
	@echo "Open http://$(HOST)/ and sign in with one of the demo logins printed above."
	$(BIN)/python manage.py runserver $(HOST)

# A local trial of the production stack (gunicorn, WhiteNoise, production settings) on the
# DATABASE_URL given (PostgreSQL in production; SQLite db.sqlite3 without it). Plain http on
# localhost: HTTPS redirect and secure cookies are off and a throwaway SECRET_KEY is made when
# none is set. A real installation sets all of them (deploy/env.example).
serve: $(VENV)/.installed
	export DJANGO_SETTINGS_MODULE=config.settings.production \
	    SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
	    SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	    GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST)}" && \
	$(BIN)/python manage.py migrate --no-input && \
	$(BIN)/python manage.py sync_roles && \
	$(BIN)/python manage.py collectstatic --no-input && \
	echo "Open http://$${GUNICORN_BIND}/ (create a login: manage.py create_account)." && \
	exec $(BIN)/gunicorn -c config/gunicorn.conf.py

setup-dev: $(VENV)/.installed-dev

test: setup-dev
	$(BIN)/pytest

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: setup-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Needs GNU gettext (Debian package `gettext`); the compiled catalogue is committed so that
# running the product does not.
messages:
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete --ignore "$(VENV)/*"
	$(BIN)/python manage.py compilemessages --locale vi --ignore "$(VENV)/*"

# PostgreSQL only (DATABASE_URL): `make backup [FILE=…]` writes var/backups/dqtv-<time>.dump by
# default; `make restore FILE=…` replaces the configured database's tables with the dump's.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup_db $(if $(FILE),--output "$(FILE)")

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path/to/dump"; exit 2; }
	$(BIN)/python manage.py restore_db "$(FILE)"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
