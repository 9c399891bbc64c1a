package html_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// Once the output refuses a file (an interrupted render, a full disk),
// Bundle stops rendering: at most the pages already being rendered on
// other cores are offered after it, and its error is the output's.
func TestBundleStopsWhenOutputFails(t *testing.T) {
	const n, failAt = 200, 5
	files := map[string]string{"sopctl.yaml": "title: T\n"}
	for i := range n {
		id := fmt.Sprintf("s%03d", i)
		files["sops/"+id+".md"] = rendertest.SOPFile(id, "", "# "+id+"\n\nText.\n")
	}
	h, lib := rendertest.Load(t, rendertest.LibraryFiles(t, files), gitlog.History{})
	stop := errors.New("interrupted")
	var calls atomic.Int64
	out := outputFunc(func(string, []byte) error {
		if calls.Add(1) > failAt {
			return stop
		}
		return nil
	})
	if _, err := renderhtml.Bundle(h, out, options(lib)); !errors.Is(err, stop) {
		t.Errorf("Bundle = %v, want the output's error", err)
	}
	if got, most := calls.Load(), int64(failAt+1+runtime.GOMAXPROCS(0)); got > most {
		t.Errorf("the output was offered %d files after refusing one (at most %d expected): the render did not stop", got, most)
	}
}

// outputFunc is a render.Output that calls a function.
type outputFunc func(name string, data []byte) error

func (f outputFunc) WriteFile(name string, data []byte) error { return f(name, data) }
