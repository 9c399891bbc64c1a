package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
)

const alpha = `---
id: alpha
title: Alpha
version: "1.0"
status: draft
owner: Ops Lead
---

## Purpose

First text.

## Scope

All.

## Procedure

1. Do it.
`

// writeLibrary makes a library with the SOP alpha and returns its folder.
func writeLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "sopctl.yaml"), "title: Test Handbook\nsops_dir: sops\n")
	write(t, filepath.Join(dir, "sops", "alpha.md"), alpha)
	return dir
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// load is what sopctl serve's Load does, without the role templates.
func load(dir string) func(context.Context) (*Input, error) {
	return func(ctx context.Context) (*Input, error) {
		lib, err := library.LoadContext(ctx, dir)
		if err != nil {
			return nil, err
		}
		now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
		return &Input{Lib: lib, Handbook: render.Build(lib, nil, gitlog.History{}, now),
			Findings: lint.Run(lib, lint.Options{Now: now})}, nil
	}
}

// start runs the server on a free port until the test ends, and returns
// its URL.
func start(t *testing.T, dir string) string {
	t.Helper()
	return startLoading(t, dir, load(dir))
}

// startLoading is start with a Load of the test's own.
func startLoading(t *testing.T, dir string, load func(context.Context) (*Input, error)) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Addr: "127.0.0.1:0", Dir: dir, Load: load, Out: io.Discard, ErrOut: io.Discard,
			Ready: func(url string) { ready <- url }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run after cancel: %v", err)
		}
	})
	select {
	case url := <-ready:
		return url
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start")
	}
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitFor polls url until its body contains every want, for at most 2 s.
func waitFor(t *testing.T, url string, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		_, body := get(t, url)
		missing := ""
		for _, w := range want {
			if !strings.Contains(body, w) {
				missing = w
			}
		}
		if missing == "" {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has no %q after 2 s:\n%s", url, missing, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// An edit to an SOP file shows on its page, with the finding it causes,
// without restarting the server; a file that stops parsing shows its
// error on its page and on /_problems.
func TestEditReloads(t *testing.T) {
	dir := writeLibrary(t)
	url := start(t, dir)
	code, body := get(t, url+"sops/alpha.html")
	if code != 200 || !strings.Contains(body, "First text.") || !strings.Contains(body, `id="sopctl-findings"`) || strings.Contains(body, "missing-section") {
		t.Fatalf("sops/alpha.html: %d\n%s", code, body)
	}
	if !strings.Contains(body, `new EventSource("/_events")`) {
		t.Errorf("no reload script:\n%s", body)
	}
	events := openEvents(t, url)
	// Scope removed: a missing-section finding.
	edited := strings.Replace(strings.Replace(alpha, "First text.", "Second text.", 1), "## Scope\n\nAll.\n\n", "", 1)
	write(t, filepath.Join(dir, "sops", "alpha.md"), edited)
	waitFor(t, url+"sops/alpha.html", "Second text.", `data-rule="missing-section"`)
	waitFor(t, url+"_problems", "sops/alpha.md:", `data-rule="missing-section"`)
	select {
	case line := <-events:
		if line != "data: reload" {
			t.Errorf("event %q, want data: reload", line)
		}
	case <-time.After(2 * time.Second):
		t.Error("no reload event on /_events after 2 s")
	}

	write(t, filepath.Join(dir, "sops", "alpha.md"), "---\nid: alpha\ntitle: [unclosed\n---\n")
	body = waitFor(t, url+"sops/alpha.html", "cannot be parsed", `id="sopctl-findings"`)
	if strings.Contains(body, "Second text.") {
		t.Errorf("the stale render is still served:\n%s", body)
	}
	waitFor(t, url+"_problems", "sops/alpha.md:")
	// A new folder is watched too.
	write(t, filepath.Join(dir, "sops", "new", "beta.md"), strings.NewReplacer("alpha", "beta", "Alpha", "Beta").Replace(alpha))
	waitFor(t, url+"sops/beta.html", "First text.")
}

// Only the addresses the server serves are answered: a page whose DNS
// name was rebound to 127.0.0.1 gets 403.
func TestHostRefused(t *testing.T) {
	url := start(t, writeLibrary(t))
	port := url[strings.LastIndex(url, ":")+1 : len(url)-1]
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, 403},
		{"127.0.0.1", 403},
		{"localhost:1", 403},
	} {
		req, _ := http.NewRequest("GET", url+"index.html", nil)
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %s: %d, want %d", tt.host, resp.StatusCode, tt.want)
		}
	}
}

// No path leads out of the bundle: the raw request paths (as a client
// that does not clean them sends them) get 404 and never the file.
func TestPathEscape(t *testing.T) {
	dir := writeLibrary(t)
	url := start(t, dir)
	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	for _, p := range []string{"/../sopctl.yaml", "/%2e%2e/sopctl.yaml", "/%2e%2e/", "/sops/../../x", "/sops/..%2f..%2fsopctl.yaml",
		"/..\\sopctl.yaml", "/sopctl.yaml", "/sops/alpha.md"} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+p+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		b, _ := io.ReadAll(conn)
		conn.Close()
		resp := string(b)
		if !strings.HasPrefix(resp, "HTTP/1.1 4") {
			t.Errorf("%s: %s", p, strings.SplitN(resp, "\r\n", 2)[0])
		}
		if strings.Contains(resp, "Test Handbook") || strings.Contains(resp, "sops_dir") {
			t.Errorf("%s: a file of the library was returned:\n%s", p, resp)
		}
	}
}

// An address in use is said so, with what to do.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	err = Run(context.Background(), Config{Addr: addr, Dir: t.TempDir(), Out: io.Discard, ErrOut: io.Discard,
		Load: func(context.Context) (*Input, error) { t.Fatal("Load called"); return nil, nil }})
	var listenErr *ListenError
	if !errors.As(err, &listenErr) || !strings.HasPrefix(err.Error(), addr+" is in use: pass --addr 127.0.0.1:") || !strings.HasSuffix(err.Error(), " or stop the other server") {
		t.Fatalf("got %v, want %s is in use", err, addr)
	}
}

// openEvents subscribes to /_events (the stream stays open when the
// server stops: Run must still return) and sends each data line.
func openEvents(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "_events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("/_events: Content-Type %q", ct)
	}
	lines := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data:") {
				lines <- sc.Text()
			}
		}
	}()
	return lines
}
