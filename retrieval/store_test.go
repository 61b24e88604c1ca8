package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/corpus"
)

// copyCorpus copies the real corpus into a temporary folder the test may change.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if err := copyFile(filepath.Join(corpusDir, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func openStore(t *testing.T, dir, root string) (*Store, *Report) {
	t.Helper()
	s, rep, err := OpenStore(context.Background(), dir, root, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, rep
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func find(t *testing.T, s *Store, text string) []Hit {
	t.Helper()
	x, release := s.Acquire()
	defer release()
	hits, err := x.Search(context.Background(), Query{Text: text, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStoreReopensUnchanged(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, rep := openStore(t, dir, root)
	if rep.Reopened || rep.Added != 5 || rep.Documents != 5 || rep.Sentences == 0 {
		t.Fatalf("first open: %+v", rep)
	}
	want := find(t, s, "Lavrov Nusra")
	if len(want) == 0 {
		t.Fatal("no hits for Lavrov Nusra")
	}
	s.Close()
	before := entries(t, dir)

	s, rep = openStore(t, dir, root)
	if !rep.Reopened || rep.Unchanged != 5 || rep.Added+rep.Changed+rep.Removed != 0 || rep.Documents != 5 {
		t.Errorf("second open: %+v", rep)
	}
	if after := entries(t, dir); !slices.Equal(before, after) {
		t.Errorf("reopening changed the index directory: %v -> %v", before, after)
	}
	if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
		t.Errorf("reopened index answers differently:\n%v\n%v", got, want)
	}
	// A reload of the unchanged corpus keeps the live version too.
	rep, err := s.Reload(context.Background())
	if err != nil || !rep.Reopened {
		t.Errorf("reload of unchanged corpus: %+v, %v", rep, err)
	}
	if after := entries(t, dir); !slices.Equal(before, after) {
		t.Errorf("reload changed the index directory: %v -> %v", before, after)
	}
}

func TestStoreIncremental(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	files := entries(t, root)

	// Change one file, delete another, add a third: a copy of a fourth under a
	// new name, with a word of its own.
	changed := filepath.Join(root, files[1])
	b, _ := os.ReadFile(changed)
	writeFile(t, changed, string(b)+"\n\nThe zanzibarian delegation negotiated until dawn.\n")
	if err := os.Remove(filepath.Join(root, files[2])); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(root, files[3]))
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce\n\n"+string(b))
	goneHits := find(t, s, "Astana process breach")

	rep, err := s.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reopened || rep.Added != 1 || rep.Changed != 1 || rep.Removed != 1 || rep.Unchanged != 3 || rep.Documents != 5 {
		t.Errorf("reload report: %+v", rep)
	}
	if hits := find(t, s, "zanzibarian negotiate"); len(hits) == 0 || hits[0].Doc != files[1] {
		t.Errorf("changed file's new sentence not found: %v", hits)
	}
	if hits := find(t, s, "quokka"); len(hits) != 1 || hits[0].Doc != "new.txt" {
		t.Errorf("added file not found: %v", hits)
	}
	for _, h := range find(t, s, "Astana process breach") {
		if h.Doc == files[2] {
			t.Errorf("deleted file still answers: %v", h)
		}
	}
	if len(goneHits) == 0 {
		t.Log("note: the deleted-file query had no hits before either")
	}

	// The incrementally updated index must equal a fresh build of the same
	// corpus: same statistics, same answers.
	fresh, frep := openStore(t, t.TempDir(), root)
	if frep.Sentences != rep.Sentences || frep.Documents != rep.Documents {
		t.Errorf("fresh build %+v, incremental %+v", frep, rep)
	}
	xi, ri := s.Acquire()
	xf, rf := fresh.Acquire()
	defer ri()
	defer rf()
	if xi.Stats() != xf.Stats() {
		t.Errorf("stats: incremental %+v, fresh %+v", xi.Stats(), xf.Stats())
	}
	for _, q := range evalQuestions(t) {
		a, _ := xi.Search(context.Background(), Query{Text: q, Limit: 20})
		b, _ := xf.Search(context.Background(), Query{Text: q, Limit: 20})
		if !slices.Equal(a, b) {
			t.Errorf("%q: incremental and fresh indexes disagree", q)
		}
	}

	// Only the live version is left on disk once the old one is released.
	var versions []string
	for _, name := range entries(t, dir) {
		if versionRe.MatchString(name) {
			versions = append(versions, name)
		}
	}
	if len(versions) != 1 || versions[0] != filepath.Base(xi.dir) {
		t.Errorf("versions on disk: %v, live %s", versions, xi.dir)
	}
}

func TestStoreReaderKeepsOldVersion(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	old, release := s.Acquire()
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	if _, err := s.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The old version still answers from the old corpus, from its own directory.
	hits, err := old.Search(context.Background(), Query{Text: "quokka"})
	if err != nil || len(hits) != 0 {
		t.Errorf("old version: %v, %v", hits, err)
	}
	if _, err := os.Stat(old.dir); err != nil {
		t.Errorf("old version's directory removed while in use: %v", err)
	}
	if hits := find(t, s, "quokka"); len(hits) != 1 {
		t.Errorf("new version: %v", hits)
	}
	release()
	release() // a second call is harmless
	if _, err := os.Stat(old.dir); !os.IsNotExist(err) {
		t.Errorf("old version's directory still there after its last reader: %v", err)
	}
}

func TestStoreRecoversDamagedIndex(t *testing.T) {
	damage := map[string]func(t *testing.T, version string){
		"root.bolt garbage": func(t *testing.T, version string) {
			writeFile(t, filepath.Join(version, "store", "root.bolt"), strings.Repeat("garbage ", 1000))
		},
		"segment missing": func(t *testing.T, version string) {
			zaps, _ := filepath.Glob(filepath.Join(version, "store", "*.zap"))
			if len(zaps) == 0 {
				t.Fatal("no segment files")
			}
			for _, z := range zaps {
				os.Remove(z)
			}
		},
		"index_meta.json missing": func(t *testing.T, version string) {
			os.Remove(filepath.Join(version, "index_meta.json"))
		},
		"CURRENT garbage": func(t *testing.T, version string) {
			writeFile(t, filepath.Join(filepath.Dir(version), currentFile), "../../etc\n")
		},
	}
	for name, spoil := range damage {
		t.Run(name, func(t *testing.T) {
			root, dir := copyCorpus(t), t.TempDir()
			s, rep := openStore(t, dir, root)
			x, release := s.Acquire()
			version := x.dir
			release()
			s.Close()
			spoil(t, version)

			s, rep2 := openStore(t, dir, root)
			if rep2.Reopened || len(rep2.Warnings) == 0 || rep2.Sentences != rep.Sentences {
				t.Errorf("after damage: %+v", rep2)
			}
			t.Logf("warning: %s", rep2.Warnings)
			if hits := find(t, s, "Lavrov Nusra"); len(hits) == 0 {
				t.Error("rebuilt index finds nothing")
			}
			// The rebuilt index is then reopened normally.
			s.Close()
			_, rep3 := openStore(t, dir, root)
			if !rep3.Reopened || len(rep3.Warnings) != 0 {
				t.Errorf("third open: %+v", rep3)
			}
		})
	}
}

func TestStoreFailedReloadKeepsOld(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	want := find(t, s, "Lavrov Nusra")
	before := entries(t, dir)
	current, _ := os.ReadFile(filepath.Join(dir, currentFile))

	// The corpus folder disappears (unmounted, renamed): the reload fails.
	if err := os.Rename(root, root+".away"); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Reload(context.Background()); err == nil {
		t.Fatalf("reload without a corpus succeeded: %+v", rep)
	} else {
		t.Logf("reload error: %v", err)
	}
	if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
		t.Error("the old index no longer answers as before")
	}
	if after := entries(t, dir); !slices.Equal(before, after) {
		t.Errorf("failed reload left %v (was %v)", after, before)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(now) != string(current) {
		t.Errorf("CURRENT changed: %q -> %q", current, now)
	}

	// Opened while the corpus is away, the store serves the index as last built.
	s.Close()
	s, rep := openStore(t, dir, root)
	if !rep.Reopened || len(rep.Warnings) != 1 || rep.Documents != 5 {
		t.Errorf("open without the corpus: %+v", rep)
	}
	if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
		t.Error("the index opened without its corpus answers differently")
	}
	if _, _, err := OpenStore(context.Background(), t.TempDir(), root, StoreOptions{}); err == nil {
		t.Error("a new index of a missing corpus opened")
	}

	// A reload that fails mid-build (cancelled by Close) removes its version.
	if err := os.Rename(root+".away", root); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	started := make(chan struct{})
	s2, _, err := OpenStore(context.Background(), dir, root, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "new2.txt"), "Wombats negotiating a truce.\n")
	s2.opts.Progress = func(done, total int) {
		select {
		case <-started:
		default:
			close(started)
			s2.cancel() // as Close does, while the build is under way
		}
	}
	if _, err := s2.Reload(context.Background()); err == nil {
		t.Error("cancelled reload succeeded")
	}
	x, release := s2.Acquire()
	if hits, _ := x.Search(context.Background(), Query{Text: "quokka"}); len(hits) != 1 {
		t.Errorf("old version lost: %v", hits)
	}
	if hits, _ := x.Search(context.Background(), Query{Text: "wombat"}); len(hits) != 0 {
		t.Errorf("half-built version served: %v", hits)
	}
	live := filepath.Base(x.dir)
	release()
	s2.Close()
	for _, name := range entries(t, dir) {
		if versionRe.MatchString(name) && name != live {
			t.Errorf("failed build left %s", name)
		}
	}
}

