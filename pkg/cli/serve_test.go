package cli

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// A port in use cannot start serve (exit 2), and the message says what
// to do.
func TestServePortInUse(t *testing.T) {
	lib := libraryWithOneSOP(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	code, _, stderr := run(t, lib, templates.FS, "serve", "--addr", addr)
	if code != ExitUsage || !strings.HasPrefix(stderr, addr+" is in use: pass --addr 127.0.0.1:") || strings.Contains(stderr, "--help") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// serve --open gives the browser the URL it serves, which answers; the
// cancelled context (Ctrl-C) then stops it with exit 0.
func TestServeOpenAndStop(t *testing.T) {
	lib := libraryWithOneSOP(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	status := make(chan int, 1)
	defer func(old func(string) error) { openBrowser = old }(openBrowser)
	openBrowser = func(url string) error {
		resp, err := http.Get(url + "sops/x.html")
		if err == nil {
			resp.Body.Close()
			status <- resp.StatusCode
		} else {
			status <- 0
		}
		cancel()
		return nil
	}
	ios, _, out, errOut := iostreams.Test()
	env := &Env{IO: ios, Dir: lib, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
	code := Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--open"}, env)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := <-status; got != http.StatusOK {
		t.Errorf("the opened URL answered %d", got)
	}
	if !strings.HasPrefix(out.String(), "serving ") || !strings.Contains(out.String(), " at http://127.0.0.1:") || !strings.HasSuffix(out.String(), "/ (Ctrl-C to stop)\n") {
		t.Errorf("stdout %q", out)
	}
}
