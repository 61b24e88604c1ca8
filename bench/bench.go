// Package bench measures corpusbot at scale on real news: it builds corpora of
// N sentences and times the index build, reopening, answers and statements.
package bench

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/eval"
	"github.com/corpusbot/corpusbot/importer"
	"github.com/corpusbot/corpusbot/retrieval"
)

// Options say what Run measures.
type Options struct {
	Sizes   []int // corpus sizes in searchable sentences, measured in this order
	Sources Sources
	// TeamQuestions is a questions.jsonl file (the team's set) asked along
	// with the SQuAD questions; "" for none.
	TeamQuestions string
	// Questions is how many questions are asked and timed at each size
	// (default 1000): the team's, then SQuAD questions spread over the set.
	Questions int
	// Actors is how many actors' statements are listed and timed (default 200),
	// spread over the registry from the most quoted to the least.
	Actors int
	// Work is the scratch folder; "" means a temporary one, removed after.
	// Corpora and indexes left in a given Work folder can be inspected.
	Work string
	// BuildCommand, when set, builds each index in a child process, which
	// isolates the build's peak memory: the command is run with
	// "-corpus DIR -index DIR" appended, e.g. {"/usr/local/bin/corpusbot", "index"}.
	// Empty builds in this process.
	BuildCommand []string
	Log          *slog.Logger // progress; nil for none
}

// Result is what Run measured at one size.
type Result struct {
	Size      int    `json:"size"` // sentences asked for
	Name      string `json:"name"` // "10k", "1m"
	Sentences int    `json:"sentences"`
	// Distinct is the sentences of the first copy of each article: the 1m
	// corpus repeats the news under distinct ids, so its text repeats.
	Distinct    int `json:"distinct_sentences"`
	Copies      int `json:"copies"` // how many times the most repeated article appears
	Documents   int `json:"documents"`
	UniqueTerms int `json:"unique_terms"` // distinct terms of the text field
	Actors      int `json:"actors"`

	BuildSeconds float64 `json:"build_s"` // from corpus files to a ready index on a fresh folder
	BuildRate    float64 `json:"build_sentences_per_s"`
	BuildCPU     float64 `json:"build_cpu_s"` // user + system time of the build, all threads
	BuildPeakRSS int64   `json:"build_peak_rss_bytes"`
	// BuildPeakAnon is the build's peak anonymous memory (heap, stacks),
	// sampled every 50 ms: BuildPeakRSS also counts the index files bleve
	// maps while it merges segments, pages the kernel can drop at will.
	BuildPeakAnon int64   `json:"build_peak_anon_bytes"`
	BuildIn       string  `json:"build_in"` // "child process" or "this process"
	IndexBytes    int64   `json:"index_bytes"`
	ReopenColdMS  float64 `json:"reopen_first_answer_cold_ms"` // index and corpus files evicted from the page cache first
	ReopenWarmMS  float64 `json:"reopen_first_answer_warm_ms"`
	Ask           Latency `json:"ask"`
	// AskCPU is the CPU time of each answer, which other work on the
	// machine does not inflate as it does the wall-clock latency.
	AskCPU        Latency `json:"ask_cpu"`
	AskPerSecond  float64 `json:"ask_per_s"`
	Ask2          Latency `json:"ask_2_askers"`
	Ask2PerSecond float64 `json:"ask_2_askers_per_s"`
	Statements    Latency `json:"statements"`
	StatementsCPU Latency `json:"statements_cpu"`
	ServePeakRSS  int64   `json:"serve_peak_rss_bytes"` // peak of this process from reopening to the last answer
	// ServePeakSinceStart is set when the kernel refused to reset the peak:
	// ServePeakRSS then also covers what this process did before.
	ServePeakSinceStart bool             `json:"serve_peak_since_start,omitempty"`
	SQuAD               eval.SQuADScores `json:"squad"`
	SlowestAsks         []Slow           `json:"slowest_asks"`
	SlowestStatements   []Slow           `json:"slowest_statements"`
	SQuADSeconds        float64          `json:"squad_s"`
	// Load is the machine's 1-minute load average when the size started and
	// when it ended: on a shared machine, other work slows every figure.
	Load [2]float64 `json:"load_average"`
}

