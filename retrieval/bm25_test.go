package retrieval

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/corpusbot/corpusbot/corpus"
)

var avgRe = regexp.MustCompile(`avgFieldLength=([0-9.]+)`)

// explainedAvg runs a one-term query with Explain and returns the average field
// length bleve's BM25 used; withStats says whether to pass the true statistics.
func explainedAvg(t *testing.T, x *Snapshot, term string, withStats bool) float64 {
	t.Helper()
	req := bleve.NewSearchRequestOptions(textQuery([]string{term}), 1, 0, true)
	var res *bleve.SearchResult
	var err error
	if withStats {
		res, err = x.search(context.Background(), req)
	} else {
		res, err = x.idx.Search(req)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatalf("no hit for %q", term)
	}
	var find func(e *search.Explanation) string
	find = func(e *search.Explanation) string {
		if e == nil {
			return ""
		}
		if m := avgRe.FindStringSubmatch(e.Message); m != nil {
			return m[1]
		}
		for _, c := range e.Children {
			if s := find(c); s != "" {
				return s
			}
		}
		return ""
	}
	s := find(res.Hits[0].Expl)
	if s == "" {
		t.Fatalf("no avgFieldLength in explanation %v", res.Hits[0].Expl)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// firstSentences keeps the first n searchable sentences of docs (in order),
// dropping documents left empty.
func firstSentences(docs []*corpus.Document, n int) []*corpus.Document {
	var out []*corpus.Document
	for _, d := range docs {
		if n <= 0 {
			break
		}
		c := *d
		c.Sentences = nil
		for _, s := range d.Sentences {
			if n > 0 && s.Kind.Searchable() {
				c.Sentences = append(c.Sentences, s)
				n--
			}
		}
		c.Statements = nil
		if len(c.Sentences) > 0 {
			out = append(out, &c)
		}
	}
	return out
}

// anyTerm returns a term of the last document's first sentence that has one.
func anyTerm(t *testing.T, docs []*corpus.Document) string {
	for _, s := range docs[len(docs)-1].Sentences {
		if terms := Analyze(s.Text); len(terms) > 0 {
			return terms[0]
		}
	}
	t.Fatal("no term")
	return ""
}

// trueTokens counts the analysed tokens of the searchable sentences of docs,
// independently of the index.
func trueTokens(docs []*corpus.Document) (sentences, tokens int) {
	for _, d := range docs {
		for _, s := range d.Sentences {
			if s.Kind.Searchable() {
				sentences++
				tokens += len(Analyze(s.Text))
			}
		}
	}
	return sentences, tokens
}

// TestBM25AverageLength proves that the average field length bleve's BM25 uses
// is the true average sentence length (rounded up, as bleve always rounds it)
// at several index sizes and after deletions, whereas bleve's own statistics
// give another figure.
func TestBM25AverageLength(t *testing.T) {
	all := realDocs(t)
	_, total := trueTokens(all)
	for _, size := range []int{5, 40, 150, 1 << 30} {
		docs := firstSentences(all, size)
		x, w := buildSnapshot(t, docs)
		check := func(stage string, docs []*corpus.Document) {
			n, tokens := trueTokens(docs)
			if x.stats.Sentences != n || x.stats.Tokens != tokens {
				t.Fatalf("%s: stats %d sentences %d tokens, counted %d and %d", stage, x.stats.Sentences, x.stats.Tokens, n, tokens)
			}
			term := anyTerm(t, docs)
			want := math.Ceil(float64(tokens) / float64(n))
			got := explainedAvg(t, x, term, true)
			bleveOwn := explainedAvg(t, x, term, false)
			t.Logf("%s: %d sentences, %d tokens: true average %.2f, used %.0f, bleve's own %.0f",
				stage, n, tokens, float64(tokens)/float64(n), got, bleveOwn)
			if got != want {
				t.Errorf("%s: avgFieldLength %v, want ceil(%d/%d) = %v", stage, got, tokens, n, want)
			}
			if n > 100 && bleveOwn == want {
				t.Errorf("%s: bleve's own average %v equals the true one: the test proves nothing", stage, bleveOwn)
			}
		}
		stage := "sentences=" + strconv.Itoa(size)
		if size > total {
			stage = "all"
		}
		check(stage, docs)

		if len(docs) < 2 {
			continue
		}
		// Delete the first document: the totals must follow.
		if err := w.remove(context.Background(), w.man.Files["all"].Docs[0]); err != nil {
			t.Fatal(err)
		}
		if err := w.finish(context.Background()); err != nil {
			t.Fatal(err)
		}
		x = newSnapshot(x.dir, x.idx, w.man)
		check(stage+" after deleting "+docs[0].ID, docs[1:])
	}
}

// refIndex is a brute-force BM25 over the analysed tokens of every sentence,
// computing exactly what bleve v2.6.3 computes for a disjunction of term
// queries (search/scorer/scorer_term.go, scorer_disjunction.go,
// search/searcher/search_term.go, search_disjunction_slice.go):
//
//	idf(t)       = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))
//	tf           = sqrt(freq)
//	fieldLength  = 1/norm², norm = float32(1/sqrt(tokens in the sentence))
//	avg          = ceil(total tokens / N)
//	w(t, d)      = idf · tf·k1 / (tf + k1·(1 - b + b·fieldLength/avg)),  k1 = 1.2, b = 0.75
//	queryWeight  = boost·idf(t)·queryNorm, queryNorm = 1/sqrt(Σ (boost·idf)²) over all query terms
//	score(d)     = Σ_matched w(t, d)·queryWeight(t) · matched/len(terms)
type refIndex struct {
	ids   []string // doc#n
	hits  []Hit
	tf    []map[string]int
	lens  []int
	df    map[string]int
	total int
}

func newRefIndex(docs []*corpus.Document) *refIndex {
	r := &refIndex{df: map[string]int{}}
	for _, d := range docs {
		for n, s := range d.Sentences {
			if !s.Kind.Searchable() {
				continue
			}
			toks := Analyze(s.Text)
			tf := map[string]int{}
			for _, tok := range toks {
				tf[tok]++
			}
			for tok := range tf {
				r.df[tok]++
			}
			r.ids = append(r.ids, sentenceID(d.ID, n))
			r.hits = append(r.hits, Hit{Doc: d.ID, Sentence: n})
			r.tf = append(r.tf, tf)
			r.lens = append(r.lens, len(toks))
			r.total += len(toks)
		}
	}
	return r
}

func (r *refIndex) search(text string, limit int) []Hit {
	const k1, b = 1.2, 0.75
	terms := queryTerms(text)
	if len(terms) == 0 {
		return nil
	}
	n := float64(len(r.ids))
	avg := math.Ceil(float64(r.total) / n)
	idf := make([]float64, len(terms))
	sumSq := 0.0
	for i, t := range terms {
		df := float64(r.df[t])
		idf[i] = math.Log(1 + (n-df+0.5)/(df+0.5))
		sumSq += idf[i] * idf[i]
	}
	queryNorm := 1 / math.Sqrt(sumSq)
	var out []Hit
	for d := range r.ids {
		sum, matched := 0.0, 0
		norm := float64(float32(1 / math.Sqrt(float64(r.lens[d]))))
		fieldLength := 1 / (norm * norm)
		for i, t := range terms {
			f := r.tf[d][t]
			if f == 0 {
				continue
			}
			matched++
			tf := math.Sqrt(float64(f))
			s := idf[i] * (tf * k1) / (tf + k1*(1-b+b*fieldLength/avg))
			if qw := 1 * idf[i] * queryNorm; qw != 1 {
				s *= qw
			}
			sum += s
		}
		if matched > 0 {
			h := r.hits[d]
			h.Score = sum * float64(matched) / float64(len(terms))
			out = append(out, h)
		}
	}
	// Select as Search does (score, then id), present as it does (score, then position).
	slices.SortFunc(out, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(sentenceID(a.Doc, a.Sentence), sentenceID(b.Doc, b.Sentence)))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	slices.SortFunc(out, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Sentence, b.Sentence))
	})
	return out
}

