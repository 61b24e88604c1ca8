package retrieval

import (
	"bytes"
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/corpusbot/corpusbot/corpus"
)

// liveDir returns the directory of the store's live version.
func liveDir(t *testing.T, s *Store) string {
	t.Helper()
	x, release := s.Acquire()
	defer release()
	return x.dir
}

// editManifest rewrites the manifest of the closed index version in dir.
func editManifest(t *testing.T, dir string, edit func(m *manifest)) {
	t.Helper()
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b, err := idx.GetInternal([]byte(manifestKey))
	if err != nil {
		t.Fatal(err)
	}
	m := newManifest()
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	var out bytes.Buffer
	if err := gob.NewEncoder(&out).Encode(m); err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte(manifestKey), out.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// TestStoreParserVersion: an index whose documents another version of the
// parser read is rebuilt, though no file changed, and the rebuilt one records
// this version.
func TestStoreParserVersion(t *testing.T) {
	for name, edit := range map[string]func(m *manifest){
		"older parser":   func(m *manifest) { m.Parser = corpus.ParserVersion - 1 },
		"parser unnamed": func(m *manifest) { m.Parser = 0 },
	} {
		t.Run(name, func(t *testing.T) {
			root, dir := copyCorpus(t), t.TempDir()
			s, rep := openStore(t, dir, root)
			want := find(t, s, "Lavrov Nusra")
			old := liveDir(t, s)
			s.Close()
			editManifest(t, old, edit)

			s, rep2 := openStore(t, dir, root)
			if rep2.Reopened || rep2.Added != rep.Documents || rep2.Documents != rep.Documents ||
				len(rep2.Warnings) != 1 || !strings.Contains(rep2.Warnings[0], "parser version") {
				t.Fatalf("open after a parser change: %+v", rep2)
			}
			t.Logf("warning: %s", rep2.Warnings[0])
			if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
				t.Errorf("rebuilt index answers differently")
			}
			x, release := s.Acquire()
			if x.man.Parser != corpus.ParserVersion || x.dir == old {
				t.Errorf("rebuilt version %s records parser %d", x.dir, x.man.Parser)
			}
			release()
			if _, err := os.Stat(old); !os.IsNotExist(err) {
				t.Errorf("the old parser's version is still on disk: %v", err)
			}
			s.Close()
			if _, rep3 := openStore(t, dir, root); !rep3.Reopened || len(rep3.Warnings) != 0 {
				t.Errorf("third open: %+v", rep3)
			}
		})
	}
}

// TestStoreParserPanic: a document that makes parsing panic fails the reload
// with an error naming it; the old index keeps answering; nothing is left on
// disk; and once the document is gone the reload succeeds.
func TestStoreParserPanic(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	want := find(t, s, "Lavrov Nusra")
	before := entries(t, dir)
	writeFile(t, filepath.Join(root, "poison.txt"), "A document the parser chokes on.\n")
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	s.beforeRead = func(f corpus.File) {
		if f.Path == "poison.txt" {
			var sentences []corpus.Sentence
			_ = sentences[len(f.Path)] // as a parser bug would: index out of range
		}
	}
	_, err := s.Reload(context.Background())
	if err == nil || !strings.Contains(err.Error(), "poison.txt") || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("reload with a poisonous document: %v", err)
	}
	t.Logf("reported: %v", err)
	if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
		t.Error("the old index no longer answers as before")
	}
	if after := entries(t, dir); !slices.Equal(before, after) {
		t.Errorf("failed reload left %v (was %v)", after, before)
	}
	if err := os.Remove(filepath.Join(root, "poison.txt")); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Reload(context.Background()); err != nil || rep.Added != 1 {
		t.Fatalf("reload without it: %+v, %v", rep, err)
	}
	if hits := find(t, s, "quokka"); len(hits) != 1 {
		t.Errorf("after the reload: %v", hits)
	}
}

// TestStoreOldJSONManifest: an index written with the JSON manifest of earlier
// formats is out of date, not damaged: it is rebuilt and never moved aside.
func TestStoreOldJSONManifest(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	old := liveDir(t, s)
	s.Close()
	idx, err := bleve.Open(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.DeleteInternal([]byte(manifestKey)); err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte(oldManifestKey), []byte(`{"format":4}`)); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	s, rep := openStore(t, dir, root)
	defer s.Close()
	if rep.Reopened || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "out of date") {
		t.Fatalf("open of a JSON-manifest index: %+v", rep)
	}
	for _, e := range entries(t, dir) {
		if strings.HasPrefix(e, "damaged-") {
			t.Errorf("an out-of-date index was moved aside as damaged: %s", e)
		}
	}
}
