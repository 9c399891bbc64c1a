package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// repoFile reads a file of the repository, from cmd/sopctl.
func repoFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type actionStep struct {
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
	With map[string]string `yaml:"with"`
	If   string            `yaml:"if"`
}

// TestActionFile holds action.yml to what GitHub can't check for us:
// every input is used and documented in the README's input table, no
// input is interpolated into shell text (script injection), and every
// action it uses is pinned by a full commit SHA.
func TestActionFile(t *testing.T) {
	var action struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"inputs"`
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(repoFile(t, "action.yml"), &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("action.yml: runs.using %q with %d steps, want a composite action", action.Runs.Using, len(action.Runs.Steps))
	}
	var used strings.Builder
	for _, step := range action.Runs.Steps {
		if strings.Contains(step.Run, "${{") {
			t.Errorf("action.yml: a run: holds an expression (script injection); pass it through env: %q", step.Run)
		}
		for _, v := range step.Env {
			used.WriteString(v + "\n")
		}
		for _, v := range step.With {
			used.WriteString(v + "\n")
		}
		used.WriteString(step.If + "\n")
	}
	readme := string(repoFile(t, "README.md"))
	want := []string{"args", "format", "path", "sarif", "version"}
	var got []string
	for name, input := range action.Inputs {
		got = append(got, name)
		if !strings.Contains(used.String(), "inputs."+name+" ") && !strings.Contains(used.String(), "inputs."+name+"}") {
			t.Errorf("action.yml: input %q is never used", name)
		}
		if input.Description == "" || !strings.Contains(readme, "\n| `"+name+"` |") {
			t.Errorf("input %q needs a description in action.yml and a row in the README's input table", name)
		}
	}
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("action.yml inputs %v, want %v", got, want)
	}
	checkPinned(t, "action.yml", action.Runs.Steps)
}

var pinned = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)

func checkPinned(t *testing.T, file string, steps []actionStep) {
	t.Helper()
	for _, step := range steps {
		if step.Uses != "" && !pinned.MatchString(step.Uses) {
			t.Errorf("%s: %q is not pinned by a full commit SHA", file, step.Uses)
		}
	}
}

// TestWorkflowFiles checks that the workflows parse, pin every action by
// commit, and that the release builds the same six targets as
// make release-check.
func TestWorkflowFiles(t *testing.T) {
	for _, name := range []string{".github/workflows/ci.yml", ".github/workflows/release.yml"} {
		var wf struct {
			Jobs map[string]struct {
				Steps []actionStep `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(repoFile(t, name), &wf); err != nil || len(wf.Jobs) == 0 {
			t.Fatalf("%s: %v (%d jobs)", name, err, len(wf.Jobs))
		}
		for _, job := range wf.Jobs {
			checkPinned(t, name, job.Steps)
		}
	}
	var gr struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Goos   []string `yaml:"goos"`
			Goarch []string `yaml:"goarch"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(repoFile(t, ".goreleaser.yaml"), &gr); err != nil || gr.Version != 2 || len(gr.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml: %v, version %d, %d builds; want version 2 and one build", err, gr.Version, len(gr.Builds))
	}
	var targets []string
	for _, goos := range gr.Builds[0].Goos {
		for _, goarch := range gr.Builds[0].Goarch {
			targets = append(targets, goos+"/"+goarch)
		}
	}
	m := regexp.MustCompile(`(?m)^RELEASE_TARGETS := (.*)$`).FindSubmatch(repoFile(t, "Makefile"))
	if m == nil {
		t.Fatal("Makefile: no RELEASE_TARGETS line")
	}
	fromMake := strings.Fields(string(m[1]))
	slices.Sort(targets)
	slices.Sort(fromMake)
	if !slices.Equal(targets, fromMake) || len(targets) != 6 {
		t.Errorf(".goreleaser.yaml builds %v, make release-check %v: want the same six", targets, fromMake)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(repoFile(t, ".pre-commit-hooks.yaml"), &hooks); err != nil || len(hooks) != 1 || hooks[0]["pass_filenames"] != true {
		t.Errorf(".pre-commit-hooks.yaml: %v, %v; want one hook with pass_filenames: true", err, hooks)
	}
}
