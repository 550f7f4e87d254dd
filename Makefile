# Default Mode — every target sets itself up; set-up is skipped when nothing changed.
#   make book    build the book (book/_build/html), executing every notebook, offline
#   make test    install what the tests need, then run every test (network off where possible)
#   make lab     open the course in JupyterLab
#   make bench   write benchmarks/results.json
#   make pdf     the printable book, book/_build/pdf/default-mode.pdf (offline, via chromium)
#   make student / make instructor   notebooks without / with exercise solutions, in build/
#   make assignments                 the exercises as an nbgrader course (build/assignments)
#   make hub     a JupyterHub for a class on this machine (DMNLAB_HUB_PASSWORD=...; README)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONDONTWRITEBYTECODE := 1
# Jupyter writes its state inside the project, not in your home folder.
export JUPYTER_CONFIG_DIR := $(CURDIR)/.jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/.jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.jupyter/runtime
export IPYTHONDIR := $(CURDIR)/.jupyter/ipython
export MPLCONFIGDIR := $(CURDIR)/.jupyter/matplotlib
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: setup book pdf lab test test-deps bench checksums student instructor assignments clean help
help:
	@sed -n '2,9p' Makefile

$(VENV)/.installed: requirements.txt requirements-lock.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

book: setup
	$(PY) tools/build_book.py

pdf: book test-deps
	tools/offline.sh $(PY) tools/build_pdf.py

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

hub: setup  # a class hub on this machine: DMNLAB_HUB_PASSWORD=... make hub (README, Teaching with it)
	$(VENV)/bin/jupyterhub -f classroom/jupyterhub_config.py

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
test-deps: setup
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: test-deps
	tools/offline.sh $(PY) -m pytest $(PYTEST_ARGS)

bench: test-deps
	tools/offline.sh $(PY) benchmarks/run.py

student: setup
	$(PY) tools/editions.py student

instructor: setup
	$(PY) tools/editions.py instructor

assignments: setup
	$(PY) tools/assignments.py

checksums: setup
	$(PY) tools/checksums.py

clean:
	rm -rf book/_build build .pytest_cache
