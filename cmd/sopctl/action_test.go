package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeBinary stands in for sopctl in a fake release: install.sh runs it.
const fakeBinary = "#!/bin/sh\necho 'sopctl v1.2.3 (fake)'\n"

// needTools skips the test when a tool the action's scripts use is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; the action's scripts need it", tool)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		if _, err := exec.LookPath("shasum"); err != nil {
			t.Skip("neither sha256sum nor shasum is installed; install.sh needs one")
		}
	}
}

// tarGz is a gzipped tar holding name (a regular file, or a symlink to
// link when link is set).
func tarGz(t *testing.T, name, content, link string) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	hdr := &tar.Header{Name: name, Mode: 0o755, Size: int64(len(content)), Typeflag: tar.TypeReg}
	if link != "" {
		hdr = &tar.Header{Name: name, Mode: 0o777, Typeflag: tar.TypeSymlink, Linkname: link}
	}
	for _, err := range []error{tw.WriteHeader(hdr), write(tw, content, link == ""), tw.Close(), gz.Close()} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func write(w interface{ Write([]byte) (int, error) }, content string, ok bool) error {
	if !ok {
		return nil
	}
	_, err := w.Write([]byte(content))
	return err
}

func zipped(t *testing.T, name, content string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	hdr := &zip.FileHeader{Name: name, Method: zip.Deflate}
	hdr.SetMode(0o755)
	f, err := zw.CreateHeader(hdr)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f, content, true); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fakeRelease writes release v1.2.3 as goreleaser publishes it: archives
// for linux/amd64 and windows/amd64 and checksums.txt, under root/v1.2.3/.
func fakeRelease(t *testing.T, root string) string {
	dir := filepath.Join(root, "v1.2.3")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"sopctl_1.2.3_linux_amd64.tar.gz": tarGz(t, "sopctl", fakeBinary, ""),
		"sopctl_1.2.3_windows_amd64.zip":  zipped(t, "sopctl.exe", fakeBinary),
	}
	var sums strings.Builder
	for name, data := range files {
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(data), name)
		writeFile(t, filepath.Join(dir, name), data)
	}
	writeFile(t, filepath.Join(dir, "checksums.txt"), []byte(sums.String()))
	return dir
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceChecksums rewrites checksums.txt through edit.
func replaceChecksums(edit func(string) string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		data, err := os.ReadFile(filepath.Join(dir, "checksums.txt"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "checksums.txt"), []byte(edit(string(data))))
	}
}

// actionScript is the absolute path of one of the action's scripts. It
// reads the file first so that go test's cache sees it: an edit to the
// script must rerun the tests.
func actionScript(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", ".github", "action", name))
	if err == nil {
		_, err = os.ReadFile(path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}
