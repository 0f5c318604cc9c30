# The commands of the platform. README.md explains each.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PACKAGES := -e libs/contracts -e libs/servicekit -e services/intake -e services/routing -e services/notify -e services/press -e services/contacts -e gateway

.PHONY: install run test bench chaos clean

# Debian's python3 has no ensurepip until python3-venv is installed
$(BIN)/activate:
	$(PY) -c 'import ensurepip' 2>/dev/null || python3 -c 'import ensurepip' 2>/dev/null || \
	  { apt-get update -q </dev/null && apt-get install -y -q python3-venv </dev/null; }
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate Makefile constraints.txt requirements-local.txt requirements-test.txt \
		libs/*/pyproject.toml services/*/pyproject.toml gateway/pyproject.toml
	$(BIN)/pip install --quiet --upgrade -c constraints.txt pip setuptools wheel
	$(BIN)/pip install --quiet -c constraints.txt $(PACKAGES) -r requirements-local.txt -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

run: install
	bash deploy/local/bootstrap.sh
	$(BIN)/python -m deploy.local.run

test: install
	bash deploy/local/bootstrap.sh --infra-only
	$(BIN)/python -m pytest

bench: install
	bash deploy/local/bootstrap.sh --infra-only
	$(BIN)/python -m bench

# kills and restarts parts (RabbitMQ and PostgreSQL too) under load; CHAOS_ARGS=--long for the long form
chaos: install
	bash deploy/local/bootstrap.sh --infra-only
	$(BIN)/python -m chaos $(CHAOS_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
