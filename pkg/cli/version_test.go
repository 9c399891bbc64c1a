package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const sha = "abc123def4567890abc123def4567890abc123de"
	tests := []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		want                  string
	}{
		{"ldflags set all three", "v1.2.3", sha, "2026-12-06T10:00:00Z",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", "ffffffffffffffff", "vcs.time", "2020-01-01T00:00:00Z")},
			"sopctl v1.2.3 (commit abc123def456, built 2026-12-06T10:00:00Z, go1.26.8, linux/amd64)"},
		{"go install of a tag", "dev", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}},
			"sopctl v1.2.3 (go1.26.8, linux/amd64)"},
		{"local build: commit and time from the vcs stamp", "dev", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", sha, "vcs.time", "2026-12-01T09:30:00Z", "vcs.modified", "false")},
			"sopctl dev (commit abc123def456, built 2026-12-01T09:30:00Z, go1.26.8, linux/amd64)"},
		{"modified work tree", "dev", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", sha, "vcs.modified", "true")},
			"sopctl dev (commit abc123def456, dirty, go1.26.8, linux/amd64)"},
		{"ldflags version wins over the module's", "v2.0.0", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.9.0"}},
			"sopctl v2.0.0 (go1.26.8, linux/amd64)"},
		{"short commit kept whole", "v1.2.3", "abc12", "", nil,
			"sopctl v1.2.3 (commit abc12, go1.26.8, linux/amd64)"},
		{"no build info", "dev", "", "", nil,
			"sopctl dev (go1.26.8, linux/amd64)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionLine(tt.version, tt.commit, tt.date, tt.info, "go1.26.8", "linux/amd64")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
