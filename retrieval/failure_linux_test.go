package retrieval

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// asUnprivileged runs fn as user nobody (effective id) when the tests run as
// root, whom file permissions do not stop; otherwise as the user running them.
func asUnprivileged(t *testing.T, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		fn()
		return
	}
	if err := syscall.Setresuid(-1, 65534, -1); err != nil {
		t.Skipf("cannot take another user's identity: %v", err)
	}
	defer func() {
		if err := syscall.Setresuid(-1, 0, -1); err != nil {
			panic("cannot become root again: " + err.Error())
		}
	}()
	fn()
}

// withFileSizeLimit runs fn with writes beyond limit bytes into any file
// failing (EFBIG), as writes fail on a full disk. The Go runtime ignores the
// SIGXFSZ that comes with it.
func withFileSizeLimit(t *testing.T, limit uint64, fn func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		t.Skip(err)
	}
	defer func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			panic(err)
		}
	}()
	fn()
}

// TestStoreFailedReloads breaks a reload in the ways the file system can: each
// one fails with an error that says why, the old index goes on answering as
// before, CURRENT and the index directory are as they were, and once the cause
// is gone the next reload brings the change in.
func TestStoreFailedReloads(t *testing.T) {
	tests := []struct {
		name string
		// brk breaks the next reload, which run (the reload, wrapped) makes;
		// fix undoes it.
		brk, fix func(t *testing.T, root, dir string)
		run      func(t *testing.T, reload func())
		want     string // in the error
	}{{
		name: "corpus folder replaced by a file",
		brk: func(t *testing.T, root, dir string) {
			mustRename(t, root, root+".away")
			writeFile(t, root, "not a folder")
		},
		fix: func(t *testing.T, root, dir string) {
			os.Remove(root)
			mustRename(t, root+".away", root)
		},
		want: "not a directory",
	}, {
		name: "corpus folder not readable",
		brk:  func(t *testing.T, root, dir string) { os.Chmod(root, 0) },
		fix:  func(t *testing.T, root, dir string) { os.Chmod(root, 0o755) },
		run:  func(t *testing.T, reload func()) { asUnprivileged(t, reload) },
		want: "permission denied",
	}, {
		name: "index folder not writable",
		brk:  func(t *testing.T, root, dir string) { os.Chmod(dir, 0o555) },
		fix:  func(t *testing.T, root, dir string) { os.Chmod(dir, 0o755) },
		run:  func(t *testing.T, reload func()) { asUnprivileged(t, reload) },
		want: "permission denied",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, dir := copyCorpus(t), t.TempDir()
			if tt.run != nil {
				// Let the unprivileged user reach the folders.
				for _, d := range []string{root, dir} {
					os.Chmod(filepath.Dir(d), 0o755)
					os.Chmod(filepath.Dir(filepath.Dir(d)), 0o755)
				}
			}
			s, _ := openStore(t, dir, root)
			want := find(t, s, "Lavrov Nusra")
			before := entries(t, dir)
			current, _ := os.ReadFile(filepath.Join(dir, currentFile))
			// The change the failed reload should have brought in.
			writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
			if tt.brk != nil {
				tt.brk(t, root, dir)
			}
			var err error
			reload := func() { _, err = s.Reload(context.Background()) }
			if tt.run != nil {
				tt.run(t, reload)
			} else {
				reload()
			}
			if tt.fix != nil {
				tt.fix(t, root, dir)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("reload error %v, want one saying %q", err, tt.want)
			}
			t.Logf("reported: %v", err)
			if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
				t.Error("the old index no longer answers as before")
			}
			if hits := find(t, s, "quokka"); len(hits) != 0 {
				t.Errorf("the failed reload's change is served: %v", hits)
			}
			if after := entries(t, dir); !slices.Equal(before, after) {
				t.Errorf("failed reload left %v (was %v)", after, before)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(now) != string(current) {
				t.Errorf("CURRENT changed: %q -> %q", current, now)
			}
			if rep, err := s.Reload(context.Background()); err != nil || rep.Added != 1 {
				t.Fatalf("reload once fixed: %+v, %v", rep, err)
			}
			if hits := find(t, s, "quokka"); len(hits) != 1 {
				t.Errorf("after the fixed reload: %v", hits)
			}
		})
	}
}

