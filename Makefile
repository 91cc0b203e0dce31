# Two commands for a newcomer: `make run` (set up and start the product with demo data)
# and `make test` (the whole test suite). Both need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run setup setup-dev test lint format messages clean

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

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
