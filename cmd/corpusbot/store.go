package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/retrieval"
)

// storeFlags are the flags of every command that reads the corpus through its index.
type storeFlags struct {
	corpus string
	index  string
	actors string
}

func (s *storeFlags) register(fs *flag.FlagSet, e *env) {
	def := e.getenv("CORPUSBOT_CORPUS")
	if def == "" {
		def = "../shared/corpus"
	}
	fs.StringVar(&s.corpus, "corpus", def, "the corpus folder ($CORPUSBOT_CORPUS sets the default)")
	fs.StringVar(&s.index, "index", e.getenv("CORPUSBOT_INDEX"), "the index folder (default $CORPUSBOT_INDEX, else one per corpus folder under the user cache folder)")
	fs.StringVar(&s.actors, "actors", e.getenv("CORPUSBOT_ACTORS"), "an optional actors file of aliases and roles (default $CORPUSBOT_ACTORS)")
}

// indexDir is where the index of a corpus lives unless -index says otherwise:
// outside the repository, one folder per corpus folder.
func (s *storeFlags) indexDir() (string, error) {
	if s.index != "" {
		return s.index, nil
	}
	abs, err := filepath.Abs(s.corpus)
	if err != nil {
		return "", fmt.Errorf("corpus folder: %w", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "corpusbot", filepath.Base(abs)+"-"+hex.EncodeToString(sum[:6])), nil
}

// open opens the index of the corpus, building or refreshing it as needed.
func (s *storeFlags) open(ctx context.Context, e *env, progress bool) (*retrieval.Store, *retrieval.Report, error) {
	if fi, err := os.Stat(s.corpus); err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("corpus folder %s is not a folder", s.corpus)
	}
	dir, err := s.indexDir()
	if err != nil {
		return nil, nil, err
	}
	entries, err := s.actorEntries()
	if err != nil {
		return nil, nil, err
	}
	opts := retrieval.StoreOptions{Logger: e.log, Actors: entries}
	if progress {
		opts.Progress = progressPrinter(e)
	}
	st, rep, err := openStore(ctx, e, dir, s.corpus, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("index %s: %w", dir, err)
	}
	return st, rep, nil
}

// While an index is built the garbage collector runs only when the heap has
// grown to five times what is live, or reaches a soft limit: a million-sentence
// build then takes about a sixth less CPU time (BENCHMARKS.md, "Third round"),
// and its memory is bounded by the limit, not by the default rule of twice
// what is live (which grows with the in-flight batches and the manifest).
const (
	buildGCPercent   = 400
	buildMemoryLimit = 768 << 20
)

// openStore is retrieval.OpenStore with the build's collector settings: the
// user's own GOGC or GOMEMLIMIT stand, and Go's settings come back afterwards.
// When something was built, its garbage goes back to the system rather than
// serve beside the index.
func openStore(ctx context.Context, e *env, dir, root string, opts retrieval.StoreOptions) (*retrieval.Store, *retrieval.Report, error) {
	restore := buildMemory(e)
	st, rep, err := retrieval.OpenStore(ctx, dir, root, opts)
	restore()
	if err == nil && !rep.Reopened {
		debug.FreeOSMemory()
	}
	return st, rep, err
}

// buildMemory applies the build's garbage collector settings, unless the user
// chose their own with GOGC or GOMEMLIMIT, and returns the function that puts
// the previous settings back.
func buildMemory(e *env) (restore func()) {
	if e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc := debug.SetGCPercent(buildGCPercent)
	limit := debug.SetMemoryLimit(buildMemoryLimit)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// actorEntries reads the -actors file, if one is named.
func (s *storeFlags) actorEntries() ([]corpus.ActorEntry, error) {
	if s.actors == "" {
		return nil, nil
	}
	return corpus.ReadActors(s.actors)
}
