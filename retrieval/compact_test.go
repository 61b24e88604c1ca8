package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// segments counts the segment files of the live version under dir.
func segments(t *testing.T, dir string) int {
	t.Helper()
	cur, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, strings.TrimSpace(string(cur)), "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}

// TestFreshBuildCompacts builds the team corpus in batches of 4 sentences,
// a segment each, and checks that the index served holds few segments.
func TestFreshBuildCompacts(t *testing.T) {
	root := copyCorpus(t)
	dir := t.TempDir()
	s, rep, err := OpenStore(context.Background(), dir, root, StoreOptions{BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := segments(t, dir); n > 3 {
		t.Errorf("fresh build left %d segments, want at most 3", n)
	}
	if rep.Sentences < 100 {
		t.Fatalf("only %d sentences: too few batches to test", rep.Sentences)
	}
}
