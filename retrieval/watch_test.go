package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

type reloadEvent struct {
	rep *Report
	err error
	at  time.Time
}

// watch runs s.Watch with opts until the test ends and returns its reloads.
func watch(t *testing.T, s *Store, opts WatchOptions) (<-chan reloadEvent, <-chan error) {
	t.Helper()
	events := make(chan reloadEvent, 16)
	opts.OnReload = func(rep *Report, err error) { events <- reloadEvent{rep, err, time.Now()} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx, opts) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return events, done
}

func nextReload(t *testing.T, events <-chan reloadEvent) reloadEvent {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no reload")
	}
	panic("unreachable")
}

func noReload(t *testing.T, events <-chan reloadEvent, wait time.Duration) {
	t.Helper()
	select {
	case ev := <-events:
		t.Errorf("unexpected reload: %+v, %v", ev.rep, ev.err)
	case <-time.After(wait):
	}
}

// TestWatchDebounces writes a burst of files: one reload follows, once the
// folder has been quiet for the debounce time, and it sees the whole burst.
func TestWatchDebounces(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	const debounce = 400 * time.Millisecond
	events, _ := watch(t, s, WatchOptions{Interval: 10 * time.Millisecond, Debounce: debounce})

	var last time.Time
	for i := range 5 {
		writeFileAll(t, filepath.Join(root, "burst", string(rune('a'+i))+".txt"), "Quokkas negotiating a truce.\n")
		last = time.Now()
		time.Sleep(20 * time.Millisecond)
	}
	ev := nextReload(t, events)
	if ev.err != nil || ev.rep.Added != 5 {
		t.Fatalf("reload after the burst: %+v, %v", ev.rep, ev.err)
	}
	if quiet := ev.at.Sub(last); quiet < debounce {
		t.Errorf("reloaded %v after the last change, before the folder was quiet for %v", quiet, debounce)
	}
	if hits := find(t, s, "quokka"); len(hits) != 5 {
		t.Errorf("%d hits for the burst's files, want 5", len(hits))
	}
	noReload(t, events, 3*debounce)

	// A hidden file (an editor's swap file) is no change to the corpus.
	writeFileAll(t, filepath.Join(root, "burst", ".a.txt.swp"), "x")
	noReload(t, events, 3*debounce)
}

// TestWatchMaxDelay keeps one file changing all the time: the folder is never
// quiet, yet a file added beside it is loaded within MaxDelay.
func TestWatchMaxDelay(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	events, _ := watch(t, s, WatchOptions{Interval: 10 * time.Millisecond, Debounce: time.Hour, MaxDelay: 300 * time.Millisecond})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			os.WriteFile(filepath.Join(root, "busy.log"), []byte(time.Now().String()), 0o644)
		}
	}()
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	if ev := nextReload(t, events); ev.err != nil || ev.rep.Added != 1 {
		t.Fatalf("reload: %+v, %v", ev.rep, ev.err)
	}
}

// TestWatchFailedReload removes the corpus folder: the reload fails, is
// reported, and the index keeps answering; the folder's return reloads it.
func TestWatchFailedReload(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	want := find(t, s, "Lavrov Nusra")
	events, _ := watch(t, s, WatchOptions{Interval: 10 * time.Millisecond, Debounce: 50 * time.Millisecond})

	if err := os.Rename(root, root+".away"); err != nil {
		t.Fatal(err)
	}
	ev := nextReload(t, events)
	if ev.err == nil {
		t.Fatalf("reload without the corpus folder: %+v", ev.rep)
	}
	t.Logf("reported: %v", ev.err)
	if got := find(t, s, "Lavrov Nusra"); len(got) != len(want) {
		t.Errorf("after the failed reload: %d hits, want %d", len(got), len(want))
	}
	noReload(t, events, 300*time.Millisecond) // no retry until the folder changes

	writeFile(t, filepath.Join(root+".away", "new.txt"), "Quokkas negotiating a truce.\n")
	if err := os.Rename(root+".away", root); err != nil {
		t.Fatal(err)
	}
	if ev := nextReload(t, events); ev.err != nil || ev.rep.Added != 1 {
		t.Fatalf("reload after the folder came back: %+v, %v", ev.rep, ev.err)
	}
}

func TestWatchStops(t *testing.T) {
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx, WatchOptions{Interval: 10 * time.Millisecond}) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled watch returned %v", err)
	}
	go func() { done <- s.Watch(context.Background(), WatchOptions{Interval: 10 * time.Millisecond}) }()
	s.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("watch of a closed store returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch goes on after Close")
	}
	if _, err := s.Reload(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("reload of a closed store: %v", err)
	}
}

// TestFingerprint checks what counts as a change of the corpus folder.
func TestFingerprint(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.txt"), "one")
	writeFileAll(t, filepath.Join(root, "sub", "b.txt"), "two")
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "c.txt"), "three")
	if err := os.Symlink(other, filepath.Join(root, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	steps := []struct {
		name   string
		change func()
		same   bool
	}{
		{"nothing", func() {}, true},
		{"hidden file", func() { writeFile(t, filepath.Join(root, "sub", ".b.txt.swp"), "x") }, true},
		{"file added", func() { writeFile(t, filepath.Join(root, "sub", "d.txt"), "four") }, false},
		{"same size rewritten", func() { os.Chtimes(filepath.Join(root, "a.txt"), old, old) }, false},
		{"grown", func() { writeFile(t, filepath.Join(root, "a.txt"), "one more") }, false},
		{"in a linked folder", func() { writeFile(t, filepath.Join(other, "c.txt"), "3") }, false},
		{"renamed", func() { os.Rename(filepath.Join(root, "sub", "d.txt"), filepath.Join(root, "sub", "e.txt")) }, false},
		{"removed", func() { os.Remove(filepath.Join(root, "sub", "e.txt")) }, false},
		{"empty folder added", func() { os.Mkdir(filepath.Join(root, "empty"), 0o755) }, false},
	}
	prev := fingerprint(root)
	for _, st := range steps {
		st.change()
		fp := fingerprint(root)
		if (fp == prev) != st.same {
			t.Errorf("%s: fingerprint changed %v, want %v", st.name, fp != prev, !st.same)
		}
		prev = fp
	}
	if fp := fingerprint(filepath.Join(root, "missing")); fp == prev || fp == "" {
		t.Errorf("missing folder: %q", fp)
	}
}

// writeFileAll writes a file, creating its folder as needed.
func writeFileAll(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, text)
}
