# The two commands of the README. Each sets up what it needs first and is safe to run twice.
.PHONY: demo test setup setup-test bench

PY ?= python3
export PY

demo: setup
	$(PY) -m reportkit validate specs/dongqu-2024.yaml
	$(PY) -m reportkit scorecard specs/dongqu-2024.yaml
	@if $(PY) -m reportkit build --help >/dev/null 2>&1; then \
	  $(PY) -m reportkit build specs/dongqu-2024.yaml -o build; fi
	@if $(PY) -m reportkit diff --help >/dev/null 2>&1; then \
	  $(PY) -m reportkit diff tests/fixtures/corpus/state-council/2024.md \
	    tests/fixtures/corpus/state-council/2025.md --format text | head -n 60; fi

test: setup-test
	$(PY) -m pytest -q

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

bench: setup-test
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b; done