func TestStoreReloadsCoalesce(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	const n = 8
	reports := make([]*Report, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := s.Reload(context.Background())
			if err != nil {
				t.Error(err)
			}
			reports[i] = rep
		}()
	}
	wg.Wait()
	distinct := map[*Report]bool{}
	built := 0
	for _, r := range reports {
		if !distinct[r] {
			distinct[r] = true
			if !r.Reopened {
				built++
			}
		}
	}
	// At most one reload runs and one more is queued behind it, whatever the
	// number of callers; and exactly one of them did the work.
	if len(distinct) > 2 || built != 1 {
		t.Errorf("%d reloads ran, %d built", len(distinct), built)
	}
	if hits := find(t, s, "quokka"); len(hits) != 1 {
		t.Errorf("after reloads: %v", hits)
	}
}

// TestStoreQueriesDuringReloads runs queries from several goroutines while
// reloads replace the index: no query fails, each sees either the old or the
// new corpus, and nothing leaks once the store is closed.
func TestStoreQueriesDuringReloads(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	goroutines, fds := runtime.NumGoroutine(), openFiles(t)
	s, _, err := OpenStore(context.Background(), dir, root, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	base := len(find(t, s, "Lavrov Nusra"))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var queries atomic.Int64
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				x, release := s.Acquire()
				hits, err := x.Search(context.Background(), Query{Text: "Lavrov Nusra", Limit: 50})
				release()
				if err != nil {
					t.Error(err)
					return
				}
				// The extra file adds one matching sentence, or not yet.
				if len(hits) != base && len(hits) != base+1 {
					t.Errorf("%d hits, want %d or %d", len(hits), base, base+1)
					return
				}
				queries.Add(1)
			}
		}()
	}
	extra := filepath.Join(root, "extra.txt")
	for i := range 6 {
		if i%2 == 0 {
			writeFile(t, extra, "Lavrov spoke about Nusra once more.\n")
		} else if err := os.Remove(extra); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Reload(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d queries during 6 reloads", queries.Load())
	// Closed indexes release their goroutines and files.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after close, %d before", n, goroutines)
	}
	if n := openFiles(t); n > fds {
		t.Errorf("%d open files after close, %d before", n, fds)
	}
}

