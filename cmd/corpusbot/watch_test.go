package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that a command and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until buf holds want, after the first skip bytes.
func waitFor(t *testing.T, buf *syncBuffer, skip int, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(buf.String()[skip:], want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in:\n%s", want, buf.String()[skip:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestChatWatch runs `chat -watch` on a copy of the corpus: a file added while
// it runs answers the next question, and a failed reload is logged while the
// previous index keeps answering.
func TestChatWatch(t *testing.T) {
	root := filepath.Join(t.TempDir(), "corpus")
	if err := os.CopyFS(root, os.DirFS(corpusDir)); err != nil {
		t.Fatal(err)
	}
	in, typed := io.Pipe()
	var out, logs syncBuffer
	e := &env{
		stdin: in, stdout: &out, stderr: io.Discard,
		getenv: func(string) string { return "" },
		log:    slog.New(slog.NewTextHandler(&logs, nil)),
	}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), e, []string{"chat", "-watch", "-corpus", root, "-index", filepath.Join(t.TempDir(), "index")})
	}()
	ask := func(q string) string {
		t.Helper()
		n := len(out.String())
		io.WriteString(typed, q+"\n")
		waitFor(t, &out, n, "# "+q)
		time.Sleep(200 * time.Millisecond) // the answer follows its heading
		return out.String()[n:]
	}
	const q = "Where did the quokkas negotiate a truce?"
	waitFor(t, &logs, 0, "watching the corpus folder")
	if a := ask(q); strings.Contains(a, "Wombatland") {
		t.Fatalf("answered before the file was added: %s", a)
	}

	n := len(logs.String())
	if err := os.WriteFile(filepath.Join(root, "quokka.txt"), []byte("The quokkas negotiated a truce in Wombatland.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &logs, n, "corpus reloaded")
	if !strings.Contains(logs.String()[n:], "added=1") {
		t.Errorf("reload log: %s", logs.String()[n:])
	}
	if a := ask(q); !strings.Contains(a, "Wombatland") {
		t.Errorf("the added file does not answer: %s", a)
	}

	n = len(logs.String())
	if err := os.Rename(root, root+".away"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &logs, n, "corpus reload failed")
	if a := ask(q); !strings.Contains(a, "Wombatland") {
		t.Errorf("the previous index stopped answering: %s", a)
	}

	typed.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("chat exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chat did not end with its input")
	}
	if strings.Contains(logs.String(), "watch stopped") {
		t.Errorf("the watch ended with an error:\n%s", logs.String())
	}
}
