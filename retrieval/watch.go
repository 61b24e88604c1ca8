package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ErrClosed is returned by a Store's methods once it is closed.
var ErrClosed = errors.New("store is closed")

// WatchOptions tunes Store.Watch; the zero value is ready to use.
type WatchOptions struct {
	// Interval is how often the corpus folder is looked at (default 1s). Each
	// look stats every entry, about 1 ms per 1,000 files.
	Interval time.Duration
	// Debounce is how long the folder must stay unchanged before a reload
	// starts (default 2s), so that a burst of changes (a copy, an import, an
	// editor's save) makes one reload, of the finished folder.
	Debounce time.Duration
	// MaxDelay bounds how long a reload waits for the folder to settle
	// (default 30s): a file that changes all the time (a log written into the
	// folder) cannot hold back the changes made beside it.
	MaxDelay time.Duration
	// OnReload, when set, is called after each reload the watch starts, with
	// Reload's results.
	OnReload func(*Report, error)
}

// Watch reloads the store whenever its corpus folder changes, until ctx is done
// (it then returns ctx.Err()) or the store is closed (ErrClosed). A failed
// reload keeps the current version serving, as Reload does; it is reported to
// OnReload and tried again at the folder's next change.
//
// Changes are found by polling a fingerprint of the folder's entries (names,
// sizes, modification times, modes, following links as the corpus loader
// does), not by file system notifications: polling needs no watch per folder,
// has no limit on their number, and sees changes on network and container
// mounts that send no notifications. Its cost is one stat per entry per
// Interval.
func (s *Store) Watch(ctx context.Context, opts WatchOptions) error {
	interval, debounce, maxDelay := opts.Interval, opts.Debounce, opts.MaxDelay
	if interval <= 0 {
		interval = time.Second
	}
	if debounce <= 0 {
		debounce = 2 * time.Second
	}
	if maxDelay <= 0 {
		maxDelay = 30 * time.Second
	}
	// seen is the folder as it is now, changed when that last changed, pending
	// when it first differed from the folder the live version was loaded from
	// (which a reload started elsewhere updates too), and failed the state of
	// the folder a reload last failed on.
	seen, changed := fingerprint(s.root), time.Now()
	var pending time.Time
	failed := ""
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		if s.isClosed() {
			return ErrClosed
		}
		now := time.Now()
		if fp := fingerprint(s.root); fp != seen {
			seen, changed = fp, now
		}
		if seen == s.loadedPrint() || seen == failed {
			pending = time.Time{}
			continue
		}
		if pending.IsZero() {
			pending = changed
		}
		if now.Sub(changed) < debounce && now.Sub(pending) < maxDelay {
			continue
		}
		// The reload reads the folder as it is when it starts, at least as new
		// as seen; a change it misses shows in the next fingerprint.
		rep, err := s.Reload(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, ErrClosed):
			return err
		}
		pending, failed = time.Time{}, ""
		if err != nil {
			failed = seen // tried again once the folder changes
		}
		if opts.OnReload != nil {
			opts.OnReload(rep, err)
		}
	}
}

// loadedPrint is the fingerprint of the corpus folder taken when the live
// version was last brought up to date, "" when it is not known.
func (s *Store) loadedPrint() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.print
}

// fingerprint sums up the state of the folder at root from its entries' names,
// sizes, modification times and modes: any change to the corpus changes it
// (unless a file is rewritten with the same size within the file system's
// timestamp granularity). Entries whose names start with "." are left out, as
// the loader leaves them out (editors' swap files among them). An unreadable
// root has a fingerprint of its own.
func fingerprint(root string) string {
	h := sha256.New()
	if err := fingerprintDir(h, root, "", nil); err != nil {
		return "unreadable: " + err.Error()
	}
	return hex.EncodeToString(h.Sum(nil))
}

func fingerprintDir(h hash.Hash, abs, rel string, ancestors []os.FileInfo) error {
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" {
			return err
		}
		fmt.Fprintf(h, "%s\x00unreadable\x00", rel)
		return nil
	}
	if rel == "" {
		info, err := os.Stat(abs)
		if err != nil {
			return err
		}
		ancestors = []os.FileInfo{info}
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p, r := filepath.Join(abs, name), path.Join(rel, name)
		info, err := os.Stat(p) // through links, as the loader reads them
		if err != nil {
			fmt.Fprintf(h, "%s\x00error\x00", r)
			continue
		}
		if !info.IsDir() {
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%o\x00", r, info.Size(), info.ModTime().UnixNano(), info.Mode())
			continue
		}
		// A folder counts by what it holds: its own time changes with hidden
		// entries too.
		fmt.Fprintf(h, "%s/\x00", r)
		if isAncestor(ancestors, info) {
			continue
		}
		if err := fingerprintDir(h, p, r, append(ancestors[:len(ancestors):len(ancestors)], info)); err != nil {
			return err
		}
	}
	return nil
}

// isAncestor reports a folder that holds the link leading to it: a loop.
func isAncestor(ancestors []os.FileInfo, dir os.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, dir) {
			return true
		}
	}
	return false
}
