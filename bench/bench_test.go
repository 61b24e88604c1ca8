package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/importer"
	"github.com/corpusbot/corpusbot/retrieval"
)

const dataDir = "../../shared/data"

// childEnv makes the test binary act as `corpusbot index` for Options.BuildCommand.
const childEnv = "CORPUSBOT_BENCH_TEST_INDEX"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(childIndex(os.Args[1:]))
	}
	code := m.Run()
	fixtures.cleanup()
	os.Exit(code)
}

// childIndex builds the index as `corpusbot index -corpus DIR -index DIR` does.
func childIndex(args []string) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	root := fs.String("corpus", "", "")
	dir := fs.String("index", "", "")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, _, err := retrieval.OpenStore(context.Background(), *dir, *root, retrieval.StoreOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	st.Close()
	return 0
}

func sources(tb testing.TB) Sources {
	src := DataSources(dataDir)
	for _, p := range []string{src.Reuters, src.BBC, src.Wikinews, src.SQuAD} {
		if _, err := os.Stat(p); err != nil {
			tb.Skip("shared data not here:", err)
		}
	}
	return src
}

// smallSQuAD writes the first n articles of the SQuAD file, so a tiny corpus
// still holds every paragraph its questions are about.
func smallSQuAD(t *testing.T, src string, n int) string {
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Data    []json.RawMessage `json:"data"`
		Version string            `json:"version"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	f.Data = f.Data[:n]
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "squad-small.json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRunTiny runs the whole benchmark at 2k sentences, the build in a child
// process, and checks that every figure is there and sane.
func TestRunTiny(t *testing.T) {
	src := sources(t)
	src.SQuAD = smallSQuAD(t, src.SQuAD, 2)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(childEnv, "1")
	results, err := Run(context.Background(), Options{
		Sizes: []int{2000}, Sources: src, TeamQuestions: "../../shared/eval/questions.jsonl",
		Questions: 60, Actors: 20, Work: t.TempDir(), BuildCommand: []string{exe},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	r := results[0]
	t.Logf("%+v", r)
	if r.Name != "2k" || r.Size != 2000 {
		t.Errorf("size %d named %q", r.Size, r.Name)
	}
	// Repeat stops after the article that reaches the size.
	if r.Sentences < 2000 || r.Sentences > 2600 {
		t.Errorf("%d sentences indexed, want about 2000", r.Sentences)
	}
	if r.Distinct != r.Sentences || r.Copies != 1 {
		t.Errorf("distinct %d of %d sentences, %d copies: a corpus smaller than the news should not repeat it", r.Distinct, r.Sentences, r.Copies)
	}
	if r.UniqueTerms < 1000 || r.UniqueTerms > 20*r.Sentences {
		t.Errorf("%d unique terms for %d sentences", r.UniqueTerms, r.Sentences)
	}
	if r.Documents < 20 || r.Actors < 1 {
		t.Errorf("%d documents, %d actors", r.Documents, r.Actors)
	}
	if r.BuildIn != "child process" || r.BuildSeconds <= 0 || r.BuildRate <= 0 {
		t.Errorf("build %s: %.3f s, %.0f sentences/s", r.BuildIn, r.BuildSeconds, r.BuildRate)
	}
	// The child's peak RSS is its own: above the Go runtime's floor, far below a GiB.
	if r.BuildPeakRSS < 4<<20 || r.BuildPeakRSS > 1<<30 {
		t.Errorf("build peak RSS %d bytes", r.BuildPeakRSS)
	}
	if r.BuildPeakAnon < 1<<20 || r.BuildPeakAnon > r.BuildPeakRSS {
		t.Errorf("build peak anonymous memory %d bytes, peak RSS %d", r.BuildPeakAnon, r.BuildPeakRSS)
	}
	if r.IndexBytes < 100<<10 {
		t.Errorf("index of %d bytes", r.IndexBytes)
	}
	if r.ServePeakRSS < 4<<20 {
		t.Errorf("serving peak RSS %d bytes", r.ServePeakRSS)
	}
	if r.ReopenColdMS <= 0 || r.ReopenWarmMS <= 0 {
		t.Errorf("reopen %.1f ms cold, %.1f ms warm", r.ReopenColdMS, r.ReopenWarmMS)
	}
	for name, l := range map[string]Latency{"ask": r.Ask, "ask 2": r.Ask2, "statements": r.Statements, "ask CPU": r.AskCPU, "statements CPU": r.StatementsCPU} {
		if l.N == 0 || l.P50 <= 0 || l.P50 > l.P95 || l.P95 > l.P99 || l.P99 > l.Max {
			t.Errorf("%s latency %+v", name, l)
		}
	}
	if r.Ask.N != 60 || r.Ask2.N != 120 || r.Statements.N != min(20, r.Actors) {
		t.Errorf("timed %d asks, %d with 2 askers, %d statements", r.Ask.N, r.Ask2.N, r.Statements.N)
	}
	// A call cannot use more CPU than wall time on its one thread (with a
	// little slack for the clocks' granularity).
	if r.AskCPU.P50 > r.Ask.P50*1.1+0.05 || r.AskCPU.Max > r.Ask.Max*1.1+0.05 {
		t.Errorf("ask CPU %+v exceeds wall %+v", r.AskCPU, r.Ask)
	}
	if len(r.SlowestAsks) != 5 || r.SlowestAsks[0].MS < r.SlowestAsks[4].MS || r.SlowestAsks[0].MS != r.Ask.Max {
		t.Errorf("slowest asks %+v, max %.2f ms", r.SlowestAsks, r.Ask.Max)
	}
	if r.AskPerSecond <= 0 || r.Ask2PerSecond <= 0 {
		t.Errorf("%.0f and %.0f answers/s", r.AskPerSecond, r.Ask2PerSecond)
	}
	// The two SQuAD articles' paragraphs are in the corpus: most questions find
	// their sentence (bleve scores about 0.65 P@1 on the whole dev set).
	if r.SQuAD.Questions < 100 || r.SQuAD.PAt1 < 0.4 || r.SQuAD.RAt5 < r.SQuAD.PAt1 || r.SQuAD.MRRAt10 < r.SQuAD.PAt1 {
		t.Errorf("SQuAD %+v", r.SQuAD)
	}

	var buf bytes.Buffer
	if err := WriteTable(&buf, results); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 2+len(metrics) || lines[0] != "| metric | 2k |" {
		t.Fatalf("table:\n%s", buf.String())
	}
	for i, m := range metrics {
		cells := strings.Split(strings.Trim(lines[2+i], "|"), "|")
		if len(cells) != 2 || strings.TrimSpace(cells[0]) != m.name || strings.TrimSpace(cells[1]) == "" {
			t.Errorf("table line %q for %q", lines[2+i], m.name)
		}
		if v := strings.TrimSpace(cells[1]); strings.HasPrefix(v, "0 ") || v == "0" || strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
			t.Errorf("%s: %q", m.name, v)
		}
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  bool
	}{
		{"10k,100k", []int{10_000, 100_000}, false},
		{"1m", []int{1_000_000}, false},
		{" 2500 , 1.5k,0.5M", []int{2500, 1500, 500_000}, false},
		{"", nil, true},
		{"10k,", nil, true},
		{"-5", nil, true},
		{"lots", nil, true},
	} {
		got, err := ParseSizes(tc.in)
		if (err != nil) != tc.err || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("ParseSizes(%q) = %v, %v", tc.in, got, err)
		}
	}
	for n, want := range map[int]string{10_000: "10k", 1_000_000: "1m", 2500: "2500", 1500: "1500"} {
		if got := SizeName(n); got != want {
			t.Errorf("SizeName(%d) = %q, want %q", n, got, want)
		}
	}
}

func durations(msecs []int) []time.Duration {
	out := make([]time.Duration, len(msecs))
	for i, m := range msecs {
		out[i] = time.Duration(m) * time.Millisecond
	}
	return out
}

func TestLatencyOf(t *testing.T) {
	var ds []int
	for i := 1; i <= 100; i++ {
		ds = append(ds, i)
	}
	l := latencyOf(durations(ds))
	if l.N != 100 || l.P50 != 50 || l.P95 != 95 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("%+v", l)
	}
	if l := latencyOf(nil); l.N != 0 {
		t.Errorf("%+v", l)
	}
}

// The Go benchmarks: go test ./bench/ -run NONE -bench . -size 100k [-cpuprofile cpu.out]

var (
	benchSize   = flag.String("size", "100k", "corpus size of the Go benchmarks")
	benchCorpus = flag.String("corpus", "", "benchmark this corpus folder (with -index) instead of building one of -size")
	benchIndex  = flag.String("index", "", "the index folder of -corpus, built if needed")
)

// fixture is a corpus of one size with its built index, shared by benchmarks.
type fixture struct {
	root, index string
	asks        []string
}

var fixtures = &fixtureCache{m: map[string]*fixture{}}

type fixtureCache struct {
	mu   sync.Mutex
	dir  string
	base *base
	m    map[string]*fixture
}

func (c *fixtureCache) cleanup() {
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}

// get returns the corpus of -size sentences with its index, built once per test binary.
func (c *fixtureCache) get(b *testing.B) *fixture {
	c.mu.Lock()
	defer c.mu.Unlock()
	src := sources(b)
	ctx := context.Background()
	if *benchCorpus != "" {
		if *benchIndex == "" {
			b.Fatal("-corpus needs -index")
		}
		if f := c.m[*benchCorpus]; f != nil {
			return f
		}
		qs, err := loadQuestions(ctx, src)
		if err != nil {
			b.Fatal(err)
		}
		f := &fixture{root: *benchCorpus, index: *benchIndex, asks: qs}
		c.m[*benchCorpus] = f
		return f
	}
	n, err := ParseSizes(*benchSize)
	if err != nil || len(n) != 1 {
		b.Fatalf("-size %q: %v", *benchSize, err)
	}
	name := SizeName(n[0])
	if f := c.m[name]; f != nil {
		return f
	}
	if c.dir == "" {
		if c.dir, err = os.MkdirTemp("", "corpusbot-benchtest-"); err != nil {
			b.Fatal(err)
		}
		if c.base, err = prepare(ctx, src, filepath.Join(c.dir, "base")); err != nil {
			b.Fatal(err)
		}
	}
	ci, err := c.base.corpus(ctx, n[0], filepath.Join(c.dir, name, "corpus"))
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{root: ci.root, index: filepath.Join(c.dir, name, "index")}
	st, _, err := retrieval.OpenStore(ctx, f.index, f.root, retrieval.StoreOptions{})
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	qs, err := loadQuestions(ctx, src)
	if err != nil {
		b.Fatal(err)
	}
	f.asks = qs
	c.m[name] = f
	return f
}

func loadQuestions(ctx context.Context, src Sources) ([]string, error) {
	squad, _, err := importer.SQuADQuestions(ctx, src.SQuAD)
	if err != nil {
		return nil, err
	}
	return pickQuestions(nil, squad, 1000), nil
}

// BenchmarkBuild measures the whole build, from corpus files to a ready index
// in a fresh folder, in this process.
func BenchmarkBuild(b *testing.B) {
	f := fixtures.get(b)
	ctx := context.Background()
	sentences := 0
	for b.Loop() {
		dir := b.TempDir()
		st, rep, err := retrieval.OpenStore(ctx, dir, f.root, retrieval.StoreOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sentences += rep.Sentences
		st.Close()
	}
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
}

func openFixture(b *testing.B) (*answer.Engine, []string) {
	f := fixtures.get(b)
	st, rep, err := retrieval.OpenStore(context.Background(), f.index, f.root, retrieval.StoreOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if !rep.Reopened && *benchCorpus == "" {
		b.Fatal("the index was rebuilt")
	}
	b.Cleanup(func() { st.Close() })
	return answer.New(st), f.asks
}

// BenchmarkAsk measures one answer: one op is one question, cycling through
// SQuAD questions spread over the dev set. It reports the median and the 99th
// percentile as well as the mean, since the targets are percentiles.
func BenchmarkAsk(b *testing.B) {
	eng, asks := openFixture(b)
	ctx := context.Background()
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := eng.Ask(ctx, asks[i%len(asks)], answer.DefaultTop); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		i++
	}
	l := latencyOf(took)
	b.ReportMetric(l.P50, "p50-ms")
	b.ReportMetric(l.P99, "p99-ms")
}

// BenchmarkAskParallel asks from GOMAXPROCS goroutines at once.
func BenchmarkAskParallel(b *testing.B) {
	eng, asks := openFixture(b)
	ctx := context.Background()
	var next sync.Mutex
	i := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			next.Lock()
			q := asks[i%len(asks)]
			i++
			next.Unlock()
			if _, err := eng.Ask(ctx, q, answer.DefaultTop); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStatements lists the statements of actors spread over the registry.
func BenchmarkStatements(b *testing.B) {
	eng, _ := openFixture(b)
	ctx := context.Background()
	names := pickActors(eng.Actors(ctx), 200)
	i := 0
	for b.Loop() {
		if _, err := eng.Statements(ctx, answer.StatementsQuery{Actor: names[i%len(names)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkReopen measures reopening a built index (page cache warm) and
// answering one question.
func BenchmarkReopen(b *testing.B) {
	f := fixtures.get(b)
	ctx := context.Background()
	for b.Loop() {
		st, rep, err := retrieval.OpenStore(ctx, f.index, f.root, retrieval.StoreOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if !rep.Reopened {
			b.Fatal("the index was rebuilt")
		}
		if _, err := answer.New(st).Ask(ctx, f.asks[0], answer.DefaultTop); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}
