# The two commands of the README. Each sets up what it needs first and is safe to run twice.
.PHONY: demo run-demo test setup setup-test bench

PY ?= python3
export PY

demo: setup run-demo

# The demo without the setup. validate prints the spec's warnings; build checks the spec again
# and would print them a second time, so its lines that validate printed are left out.
OUT ?= build
run-demo:
	@mkdir -p $(OUT)
	@echo "$(PY) -m reportkit validate specs/dongqu-2024.yaml"
	@status=0; $(PY) -m reportkit validate specs/dongqu-2024.yaml >$(OUT)/validate.txt 2>&1 || \
	  status=$$?; cat $(OUT)/validate.txt; exit $$status
	$(PY) -m reportkit scorecard specs/dongqu-2024.yaml
	@if $(PY) -m reportkit build --help >/dev/null 2>&1; then \
	  echo "$(PY) -m reportkit build specs/dongqu-2024.yaml -o $(OUT)" \
	    "(warnings printed above by validate not repeated)"; \
	  status=0; $(PY) -m reportkit build specs/dongqu-2024.yaml -o $(OUT) \
	    2>$(OUT)/build.txt || status=$$?; \
	  grep -vxF -f $(OUT)/validate.txt $(OUT)/build.txt >&2 || true; \
	  rm -f $(OUT)/validate.txt $(OUT)/build.txt; exit $$status; fi
	@rm -f $(OUT)/validate.txt
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
