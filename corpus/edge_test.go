package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Inputs at the edges: each one loads or is reported, and none stops the rest
// of the folder from loading.

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
}

// sparse makes a file of size bytes that takes no room on disk, tail written
// at its end.
func sparse(t *testing.T, path string, size int64, tail string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size - int64(len(tail))); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(tail), size-int64(len(tail))); err != nil {
		t.Fatal(err)
	}
}

func TestLoadEdges(t *testing.T) {
	root := t.TempDir()
	const sentence = "The delegation negotiated until dawn.\n"
	want := map[string]bool{} // documents that must load
	good := func(rel string) {
		write(t, root, rel, sentence)
		want[rel] = true
	}
	good("plain.txt")

	// A 100 MB file: over the size limit, reported, not read.
	sparse(t, filepath.Join(root, "huge.txt"), 100<<20, "The end.\n")
	// A .jsonl file of 100 MB whose first line is over the line limit: the
	// line is reported, the next one loads.
	sparse(t, filepath.Join(root, "huge.jsonl"), 100<<20, "\n"+`{"id":"last","text":"The last line loads."}`+"\n")
	want["huge.jsonl#last"] = true

	// Folders 200 deep.
	deep := strings.Repeat("level/", 200) + "deep.txt"
	good(deep)

	// Names with spaces, other scripts, quotes, a line break; and one that is
	// not UTF-8, reported.
	for _, name := range []string{"with space.txt", "ünïcödé 日本語 новости.txt", "quote's \"and\" #hash.md", "line\nbreak.txt", "tab\tname.txt"} {
		good(name)
	}
	write(t, root, "latin1 caf\xe9.txt", sentence)

	// Symbolic links: to a file (loaded under the link's name as well), to a
	// folder, to the folder that holds them (a loop), to themselves, in a
	// cycle, and to nothing.
	good("target.txt")
	symlink(t, "target.txt", filepath.Join(root, "link.txt"))
	want["link.txt"] = true
	good("real/inside.txt")
	symlink(t, "real", filepath.Join(root, "alias"))
	symlink(t, "..", filepath.Join(root, "real", "up"))
	symlink(t, ".", filepath.Join(root, "here"))
	symlink(t, "self.txt", filepath.Join(root, "self.txt"))
	symlink(t, "cycle-b.txt", filepath.Join(root, "cycle-a.txt"))
	symlink(t, "cycle-a.txt", filepath.Join(root, "cycle-b.txt"))
	symlink(t, "missing.txt", filepath.Join(root, "broken.txt"))

	// A named pipe, which would block a reader forever.
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.txt"), 0o644); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	// Empty, binary, and punctuation-only files.
	write(t, root, "empty.txt", "")
	write(t, root, "binary.txt", "GIF89a\x00\x01\x02")
	write(t, root, "rule.md", "* * *\n---\n")

	start := time.Now()
	c, err := Load(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %v", time.Since(start))
	got := map[string]bool{}
	for _, d := range c.Docs {
		got[d.ID] = true
		if len(d.Sentences) == 0 {
			t.Errorf("%q: no sentences", d.ID)
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%q did not load", id)
		}
	}
	for id := range got {
		if !want[id] {
			t.Errorf("%q loaded, unexpected", id)
		}
	}
	reasons := map[string]string{}
	for _, s := range c.Skipped {
		t.Logf("skipped %q: %s", s.Path, s.Reason)
		reasons[s.Path] = s.Reason
	}
	for path, reason := range map[string]string{
		"huge.txt":             "too large",
		"huge.jsonl#1":         "too long",
		"latin1 caf\uFFFD.txt": "not valid UTF-8",
		"real/up/":             "symlink loop",
		"here/":                "symlink loop",
		"alias/":               "already read",
		"self.txt":             "symlink loop",
		"cycle-a.txt":          "symlink loop",
		"cycle-b.txt":          "symlink loop",
		"broken.txt":           "broken symlink",
		"pipe.txt":             "not a regular file",
		"empty.txt":            "empty",
		"binary.txt":           "binary",
		"rule.md":              "no text",
	} {
		if !strings.Contains(reasons[path], reason) {
			t.Errorf("%q: reason %q, want one saying %q", path, reasons[path], reason)
		}
	}
}

// TestLoadManyFiles loads a folder of 20,000 one-line files spread over 100
// folders, as imports and scrapes leave them; CORPUSBOT_MANY_FILES=100000 sets
// another number (100,000 take some 25 s, mostly creating the files).
func TestLoadManyFiles(t *testing.T) {
	n := 20_000
	if v := os.Getenv("CORPUSBOT_MANY_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("CORPUSBOT_MANY_FILES: %v", err)
		}
	}
	root := t.TempDir()
	start := time.Now()
	for i := range n {
		dir := filepath.Join(root, fmt.Sprintf("d%02d", i%100))
		if i < 100 {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		text := fmt.Sprintf("Article %d says the talks went on.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%06d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	made := time.Since(start)
	start = time.Now()
	c, err := Load(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files: written in %v, loaded in %v", n, made, time.Since(start))
	if len(c.Docs) != n || len(c.Skipped) != 0 {
		t.Fatalf("%d documents, %d skipped, want %d and 0", len(c.Docs), len(c.Skipped), n)
	}
	if !slices.IsSortedFunc(c.Docs, func(a, b *Document) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("documents are not sorted by ID")
	}
}

// TestReadFileAfterScan changes files between Scan and ReadFile, the window in
// which an index build reads a folder someone is editing: each file is read as
// it is then, or reported.
func TestReadFileAfterScan(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"deleted.txt", "rewritten.txt", "emptied.txt", "grown.txt", "replaced.txt", "kept.txt"} {
		write(t, root, name, "The delegation negotiated until dawn.\n")
	}
	l := &Loader{MaxFileSize: 1 << 10}
	files, skips, err := l.Scan(context.Background(), root)
	if err != nil || len(files) != 6 || len(skips) != 0 {
		t.Fatalf("scan: %v, %v, %v", files, skips, err)
	}
	os.Remove(filepath.Join(root, "deleted.txt"))
	write(t, root, "rewritten.txt", "Quokkas negotiated instead.\n")
	write(t, root, "emptied.txt", "")
	write(t, root, "grown.txt", strings.Repeat("The delegation negotiated until dawn. ", 100))
	os.Remove(filepath.Join(root, "replaced.txt"))
	os.Mkdir(filepath.Join(root, "replaced.txt"), 0o755)

	want := map[string]string{
		"deleted.txt":   "unreadable: no such file",
		"rewritten.txt": "", // read as it is now
		"emptied.txt":   "empty file",
		"grown.txt":     "too large",
		"replaced.txt":  "not a regular file",
		"kept.txt":      "",
	}
	for _, f := range files {
		docs, skips, err := l.ReadFile(context.Background(), root, f)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		reason := want[f.Path]
		switch {
		case reason == "" && (len(docs) != 1 || len(skips) != 0):
			t.Errorf("%s: %d documents, skips %v", f.Path, len(docs), skips)
		case reason != "" && (len(docs) != 0 || len(skips) != 1 || !strings.Contains(skips[0].Reason, reason)):
			t.Errorf("%s: %d documents, skips %v; want it skipped as %q", f.Path, len(docs), skips, reason)
		}
		if f.Path == "rewritten.txt" && len(docs) == 1 {
			// The document carries the hash of what was read, not what Scan saw,
			// so an index notices the next change against what it holds.
			if docs[0].Hash == f.Hash || !strings.Contains(docs[0].Text, "Quokkas") {
				t.Errorf("rewritten file: hash %s (scanned %s), text %q", docs[0].Hash, f.Hash, docs[0].Text)
			}
		}
	}
}
