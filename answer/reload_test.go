package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/retrieval"
)

// corpusStates is a copy of the team corpus that the test moves between
// three states: the corpus as it is; with a file changed and one added; and
// with a file deleted and the added one rewritten.
type corpusStates struct {
	root               string
	changed, deleted   string // file names
	changedText, extra []byte
	deletedText        []byte
}

func newCorpusStates(t *testing.T) *corpusStates {
	t.Helper()
	root := filepath.Join(t.TempDir(), "corpus")
	if err := os.CopyFS(root, os.DirFS(corpusDir)); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(root)
	if err != nil || len(ents) < 5 {
		t.Fatalf("corpus: %d files, %v", len(ents), err)
	}
	c := &corpusStates{root: root, changed: ents[1].Name(), deleted: ents[4].Name()}
	c.changedText, _ = os.ReadFile(filepath.Join(root, c.changed))
	c.deletedText, _ = os.ReadFile(filepath.Join(root, c.deleted))
	return c
}

const states = 3

func (c *corpusStates) set(t *testing.T, state int) {
	changed, extra, deleted := c.changedText, "", false
	switch state % states {
	case 1:
		changed = append(slices.Clip(changed), "\n\nThe zanzibarian delegation negotiated until dawn, Lavrov said.\n"...)
		extra = "The quokka delegation negotiated a truce about Nusra.\n"
	case 2:
		extra = "The quokka delegation negotiated a ceasefire in Aleppo.\n"
		deleted = true
	}
	must := func(err error) {
		if err != nil && !os.IsNotExist(err) {
			t.Error(err)
		}
	}
	must(os.WriteFile(filepath.Join(c.root, c.changed), changed, 0o644))
	if deleted {
		must(os.Remove(filepath.Join(c.root, c.deleted)))
	} else {
		must(os.WriteFile(filepath.Join(c.root, c.deleted), c.deletedText, 0o644))
	}
	if extra == "" {
		must(os.Remove(filepath.Join(c.root, "extra.txt")))
	} else {
		must(os.WriteFile(filepath.Join(c.root, "extra.txt"), []byte(extra), 0o644))
	}
}

// gist is what an answer says, without scores (which depend on nothing the
// user sees).
func gist(a *Answer) string {
	type item struct {
		Text, Before, After, Source, Title, Speaker, Date string
		Sentence, Start, End                              int
	}
	out := struct {
		Answered bool
		Reply    string
		Items    []item
	}{a.Answered, a.Reply, nil}
	for _, it := range a.Items {
		out.Items = append(out.Items, item{it.Text, it.Before, it.After, it.Source, it.Title, it.Speaker, it.Date.String(), it.Sentence, it.Start, it.End})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func evalQuestions(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("../../shared/eval/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct{ Question string }
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q.Question)
	}
	return qs
}

func openFiles(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(ents)
}

// TestAskDuringReloads asks questions from several goroutines while reloads
// move the corpus between states (files added, changed, deleted): no question
// fails, each answer is the one of a state the index was in while it was
// asked (the one before the running reload, or after), and once the store
// closes no goroutine or file is left behind.
func TestAskDuringReloads(t *testing.T) {
	questions := append(evalQuestions(t), "What did the quokka delegation negotiate?", "zanzibarian delegation")
	goroutines, fds := runtime.NumGoroutine(), openFiles(t)
	c := newCorpusStates(t)
	ctx := context.Background()
	st, _, err := retrieval.OpenStore(ctx, filepath.Join(t.TempDir(), "index"), c.root, retrieval.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eng := New(st)

	// The answers of each state, the index brought to it by reloads as below.
	want := make([]map[string]string, states)
	for s := range states + 1 {
		c.set(t, s)
		if _, err := eng.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		if s == states {
			break
		}
		want[s] = map[string]string{}
		for _, q := range questions {
			a, err := eng.Ask(ctx, q, 5)
			if err != nil {
				t.Fatal(err)
			}
			want[s][q] = gist(a)
		}
	}
	for _, q := range questions[len(questions)-2:] {
		if want[0][q] == want[1][q] || want[1][q] == want[2][q] {
			t.Fatalf("%q: the states do not tell apart", q)
		}
	}

	// started counts the reloads started, finished those finished: the live
	// index is in a state between the two.
	var started, finished atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var asked atomic.Int64
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				q := questions[i%len(questions)]
				lo := finished.Load()
				a, err := eng.Ask(ctx, q, 5)
				hi := started.Load()
				if err != nil {
					t.Errorf("%q: %v", q, err)
					return
				}
				got, ok := gist(a), false
				for s := lo; s <= hi && !ok; s++ {
					ok = got == want[s%states][q]
				}
				if !ok {
					t.Errorf("%q asked in states %d-%d: the answer of no such state:\n%s", q, lo%states, hi%states, got)
					return
				}
				asked.Add(1)
			}
		}()
	}
	const reloads = 12
	for i := 1; i <= reloads; i++ {
		c.set(t, i)
		started.Store(int64(i))
		rep, err := eng.Reload(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Reopened {
			t.Errorf("reload %d changed nothing", i)
		}
		finished.Store(int64(i))
		time.Sleep(10 * time.Millisecond) // let some questions run on each state
	}
	close(stop)
	wg.Wait()
	t.Logf("%d questions answered during %d reloads", asked.Load(), reloads)
	if asked.Load() < reloads {
		t.Errorf("only %d questions answered", asked.Load())
	}

	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for (runtime.NumGoroutine() > goroutines || openFiles(t) > fds) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after close, %d before:\n%s", n, goroutines, buf[:runtime.Stack(buf, true)])
	}
	if n := openFiles(t); n > fds {
		t.Errorf("%d open files after close, %d before", n, fds)
	}
}