// TestStoreWriteFails makes every write past the first 16 kB of a file fail,
// as writes fail on a full disk, during a reload. Such a limit holds for the
// whole process, go test's own log among its files, so the test runs again in
// a process of its own.
func TestStoreWriteFails(t *testing.T) {
	if os.Getenv("CORPUSBOT_TEST_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoreWriteFails$", "-test.v")
		cmd.Env = append(os.Environ(), "CORPUSBOT_TEST_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS") {
			t.Fatalf("%v:\n%s", err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "limit ") {
				t.Log(strings.TrimSpace(line))
			}
		}
		return
	}
	root, dir := copyCorpus(t), t.TempDir()
	s, _ := openStore(t, dir, root)
	// Writes fail at different stages of the build as the limit grows: copying
	// the index, writing the new segment, persisting it.
	failed := 0
	for i, limit := range []uint64{16 << 10, 132 << 10, 160 << 10, 200 << 10, 300 << 10} {
		want := find(t, s, "Lavrov Nusra")
		before := entries(t, dir)
		writeFile(t, filepath.Join(root, fmt.Sprintf("new%d.txt", i)), "Quokkas negotiating a truce.\n")
		var err error
		withFileSizeLimit(t, limit, func() { _, err = s.Reload(context.Background()) })
		if err == nil {
			t.Logf("limit %d: the reload succeeded", limit)
		} else {
			failed++
			t.Logf("limit %d: reported: %v", limit, err)
			if !strings.Contains(err.Error(), "file too large") {
				t.Errorf("limit %d: error does not say why: %v", limit, err)
			}
			if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
				t.Errorf("limit %d: the old index no longer answers as before", limit)
			}
			if after := entries(t, dir); !slices.Equal(before, after) {
				t.Errorf("limit %d: failed reload left %v (was %v)", limit, after, before)
			}
		}
		rep, err := s.Reload(context.Background())
		if err != nil {
			t.Fatalf("limit %d: reload once writes succeed: %v", limit, err)
		}
		if hits := find(t, s, "quokka"); len(hits) != i+1 {
			t.Fatalf("limit %d: %d documents of %d loaded (%+v)", limit, len(hits), i+1, rep)
		}
	}
	if failed == 0 {
		t.Error("no reload failed")
	}
}

// TestStoreDiskFull runs a reload on a file system that is really full, when
// CORPUSBOT_SMALL_FS names a small one (as root: mount -t tmpfs -o size=1m
// tmpfs DIR); the index is first built there, then the file system is filled.
func TestStoreDiskFull(t *testing.T) {
	small := os.Getenv("CORPUSBOT_SMALL_FS")
	if small == "" {
		t.Skip("CORPUSBOT_SMALL_FS is not set")
	}
	dir, err := os.MkdirTemp(small, "index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	root := copyCorpus(t)
	s, _ := openStore(t, dir, root)
	want := find(t, s, "Lavrov Nusra")
	before := entries(t, dir)
	filler := filepath.Join(small, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(filler) })
	for {
		if _, err := f.Write(make([]byte, 4096)); err != nil {
			break
		}
	}
	f.Close()
	writeFile(t, filepath.Join(root, "new.txt"), "Quokkas negotiating a truce.\n")
	_, err = s.Reload(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("reload on a full disk: %v", err)
	}
	t.Logf("reported: %v", err)
	if got := find(t, s, "Lavrov Nusra"); !slices.Equal(got, want) {
		t.Error("the old index no longer answers as before")
	}
	if after := entries(t, dir); !slices.Equal(before, after) {
		t.Errorf("failed reload left %v (was %v)", after, before)
	}
	os.Remove(filler)
	if rep, err := s.Reload(context.Background()); err != nil || rep.Added != 1 {
		t.Fatalf("reload with room again: %+v, %v", rep, err)
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}
