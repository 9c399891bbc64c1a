package serve

import (
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/sopctl/sopctl/pkg/render"
)

// handler serves the current site from memory, refuses requests for
// another host, and tells open pages when to reload.
type handler struct {
	hosts map[string]bool // the Host headers accepted, lower case

	mu      sync.RWMutex
	current *site
	clients map[chan struct{}]bool
	done    chan struct{} // closed when the server stops
}

func newHandler(hosts map[string]bool, s *site) *handler {
	return &handler{hosts: hosts, current: s, clients: map[chan struct{}]bool{}, done: make(chan struct{})}
}

// allowedHosts are the Host headers of a server listening on ln that was
// asked for addr: the loopback names with its port, and addr's host. Any
// other name is refused, so that a web page whose DNS name is rebound to
// 127.0.0.1 cannot read the handbook.
func allowedHosts(addr string, ln net.Addr) map[string]bool {
	_, port, _ := net.SplitHostPort(ln.String())
	host, _, _ := net.SplitHostPort(addr)
	hosts := map[string]bool{}
	for _, h := range []string{"127.0.0.1", "localhost", "::1", host} {
		if h != "" {
			hosts[strings.ToLower(net.JoinHostPort(h, port))] = true
		}
	}
	return hosts
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "sopctl serve answers only requests for the address it serves (Host "+r.Host+" refused)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/_events" {
		h.events(w, r)
		return
	}
	name, ok := bundleName(r.URL.Path)
	h.mu.RLock()
	s := h.current
	h.mu.RUnlock()
	if s.err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(errorPage(s.err))
		return
	}
	data, found := s.files[name]
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	switch {
	case ctype != "":
	case strings.HasPrefix(name, render.FilesDir+"/"):
		// A file an SOP links to, of a type the server does not know, is
		// downloaded, never read as a page.
		ctype = "application/octet-stream"
	default:
		ctype = "text/html; charset=utf-8" // _problems
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store") // a reload must show the new render
	w.Write(data)
}

// bundleName maps a URL path (decoded) to a name in the bundle. A path
// with a ".." segment, a backslash or a NUL is no name: the site is
// served from memory only, so nothing outside it could be read anyway,
// and such a path is answered 404 rather than resolved.
func bundleName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// replace serves s from now on and tells every open page to reload.
func (h *handler) replace(s *site) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.current = s
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default: // a reload is already pending for it
		}
	}
}

// stop ends the event streams, which would otherwise keep Shutdown
// waiting.
func (h *handler) stop() { close(h.done) }

// events is a server-sent event stream: one "reload" event per change.
func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	for {
		select {
		case <-c:
			if _, err := w.Write([]byte("data: reload\n\n")); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}
