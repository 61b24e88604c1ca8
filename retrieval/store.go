package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/corpusbot/corpusbot/corpus"
)

// On disk a Store directory holds numbered index versions (v000001, …), each a
// complete bleve index with its manifest, and CURRENT, naming the live one.
// A version is never modified once CURRENT names it: a change is built in a new
// version (a copy that hard-links the old one's immutable segment files) and
// made live by rewriting CURRENT atomically (temporary file, fsync, rename). A
// crash mid-build leaves only an unnamed version, removed on the next open.
const currentFile = "CURRENT"

var versionRe = regexp.MustCompile(`^v[0-9]{6,}$`)

// StoreOptions tunes a Store; the zero value is ready to use.
type StoreOptions struct {
	// Actors lists known actors (from the optional actors file) added to the
	// registry built from the corpus's statements.
	Actors []corpus.ActorEntry
	// BatchSize is the most sentences indexed per batch (default 2048): the
	// memory an index build needs grows with it.
	BatchSize int
	// Progress, when set, is called as files are indexed: done of total files
	// needing work in this build or reload.
	Progress func(done, total int)
	// Logger receives what cannot be returned (a version failing to close); nil
	// means slog.Default().
	Logger *slog.Logger
}

// Report says what opening or reloading a Store did.
type Report struct {
	// Reopened is set when the index on disk already matched the corpus and was
	// kept as it was: nothing was read or indexed.
	Reopened                           bool
	Added, Changed, Removed, Unchanged int // documents
	Skipped                            []corpus.Skip
	Documents, Sentences, Actors       int // in the index now
	Took                               time.Duration
	// Warnings are problems that were repaired (a damaged index moved aside and
	// rebuilt), to show to whoever opened the store.
	Warnings []string
}

// Store owns an index directory and serves one version of it at a time. It is
// safe for concurrent use.
type Store struct {
	dir, root string
	opts      StoreOptions
	log       *slog.Logger

	ctx    context.Context // cancelled by Close: stops a running reload
	cancel context.CancelFunc
	wg     sync.WaitGroup // running reloads

	mu     sync.Mutex
	cur    *Snapshot
	print  string // the corpus folder's fingerprint when cur was brought up to date (see Watch)
	closed bool

	rmu              sync.Mutex
	running, pending *reloadCall

	// beforeRead, set by tests, is called as a build is about to read a file.
	beforeRead func(corpus.File)
}

type reloadCall struct {
	done chan struct{}
	rep  *Report
	err  error
}

// OpenStore opens the index in dir for the corpus at corpusRoot, bringing it up
// to date: reopened as it is when the corpus is unchanged (by content hashes),
// updated incrementally into a new version when files were added, changed or
// removed, rebuilt when there is no usable index (a damaged one is moved aside
// and the Report warns about it). When a sound index cannot be updated (the
// corpus folder is unreadable) it is served as it is, with a warning.
func OpenStore(ctx context.Context, dir, corpusRoot string, opts StoreOptions) (*Store, *Report, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("index directory: %w", err)
	}
	s := &Store{dir: dir, root: corpusRoot, opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	start := time.Now()
	cur, warnings := s.openCurrent()
	s.removeStale(cur)
	fp := fingerprint(corpusRoot)
	next, rep, err := s.update(ctx, cur)
	if err != nil && cur != nil && ctx.Err() == nil {
		// The index on disk is sound but cannot be brought up to date (the
		// corpus folder is unreadable, the disk is full): serve it as it is.
		next, rep = cur, &Report{Reopened: true, Unchanged: cur.stats.Documents}
		s.fillReport(rep, cur)
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("index not updated, serving it as last built: %v", err))
		err = nil
		fp = ""
	}
	if err != nil {
		if cur != nil {
			cur.release()
		}
		return nil, nil, err
	}
	if next != cur && cur != nil {
		cur.retire()
	}
	s.cur, s.print = next, fp
	s.ctx, s.cancel = context.WithCancel(context.Background())
	rep.Warnings = append(warnings, rep.Warnings...)
	rep.Took = time.Since(start)
	return s, rep, nil
}

// Acquire returns the live version and a function to call when done with it;
// the version stays open, even if a reload replaces it, until released. It
// returns nil after Close.
func (s *Store) Acquire() (*Snapshot, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.cur
	if x == nil {
		return nil, func() {}
	}
	x.refs.Add(1)
	return x, sync.OnceFunc(x.release)
}

