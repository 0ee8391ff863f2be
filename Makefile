# feedhook: `make run` serves on the embedded SQLite default; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
DEPS   := pyproject.toml constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint fmt openapi bench soak fuzz lock clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# One stamp per extra set, so `make run` does not pull test tools and a changed lock reinstalls.
$(VENV)/.installed-run: $(BIN)/python $(DEPS)
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@
$(VENV)/.installed-test: $(BIN)/python $(DEPS)
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	@touch $@
$(VENV)/.installed-lint: $(BIN)/python $(DEPS)
	$(PIP) install --quiet -c constraints.txt -e '.[test,lint]'
	@touch $@

install: $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/feedhook migrate
	$(BIN)/feedhook serve --no-migrate $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/hadolint Dockerfile

fmt: $(VENV)/.installed-lint
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

openapi: $(VENV)/.installed-run
	$(BIN)/feedhook openapi --output openapi/openapi.json

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m fuzz.run --seconds 60

soak: $(VENV)/.installed-test
	$(BIN)/pytest -m slow --run-slow $(PYTEST_ARGS)

# Re-pin after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(PIP) install --quiet -e '.[test,lint]'
	$(PIP) freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
