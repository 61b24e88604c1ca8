package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readJSONL decodes every line of the .jsonl files under dir (or the file dir), by file.
func readJSONL(t *testing.T, dir string) map[string][]Article {
	t.Helper()
	files, err := sourceFiles(context.Background(), dir, func(p string) bool { return strings.HasSuffix(p, ".jsonl") })
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]Article{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var a Article
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&a); err != nil {
				t.Fatalf("%s: %v: %s", p, err, sc.Text())
			}
			out[filepath.Base(p)] = append(out[filepath.Base(p)], a)
		}
	}
	return out
}

func TestImportDir(t *testing.T) {
	dest := t.TempDir()
	// Files an earlier, larger run left, and files that are not ours.
	for _, name := range []string{"bbc-007.jsonl", "bbc-notes.jsonl", "reuters-000.jsonl", "keep.txt"} {
		if err := os.WriteFile(filepath.Join(dest, name), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := Import(context.Background(), "bbc", "testdata/bbc", dest, Options{PerFile: 2})
	if err != nil {
		t.Fatal(err)
	}
	wantOut := []string{filepath.Join(dest, "bbc-000.jsonl"), filepath.Join(dest, "bbc-001.jsonl")}
	if !slices.Equal(st.Outputs, wantOut) {
		t.Errorf("outputs %v, want %v", st.Outputs, wantOut)
	}
	entries, _ := os.ReadDir(dest)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if info, _ := e.Info(); strings.HasPrefix(e.Name(), "bbc-0") && info.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", e.Name(), info.Mode().Perm())
		}
	}
	if want := "bbc-000.jsonl bbc-001.jsonl bbc-notes.jsonl keep.txt reuters-000.jsonl"; strings.Join(names, " ") != want {
		t.Errorf("folder holds %v, want %s (stale bbc-007 removed, nothing else touched, no temporary file)", names, want)
	}
	files := readJSONL(t, dest)
	if len(files["bbc-000.jsonl"]) != 2 || len(files["bbc-001.jsonl"]) != 1 {
		t.Fatalf("articles per file: %d %d, want 2 1", len(files["bbc-000.jsonl"]), len(files["bbc-001.jsonl"]))
	}
	if a := files["bbc-001.jsonl"][0]; a.ID != "bbc/sport/001" || a.Text != "Mutu, a £15.8m signing, was sacked." || a.Date != "" {
		t.Errorf("last article %+v", a)
	}
	raw, _ := os.ReadFile(filepath.Join(dest, "bbc-001.jsonl"))
	if want := `{"id":"bbc/sport/001","title":"Chelsea sack Mutu","text":"Mutu, a £15.8m signing, was sacked.","outlet":"BBC News"}` + "\n"; string(raw) != want {
		t.Errorf("line is\n%s\nwant\n%s(no date key when undated, no HTML escaping)", raw, want)
	}
}

func TestImportFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "sub", "reuters.jsonl")
	st, err := Import(context.Background(), "reuters", "testdata/reuters", dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := readJSONL(t, dest)["reuters.jsonl"]
	if len(got) != 3 || st.Articles != 3 || !slices.Equal(st.Outputs, []string{dest}) {
		t.Fatalf("wrote %d articles (stats %d, outputs %v), want 3 in %s", len(got), st.Articles, st.Outputs, dest)
	}
	if got[0].Title != "BAHIA COCOA & SUGAR REVIEW <BCR>" {
		t.Errorf("title %q", got[0].Title)
	}
	raw, _ := os.ReadFile(dest)
	if !bytes.Contains(raw, []byte(`"title":"BAHIA COCOA & SUGAR REVIEW <BCR>"`)) {
		t.Errorf("HTML characters escaped in %s", raw[:200])
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	dest := t.TempDir()
	for _, c := range []struct{ source, src, want string }{
		{"ap", "testdata/bbc", `unknown source "ap": want one of reuters, bbc, wikinews, squad`},
		{"bbc", "testdata/missing", "no such file"},
		{"reuters", "testdata/bbc", "no .sgm files"},
	} {
		_, err := Import(ctx, c.source, c.src, dest, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Import(%s, %s): %v, want %q", c.source, c.src, err, c.want)
		}
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Errorf("failed imports left %d files", len(entries))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Import(cancelled, "bbc", "testdata/bbc", dest, Options{}); err == nil {
		t.Error("cancelled import succeeded")
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Errorf("cancelled import left %d files", len(entries))
	}
}

func TestWriterStream(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, a := range []Article{{ID: "a", Text: "x <b> & \u2028"}, {Text: "y"}} {
		if err := w.Write(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "{\"id\":\"a\",\"text\":\"x <b> & \\u2028\"}\n{\"text\":\"y\"}\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestRepeat(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	if _, err := Import(ctx, "bbc", "testdata/bbc", filepath.Join(src, "bbc"), Options{PerFile: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, "wikinews", "testdata/wikinews", filepath.Join(src, "wikinews.jsonl"), Options{}); err != nil {
		t.Fatal(err)
	}
	// A hand-written file: a line with no id and a broken line.
	if err := os.WriteFile(filepath.Join(src, "hand.jsonl"), []byte("{\"text\":\"no id\"}\n\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	dest := filepath.Join(t.TempDir(), "x3")
	st, err := Repeat(ctx, src, dest, RepeatOptions{Copies: 3})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3*7 || st.Read != 7+1 || len(st.Outputs) != 3*4 {
		t.Errorf("articles %d read %d outputs %d, want 21 8 12", st.Articles, st.Read, len(st.Outputs))
	}
	if len(st.Skipped) != 1 || st.Skipped[0] != (Note{"hand.jsonl line 3", "malformed JSON line"}) {
		t.Errorf("skipped %v", st.Skipped)
	}
	files := readJSONL(t, dest)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := "bbc-000.jsonl bbc-000~2.jsonl bbc-000~3.jsonl bbc-001.jsonl bbc-001~2.jsonl bbc-001~3.jsonl " +
		"hand.jsonl hand~2.jsonl hand~3.jsonl wikinews.jsonl wikinews~2.jsonl wikinews~3.jsonl"
	if strings.Join(names, " ") != want {
		t.Errorf("files %v\nwant %s", names, want)
	}
	if _, err := os.Stat(filepath.Join(dest, "bbc", "bbc-000~2.jsonl")); err != nil {
		t.Errorf("relative paths not kept: %v", err)
	}
	ids := map[string]bool{}
	for name, arts := range files {
		for _, a := range arts {
			if a.ID == "" {
				continue
			}
			if ids[a.ID] {
				t.Errorf("id %s repeated", a.ID)
			}
			ids[a.ID] = true
			if strings.Contains(name, "~") != strings.Contains(a.ID, "~") {
				t.Errorf("%s in %s", a.ID, name)
			}
		}
	}
	if !ids["bbc/sport/001~3"] || !ids["bbc/sport/001"] || len(ids) != 3*6 {
		t.Errorf("ids %v", ids)
	}
	if got := files["hand~2.jsonl"]; len(got) != 1 || got[0].ID != "" || got[0].Text != "no id" {
		t.Errorf("article without id copied as %+v", got)
	}

	// Limit: the distinct articles first.
	lim := filepath.Join(t.TempDir(), "lim")
	st, err = Repeat(ctx, src, lim, RepeatOptions{Copies: 3, Limit: 8})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, arts := range readJSONL(t, lim) {
		n += len(arts)
	}
	if st.Articles != 8 || n != 8 {
		t.Errorf("limit 8 wrote %d (stats %d)", n, st.Articles)
	}

	// Limit by size: words here, as a benchmark would count sentences.
	words := filepath.Join(t.TempDir(), "words")
	st, err = Repeat(ctx, src, words, RepeatOptions{Copies: 100, Limit: 200, Size: func(a Article) int { return countWords(a.Text) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Words < 200 || st.Words > 200+50 || st.Articles < 8 {
		t.Errorf("limit 200 words wrote %d words in %d articles", st.Words, st.Articles)
	}

	for _, c := range []struct {
		dest string
		opts RepeatOptions
		want string
	}{
		{dest, RepeatOptions{Copies: 2}, "already holds .jsonl files"},
		{t.TempDir(), RepeatOptions{}, "copies must be at least 1"},
	} {
		if _, err := Repeat(ctx, src, c.dest, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Repeat to %s %+v: %v, want %q", c.dest, c.opts, err, c.want)
		}
	}
	if _, err := Repeat(ctx, "testdata/bbc", t.TempDir(), RepeatOptions{Copies: 1}); err == nil || !strings.Contains(err.Error(), "no .jsonl files") {
		t.Errorf("Repeat of a folder without .jsonl: %v", err)
	}
}