// Reload brings the index up to date with the corpus folder, as OpenStore does,
// while the current version keeps serving; the new version replaces it only
// when complete. Calls made while a reload runs share one further reload, which
// starts when the running one ends (so it sees every change made before the
// call). On failure the current version stays live and the error is returned.
// ctx bounds only the wait: the reload itself runs until done or Close.
func (s *Store) Reload(ctx context.Context) (*Report, error) {
	s.rmu.Lock()
	c := s.pending
	switch {
	case s.isClosed():
		s.rmu.Unlock()
		return nil, fmt.Errorf("reload: %w", ErrClosed)
	case c != nil:
	case s.running != nil:
		c = &reloadCall{done: make(chan struct{})}
		s.pending = c
	default:
		c = &reloadCall{done: make(chan struct{})}
		s.running = c
		s.wg.Add(1)
		go s.runReload(c)
	}
	s.rmu.Unlock()
	select {
	case <-c.done:
		return c.rep, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Store) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Store) runReload(c *reloadCall) {
	defer s.wg.Done()
	c.rep, c.err = s.reload()
	s.rmu.Lock()
	s.running = nil
	if next := s.pending; next != nil {
		s.pending = nil
		s.running = next
		s.wg.Add(1)
		go s.runReload(next)
	}
	s.rmu.Unlock()
	close(c.done)
}

func (s *Store) reload() (*Report, error) {
	start := time.Now()
	cur, release := s.Acquire()
	if cur == nil {
		return nil, fmt.Errorf("reload: %w", ErrClosed)
	}
	defer release()
	fp := fingerprint(s.root)
	next, rep, err := s.update(s.ctx, cur)
	if err != nil {
		return nil, fmt.Errorf("reload: %w", err)
	}
	s.mu.Lock()
	if next == cur {
		s.print = fp
		s.mu.Unlock()
	} else {
		if s.closed {
			s.mu.Unlock()
			// CURRENT already names next: keep its directory for the next open.
			next.release()
			return nil, fmt.Errorf("reload: %w during the reload", ErrClosed)
		}
		old := s.cur
		s.cur, s.print = next, fp
		s.mu.Unlock()
		old.retire()
	}
	rep.Took = time.Since(start)
	return rep, nil
}

// Close stops a running reload and closes the store; versions still acquired
// close when released. The index directory stays for the next OpenStore.
func (s *Store) Close() error {
	// Under rmu, so that no Reload starts a run once Close waits for them.
	s.rmu.Lock()
	s.mu.Lock()
	was := s.closed
	s.closed = true
	s.mu.Unlock()
	s.rmu.Unlock()
	if was {
		return nil
	}
	s.cancel()
	s.wg.Wait()
	s.mu.Lock()
	x := s.cur
	s.cur = nil
	s.mu.Unlock()
	if x != nil {
		x.release()
	}
	return nil
}

// release drops one reference; the last one closes the index, and removes its
// directory once a newer version has replaced it.
func (x *Snapshot) release() {
	if x.refs.Add(-1) != 0 {
		return
	}
	err := x.idx.Close()
	if x.retired.Load() {
		if rerr := os.RemoveAll(x.dir); err == nil {
			err = rerr
		}
	}
	if x.closed != nil {
		x.closed(err)
	}
}

// retire marks a replaced version for removal and drops the store's reference.
func (x *Snapshot) retire() {
	x.retired.Store(true)
	x.release()
}

// openCurrent opens the version CURRENT names. A version that cannot be read is
// moved aside (kept for inspection) and reported; the caller then rebuilds.
func (s *Store) openCurrent() (*Snapshot, []string) {
	b, err := os.ReadFile(filepath.Join(s.dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []string{fmt.Sprintf("index: cannot read %s (%v); rebuilding", currentFile, err)}
	}
	name := strings.TrimSpace(string(b))
	if !versionRe.MatchString(name) {
		return nil, []string{fmt.Sprintf("index: %s is damaged (%q); rebuilding", currentFile, truncate(name, 40))}
	}
	dir := filepath.Join(s.dir, name)
	idx, man, err := openReadOnly(dir)
	if err == nil {
		x := s.newSnapshot(dir, idx, man)
		return x, nil
	}
	if errors.Is(err, errFormat) {
		return nil, []string{fmt.Sprintf("index %s: %v; rebuilding", name, err)}
	}
	aside := filepath.Join(s.dir, fmt.Sprintf("damaged-%s-%s", name, time.Now().UTC().Format("20060102T150405.000")))
	if rerr := os.Rename(dir, aside); rerr != nil {
		return nil, []string{fmt.Sprintf("index %s is damaged (%v) and could not be moved aside (%v); rebuilding", name, err, rerr)}
	}
	return nil, []string{fmt.Sprintf("index %s is damaged (%v); moved aside to %s and rebuilt", name, err, aside)}
}

// removeStale removes versions other than the live one: versions replaced
// while readers held them in a process that ended, and builds a crash
// interrupted.
func (s *Store) removeStale(live *Snapshot) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		path := filepath.Join(s.dir, e.Name())
		if live != nil && path == live.dir {
			continue
		}
		if versionRe.MatchString(e.Name()) || strings.HasPrefix(e.Name(), currentFile+".tmp") {
			if err := os.RemoveAll(path); err != nil {
				s.log.Warn("index: cannot remove stale version", "path", path, "err", err)
			}
		}
	}
}

