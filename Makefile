# Recoupe: `make run` starts the dashboard on the demo data, `make test` runs every test.
# Both set everything up first (virtualenv + exact pins of requirements.txt, the French model included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
REQ_HASH := $(shell sha1sum requirements.txt | cut -c1-12)
STAMP  := $(VENV)/.installed-$(REQ_HASH)
DB     ?= data/recoupe.duckdb
PORT   ?= 8501

.PHONY: setup run test eval demo bench bench-dashboard screenshots e2e clean

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

demo: setup
	$(BIN)/python -m pipeline demo --if-empty --db $(DB)

run: demo
	@echo "Recoupe: http://localhost:$(PORT)"
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/python -m pipeline eval

# 200 local feeds x 50 items on 127.0.0.1, ingested cold then unchanged (304s): wall times and share of 304s.
bench: setup
	$(BIN)/python -m pipeline bench-ingest

# Dashboard on SYNTHETIC data (100,000 articles, 500,000 claims, in bench-out/): seconds per page, cold and warm.
bench-dashboard: setup
	$(BIN)/python -m dashboard.bench

# Browser tests (Debian's chromium, headless); they save one screenshot per page under screenshots/.
e2e: setup
	$(BIN)/python -m pytest tests/browser

screenshots: e2e
	@echo "Screenshots: $(CURDIR)/screenshots/"

clean:
	rm -rf $(VENV) .pytest_cache screenshots
