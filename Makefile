# Homeward: build, run and test.
#
#   make run     set up what is missing, migrate, load the demo data, start web + worker + beat
#   make test    set up what is missing and run the whole pytest suite
#   make assets  compile the CSS and copy the vendored JavaScript and images
#   make lint    ruff
#   make bench   benchmarks/run.py
#   make clean   remove build output (make distclean also removes .venv, node_modules and var/)
#
# Every setup step leaves a stamp file, so a second run does only what changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

DEPS_STAMP := $(VENV)/.homeward-deps
NODE_STAMP := node_modules/.homeward-npm
CSS := static/css/app.css
VENDOR_STAMP := static/vendor/.homeward-vendor
SCSS := $(wildcard static_src/*.scss)

GOVUK := node_modules/govuk-frontend/dist/govuk
MOJ := node_modules/@ministryofjustice/frontend/moj
HTMX := node_modules/htmx.org/dist
CHROMIUM := /usr/bin/chromium

.PHONY: help setup run test assets lint bench clean distclean browser

help:
	@sed -n '3,9p' Makefile | sed 's/^# \{0,1\}//'

# ---------------------------------------------------------------- Python

$(PY):
	$(PYTHON) -m venv $(VENV)

$(DEPS_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# ---------------------------------------------------------------- Front end

$(NODE_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch $@

$(CSS): $(SCSS) $(NODE_STAMP)
	mkdir -p $(@D)
	npx --no-install sass --pkg-importer=node --load-path=. --quiet-deps \
		--style=compressed --no-source-map static_src/app.scss $@

# GOV.UK Frontend's assets without its fonts (Homeward uses Arial; GDS Transport is for GOV.UK
# only), MOJ Frontend's images beside them (the CSS points both at /static/govuk/assets/), and the
# JavaScript with its source maps (collectstatic's manifest storage follows sourceMappingURL).
$(VENDOR_STAMP): $(NODE_STAMP) Makefile
	rm -rf static/govuk static/vendor
	mkdir -p static/govuk/assets/images static/vendor/govuk-frontend static/vendor/moj static/vendor/htmx
	cp $(GOVUK)/assets/manifest.json static/govuk/assets/
	cp $(GOVUK)/assets/images/* $(MOJ)/assets/images/* static/govuk/assets/images/
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map static/vendor/govuk-frontend/
	cp $(MOJ)/moj-frontend.min.js $(MOJ)/moj-frontend.min.js.map static/vendor/moj/
	cp $(HTMX)/htmx.min.js static/vendor/htmx/
	touch $@

assets: $(CSS) $(VENDOR_STAMP)

# var/staticfiles is STATIC_ROOT; WhiteNoise warns on every request while it does not exist.
setup: $(DEPS_STAMP) assets
	mkdir -p var/staticfiles

# ---------------------------------------------------------------- Run

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@# -e /dev/null: honcho would otherwise load .env, which holds docker compose's production values.
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -e /dev/null

# ---------------------------------------------------------------- Test

# Browser tests use Debian's Chromium. Install it when it is missing and we can (root with apt);
# otherwise the browser tests are skipped.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
				|| echo "Could not install chromium: browser tests will be skipped."; \
		else \
			echo "No $(CHROMIUM) and cannot install it: browser tests will be skipped."; \
		fi; \
	fi

test: setup browser
	$(BIN)/pytest

lint: $(DEPS_STAMP)
	$(BIN)/ruff check .

bench: setup
	@if [ -f benchmarks/run.py ]; then $(PY) benchmarks/run.py; else echo "No benchmarks/run.py yet."; fi

# ---------------------------------------------------------------- Clean

clean:
	rm -rf static/css static/vendor static/govuk var/staticfiles .pytest_cache .ruff_cache test-results
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules var
