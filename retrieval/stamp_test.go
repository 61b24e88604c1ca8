package retrieval

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReopenTrustsStamps checks that reopening takes the recorded hash of a
// file whose size and time are unchanged, and reads a file whose time moved.
// A rewrite that keeps both (here forced with Chtimes) goes unseen: the price
// of not reading a million-sentence corpus on every start, as with make.
func TestReopenTrustsStamps(t *testing.T) {
	root := copyCorpus(t)
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	var name string
	for _, e := range ents {
		if err := os.Chtimes(filepath.Join(root, e.Name()), old, old); err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(e.Name()) == ".txt" && name == "" {
			name = e.Name()
		}
	}
	dir := t.TempDir()
	s, rep := openStore(t, dir, root)
	if rep.Reopened {
		t.Fatal("a fresh folder was reopened")
	}
	s.Close()

	// Same size, same time, other bytes: trusted, so reopened as it was.
	path := filepath.Join(root, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range b {
		if c >= 'a' && c <= 'y' {
			b[i]++
			break
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	s, rep = openStore(t, dir, root)
	if !rep.Reopened {
		t.Fatalf("an unchanged stamp was not trusted: %+v", rep)
	}
	s.Close()

	// The time moves: the file is read, and the change indexed.
	if err := os.Chtimes(path, old.Add(time.Minute), old.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	s, rep = openStore(t, dir, root)
	if rep.Reopened || rep.Changed != 1 {
		t.Fatalf("a file with a new time: reopened %v, %d changed (want 1)", rep.Reopened, rep.Changed)
	}
	s.Close()

	// Touched without a change (cp, git checkout): reopened as it is, and the
	// new stamp is remembered all the same, so the next start trusts it.
	other := filepath.Join(root, ents[len(ents)-1].Name())
	touched := old.Add(2 * time.Minute)
	if err := os.Chtimes(other, touched, touched); err != nil {
		t.Fatal(err)
	}
	s, rep = openStore(t, dir, root)
	if !rep.Reopened {
		t.Fatalf("a touched file rebuilt the index: %+v", rep)
	}
	s.Close()
	if b, err = os.ReadFile(other); err != nil {
		t.Fatal(err)
	}
	if i := bytes.IndexAny(b, "abcdefghijklmnopqrstuvwxy"); i >= 0 {
		b[i]++
	}
	if err := os.WriteFile(other, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(other, touched, touched); err != nil {
		t.Fatal(err)
	}
	if _, rep = openStore(t, dir, root); !rep.Reopened {
		t.Fatalf("the touched file's new stamp was not remembered: %+v", rep)
	}
}
