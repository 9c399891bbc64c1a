# sopctl — make help lists the targets.
GO          ?= go
BIN         := bin/sopctl
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -s -w -X github.com/sopctl/sopctl/pkg/cli.Version=$(VERSION) -X github.com/sopctl/sopctl/pkg/cli.Commit=$(shell git rev-parse HEAD 2>/dev/null) -X github.com/sopctl/sopctl/pkg/cli.Date=$(shell date -u +%Y-%m-%dT%H:%M:%SZ)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 30s
FUZZLONG    ?= 10m
FUZZBUDGET  ?= 500ms
EXAMPLE     := examples/customer-service

.DEFAULT_GOAL := help
.PHONY: help build test test-long update lint fuzz fuzz-long bench bench-floor demo clean release-check

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/sopctl
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/sopctl

# make test is what CI and contributors run, so it must stay fast (under 2
# minutes on 2 cores, cold build cache included). -short leaves out what
# takes long on a 2-core machine (10,000-SOP libraries, 1,000-file git
# histories, every signal moment, the slowest real-process rounds):
# test-long runs everything. -vet=all runs all of go vet inside go test, on
# the same race build of each package: a separate go vet ./... would first
# compile every package and dependency a second time, without -race, which
# on a cold build cache costs about as much as the tests. atexit_sleep_ms=0:
# a race-enabled binary otherwise sleeps 1 s on exit, in case a goroutine
# still running reports a race, which adds a second per package for
# goroutines tests do not leave behind; test-long keeps the sleep. A
# GORACE of your own is added after it, so it wins.
test: ## go vet and the tests (fuzz seed corpora included), with the race detector, long tests left out
	GORACE='atexit_sleep_ms=0 $(GORACE)' $(GO) test -vet=all -race -short -count=1 ./...

# test-long includes TestMemoryBound (pkg/internal/floor): lint and render
# of 100k SOPs within issue 15's memory bounds (a few minutes).
test-long: ## go vet and every test, the long ones too (10k-SOP libraries, all signal moments)
	$(GO) test -vet=all -race -count=1 -timeout 30m ./...

# The packages whose tests take -update: those linking pkg/internal/testlib
# (its golden helpers register the flag) and those whose tests declare it
# themselves (cmd/sopctl, for testscript's UpdateScripts). go test ./...
# -update would fail on every other package.
UPDATE_PKGS = { $(GO) list -test -f '{{if eq .Name "main"}}{{.ImportPath}} {{join .Deps " "}}{{end}}' ./... \
	| awk '/ github.com\/sopctl\/sopctl\/pkg\/internal\/testlib( |$$)/ { sub(/\.test$$/, "", $$1); print $$1 }'; \
	git grep -l 'flag.Bool("update"' -- '*_test.go' | xargs -r -n1 dirname | sed 's|^|./|'; }

update: ## rewrite every golden file and script after a deliberate change (review git diff)
	@pkgs="$$($(UPDATE_PKGS) | sort -u)"; test -n "$$pkgs" || { echo 'update: found no package whose tests take -update'; exit 1; }; \
	echo "$(GO) test -count=1 <$$(echo $$pkgs | wc -w) packages> -update"; \
	$(GO) test -count=1 $$pkgs -update
	@git status --short

lint: ## gofmt, go vet, staticcheck (pinned), go mod tidy check
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v /testdata/))" || { gofmt -l $$(git ls-files '*.go' | grep -v /testdata/); echo 'gofmt: run gofmt -w on the files above'; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) mod tidy -diff

fuzz: ## run every fuzz target for FUZZTIME each (default 30s)
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Each input may take FUZZBUDGET of CPU time plus as much again per 64 KiB
# of its size (SOPCTL_FUZZ_BUDGET, see pkg/internal/testlib/budget.go); a slower one
# fails like a crash. go test saves every failing input under the
# package's testdata/fuzz/FuzzX/, where the normal test suite runs it from
# then on: fix the cause, then commit the file. FUZZFLAGS adds flags, e.g.
# FUZZFLAGS='-parallel 1'.
fuzz-long: ## every fuzz target for FUZZLONG each (default 10m), with a time budget per input
	@failed=; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target ($(FUZZLONG), budget $(FUZZBUDGET))"; \
	    SOPCTL_FUZZ_BUDGET=$(FUZZBUDGET) $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZLONG) $(FUZZFLAGS) $$pkg \
	      || failed="$$failed $$pkg.$$target"; \
	  done; \
	done; \
	git status --short --untracked-files=all -- '*/testdata/fuzz/*'; \
	if [ -n "$$failed" ]; then echo "fuzz-long: failing inputs from:$$failed; they are kept under testdata/fuzz (listed above): fix, then commit them"; exit 1; fi

# The benchmarks run on generated libraries of 4 KB SOPs (testlib.BenchSizes).
# BENCH_100K=1 adds 100k SOPs: minutes and gigabytes a run, so one package
# at a time (-p 1); BENCH narrows them, e.g. make bench BENCH_100K=1
# BENCH='Lint|Render'.
BENCH       ?= .
BENCH_100K  ?=
bench: ## benchmarks on generated libraries of 1k and 10k SOPs (BENCH_100K=1: 100k too; BENCH=regexp)
	@mkdir -p bin
	SOPCTL_BENCH_100K=$(BENCH_100K) $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count 1 -timeout 120m $(if $(BENCH_100K),-p 1) ./... | tee bin/bench.txt

# Whole processes, sopctl (as make build makes it) against the floor
# program (pkg/internal/floor): lint and render of generated libraries
# kept in bin/lib-N (make clean removes them), FLOOR_RUNS alternating runs
# each, medians and ratios. Needs GNU time as /usr/bin/time.
FLOOR_SIZES ?= 1000 10000
FLOOR_RUNS  ?= 5
bench-floor: build ## sopctl against the floor program, whole processes (FLOOR_SIZES="1000 10000 100000", FLOOR_RUNS=5)
	$(GO) build -o bin/floor ./pkg/internal/floor
	$(GO) build -o bin/gen ./pkg/internal/testlib/gen
	@for n in $(FLOOR_SIZES); do test -d bin/lib-$$n || bin/gen -n $$n -o bin/lib-$$n || exit 1; done
	pkg/internal/floor/compare.sh -n $(FLOOR_RUNS) $(BIN) bin/floor $(addprefix bin/lib-,$(FLOOR_SIZES)) | tee bin/bench-floor.txt

demo: build ## build sopctl, check the example handbook and render it to site/
	$(BIN) -C $(EXAMPLE) lint
	$(BIN) -C $(EXAMPLE) review --within 365
	$(BIN) -C $(EXAMPLE) render -o ../../site
	@echo "demo: open site/index.html in a browser (it works from disk, with no network)"

clean: ## remove build and demo output
	rm -rf bin site site-md

# The six release targets of .goreleaser.yaml, built here with go build
# alone (no goreleaser, no network) and the same flags, so a change that
# breaks one platform fails before a tag is pushed.
RELEASE_TARGETS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

release-check: ## build every release target (linux, darwin, windows x amd64, arm64) into bin/release/
	@failed=; for target in $(RELEASE_TARGETS); do \
	  os=$${target%/*}; arch=$${target#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  echo "== $$os/$$arch"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
	    -o bin/release/sopctl_$${os}_$${arch}/sopctl$$ext ./cmd/sopctl || failed="$$failed $$target"; \
	done; \
	if [ -n "$$failed" ]; then echo "release-check: the build failed for:$$failed"; exit 1; fi; \
	echo "release-check: all six targets built in bin/release/"