func (s *Store) newSnapshot(dir string, idx bleve.Index, man *manifest) *Snapshot {
	x := newSnapshot(dir, idx, man)
	x.reg = newRegistry(man, s.opts.Actors)
	x.closed = func(err error) {
		if err != nil {
			s.log.Warn("index: closing a version", "dir", dir, "err", err)
		}
	}
	return x
}

// update brings cur (nil when there is none) up to date with the corpus and
// returns the version to serve: cur itself when nothing changed.
func (s *Store) update(ctx context.Context, cur *Snapshot) (*Snapshot, *Report, error) {
	stamps := s.readStamps()
	l := corpus.Loader{Known: func(path, stamp string) (string, bool) {
		e, ok := stamps[path]
		return e.Hash, ok && e.Stamp == stamp
	}}
	files, skips, err := l.Scan(ctx, s.root)
	if err != nil {
		return nil, nil, fmt.Errorf("scan corpus: %w", err)
	}
	seen := make(map[string]stamped, len(files))
	for _, f := range files {
		if f.Stamp != "" {
			seen[f.Path] = stamped{f.Stamp, f.Hash}
		}
	}
	if !maps.Equal(seen, stamps) {
		if err := s.writeStamps(seen); err != nil {
			// A read-only index folder (a shipped replica) still serves.
			s.log.Info("index: stamps not saved; the next start reads the corpus again", "err", err)
		}
	}
	rep := &Report{Skipped: skips}
	// base is the version the changes apply to: none when its documents were
	// parsed by another version of the parser, as every one may parse
	// differently now.
	base, old := cur, newManifest()
	if cur != nil && cur.man.Parser != corpus.ParserVersion {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf(
			"index built by parser version %d, this is version %d: every document is read again", cur.man.Parser, corpus.ParserVersion))
		base = nil
	}
	if base != nil {
		old = base.man
	}
	var todo []corpus.File
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f.Path] = true
		if e := old.Files[f.Path]; e != nil && e.Hash == f.Hash {
			continue
		}
		todo = append(todo, f)
	}
	var gone []string
	for path := range old.Files {
		if !present[path] {
			gone = append(gone, path)
		}
	}
	slices.Sort(gone)
	if base != nil && len(todo) == 0 && len(gone) == 0 {
		rep.Reopened = true
		rep.Unchanged = old.documents()
		s.fillReport(rep, cur)
		return cur, rep, nil
	}

	name, err := s.claimVersion()
	if err != nil {
		return nil, nil, err
	}
	dir := filepath.Join(s.dir, name)
	next, err := s.build(ctx, base, dir, todo, gone, rep)
	if err != nil {
		if rerr := os.RemoveAll(dir); rerr != nil {
			s.log.Warn("index: cannot remove failed build", "dir", dir, "err", rerr)
		}
		return nil, nil, err
	}
	if err := writeAtomic(filepath.Join(s.dir, currentFile), []byte(name+"\n")); err != nil {
		next.release()
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("switch index version: %w", err)
	}
	s.fillReport(rep, next)
	return next, rep, nil
}

func (s *Store) fillReport(rep *Report, x *Snapshot) {
	for _, path := range slices.Sorted(maps.Keys(x.man.Files)) {
		for _, sk := range x.man.Files[path].Skips {
			rep.Skipped = append(rep.Skipped, corpus.Skip{Path: sk.Path, Reason: sk.Reason})
		}
	}
	rep.Documents = x.stats.Documents
	rep.Sentences = x.stats.Sentences
	rep.Actors = registrySize(x.reg)
}

// build writes version dir: a copy of cur with the changes applied, or a new
// index when there is no cur.
func (s *Store) build(ctx context.Context, cur *Snapshot, dir string, todo []corpus.File, gone []string, rep *Report) (*Snapshot, error) {
	var idx bleve.Index
	man := newManifest()
	if cur != nil {
		if err := copyIndex(cur.dir, dir); err != nil {
			return nil, fmt.Errorf("copy index: %w", err)
		}
		var err error
		if idx, err = bleve.Open(dir); err != nil {
			return nil, fmt.Errorf("open index copy: %w", err)
		}
		man = cur.man.clone()
	} else {
		var err error
		if idx, err = createIndex(dir); err != nil {
			return nil, err
		}
	}
	w := newWriter(idx, man, s.opts.BatchSize)
	w.compact = cur == nil
	err := s.apply(ctx, w, todo, gone, rep)
	// A failed build may leave batches running: they end before the index closes.
	if werr := w.wait(); err == nil {
		err = werr
	}
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	idx, man, err = openReadOnly(dir)
	if err != nil {
		return nil, err
	}
	return s.newSnapshot(dir, idx, man), nil
}

