# sopctl — make help lists the targets.
GO          ?= go
BIN         := bin/sopctl
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -s -w -X github.com/sopctl/sopctl/pkg/cli.Version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 30s
EXAMPLE     := examples/customer-service

.DEFAULT_GOAL := help
.PHONY: help build test update lint fuzz bench demo clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/sopctl
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/sopctl

test: ## vet and run every test (fuzz seed corpora included)
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

update: ## rewrite golden files after a deliberate change (review the diff)
	$(GO) test -count=1 ./cmd/sopctl -update

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

bench: ## benchmarks on generated 1k and 10k SOP libraries
	@mkdir -p bin
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./... | tee bin/bench.txt

demo: build ## build sopctl and run it on the example handbook
	@rm -rf bin/demo && mkdir -p bin/demo && cp -R $(EXAMPLE) bin/demo/
	$(BIN) -C $(EXAMPLE) templates list
	$(BIN) -C $(EXAMPLE) lint
	$(BIN) -C bin/demo/customer-service new --role customer-service-operations --dry-run
	$(BIN) -C bin/demo/customer-service new refund-approval --title "Refund Approval" --dry-run
	@echo "demo: the example handbook is in $(EXAMPLE)/sops; rendering arrives with sopctl render"

clean: ## remove build and demo output
	rm -rf bin site site-md
