package retrieval

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
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

// BenchmarkReload measures a reload of a corpus copied to a temporary folder,
// the BBC articles or the folder CORPUSBOT_RELOAD_CORPUS names (such as an
// import of Reuters: corpusbot import -per-file 100 reuters ...), when nothing
// changed, and when 1% of its articles changed: every 100th file, each of its
// articles for a .jsonl file.
func BenchmarkReload(b *testing.B) {
	src := os.Getenv("CORPUSBOT_RELOAD_CORPUS")
	if src == "" {
		src = bbcDir
	}
	if _, err := os.Stat(src); err != nil {
		b.Skip("no corpus:", err)
	}
	root := b.TempDir() + "/corpus"
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
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
				changeArticles(b, root+"/"+files[j].Path, fmt.Sprintf("Reload number %d changed this article.", i))
			}
			i++
			b.StartTimer()
			rep, err := s.Reload(context.Background())
			if err != nil || rep.Changed == 0 {
				b.Fatal(rep, err)
			}
			b.ReportMetric(float64(rep.Changed), "docs-changed/op")
		}
	})
}

// changeArticles adds sentence to the text of every article in the file.
func changeArticles(b *testing.B, path, sentence string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if !strings.HasSuffix(path, ".jsonl") {
		data = append(data, "\n"+sentence+"\n"...)
	} else {
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		for k, line := range lines {
			var a map[string]any
			if json.Unmarshal([]byte(line), &a) != nil {
				continue
			}
			a["text"] = fmt.Sprint(a["text"], "\n\n", sentence)
			out, _ := json.Marshal(a)
			lines[k] = string(out)
		}
		data = []byte(strings.Join(lines, "\n") + "\n")
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
}
