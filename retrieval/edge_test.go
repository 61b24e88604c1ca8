package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

// TestStoreEdgeCorpus indexes a folder with inputs at the edges: the odd ones
// are reported, the rest answer, and the index of such a folder is reopened
// as it is (no file is read again on every open).
func TestStoreEdgeCorpus(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	const text = "The quokkas negotiated until dawn.\n"
	names := []string{"plain.txt", strings.Repeat("deep/", 200) + "deep.txt", "with space.txt", "ünïcödé 日本語.txt", "line\nbreak.txt"}
	for _, name := range names {
		writeFileAll(t, filepath.Join(root, name), text)
	}
	writeFile(t, filepath.Join(root, "latin1 caf\xe9.txt"), text)
	f, err := os.Create(filepath.Join(root, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(100 << 20) // sparse: 100 MB that take no room
	f.Close()
	for link, target := range map[string]string{"here": ".", "self.txt": "self.txt", "link.txt": "plain.txt"} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip(err)
		}
	}
	names = append(names, "link.txt")

	s, rep := openStore(t, dir, root)
	var skipped []string
	for _, sk := range rep.Skipped {
		skipped = append(skipped, sk.Path)
	}
	slices.Sort(skipped)
	if want := []string{"here/", "huge.txt", "latin1 caf\uFFFD.txt", "self.txt"}; !slices.Equal(skipped, want) ||
		rep.Documents != len(names) {
		t.Errorf("report: %d documents, skipped %q; want %d, %q", rep.Documents, skipped, len(names), want)
	}
	var docs []string
	for _, h := range find(t, s, "quokkas negotiated") {
		docs = append(docs, h.Doc)
	}
	slices.Sort(docs)
	slices.Sort(names)
	if !slices.Equal(docs, names) {
		t.Errorf("hits in %q, want %q", docs, names)
	}
	s.Close()
	if _, rep := openStore(t, dir, root); !rep.Reopened {
		t.Errorf("the index of the same folder was not reopened: %+v", rep)
	}
}

// TestStoreFilesChangeDuringBuild deletes and rewrites files just as a reload
// is about to read them: the reload succeeds with what it found, reports the
// file it could not read, and the next reloads converge on the index a fresh
// build of the folder gives.
func TestStoreFilesChangeDuringBuild(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	writeFile(t, filepath.Join(root, "deleted.txt"), "Quokkas negotiating a truce.\n")
	writeFile(t, filepath.Join(root, "rewritten.txt"), "Quokkas negotiating a truce.\n")
	writeFile(t, filepath.Join(root, "emptied.txt"), "Quokkas negotiating a truce.\n")
	s.beforeRead = func(f corpus.File) {
		switch f.Path {
		case "deleted.txt":
			os.Remove(filepath.Join(root, f.Path))
		case "rewritten.txt":
			os.WriteFile(filepath.Join(root, f.Path), []byte("Wombats negotiating a truce.\n"), 0o644)
		case "emptied.txt":
			os.WriteFile(filepath.Join(root, f.Path), nil, 0o644)
		}
	}
	rep, err := s.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, sk := range rep.Skipped {
		reasons[sk.Path] = sk.Reason
	}
	if !strings.Contains(reasons["deleted.txt"], "no such file") || !strings.Contains(reasons["emptied.txt"], "empty") || rep.Added != 1 {
		t.Errorf("reload while files change: %+v", rep)
	}
	if hits := find(t, s, "quokka"); len(hits) != 0 {
		t.Errorf("content that was gone when read is served: %v", hits)
	}
	if hits := find(t, s, "wombat"); len(hits) != 1 {
		t.Errorf("the rewritten file is not served as read: %v", hits)
	}

	s.beforeRead = nil
	if _, err := s.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep, err = s.Reload(context.Background())
	if err != nil || !rep.Reopened {
		t.Fatalf("third reload: %+v, %v", rep, err)
	}
	fresh, frep := openStore(t, t.TempDir(), root)
	xi, ri := s.Acquire()
	xf, rf := fresh.Acquire()
	defer ri()
	defer rf()
	if xi.Stats() != xf.Stats() || !slices.Equal(rep.Skipped, frep.Skipped) {
		t.Errorf("after the files settled: %+v, skipped %v; a fresh build: %+v, skipped %v", xi.Stats(), rep.Skipped, xf.Stats(), frep.Skipped)
	}
	for _, q := range []string{"wombat", "quokka", "Lavrov Nusra"} {
		a, _ := xi.Search(context.Background(), Query{Text: q, Limit: 20})
		b, _ := xf.Search(context.Background(), Query{Text: q, Limit: 20})
		if !slices.Equal(a, b) {
			t.Errorf("%q: reloaded and fresh indexes disagree", q)
		}
	}
}
