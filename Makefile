# Two commands on a fresh machine:  `make demo` (set up + the main job)  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup demo test lint typecheck unit clean

$(BIN)/referat: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/referat

# The main job: ingest the bundled sample archive, then ask it something.
demo: setup
	$(BIN)/referat --data-dir data/sample ingest examples/
	$(BIN)/referat --data-dir data/sample search "Hvad blev der besluttet om miljøledelse?"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy assistant ingest api

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf data/sample .pytest_cache .mypy_cache .ruff_cache
