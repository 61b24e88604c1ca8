package retrieval

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/corpus"
)

// bbcDir is a larger corpus (2,225 BBC articles) when the shared data is there.
const bbcDir = "../../shared/data/bbc-fulltext/bbc"

type benchCorpus struct {
	name string
	docs func(b *testing.B) []*corpus.Document
}

func benchCorpora() []benchCorpus {
	out := []benchCorpus{{"corpus", func(b *testing.B) []*corpus.Document { return realDocs(b) }}}
	if _, err := os.Stat(bbcDir); err == nil {
		out = append(out, benchCorpus{"bbc", func(b *testing.B) []*corpus.Document {
			c, err := corpus.Load(context.Background(), bbcDir)
			if err != nil {
				b.Fatal(err)
			}
			return c.Docs
		}})
	}
	return out
}

// BenchmarkIndex measures indexing throughput (searchable sentences a second),
// corpus already parsed, to a fresh on-disk index, flushed and closed.
func BenchmarkIndex(b *testing.B) {
	for _, bc := range benchCorpora() {
		b.Run(bc.name, func(b *testing.B) {
			docs := bc.docs(b)
			n, _ := trueTokens(docs)
			var total time.Duration
			for b.Loop() {
				start := time.Now()
				idx, err := createIndex(b.TempDir() + "/idx")
				if err != nil {
					b.Fatal(err)
				}
				w := newWriter(idx, newManifest(), 0)
				for _, d := range docs {
					if _, err := w.add(context.Background(), d); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.finish(context.Background()); err != nil {
					b.Fatal(err)
				}
				if err := idx.Close(); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "sentences/s")
		})
	}
}

// BenchmarkSearch measures query latency: one op is one question, cycling
// through the evaluation questions, top 10 with stored fields.
func BenchmarkSearch(b *testing.B) {
	questions := []string{
		"What did Lavrov say about Nusra?", "Who is Erdogan?", "Turkey Russia pipeline gas",
		"what did the prime minister say about taxes", "mobile phone sales growth", "the film won an award",
		"England rugby coach", "economy growth forecast interest rates",
	}
	for _, bc := range benchCorpora() {
		b.Run(bc.name, func(b *testing.B) {
			x, _ := buildSnapshot(b, bc.docs(b))
			ctx := context.Background()
			i := 0
			for b.Loop() {
				if _, err := x.Search(ctx, Query{Text: questions[i%len(questions)]}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkReload measures a reload of the BBC corpus (copied to a temporary
// folder) when nothing changed, and when 1% of its files changed.
func BenchmarkReload(b *testing.B) {
	if _, err := os.Stat(bbcDir); err != nil {
		b.Skip("no BBC corpus")
	}
	root := b.TempDir() + "/bbc"
	if err := os.CopyFS(root, os.DirFS(bbcDir)); err != nil {
		b.Fatal(err)
	}
	s, rep, err := OpenStore(context.Background(), b.TempDir(), root, StoreOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Logf("built %d documents, %d sentences in %v", rep.Documents, rep.Sentences, rep.Took)
	files, _, err := corpus.Scan(context.Background(), root)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("unchanged", func(b *testing.B) {
		for b.Loop() {
			rep, err := s.Reload(context.Background())
			if err != nil || !rep.Reopened {
				b.Fatal(rep, err)
			}
		}
	})
	b.Run("1pct-changed", func(b *testing.B) {
		i := 0
		for b.Loop() {
			b.StopTimer()
			for j := i % 100; j < len(files); j += 100 {
				f, err := os.OpenFile(root+"/"+files[j].Path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					b.Fatal(err)
				}
				fmt.Fprintf(f, "\nReload number %d changed this file.\n", i)
				f.Close()
			}
			i++
			b.StartTimer()
			rep, err := s.Reload(context.Background())
			if err != nil || rep.Changed == 0 {
				b.Fatal(rep, err)
			}
		}
	})
}