type readResult struct {
	docs     []*corpus.Document
	mentions [][]corpus.Mention // per document: found by the reader, in parallel, since they cost as much as indexing
	skips    []corpus.Skip
	err      error
}

// apply removes the documents of gone files and (re)indexes those of todo
// files whose content or metadata changed. Files are read and parsed in
// parallel, a few ahead of the indexer, and indexed in order.
func (s *Store) apply(ctx context.Context, w *writer, todo []corpus.File, gone []string, rep *Report) (err error) {
	defer func() {
		// As in readFile: a bug indexing one document fails this build only.
		if r := recover(); r != nil {
			err = fmt.Errorf("indexing failed (a bug in corpusbot; please report it): %v", r)
		}
	}()
	for _, path := range gone {
		for _, e := range w.man.Files[path].Docs {
			if err := w.remove(ctx, e); err != nil {
				return err
			}
			rep.Removed++
		}
		delete(w.man.Files, path)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan readResult, len(todo))
	for i := range results {
		results[i] = make(chan readResult, 1)
	}
	ahead := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	go func() {
		for i, f := range todo {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				docs, ms, skips, err := s.readFile(ctx, f)
				results[i] <- readResult{docs, ms, skips, err}
			}()
		}
	}()

	unchanged := w.man.documents()
	for i, f := range todo {
		var r readResult
		select {
		case r = <-results[i]:
			<-ahead
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err != nil {
			return fmt.Errorf("read %s: %w", f.Path, r.err)
		}
		old := map[string]*docEntry{}
		if oe := w.man.Files[f.Path]; oe != nil {
			unchanged -= len(oe.Docs)
			for _, e := range oe.Docs {
				old[e.ID] = e
			}
		}
		ne := &fileEntry{Hash: f.Hash}
		for _, sk := range r.skips {
			ne.Skips = append(ne.Skips, skipEntry{Path: sk.Path, Reason: sk.Reason})
		}
		for j, d := range r.docs {
			if e := old[d.ID]; e != nil {
				delete(old, d.ID)
				if e.Print == docPrint(d) {
					ne.Docs = append(ne.Docs, e)
					rep.Unchanged++
					continue
				}
				if err := w.remove(ctx, e); err != nil {
					return err
				}
				rep.Changed++
			} else {
				rep.Added++
			}
			e, err := w.add(ctx, d)
			if err != nil {
				// Not wrapped with d.ID: the batch that failed may hold
				// other documents, and its error names its sentence.
				return err
			}
			e.Mentions = r.mentions[j]
			ne.Docs = append(ne.Docs, e)
		}
		for _, e := range sortedEntries(old) {
			if err := w.remove(ctx, e); err != nil {
				return err
			}
			rep.Removed++
		}
		w.man.Files[f.Path] = ne
		if s.opts.Progress != nil {
			s.opts.Progress(i+1, len(todo))
		}
	}
	rep.Unchanged += unchanged
	return w.finish(ctx)
}

// readFile reads and parses one file. A panic while doing so is a bug in the
// parser, which one file must not turn into a crash of the whole program: it
// fails the build, naming the file, and the live version goes on serving.
func (s *Store) readFile(ctx context.Context, f corpus.File) (docs []*corpus.Document, ms [][]corpus.Mention, skips []corpus.Skip, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parsing failed (a bug in corpusbot; please report it with this file): %v", r)
		}
	}()
	if s.beforeRead != nil {
		s.beforeRead(f)
	}
	docs, skips, err = corpus.ReadFile(ctx, s.root, f)
	ms = make([][]corpus.Mention, len(docs))
	for i, d := range docs {
		ms[i] = mentions(d)
	}
	return docs, ms, skips, err
}

func sortedEntries(m map[string]*docEntry) []*docEntry {
	out := make([]*docEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *docEntry) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// claimVersion creates the next version directory's name (not the directory:
// bleve creates it) past every existing one.
func (s *Store) claimVersion() (string, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return "", fmt.Errorf("index directory: %w", err)
	}
	n := 0
	for _, e := range ents {
		name := strings.TrimPrefix(e.Name(), "damaged-")
		if i := strings.IndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		if versionRe.MatchString(name) {
			if v, err := strconv.Atoi(name[1:]); err == nil && v > n {
				n = v
			}
		}
	}
	return fmt.Sprintf("v%06d", n+1), nil
}

// writeAtomic replaces path with data so that a crash leaves either the old or
// the new content, never a mix.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
