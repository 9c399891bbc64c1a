package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// blockingReader is standard input that never ends, like a terminal
// nobody types in: it says when it is first read, then blocks.
type blockingReader struct{ reading chan struct{} }

func (r *blockingReader) Read([]byte) (int, error) {
	close(r.reading)
	select {} // blocks for ever
}

// The first Ctrl-C stops ack status --from - while it waits for standard
// input: exit 1, one line saying nothing changed, nothing on stdout.
func TestAckStatusInterruptedReadingStdin(t *testing.T) {
	lib := t.TempDir()
	if err := os.WriteFile(filepath.Join(lib, "sopctl.yaml"), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(lib, "sops"), 0o755); err != nil {
		t.Fatal(err)
	}
	ios, _, out, errOut := iostreams.Test()
	in := &blockingReader{reading: make(chan struct{})}
	ios.In = in
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-in.reading
		cancel()
	}()
	env := &Env{IO: ios, Dir: lib, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
	code := Run(ctx, []string{"ack", "status", "--from", "-"}, env)
	if code != ExitProblems || errOut.String() != "interrupted: nothing was changed\n" || out.Len() > 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, nothing and \"interrupted: nothing was changed\"", code, out.String(), errOut.String())
	}
}
