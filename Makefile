# The commands of the platform. README.md explains each.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PACKAGES := -e libs/contracts -e libs/servicekit -e services/intake -e gateway

.PHONY: install run test bench clean

$(BIN)/activate:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV) || \
	  { apt-get update -q && apt-get install -y -q python3-venv && python3 -m venv $(VENV); }

$(VENV)/.installed: $(BIN)/activate constraints.txt libs/*/pyproject.toml services/*/pyproject.toml gateway/pyproject.toml
	$(BIN)/pip install --quiet --upgrade -c constraints.txt pip setuptools wheel
	$(BIN)/pip install --quiet -c constraints.txt $(PACKAGES) -r requirements-test.txt
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

clean:
	rm -rf $(VENV) .pytest_cache
