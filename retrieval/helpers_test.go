package retrieval

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

// corpusDir is the team corpus, beside the repository.
const corpusDir = "../../shared/corpus"

// realDocs loads the real corpus with corpus.Load.
func realDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	c, err := corpus.Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) == 0 {
		t.Fatal("empty corpus")
	}
	return c.Docs
}

// buildSnapshot indexes docs into a fresh writable index under t.TempDir and
// returns a snapshot over it (writable, so tests can change it).
func buildSnapshot(t testing.TB, docs []*corpus.Document) (*Snapshot, *writer) {
	t.Helper()
	return buildSnapshotBatches(t, docs, 0)
}

// buildSnapshotBatches is buildSnapshot in batches of batch sentences (0 for
// the default).
func buildSnapshotBatches(t testing.TB, docs []*corpus.Document, batch int) (*Snapshot, *writer) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := createIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	man := newManifest()
	w := newWriter(idx, man, batch)
	ctx := context.Background()
	f := &fileEntry{}
	for _, d := range docs {
		e, err := w.add(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		f.Docs = append(f.Docs, e)
	}
	man.Files["all"] = f
	if err := w.finish(ctx); err != nil {
		t.Fatal(err)
	}
	return newSnapshot(dir, idx, man), w
}