// Run builds a corpus of each size and measures it.
func Run(ctx context.Context, opts Options) ([]Result, error) {
	if len(opts.Sizes) == 0 {
		return nil, errors.New("bench: no sizes")
	}
	if opts.Questions <= 0 {
		opts.Questions = 1000
	}
	if opts.Actors <= 0 {
		opts.Actors = 200
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	work := opts.Work
	if work == "" {
		tmp, err := os.MkdirTemp("", "corpusbot-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		work = tmp
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}

	log.Info("bench: importing the sources", "work", work)
	b, err := prepare(ctx, opts.Sources, filepath.Join(work, "base"))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	squad, _, err := importer.SQuADQuestions(ctx, opts.Sources.SQuAD)
	if err != nil {
		return nil, fmt.Errorf("bench: SQuAD questions: %w", err)
	}
	var team []eval.Question
	if opts.TeamQuestions != "" {
		if team, err = eval.ReadQuestions(opts.TeamQuestions); err != nil {
			return nil, fmt.Errorf("bench: team questions: %w", err)
		}
	}
	asks := pickQuestions(team, squad, opts.Questions)
	if len(asks) == 0 {
		return nil, errors.New("bench: no questions to ask")
	}

	var results []Result
	for _, n := range opts.Sizes {
		dir := filepath.Join(work, SizeName(n))
		m := measurer{opts: opts, log: log.With("size", SizeName(n)), base: b, asks: asks, squad: squad}
		r, err := m.run(ctx, n, dir)
		if err != nil {
			return results, fmt.Errorf("bench %s: %w", SizeName(n), err)
		}
		if opts.Work == "" {
			if err := os.RemoveAll(dir); err != nil {
				return results, err
			}
		}
		results = append(results, r)
	}
	return results, nil
}

// pickQuestions takes every team question, then SQuAD questions spread
// evenly over the set, up to n.
func pickQuestions(team []eval.Question, squad []importer.Question, n int) []string {
	var out []string
	for _, q := range team {
		if len(out) < n {
			out = append(out, q.Question)
		}
	}
	rest := min(n-len(out), len(squad))
	for i := range rest {
		out = append(out, squad[i*len(squad)/rest].Question)
	}
	return out
}

type measurer struct {
	opts  Options
	log   *slog.Logger
	base  *base
	asks  []string
	squad []importer.Question
}

func (m *measurer) run(ctx context.Context, n int, dir string) (r Result, err error) {
	r = Result{Size: n, Name: SizeName(n)}
	r.Load[0] = loadAverage()
	defer func() { r.Load[1] = loadAverage() }()
	m.log.Info("bench: writing the corpus")
	ci, err := m.base.corpus(ctx, n, filepath.Join(dir, "corpus"))
	if err != nil {
		return r, fmt.Errorf("corpus: %w", err)
	}
	r.Distinct, r.Copies, r.UniqueTerms = ci.distinct, ci.copies, ci.terms
	idx := filepath.Join(dir, "index")
	if err := os.RemoveAll(idx); err != nil {
		return r, err
	}

	m.log.Info("bench: building the index", "sentences", ci.sentences)
	b, err := m.build(ctx, ci.root, idx)
	if err != nil {
		return r, fmt.Errorf("build: %w", err)
	}
	r.BuildSeconds, r.BuildCPU, r.BuildPeakRSS, r.BuildPeakAnon = b.took.Seconds(), b.cpu.Seconds(), b.peak, b.anon
	r.BuildIn = "this process"
	if len(m.opts.BuildCommand) > 0 {
		r.BuildIn = "child process"
	}
	if r.IndexBytes, err = diskUsage(idx); err != nil {
		return r, err
	}

	// The serving figures start here: a fresh peak, a reopen from a cold cache.
	debug.FreeOSMemory()
	r.ServePeakSinceStart = !resetPeakRSS()
	if err := evict(idx, ci.root); err != nil {
		return r, err
	}
	cold, st, err := m.reopen(ctx, ci.root, idx)
	if err != nil {
		return r, err
	}
	st.Close()
	warm, st, err := m.reopen(ctx, ci.root, idx)
	if err != nil {
		return r, err
	}
	defer st.Close()
	r.ReopenColdMS, r.ReopenWarmMS = ms(cold), ms(warm)
	snap, release := st.Acquire()
	stats := snap.Stats()
	release()
	r.Sentences, r.Documents = stats.Sentences, stats.Documents
	r.BuildRate = float64(r.Sentences) / r.BuildSeconds

	eng := answer.New(st)
	r.Actors = len(eng.Actors(ctx))
	ask := func(q string) error {
		_, err := eng.Ask(ctx, q, answer.DefaultTop)
		return err
	}
	m.log.Info("bench: asking", "questions", len(m.asks))
	// One untimed pass: a serving bot has its index in the page cache.
	if _, _, err := timeEach(ctx, 1, m.asks, ask); err != nil {
		return r, err
	}
	calls, wall, err := timeEach(ctx, 1, m.asks, ask)
	if err != nil {
		return r, err
	}
	r.Ask, r.AskPerSecond = latencyOf(durationsOf(calls)), float64(len(calls))/wall.Seconds()
	r.AskCPU = latencyOf(cpuTimesOf(calls))
	r.SlowestAsks = slowest(calls, m.asks, 5)
	calls, wall, err = timeEach(ctx, 2, m.asks, ask)
	if err != nil {
		return r, err
	}
	r.Ask2, r.Ask2PerSecond = latencyOf(durationsOf(calls)), float64(len(calls))/wall.Seconds()

	names := pickActors(eng.Actors(ctx), m.opts.Actors)
	m.log.Info("bench: listing statements", "actors", len(names))
	calls, _, err = timeEach(ctx, 1, names, func(name string) error {
		_, err := eng.Statements(ctx, answer.StatementsQuery{Actor: name})
		return err
	})
	if err != nil {
		return r, err
	}
	r.Statements = latencyOf(durationsOf(calls))
	r.StatementsCPU = latencyOf(cpuTimesOf(calls))
	r.SlowestStatements = slowest(calls, names, 5)

	m.log.Info("bench: scoring SQuAD", "questions", len(m.squad))
	start := time.Now()
	if r.SQuAD, err = eval.SQuAD(ctx, eng, m.squad); err != nil {
		return r, err
	}
	r.SQuADSeconds = time.Since(start).Seconds()
	r.ServePeakRSS = peakRSS()
	m.log.Info("bench: done", "build_s", r.BuildSeconds, "ask_p50_ms", r.Ask.P50, "ask_p99_ms", r.Ask.P99)
	return r, nil
}

// built is what one build cost.
type built struct {
	took, cpu time.Duration
	peak      int64 // peak resident memory: VmHWM or the child's maxrss
	anon      int64 // peak anonymous memory, sampled (see Result.BuildPeakAnon)
}

// build builds the index of root in idx and measures it.
func (m *measurer) build(ctx context.Context, root, idx string) (built, error) {
	if cmdline := m.opts.BuildCommand; len(cmdline) > 0 {
		args := append(append([]string{}, cmdline[1:]...), "-corpus", root, "-index", idx)
		cmd := exec.CommandContext(ctx, cmdline[0], args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return built{}, fmt.Errorf("%s: %w", strings.Join(cmdline, " "), err)
		}
		stop := sampleAnon(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		err := cmd.Wait()
		b := built{took: time.Since(start), anon: stop()}
		if err != nil {
			return built{}, fmt.Errorf("%s: %w: %s", strings.Join(cmdline, " "), err, strings.TrimSpace(out.String()))
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			b.peak = ru.Maxrss << 10 // kilobytes on Linux
		}
		b.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		return b, nil
	}
	debug.FreeOSMemory()
	resetPeakRSS()
	cpu0 := cpuTime()
	start := time.Now()
	stop := sampleAnon("/proc/self/status")
	st, _, err := retrieval.OpenStore(ctx, idx, root, retrieval.StoreOptions{Logger: m.log})
	b := built{took: time.Since(start), cpu: cpuTime() - cpu0, anon: stop()}
	if err != nil {
		return built{}, err
	}
	if err := st.Close(); err != nil {
		return built{}, err
	}
	b.peak = peakRSS()
	return b, nil
}

// reopen opens the built index and answers one question, timed together.
func (m *measurer) reopen(ctx context.Context, root, idx string) (time.Duration, *retrieval.Store, error) {
	start := time.Now()
	st, rep, err := retrieval.OpenStore(ctx, idx, root, retrieval.StoreOptions{Logger: m.log})
	if err != nil {
		return 0, nil, fmt.Errorf("reopen: %w", err)
	}
	if _, err := answer.New(st).Ask(ctx, m.asks[0], answer.DefaultTop); err != nil {
		st.Close()
		return 0, nil, fmt.Errorf("first answer: %w", err)
	}
	took := time.Since(start)
	if !rep.Reopened {
		st.Close()
		return 0, nil, errors.New("reopen rebuilt the index: the corpus changed under the benchmark")
	}
	return took, st, nil
}

// call is one timed call: which item, how long.
type call struct {
	item int
	took time.Duration
	cpu  time.Duration // CPU time of the calling thread: what the call cost, however busy the machine
}

// timeEach calls fn on every item from k goroutines at once, each starting at
// its own place in items and going round them all, and returns every call
// and the wall time of the whole.
func timeEach[T any](ctx context.Context, k int, items []T, fn func(T) error) ([]call, time.Duration, error) {
	calls := make([][]call, k)
	errs := make([]error, k)
	var wg sync.WaitGroup
	start := time.Now()
	for g := range k {
		wg.Go(func() {
			// One thread per asker, so that its CPU clock measures its calls.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			off := g * len(items) / k
			for i := range items {
				if err := ctx.Err(); err != nil {
					errs[g] = err
					return
				}
				j := (off + i) % len(items)
				t, c := time.Now(), threadCPU()
				if err := fn(items[j]); err != nil {
					errs[g] = err
					return
				}
				calls[g] = append(calls[g], call{j, time.Since(t), threadCPU() - c})
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	var all []call
	for _, c := range calls {
		all = append(all, c...)
	}
	return all, wall, errors.Join(errs...)
}

func durationsOf(calls []call) []time.Duration {
	ds := make([]time.Duration, len(calls))
	for i, c := range calls {
		ds[i] = c.took
	}
	return ds
}

func cpuTimesOf(calls []call) []time.Duration {
	ds := make([]time.Duration, len(calls))
	for i, c := range calls {
		ds[i] = c.cpu
	}
	return ds
}

// Slow is one of the slowest calls: what was asked and how long it took.
type Slow struct {
	Input string  `json:"input"`
	MS    float64 `json:"ms"`
}

// slowest returns the n slowest calls, slowest first.
func slowest(calls []call, items []string, n int) []Slow {
	s := slices.Clone(calls)
	slices.SortFunc(s, func(a, b call) int { return cmp.Compare(b.took, a.took) })
	var out []Slow
	for _, c := range s[:min(n, len(s))] {
		out = append(out, Slow{items[c.item], ms(c.took)})
	}
	return out
}

// pickActors spreads n picks over actors (most quoted first), so that the
// timings cover long and short lists of statements.
func pickActors(actors []corpus.Actor, n int) []string {
	k := min(n, len(actors))
	out := make([]string, k)
	for i := range k {
		out[i] = actors[i*len(actors)/k].Name
	}
	return out
}

// SizeName writes a size as the -sizes flag does: 10k, 100k, 1m, 2500.
func SizeName(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "m"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// ParseSizes reads a comma-separated list of sizes: 10k, 100k, 1m, 2500.
func ParseSizes(s string) ([]int, error) {
	var out []int
	for _, raw := range strings.Split(s, ",") {
		f := strings.ToLower(strings.TrimSpace(raw))
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mult, f = 1_000_000, strings.TrimSuffix(f, "m")
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || v <= 0 || v*float64(mult) > 1e9 {
			return nil, fmt.Errorf("size %q: want a positive number of sentences such as 10k, 100k or 1m", strings.TrimSpace(raw))
		}
		out = append(out, int(v*float64(mult)))
	}
	return out, nil
}
