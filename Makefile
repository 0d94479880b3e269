# The two commands of the README: `make build` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test test-deps validate bench clean package

build: $(BIN)/course-builder
	$(BIN)/course-builder build

validate: $(BIN)/course-builder
	$(BIN)/course-builder validate --stats

$(BIN)/course-builder: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

test: test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Everything the tests need on a fresh machine: Python test tools, npm test packages, Debian's chromium, and
# LibreOffice Calc (the report's CSV files are opened in a real spreadsheet).
test-deps: $(BIN)/course-builder $(VENV)/.test-deps node_modules/.package-lock.json /usr/bin/chromium /usr/bin/soffice

$(VENV)/.test-deps: pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

/usr/bin/chromium:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

/usr/bin/soffice:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui

# The benchmark (bench/run.py): prints one table and writes it into BENCHMARKS.md; QUICK=1 only proves it runs.
bench: test-deps
	$(BIN)/python bench/run.py $(if $(QUICK),--quick)

# The sdist and the wheel into wheelhouse/ (dist/ is the course's build output): `pip install wheelhouse/*.whl`.
package:
	.ci/package wheelhouse

clean:
	rm -rf dist build wheelhouse course_builder.egg-info
