# The course's two commands: `make lab` and `make test`. Both create .venv
# when it is missing and install the package with everything in pyproject.toml.

# The first Python >= 3.11 on PATH (override with `make PYTHON=/path/to/python3.12 ...`).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PYTEST_ARGS ?=

# JupyterLab refuses to run as root unless told, and opens no browser where there is no screen.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root) \
	$(if $(and $(filter Linux,$(shell uname -s)),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,nodisplay)),--no-browser)

.PHONY: lab test bench lint clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: no Python >= 3.11 found on PATH; install one or pass PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# The venv's bin goes first on PATH: nbgrader's formgrader runs `alembic` from PATH when it
# creates the gradebook.
lab: $(INSTALLED)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_FLAGS)

test: $(INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED)
	$(BIN)/python benchmarks/compare_speed.py
	$(BIN)/python benchmarks/hessian_diag_cost.py
	$(BIN)/python benchmarks/panel_speed.py
	$(BIN)/python benchmarks/browser_latency.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python benchmarks/autograde_speed.py

lint: $(INSTALLED)
	$(BIN)/ruff check adaptive_lr tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
