# 匠联学堂 — the everyday commands. `make help` lists them.
#
#   make demo                 fresh clone → running site with demo content (http://127.0.0.1:8000/)
#   make test ARGS="tests/api -x"   the full check (services, ruff, lint-imports, migrations, pytest)

PORT ?= 8000
HOST ?= 127.0.0.1
ARGS ?=
VENV := .venv/bin
# the apps' own code, not the tooling around it
MESSAGE_IGNORES := --ignore=.venv --ignore=node_modules --ignore=.services --ignore=var --ignore=tests

.DEFAULT_GOAL := help
.PHONY: help setup demo run test lint messages bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: ## create .venv with the dev tools, npm packages, translations (scripts/bootstrap.sh --dev)
	scripts/bootstrap.sh --dev

demo: ## bootstrap, migrate, load the demo data, run Celery worker + web server (PORT=8000); Ctrl-C stops both
	@PORT=$(PORT) HOST=$(HOST) exec scripts/demo.sh

run: ## like demo, but loads the demo data only into an empty site (never over your own data)
	@PORT=$(PORT) HOST=$(HOST) exec scripts/demo.sh --no-load

test: ## everything CI runs: real services, ruff, lint-imports, makemigrations --check, pytest $(ARGS)
	scripts/test.sh $(ARGS)

lint: ## ruff and the import-linter layer contracts
	$(VENV)/ruff check .
	$(VENV)/lint-imports

messages: ## update locale/en from the Chinese source strings and compile the catalogues
	mkdir -p locale
	$(VENV)/python manage.py makemessages -l en $(MESSAGE_IGNORES)
	$(VENV)/python manage.py compilemessages -l en $(MESSAGE_IGNORES)

bench: ## run every bench/*.py (results under bench/results/)
	@set -e; found=0; for script in bench/*.py; do \
	  [ -f "$$script" ] || continue; found=1; \
	  echo "==> $$script"; $(VENV)/python "$$script"; \
	done; [ "$$found" = 1 ] || echo "no benchmarks: bench/*.py does not exist yet"
