package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadRealCorpus(t *testing.T) {
	c, err := Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	files := realFiles(t)
	if len(c.Docs) != len(files) || len(c.Skipped) != 0 {
		t.Fatalf("%d docs, skipped %v; want %d docs", len(c.Docs), c.Skipped, len(files))
	}
	for i, d := range c.Docs {
		if i > 0 && c.Docs[i-1].ID >= d.ID {
			t.Errorf("docs not sorted: %s before %s", c.Docs[i-1].ID, d.ID)
		}
		raw := files[d.ID]
		sum := sha256.Sum256([]byte(raw))
		if d.Source != d.ID || d.Text != raw || d.Hash != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: source %q, text or hash not the file's", d.ID, d.Source)
		}
		if len(d.Sentences) < 10 || len(d.Pieces) == 0 {
			t.Errorf("%s: %d sentences %d pieces", d.ID, len(d.Sentences), len(d.Pieces))
		}
	}
}

func TestScanThenReadFile(t *testing.T) {
	ctx := context.Background()
	files, skips, err := Scan(ctx, corpusDir)
	if err != nil || len(skips) != 0 {
		t.Fatal(err, skips)
	}
	c, err := Load(ctx, corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(c.Docs) {
		t.Fatalf("Scan found %d files, Load %d docs", len(files), len(c.Docs))
	}
	for i, f := range files {
		docs, skips, err := ReadFile(ctx, corpusDir, f)
		if err != nil || len(skips) != 0 || len(docs) != 1 {
			t.Fatalf("ReadFile(%s): %d docs, %v, %v", f.Path, len(docs), skips, err)
		}
		d := docs[0]
		if f.Hash != d.Hash || f.Path != d.ID || f.Size != int64(len(d.Text)) {
			t.Errorf("%s: Scan and ReadFile disagree", f.Path)
		}
		if !reflect.DeepEqual(d, c.Docs[i]) {
			t.Errorf("%s: ReadFile and Load disagree", f.Path)
		}
	}
}

// write creates a file under dir, making parent folders.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := "A good headline\n\nA good sentence. Another one.\n"
	write(t, dir, "good.txt", good)
	write(t, dir, "sub/deeper/good.md", "# Markdown title\n\nSome text here.\n")
	write(t, dir, "empty.txt", "")
	write(t, dir, "blank.txt", " \n\u00a0\n")
	write(t, dir, "binary.txt", "GIF89a\x00\x01\x02")
	write(t, dir, "utf16.txt", "\xff\xfeH\x00i\x00")
	write(t, dir, "latin1.txt", "Price rise\n\nIt cost \xa310 more.\n")
	write(t, dir, "big.txt", strings.Repeat("Too big. ", 200))
	write(t, dir, "notes.csv", "ignored,file\n")
	write(t, dir, ".git/config.txt", "hidden folders are not the corpus")
	write(t, dir, "orphan.txt.meta.json", `{"title":"nobody"}`)
	write(t, dir, "meta.txt", "Text headline\n\nBody text here.\n")
	write(t, dir, "meta.txt.meta.json", `{"title":"Meta title","url":"https://example.org/a","outlet":"Example","author":"A. Writer","date":"2019-09-02"}`)
	write(t, dir, "badmeta.txt", "Headline\n\nBody text.\n")
	write(t, dir, "badmeta.txt.meta.json", `{"title": `)
	write(t, dir, "baddate.txt", "Headline\n\nBody text.\n")
	write(t, dir, "baddate.txt.meta.json", `{"date": "the other day"}`)
	write(t, dir, "feed.jsonl", strings.Join([]string{
		`{"id":"a1","title":"First","text":"First article text.","date":"2016-06-04","url":"u","outlet":"o"}`,
		`{"id":7,"text":"Numeric id."}`,
		`{"text":"No id, so the line number."}`,
		``,
		`{"id":"a1","text":"Duplicate id."}`,
		`{not json`,
		`{"id":"notext","title":"no text"}`,
		`{"id":"long","text":"` + strings.Repeat("x", 300) + `"}`,
		`{"id":"bad-date","text":"Text.","date":"someday"}`,
		"{\"id\":\"crlf\",\"text\":\"Windows line.\"}\r",
	}, "\n"))
	write(t, dir, "empty.jsonl", "\n\n")
	if err := os.Symlink("loop.txt", filepath.Join(dir, "loop.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.txt", filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "sub", "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("sub", "deeper"), filepath.Join(dir, "deeper-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("good.txt", filepath.Join(dir, "alias.txt")); err != nil {
		t.Fatal(err)
	}
	if l, err := net.Listen("unix", filepath.Join(dir, "socket.txt")); err == nil {
		defer l.Close()
	} else {
		t.Logf("no unix socket: %v", err)
	}
	unreadable := write(t, dir, "locked.txt", "secret")
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	canRead := false
	if f, err := os.Open(unreadable); err == nil {
		canRead = true // running as root: permissions do not stop us
		f.Close()
	}

	l := &Loader{MaxFileSize: 256}
	c, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	docs := map[string]*Document{}
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
		docs[d.ID] = d
	}
	wantIDs := []string{"alias.txt", "badmeta.txt", "baddate.txt", "feed.jsonl#3", "feed.jsonl#7", "feed.jsonl#a1",
		"feed.jsonl#bad-date", "feed.jsonl#crlf", "good.txt", "latin1.txt", "meta.txt", "sub/deeper/good.md"}
	if canRead {
		wantIDs = append(wantIDs, "locked.txt")
	}
	sortStrings(wantIDs)
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("docs\n got %q\nwant %q", ids, wantIDs)
	}

	reasons := map[string]string{}
	for _, s := range c.Skipped {
		reasons[s.Path] += s.Reason + ";"
	}
	wantSkips := map[string]string{
		"empty.txt":             "empty file",
		"blank.txt":             "no text",
		"binary.txt":            "binary file (NUL byte at offset 6)",
		"utf16.txt":             "UTF-16",
		"latin1.txt":            "repaired: 1 byte(s) of invalid UTF-8 read as Windows-1252",
		"big.txt":               "too large: 1800 bytes (limit 256)",
		"orphan.txt.meta.json":  "metadata file without its article",
		"badmeta.txt.meta.json": "bad metadata (ignored)",
		"baddate.txt.meta.json": `metadata date "the other day" not understood`,
		"feed.jsonl#5":          `duplicate id "a1" (first on line 1)`,
		"feed.jsonl#6":          "line 6: invalid JSON",
		"feed.jsonl#7":          `line 7: no "text"`,
		"feed.jsonl#8":          "line 8: too long (limit 256 bytes)",
		"feed.jsonl#9":          `metadata date "someday" not understood`,
		"empty.jsonl":           "empty file",
		"loop.txt":              "symlink loop",
		"dangling.txt":          "broken symlink",
		"sub/up/":               "symlink loop",
		"deeper-link/":          "same folder as sub/deeper (already read)",
		"socket.txt":            "not a regular file",
	}
	if !canRead {
		wantSkips["locked.txt"] = "unreadable: permission denied"
	}
	for path, want := range wantSkips {
		if path == "socket.txt" {
			if _, err := os.Lstat(filepath.Join(dir, path)); err != nil {
				continue
			}
		}
		if !strings.Contains(reasons[path], want) {
			t.Errorf("skip %s: got %q, want %q", path, reasons[path], want)
		}
		delete(reasons, path)
	}
	for path, r := range reasons {
		t.Errorf("unexpected skip %s: %s", path, r)
	}

	if d := docs["latin1.txt"]; d == nil || !strings.Contains(d.Text, "£10") || kindOf(t, d, "It cost") != Body {
		t.Errorf("latin1.txt not repaired: %+v", d)
	}
	if d := docs["meta.txt"]; d.Title != "Meta title" || d.URL != "https://example.org/a" || d.Outlet != "Example" ||
		d.Author != "A. Writer" || d.Date.String() != "2019-09-02" || d.Pieces[0].Date.String() != "2019-09-02" {
		t.Errorf("meta.txt metadata not applied: %+v", d)
	}
	if d := docs["badmeta.txt"]; d.Title != "Headline" {
		t.Errorf("badmeta.txt: title %q", d.Title)
	}
	if d := docs["feed.jsonl#a1"]; d.Source != "feed.jsonl" || d.Title != "First" || d.Date.String() != "2016-06-04" ||
		d.Text != "First article text." || d.URL != "u" || d.Outlet != "o" || len(d.Sentences) != 1 {
		t.Errorf("feed.jsonl#a1: %+v", d)
	}
	if d := docs["sub/deeper/good.md"]; d.Title != "Markdown title" {
		t.Errorf("good.md title %q", d.Title)
	}
	if docs["alias.txt"].Text != good {
		t.Errorf("symlinked file not followed")
	}
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

func TestLoadDeterministic(t *testing.T) {
	ctx := context.Background()
	one, err := (&Loader{Workers: 1}).Load(ctx, corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	many, err := (&Loader{Workers: 8}).Load(ctx, corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, many) {
		t.Error("loads with 1 and 8 workers differ")
	}
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Load(ctx, filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing root: no error")
	}
	if _, err := Load(ctx, filepath.Join(corpusDir, "000_a3c09a034ca9f054.txt")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as root: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Load(cancelled, corpusDir); err == nil {
		t.Error("cancelled load: no error")
	}
	c, err := Load(ctx, t.TempDir())
	if err != nil || len(c.Docs) != 0 {
		t.Errorf("empty folder: %v %v", c, err)
	}
}

func TestScanHashCoversMetadata(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Headline\n\nText.\n")
	files, _, err := Scan(context.Background(), dir)
	if err != nil || len(files) != 1 {
		t.Fatal(err, files)
	}
	write(t, dir, "a.txt.meta.json", `{"date":"2020-01-01"}`)
	again, _, err := Scan(context.Background(), dir)
	if err != nil || len(again) != 1 {
		t.Fatal(err, again)
	}
	if files[0].Hash == again[0].Hash {
		t.Error("adding metadata did not change the hash")
	}
	docs, _, err := ReadFile(context.Background(), dir, again[0])
	if err != nil || docs[0].Hash != again[0].Hash || docs[0].Date.String() != "2020-01-01" {
		t.Errorf("ReadFile: %v %+v", err, docs)
	}
}

// TestLoadBBC loads the 2,225 BBC articles: plain files the corpus code has
// never been tuned on, one of them not valid UTF-8.
func TestLoadBBC(t *testing.T) {
	const dir = "../../shared/data/bbc-fulltext/bbc"
	if _, err := os.Stat(dir); err != nil || testing.Short() {
		t.Skip("BBC data not present or -short")
	}
	c, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	articles, sentences := 0, 0
	for _, d := range c.Docs {
		if strings.HasSuffix(d.ID, ".txt") {
			articles++
		}
		sentences += len(d.Sentences)
		checkOffsets(t, d.Text, d.Sentences)
		if !d.Date.IsZero() {
			t.Errorf("%s dated %s: the BBC files carry no dates", d.ID, d.Date)
		}
		if d.Title == "" && d.ID != "README.TXT" {
			t.Errorf("%s: no title", d.ID)
		}
	}
	if articles != 2225 {
		t.Errorf("%d articles, want 2225", articles)
	}
	if len(c.Skipped) != 1 || c.Skipped[0].Path != "sport/199.txt" || !strings.Contains(c.Skipped[0].Reason, "repaired") {
		t.Errorf("skipped %v, want only sport/199.txt repaired", c.Skipped)
	}
	for _, d := range c.Docs {
		if d.ID == "sport/199.txt" && !strings.Contains(d.Text, "£") {
			t.Error("sport/199.txt: 0xA3 not read as £")
		}
	}
	t.Logf("%d docs, %d sentences", len(c.Docs), sentences)
}

// TestScanKnown checks that Scan takes a recorded hash only for a file whose
// size and time (and its sidecar's) are the recorded ones and old enough to
// trust, and reads every other file.
func TestScanKnown(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	old := time.Now().Add(-time.Hour)
	age := func(name string) {
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	write(t, dir, "a.txt", "Headline\n\nText.\n")
	write(t, dir, "b.txt", "Other\n\nMore text.\n")
	write(t, dir, "b.txt.meta.json", `{"date":"2020-01-01"}`)
	write(t, dir, "new.txt", "Fresh\n\nJust written.\n")
	for _, n := range []string{"a.txt", "b.txt", "b.txt.meta.json"} {
		age(n)
	}
	first, _, err := Scan(ctx, dir)
	if err != nil || len(first) != 3 {
		t.Fatal(err, first)
	}
	stamps := map[string]string{}
	for _, f := range first {
		stamps[f.Path] = f.Stamp
	}
	if stamps["a.txt"] == "" || stamps["b.txt"] == "" || stamps["new.txt"] != "" {
		t.Fatalf("stamps %q: want the aged files stamped, the fresh one not", stamps)
	}
	// A Loader that knows every stamp by a made-up hash shows which files it read.
	l := &Loader{Known: func(path, stamp string) (string, bool) {
		return "recorded", stamp == stamps[path]
	}}
	hashes := func() map[string]string {
		files, _, err := l.Scan(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range files {
			out[f.Path] = f.Hash
		}
		return out
	}
	if h := hashes(); h["a.txt"] != "recorded" || h["b.txt"] != "recorded" || h["new.txt"] == "recorded" {
		t.Fatalf("unchanged files: %q", h)
	}
	// Same size, new content and time; a sidecar rewritten: both read again.
	write(t, dir, "a.txt", "Headline\n\nTexT.\n")
	if err := os.Chtimes(filepath.Join(dir, "a.txt"), old.Add(time.Second), old.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "b.txt.meta.json", `{"date":"2021-01-01"}`)
	if err := os.Chtimes(filepath.Join(dir, "b.txt.meta.json"), old.Add(2*time.Second), old.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	h := hashes()
	for _, f := range first {
		if f.Path != "new.txt" && (h[f.Path] == "recorded" || h[f.Path] == f.Hash) {
			t.Errorf("%s changed but kept hash %q", f.Path, h[f.Path])
		}
	}
}
