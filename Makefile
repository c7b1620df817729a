# The two commands of the README, and a few more for development.
#   make demo   install dependencies, build, import a synthetic Spanish export, show what motivo shows
#   make test   install dependencies, build, run every test through CTest
BUILD := build
MOTIVO := $(BUILD)/motivo
DEMO := $(BUILD)/demo

.PHONY: all deps deps-tests build test demo bench bench-large bench-export fuzz clean

all: build

deps:
	@scripts/install-deps.sh

deps-tests:
	@scripts/install-deps.sh --tests

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default

test: deps-tests build
	@ctest --preset default

# libFuzzer targets (clang, ASan, UBSan), each for FUZZ_SECONDS; crashes in build-fuzz/crashes/.
FUZZ_SECONDS ?= 60
fuzz: deps-tests
	@scripts/fuzz.sh $(FUZZ_SECONDS)

demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@python3 scripts/gen-export.py --profile demo --out $(DEMO)/Basic_LinkedInDataExport_11-20-2026.zip
	@$(MOTIVO) --db $(DEMO)/motivo.db import --quiet $(DEMO)/Basic_LinkedInDataExport_11-20-2026.zip
	@echo
	@$(MOTIVO) --db $(DEMO)/motivo.db status
	@echo
	@echo "Incoming invitations, newest first (as of the export's day):"
	@MOTIVO_NOW=2026-11-20T18:00:00Z $(MOTIVO) --db $(DEMO)/motivo.db invitations --incoming
	@echo
	@echo "The triage queue, with what the ask policy suggests:"
	@MOTIVO_NOW=2026-11-20T18:00:00Z $(MOTIVO) --db $(DEMO)/motivo.db triage | cat
	@echo
	@echo "The report:"
	@MOTIVO_NOW=2026-11-20T18:00:00Z $(MOTIVO) --db $(DEMO)/motivo.db report
	@MOTIVO_NOW=2026-11-20T18:00:00Z $(MOTIVO) --db $(DEMO)/motivo.db report --html $(DEMO)/report.html >/dev/null
	@echo
	@echo "Try it yourself: $(MOTIVO) --db $(DEMO)/motivo.db triage   (or invitations --json, ask ID, decide ID accept)"
	@echo "The HTML report: $(DEMO)/report.html"

bench: build
	@bench/run.sh $(BUILD)
	@bench/classify.sh $(BUILD)
	@bench/postgres.sh $(BUILD)

# A 2 GiB messages.csv (5 million messages): time and peak memory (about 5 GB of disk for a minute).
bench-large: build
	@test -f $(BUILD)/bench/export/messages.csv || bench/run.sh $(BUILD)
	@bench/large.sh $(BUILD)

bench-export: build
	@test -f $(BUILD)/bench/export/messages.csv || bench/run.sh $(BUILD)
	@bench/export.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-*
