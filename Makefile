# regie — the two commands a new user needs: `make demo` and `make test`.
# Both create the virtual environment (.venv) on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
DEMO_DIR ?= regie-demo

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/regie demo $(DEMO_DIR)

# The suite runs on every core; a test file stays on one worker (the Redis worker test
# shares one Redis database between its tests). `make test PYTEST_ARGS=-x` to add options.
PYTEST_ARGS ?=
test: $(STAMP)
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/script_import.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DIR)

# Message catalogs: extract each domain's messages (src/regie/<domain>, mapping in
# babel.cfg) to build/i18n/<domain>.pot, then merge them into
# src/regie/locale/<lang>/LC_MESSAGES/<domain>.po for every locale. Existing translations
# are kept; messages no longer used stay as #~ comments. Add a domain to I18N_DOMAINS
# (see regie/documents/i18n.py), then translate the French catalog.
# The "errors" domain is the exception: its messages are the t("...") calls of
# regie.core.text in every package, so it is extracted from all of src/regie with the
# keyword t only (not _ nor N_, which belong to the other domains).
I18N_DOMAINS ?= documents web errors
I18N_LOCALES ?= fr en
I18N_KEYWORDS_errors = --no-default-keywords --keyword=t
I18N_SOURCE_errors = src/regie

.PHONY: i18n
i18n: $(STAMP)
	mkdir -p build/i18n
	set -e; for domain in $(I18N_DOMAINS); do \
	  case $$domain in \
	    errors) keywords="$(I18N_KEYWORDS_errors)"; source="$(I18N_SOURCE_errors)" ;; \
	    *) keywords=""; source="src/regie/$$domain" ;; \
	  esac; \
	  $(BIN)/pybabel extract -F babel.cfg $$keywords --add-location=file --sort-output \
	    --width=100 --project=regie -o build/i18n/$$domain.pot $$source; \
	  for lang in $(I18N_LOCALES); do \
	    $(BIN)/pybabel update --init-missing --width=100 -D $$domain -l $$lang \
	      -i build/i18n/$$domain.pot -d src/regie/locale; \
	  done; \
	done
