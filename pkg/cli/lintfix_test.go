package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/iostreams"
)

// An SOP saved by someone else after lint --fix read it is left alone and
// named; the others are fixed.
func TestFixLeavesAFileChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	sopText := "---\nid: ID\ntitle: T\nversion: 1.0\nstatus: draft\nowner: L\n---\n\n# T\n\n## Purpose\n\nx\n\n## Scope\n\nx\n\n## Procedure\n\n1. x\n"
	files := map[string]string{"sopctl.yaml": "title: T\n",
		"sops/a.md": strings.ReplaceAll(sopText, "ID", "a"), "sops/b.md": strings.ReplaceAll(sopText, "ID", "b")}
	testlib.WriteTree(t, dir, files)
	ios, _, out, errOut := iostreams.Test()
	env := &Env{IO: ios, Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }}
	units, err := lintUnits(context.Background(), env, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	saved := []byte(strings.Replace(files["sops/a.md"], "owner: L", "owner: Someone", 1))
	if err := os.WriteFile(filepath.Join(dir, "sops/a.md"), saved, 0o644); err != nil {
		t.Fatal(err)
	}
	left, err := fixUnits(context.Background(), env, units, false, out)
	if err != nil || left != 1 {
		t.Fatalf("left %d, err %v; want 1, nil", left, err)
	}
	if !strings.Contains(errOut.String(), "sops/a.md: saved by someone else since lint read it, so it was left alone: run sopctl lint --fix again\n") {
		t.Errorf("stderr %q does not name the file", errOut.String())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sops/a.md")); !bytes.Equal(got, saved) {
		t.Errorf("sops/a.md was overwritten: %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sops/b.md")); !bytes.Contains(got, []byte(`version: "1.0"`)) {
		t.Errorf("sops/b.md was not fixed: %q", got)
	}
	if out.String() != "sops/b.md:4: fixed invalid-field\n" {
		t.Errorf("stdout %q", out.String())
	}
}
