// Package serve is sopctl serve: it renders the HTML handbook into
// memory with each SOP's lint findings on its page, serves it on a local
// address, and, when a file of the library changes, loads and renders it
// again in memory (reading and rendering only what the change touches,
// when the caller's Reload can tell) and tells open pages to reload.
// It knows nothing of the command line: loading the library, the output
// and the browser are injected.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// DefaultAddr is where serve listens unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:8080"

// Config is one run of the server.
type Config struct {
	Addr string // HOST:PORT to listen on; port 0 picks a free one
	Dir  string // the library's folder, watched for changes
	// Load loads and lints the library; it is called at the start (an
	// error stops Run) and after every change (an error is shown on
	// every page until a change fixes it).
	Load func(ctx context.Context) (*Input, error)
	// Reload, when set, is called instead of Load after a change that
	// followed a good load: prev is that load's Input, changed the files
	// the watcher saw change (absolute paths, sorted). It may reuse what
	// did not change, or fall back to a full load; after an error the next
	// change calls Load.
	Reload func(ctx context.Context, prev *Input, changed []string) (*Input, error)
	// Listen defaults to net.Listen.
	Listen func(network, addr string) (net.Listener, error)
	// Open, when set, is given the URL once the server is listening
	// (--open: the browser).
	Open func(url string) error
	// Out gets the "serving" line; ErrOut the reload problems.
	Out, ErrOut io.Writer
	// Ready, when set, is given the URL once the server is listening.
	Ready func(url string)
}

// ListenError is an address the server cannot listen on: it could not
// start.
type ListenError struct {
	Addr string
	Err  error
}

func (e *ListenError) Unwrap() error { return e.Err }

func (e *ListenError) Error() string {
	if !errors.Is(e.Err, syscall.EADDRINUSE) {
		return fmt.Sprintf("cannot listen on %s (%v): pass --addr HOST:PORT, such as %s", e.Addr, e.Err, DefaultAddr)
	}
	next := e.Addr
	if host, port, err := net.SplitHostPort(e.Addr); err == nil {
		if n, err := strconv.Atoi(port); err == nil && n < 65535 {
			next = net.JoinHostPort(host, strconv.Itoa(n+1))
		}
	}
	return fmt.Sprintf("%s is in use: pass --addr %s or stop the other server", e.Addr, next)
}

// Run serves the library until ctx is done, then shuts the server down
// and returns nil.
func Run(ctx context.Context, cfg Config) error {
	listen := cfg.Listen
	if listen == nil {
		listen = net.Listen
	}
	ln, err := listen("tcp", cfg.Addr)
	if err != nil {
		return &ListenError{Addr: cfg.Addr, Err: err}
	}
	defer ln.Close()
	in, err := cfg.Load(ctx)
	if err != nil {
		return err
	}
	s, err := buildSite(in, nil)
	if err != nil {
		return err
	}
	w, err := newWatcher(cfg.Dir)
	if err != nil {
		return fmt.Errorf("cannot watch %s for changes: %w", cfg.Dir, err)
	}
	w.use(usesOf(in))
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go w.run(watchCtx)

	h := newHandler(allowedHosts(cfg.Addr, ln.Addr()), s)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(cfg.Out, "serving %s at %s (Ctrl-C to stop)\n", termsafe.Line(in.Handbook.Title), url)
	if cfg.Ready != nil {
		cfg.Ready(url)
	}
	if cfg.Open != nil {
		if err := cfg.Open(url); err != nil {
			fmt.Fprintf(cfg.ErrOut, "warning: cannot open a browser (%v): open %s yourself\n", err, url)
		}
	}
	prev, full := s, false
	for {
		select {
		case <-ctx.Done():
			h.stop()
			shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.Shutdown(shutCtx)
			return nil
		case err := <-served:
			return fmt.Errorf("the server stopped: %w", err)
		case err := <-w.errs:
			fmt.Fprintf(cfg.ErrOut, "warning: watching the library: %s\n", termsafe.Line(err.Error()))
		case <-w.changed:
			prev, full = reload(ctx, cfg, h, prev, w.take(), full)
			w.use(usesOf(prev.in))
		}
	}
}

// reload loads and renders the library again and serves the result, or
// the error that stopped it. It reuses prev, the last good site, unless
// full: a failed reload makes the next one full (it returns true), as
// the changes it saw are not in prev.
func reload(ctx context.Context, cfg Config, h *handler, prev *site, changed []string, full bool) (*site, bool) {
	var in *Input
	var err error
	if cfg.Reload != nil && !full && prev.in != nil {
		in, err = cfg.Reload(ctx, prev.in, changed)
	} else {
		in, err = cfg.Load(ctx)
	}
	var s *site
	if err == nil {
		s, err = buildSite(in, prev)
	}
	if err != nil {
		fmt.Fprintf(cfg.ErrOut, "%s\n", termsafe.Line(err.Error()))
		h.replace(errorSite(err))
		return prev, true
	}
	h.replace(s)
	return s, false
}
