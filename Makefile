# Homeward: build, run and test.
#
#   make run     set up what is missing, migrate, load the demo data, start web + worker + beat
#   make test    set up what is missing and run the whole pytest suite
#   make assets  compile the CSS and copy the vendored JavaScript and images
#   make lint    ruff
#   make bench   benchmarks/run.py, the load test benchmarks/load.py (docs/performance.md), the 903 return
#   make audit   known vulnerabilities in the Python and npm packages (.ci/audit)
#   make backup  database and media files to var/backups/<time>/ (BACKUP=folder to choose)
#   make restore BACKUP=var/backups/<time>   put a backup back (replaces the database's contents)
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

.PHONY: help setup run test assets lint bench audit backup restore clean distclean system

help:
	@sed -n '3,12p' Makefile | sed 's/^# \{0,1\}//'

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

# The Debian packages the suite needs besides Python and Node: Chromium for the browser tests,
# Pango and the PDFs' fonts for WeasyPrint (Liberation Sans, Arial's metrics, as the reports ask
# for; DejaVu as the fallback). Installed when missing and we can (root with apt); otherwise say
# which are missing (the browser tests then skip).
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
	fonts-dejavu-core

system:
	@missing=""; for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) \
				|| echo "Could not install$$missing: tests that need them will fail or skip."; \
		else \
			echo "Missing Debian packages:$$missing (not root with apt-get; install them yourself)."; \
		fi; \
	fi

# On every core (pytest-xdist; worksteal evens out the few long tests). One file or test alone:
# .venv/bin/pytest tests/placements (serial, no workers to start).
PYTEST_PARALLEL := -n auto --dist worksteal

test: setup system
	$(BIN)/pytest $(PYTEST_PARALLEL)

lint: $(DEPS_STAMP)
	$(BIN)/ruff check .

# The benchmarks need PostgreSQL: DATABASE_URL, else this one. The data of each size (1,500 and
# 100,000 children) is made the first time in <name>_bench_<children> beside it, then reused.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/homeward

bench: setup
	$(PY) -m pip install --quiet -e ".[dev,load]"
	export DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" && \
		$(PY) benchmarks/run.py --write docs/performance.md && \
		$(PY) benchmarks/load.py --children 1500 --write docs/performance.md && \
		$(PY) benchmarks/load.py --children 100000 --write docs/performance.md && \
		$(PY) benchmarks/ssda903_bench.py --children 1500

audit: setup
	bash .ci/audit

# ---------------------------------------------------------------- Backups

backup: $(DEPS_STAMP)
	$(PY) manage.py backup $(if $(BACKUP),--out $(BACKUP))

restore: $(DEPS_STAMP)
	@if [ -z "$(BACKUP)" ]; then echo "Say which backup: make restore BACKUP=var/backups/<time>"; exit 2; fi
	$(PY) manage.py restore $(BACKUP)

# ---------------------------------------------------------------- Clean

clean:
	rm -rf static/css static/vendor static/govuk var/staticfiles .pytest_cache .ruff_cache test-results
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules var