func openFiles(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(ents)
}

// TestStoreRegistry checks that the actor registry is built from the corpus's
// statements, survives a reopen (from the manifest, without the corpus) and
// follows reloads; and that an actor's names find its statements.
func TestStoreRegistry(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, rep := openStore(t, dir, root)
	x, release := s.Acquire()
	actors := x.Registry().Actors()
	if len(actors) == 0 || rep.Actors != len(actors) {
		t.Fatalf("report says %d actors, registry has %d", rep.Actors, len(actors))
	}
	top := actors[0]
	names := x.Registry().Names(top.Name)
	hits, err := x.Statements(context.Background(), names, corpus.Date{}, corpus.Date{})
	release()
	if err != nil || len(hits) < top.Statements {
		t.Fatalf("%s: %d statements, %d sentences found (%v)", top.Name, top.Statements, len(hits), err)
	}
	for i, h := range hits {
		if !slices.Contains(names, h.Speaker) {
			t.Errorf("%s#%d by %q is not %s's", h.Doc, h.Sentence, h.Speaker, top.Name)
		}
		if i > 0 && hits[i-1].Cited().Compare(h.Cited()) > 0 {
			t.Errorf("statements out of date order: %s before %s", hits[i-1].Cited(), h.Cited())
		}
	}
	s.Close()

	s, rep = openStore(t, dir, root)
	x, release = s.Acquire()
	if !rep.Reopened || !slices.EqualFunc(x.Registry().Actors(), actors, actorEqual) {
		t.Errorf("reopened registry differs")
	}
	release()

	// Remove the document holding the top actor's first statement.
	if err := os.Remove(filepath.Join(root, hits[0].Source)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	x, release = s.Acquire()
	defer release()
	for _, a := range x.Registry().Actors() {
		if a.Name == top.Name && a.Statements >= top.Statements {
			t.Errorf("%s still has %d statements after removing %s", a.Name, a.Statements, hits[0].Source)
		}
	}

	// The actors file's entries name the actors of a reopened index too.
	s.Close()
	entry := corpus.ActorEntry{Name: "The Top Actor", Aliases: names}
	s2, _, err := OpenStore(context.Background(), dir, root, StoreOptions{Actors: []corpus.ActorEntry{entry}})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	x2, release2 := s2.Acquire()
	defer release2()
	if got := x2.Registry().Lookup(entry.Name); len(got) != 1 || got[0].Name != entry.Name || got[0].Statements == 0 {
		t.Errorf("lookup of %q: %+v", entry.Name, got)
	}
}

func actorEqual(a, b corpus.Actor) bool {
	return a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && a.Role == b.Role &&
		a.Statements == b.Statements && a.First == b.First && a.Last == b.Last
}
