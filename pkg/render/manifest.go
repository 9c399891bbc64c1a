package render

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

// ManifestFile lies beside the Marker in every folder a Stage commits: for
// each file of the bundle that a writer made with a key (Key), the key. The
// next render into the folder reuses a file whose key has not changed
// rather than making it again (Stage.Reuse). The marker's content stays
// fixed; the manifest changes with the bundle.
const ManifestFile = ".sopctl-manifest.json"

// manifestVersion changes whenever the manifest's format or the meaning
// of its keys does: a manifest of another version is not read.
const manifestVersion = 1

// manifest is the manifest file's content. Build is the sopctl build that
// made the bundle (buildID): a file made by another build is made again,
// since its templates and code may differ. Check hashes the rest, so that
// a manifest edited by hand is not trusted.
type manifest struct {
	Version int               `json:"version"`
	Build   string            `json:"build"`
	Check   string            `json:"check"`
	Files   map[string]string `json:"files"`
}

// encodeManifest writes a manifest of files (name -> key): one file a
// line, in lexical order, so that the same bundle gives the same bytes.
func encodeManifest(files map[string]string) []byte {
	var b bytes.Buffer
	build := buildID()
	fmt.Fprintf(&b, "{\"version\":%d,\"build\":%q,\"check\":%q,\"files\":{", manifestVersion, build, manifestCheck(build, files))
	for i, name := range slices.Sorted(maps.Keys(files)) {
		if i > 0 {
			b.WriteByte(',')
		}
		n, _ := json.Marshal(name)
		k, _ := json.Marshal(files[name])
		fmt.Fprintf(&b, "\n%s:%s", n, k)
	}
	b.WriteString("\n}}\n")
	return b.Bytes()
}

// decodeManifest reads a manifest: the files it lists (name -> key), or
// why none can be trusted.
func decodeManifest(data []byte) (map[string]string, error) {
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, errors.New("it is not valid JSON")
	}
	switch {
	case m.Version != manifestVersion:
		return nil, fmt.Errorf("it has version %d, not %d", m.Version, manifestVersion)
	case m.Build != buildID() || m.Build == unknownBuild:
		return nil, errors.New("another build of sopctl made it")
	case m.Check != manifestCheck(m.Build, m.Files):
		return nil, errors.New("it was changed after sopctl wrote it")
	}
	return m.Files, nil
}

// manifestCheck hashes a manifest's build and files.
func manifestCheck(build string, files map[string]string) string {
	b := appendField(nil, build)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b = appendField(appendField(b, name), files[name])
	}
	return keyOf(b)
}

// unknownBuild is the buildID of a build that cannot tell what it is:
// its manifests are never trusted.
const unknownBuild = "unknown"

// buildID names this build of sopctl for the manifest: its module version
// and commit when the Go toolchain recorded them for a clean checkout,
// otherwise the Go build ID of the executable, or a hash of it, so that a
// development build never reuses the files another made.
var buildID = sync.OnceValue(func() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev string
		modified := true
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value != "false"
			}
		}
		if rev != "" && !modified {
			return info.Main.Version + " " + rev
		}
		if v := info.Main.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
			return v // a module version, as go install gives it
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return unknownBuild
	}
	if id := goBuildID(exe); id != "" {
		return "go " + id
	}
	return executableHash(exe)
})

// goBuildID is the build ID the Go toolchain wrote into the executable
// exe (go tool buildid), or "" when it has none (built with -buildid=, or
// not an ELF file). Its last part is the hash of the executable's content
// that go build itself compares, so it names the build as a hash of the
// file does, for reading a few kilobytes of it: hashing the 25 MB of a
// build cost 22 ms of an incremental render's CPU.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil || s.Size > 1024 {
		return ""
	}
	note, err := s.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: name size, description size, type, the name ("Go"
	// and a NUL, padded to 4 bytes), then the description, the ID.
	nameSize, descSize := f.ByteOrder.Uint32(note), f.ByteOrder.Uint32(note[4:])
	if nameSize != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+descSize])
	if strings.Count(id, "/") < 1 || strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return ""
	}
	return id
}

// executableHash hashes the executable exe, read in small pieces: it
// weighs tens of megabytes, which a render need not hold.
func executableHash(exe string) string {
	f, err := os.Open(exe)
	if err != nil {
		return unknownBuild
	}
	defer f.Close()
	d := sha256.New()
	if _, err := io.Copy(d, f); err != nil {
		return unknownBuild
	}
	return "exe " + base64.RawURLEncoding.EncodeToString(d.Sum(nil)[:12])
}
