package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

const corpusDir = "../../../shared/corpus"

var indexDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "corpusbot-cmd-")
	if err != nil {
		panic(err)
	}
	indexDir = filepath.Join(dir, "index")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCmd runs the binary's command line in-process.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(k string) string {
			switch k {
			case "CORPUSBOT_CORPUS":
				return corpusDir
			case "CORPUSBOT_INDEX":
				return indexDir
			}
			return ""
		},
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestAskJSON(t *testing.T) {
	code, out, errs := runCmd(t, "", "ask", "-json", "what did Lavrov say about Nusra?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Question string           `json:"question"`
		Answered *bool            `json:"answered"`
		Answers  []map[string]any `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Question != "what did Lavrov say about Nusra?" || got.Answered == nil || !*got.Answered || len(got.Answers) == 0 {
		t.Fatalf("unexpected answer: %s", out)
	}
	for _, key := range []string{"text", "source", "title", "date", "speaker", "start", "end", "score"} {
		if _, ok := got.Answers[0][key]; !ok {
			t.Errorf("answer lacks %q: %v", key, got.Answers[0])
		}
	}
	a := got.Answers[0]
	src, err := os.ReadFile(filepath.Join(corpusDir, a["source"].(string)))
	if err != nil {
		t.Fatal(err)
	}
	start, end := int(a["start"].(float64)), int(a["end"].(float64))
	if !strings.Contains(string(src[start:end]), "Nusra") {
		t.Errorf("offsets %d-%d do not point at the sentence: %q", start, end, src[start:end])
	}
	if a["date"] != "2016-06-04" || a["speaker"] != "Sergey Lavrov" {
		t.Errorf("date %v speaker %v", a["date"], a["speaker"])
	}
}

func TestAskBatch(t *testing.T) {
	in := "What is the capital of Australia?\n\nHow many Turkish soldiers were killed near al-Bab?\n🙂\n"
	code, out, errs := runCmd(t, in, "ask", "-batch", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines for 3 questions:\n%s", len(lines), out)
	}
	want := []bool{false, true, false}
	for i, l := range lines {
		var a jsonAnswer
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %d not JSON: %v", i+1, err)
		}
		if a.Answered != want[i] {
			t.Errorf("line %d (%q): answered %v", i+1, a.Question, a.Answered)
		}
	}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{[]string{"ask", "What is the capital of Australia?"}, 0, "no sentence"},
		{[]string{"ask"}, 2, "no question"},
		{[]string{"ask", "-top", "0", "x"}, 2, "-top"},
		{[]string{"serve", "-top", "500"}, 2, "-top"},
		{[]string{"serve", "-shard-id", "2", "-shard-count", "2"}, 2, "-shard-id"},
		{[]string{"eval", "-top", "0"}, 2, "-top"},
		{[]string{"ask", "-nosuchflag", "x"}, 2, "nosuchflag"},
		{[]string{"nosuchcommand"}, 2, "unknown command"},
		{[]string{}, 2, "usage"},
		{[]string{"ask", "-corpus", "/nonexistent/corpus", "x"}, 1, "corpus folder"},
		{[]string{"statements", "-since", "June 2016", "Lavrov"}, 2, "YYYY-MM-DD"},
		{[]string{"statements"}, 2, "actor"},
		{[]string{"import", "nosuch", "a", "b"}, 2, "unknown source"},
		{[]string{"ask", "-batch", "/nonexistent/questions"}, 1, "batch"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(t, "", tt.args...)
		if code != tt.code {
			t.Errorf("%q: exit %d, want %d (%s%s)", tt.args, code, tt.code, out, errs)
		}
		if !strings.Contains(out+errs, tt.out) {
			t.Errorf("%q: output lacks %q: %s%s", tt.args, tt.out, out, errs)
		}
		if tt.code == 1 && strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%q: error is not one line: %q", tt.args, errs)
		}
	}
}

func TestStatementsAndActorsJSON(t *testing.T) {
	code, out, errs := runCmd(t, "", "statements", "-json", "-about", "Nusra", "lavrov")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var st struct {
		Actor      string `json:"actor"`
		Statements []struct {
			Text   string `json:"text"`
			Source string `json:"source"`
			Date   string `json:"date"`
			Start  *int   `json:"start"`
			End    *int   `json:"end"`
			Quote  *bool  `json:"quote"`
		} `json:"statements"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if st.Actor != "Sergey Lavrov" || len(st.Statements) == 0 {
		t.Fatalf("unexpected: %s", out)
	}
	for _, s := range st.Statements {
		if s.Text == "" || s.Source == "" || s.Start == nil || s.End == nil || s.Quote == nil {
			t.Errorf("statement lacks fields: %+v", s)
		}
	}
	code, out, errs = runCmd(t, "", "actors", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var actors struct {
		Actors []jsonActor `json:"actors"`
	}
	if err := json.Unmarshal([]byte(out), &actors); err != nil || len(actors.Actors) == 0 {
		t.Fatalf("actors JSON: %v\n%s", err, out)
	}
	if actors.Actors[0].Statements < actors.Actors[len(actors.Actors)-1].Statements {
		t.Errorf("actors not by statements, most first")
	}
}

func TestSplit(t *testing.T) {
	in := "Mr. Smith went to Washington. He said “hello.” Then he left…\nA headline\n\nU.S. forces moved 3.6 million tons."
	code, out, errs := runCmd(t, in, "split")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := []string{"Mr. Smith went to Washington.", "He said “hello.”", "Then he left…", "A headline", "U.S. forces moved 3.6 million tons."}
	if got := strings.Split(strings.TrimSpace(out), "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("split:\n got %q\nwant %q", got, want)
	}
}

func TestBuildMemory(t *testing.T) {
	gc0 := debug.SetGCPercent(100)
	limit0 := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(gc0); debug.SetMemoryLimit(limit0) })
	for _, tc := range []struct {
		env         map[string]string
		wantChanged bool
	}{
		{env: nil, wantChanged: true},
		{env: map[string]string{"GOGC": "100"}},
		{env: map[string]string{"GOMEMLIMIT": "2GiB"}},
	} {
		e := &env{getenv: func(k string) string { return tc.env[k] }}
		restore := buildMemory(e)
		gc := debug.SetGCPercent(-1)
		debug.SetGCPercent(gc)
		limit := debug.SetMemoryLimit(-1)
		if tc.wantChanged && (gc != buildGCPercent || limit != buildMemoryLimit) ||
			!tc.wantChanged && (gc != 100 || limit != math.MaxInt64) {
			t.Errorf("env %v: building with GOGC %d, limit %d", tc.env, gc, limit)
		}
		restore()
		if gc := debug.SetGCPercent(100); gc != 100 {
			t.Errorf("env %v: GOGC %d after the build", tc.env, gc)
		}
		if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
			t.Errorf("env %v: memory limit %d after the build", tc.env, limit)
		}
	}
}
