package render

import (
	"reflect"
	"testing"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		n, per int
		want   [][2]int
	}{
		{0, 1000, [][2]int{{0, 0}}},
		{1, 1000, [][2]int{{0, 1}}},
		{1000, 1000, [][2]int{{0, 1000}}},
		{1001, 1000, [][2]int{{0, 1000}, {1000, 1001}}},
		{5, 2, [][2]int{{0, 2}, {2, 4}, {4, 5}}},
		{3, 0, [][2]int{{0, 1}, {1, 2}, {2, 3}}},
	}
	for _, tt := range tests {
		if got := Chunks(tt.n, tt.per); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Chunks(%d, %d) = %v, want %v", tt.n, tt.per, got, tt.want)
		}
	}
}

func TestPageName(t *testing.T) {
	tests := []struct {
		base string
		i    int
		ext  string
		want string
	}{
		{"index", 0, ".html", "index.html"},
		{"index", 1, ".html", "index-2.html"},
		{"roles/a-handbook", 2, ".md", "roles/a-handbook-3.md"},
	}
	for _, tt := range tests {
		if got := PageName(tt.base, tt.i, tt.ext); got != tt.want {
			t.Errorf("PageName(%q, %d, %q) = %q, want %q", tt.base, tt.i, tt.ext, got, tt.want)
		}
	}
}
