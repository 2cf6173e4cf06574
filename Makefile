# The same targets for developers and CI. Every target creates the virtual
# environment it needs, so a fresh clone only ever runs `make demo` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
# Two stamps: `make demo` installs tlsum alone (runtime dependencies, no dev tools, no Ray);
# the other targets add the dev and Ray extras on top, so `make demo` then `make test` works.
STAMP := $(VENV)/.installed-dev
RUN_STAMP := $(VENV)/.installed-run

.PHONY: demo test fuzz lint typecheck bench toy-model clean help

help:
	@echo "make demo       install tlsum alone into $(VENV) and summarize the bundled examples (no network)"
	@echo "make test       install into $(VENV) (with the dev, ray and instruct extras) and run the test suite"
	@echo "make fuzz       hypothesis over decoding, extraction, segmentation, questions (>100,000 inputs)"
	@echo "make lint       ruff over the code"
	@echo "make typecheck  mypy over tlsum/"
	@echo "make bench      extraction, summary, question and translation benchmarks (reads $(SHARED))"
	@echo "make toy-model  retrain models/toy-ru-en and models/toy-en-ru (needs torch; slow)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# --no-compile: no .pyc for modules tlsum never imports (about 35 MB); the first run writes
# those it needs.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,ray,instruct]'
	touch $(RUN_STAMP) $(STAMP)

demo: $(RUN_STAMP)
	@echo "== tlsum examples/turkey_ceasefire.txt  (English text copied from a site)"
	$(BIN)/tlsum examples/turkey_ceasefire.txt
	@echo
	@echo "== tlsum examples/article_ru.txt --show-source --model toy-ru-en  (Russian, by the bundled demo model)"
	TLSUM_CACHE_DIR=$$(mktemp -d) $(BIN)/tlsum examples/article_ru.txt --show-source --model toy-ru-en
	@echo
	@echo "== tlsum --json examples/turkey_ceasefire.txt | first question"
	$(BIN)/tlsum --json examples/turkey_ceasefire.txt | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["questions"][0]["text"])'

test: $(STAMP)
	$(BIN)/python -m pytest

# Over 100,000 generated inputs (tests/test_fuzz.py budgets) plus the regex audit; ~10 min.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -o timeout=900 --hypothesis-show-statistics \
		tests/test_fuzz.py tests/fuzz_regex.py

lint: $(STAMP)
	$(BIN)/ruff check tlsum tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py --shared $(SHARED)

toy-model:
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet -r tools/toy_model/requirements.txt
	.venv-tools/bin/python tools/toy_model/train.py --out models $(TOY_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
