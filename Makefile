# Two commands for a new user (see README.md): `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed
SCALE_STAMP := $(VENV)/.installed-scale

.PHONY: run test test-scale install bench bundle smoke clean

run: $(STAMP)
	$(VENV)/bin/triage-app

test: $(STAMP)
	@QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(VENV)/bin/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

# The Ray engine on a real two-node cluster on 127.0.0.1 (tests/scale, marked ray_cluster). It takes
# minutes, not seconds, so it is not part of `make test`; CI (.ci/run) runs it right after. It installs
# the [scale] extra (Ray) into .venv; the desktop install does not need it.
test-scale: $(SCALE_STAMP)
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(VENV)/bin/python -m pytest tests/scale -m ray_cluster

$(SCALE_STAMP): $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -e ".[test,scale]"
	touch $(SCALE_STAMP)

install: $(STAMP)

# torch==2.13.0 is pinned: that CPU build lies in the machine's local wheel store.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

bench: $(STAMP)
	$(VENV)/bin/python bench/import_bench.py

# The desktop bundle, dist/feedback-triage/ (see "Development" in README.md), and its smoke test.
bundle: $(STAMP)
	packaging/build.sh

smoke: $(STAMP)
	packaging/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