// evalQuestions reads the team's evaluation questions.
func evalQuestions(t *testing.T) []string {
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

// TestBM25Reference pins bleve's ranking and scores to the brute-force
// reference on many queries over the real corpus: the evaluation questions,
// and word pairs and triples drawn from the corpus's own sentences.
func TestBM25Reference(t *testing.T) {
	docs := realDocs(t)
	x, _ := buildSnapshot(t, docs)
	ref := newRefIndex(docs)

	queries := evalQuestions(t)
	queries = append(queries, "Lavrov Lavrov Nusra", "the of and", `+-&|!(){}[]^"~*?:\/ Erdoğan`, "zzzunknownword Syria")
	for i, d := range docs {
		for n, s := range d.Sentences {
			words := strings.Fields(s.Text)
			if (n+i)%4 != 0 || len(words) < 6 {
				continue
			}
			// Two and three words from the sentence, and one unknown word, so
			// the share of matched terms varies.
			queries = append(queries,
				words[1]+" "+words[len(words)/2],
				words[0]+" "+words[2]+" "+words[len(words)-1],
				words[3]+" nonexistentterm "+words[len(words)-2])
		}
	}
	if len(queries) < 100 {
		t.Fatalf("only %d queries", len(queries))
	}
	const limit = 20
	compared := 0
	for _, q := range queries {
		want := ref.search(q, limit)
		got, err := x.Search(context.Background(), Query{Text: q, Limit: limit})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(got) != len(want) {
			t.Errorf("%q: %d hits, reference %d", q, len(got), len(want))
			continue
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Doc != w.Doc || g.Sentence != w.Sentence || math.Abs(g.Score-w.Score) > 1e-9*math.Max(1, w.Score) {
				t.Errorf("%q: hit %d is %s#%d %.12f, reference %s#%d %.12f", q, i, g.Doc, g.Sentence, g.Score, w.Doc, w.Sentence, w.Score)
				break
			}
		}
		compared += len(got)
	}
	t.Logf("%d queries, %d ranked hits compared", len(queries), compared)
}
