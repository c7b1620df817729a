# The commands of the README, and a few more for development. Each installs the Debian packages its goal needs
# (scripts/install-deps.sh), and only those.
#   make demo      install the build's dependencies, build, import a synthetic Spanish export, show what motivo shows
#   make test      and the tests' (GoogleTest, test servers, Chromium), build, run every test through CTest
#   make package   and lintian's, build, and write the Debian package build/package/motivo_VERSION_amd64.deb
#   make bench     and the benchmarks' (Google Benchmark, hyperfine, fastText), build them, run them
BUILD := build
MOTIVO := $(BUILD)/motivo
DEMO := $(BUILD)/demo

.PHONY: all deps deps-tests deps-bench deps-package build bench-build test demo package bench bench-large bench-export \
        bench-scale fuzz clean

all: build

deps:
	@scripts/install-deps.sh

deps-tests:
	@scripts/install-deps.sh --tests

deps-bench:
	@scripts/install-deps.sh --bench

deps-package:
	@scripts/install-deps.sh --package

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default

test: deps-tests build
	@ctest --preset default

# CPack's DEB generator over the build (cmake/package.cmake); tests/e2e/package.py checks the result.
package: deps-package build
	@cd $(BUILD) && cpack --config CPackConfig.cmake >/dev/null
	@ls $(BUILD)/package/motivo_*_*.deb

# The benchmarks are off in the default build: this turns them on (MOTIVO_BENCH) and builds them.
bench-build: deps-bench build
	@cmake --preset default -DMOTIVO_BENCH=ON >/dev/null
	@cmake --build --preset default

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

bench: bench-build
	@bench/run.sh $(BUILD)
	@bench/classify.sh $(BUILD)
	@bench/postgres.sh $(BUILD)

# A 2 GiB messages.csv (5 million messages): time and peak memory (about 5 GB of disk for a minute).
bench-large: bench-build
	@test -f $(BUILD)/bench/export/messages.csv || bench/run.sh $(BUILD)
	@bench/large.sh $(BUILD)

# Issue 23: report, listing, forget and re-import at 100,000 and 1,000,000 invitations, SQLite and PostgreSQL
# (about 10 GB of disk and half an hour; BASELINE=path/to/another/motivo times that build beside this one).
bench-scale: bench-build
	@bench/scale.sh $(BUILD)

bench-export: bench-build
	@test -f $(BUILD)/bench/export/messages.csv || bench/run.sh $(BUILD)
	@bench/export.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-*
