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

// explainedAvg runs a one-term query on field with Explain and returns the
// average field length bleve's BM25 used; withStats says whether to pass the
// true statistics.
func explainedAvg(t *testing.T, x *Snapshot, field, term string, withStats bool) float64 {
	t.Helper()
	req := bleve.NewSearchRequestOptions(termsQuery(field, []string{term}, 1), 1, 0, true)
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

// anyTerm returns a term of the text (or, with context set, of the context) of
// the first searchable sentence of the last document that has one; "" if none has.
func anyTerm(docs []*corpus.Document, context bool) string {
	d := docs[len(docs)-1]
	for n, s := range d.Sentences {
		text := s.Text
		if context {
			text = contextOf(d, n)
		}
		if terms := Analyze(text); s.Kind.Searchable() && len(terms) > 0 {
			return terms[0]
		}
	}
	return ""
}

// trueTokens counts the analysed tokens of the searchable sentences of docs,
// independently of the index.
func trueTokens(docs []*corpus.Document) (sentences, tokens int) {
	sentences, tokens, _ = trueFieldTokens(docs)
	return sentences, tokens
}

// trueFieldTokens also counts the tokens of their contexts.
func trueFieldTokens(docs []*corpus.Document) (sentences, tokens, context int) {
	for _, d := range docs {
		for n, s := range d.Sentences {
			if s.Kind.Searchable() {
				sentences++
				tokens += len(Analyze(s.Text))
				context += len(Analyze(contextOf(d, n)))
			}
		}
	}
	return sentences, tokens, context
}

// TestBM25AverageLength proves that the average field length bleve's BM25 uses
// is the true average sentence length (rounded up, as bleve always rounds it)
// at several index sizes and after deletions, whereas bleve's own statistics
// give another figure; and the same for the context field.
func TestBM25AverageLength(t *testing.T) {
	all := realDocs(t)
	_, total := trueTokens(all)
	for _, size := range []int{5, 40, 150, 1 << 30} {
		docs := firstSentences(all, size)
		x, w := buildSnapshot(t, docs)
		check := func(stage string, docs []*corpus.Document) {
			n, tokens, ctxTokens := trueFieldTokens(docs)
			if x.stats.Sentences != n || x.stats.Tokens != tokens || x.stats.ContextTokens != ctxTokens {
				t.Fatalf("%s: stats %d sentences %d tokens %d context tokens, counted %d, %d and %d",
					stage, x.stats.Sentences, x.stats.Tokens, x.stats.ContextTokens, n, tokens, ctxTokens)
			}
			for _, f := range []struct {
				field  string
				tokens int
			}{{fText, tokens}, {fContext, ctxTokens}} {
				term := anyTerm(docs, f.field == fContext)
				if term == "" {
					if n > 100 {
						t.Fatalf("%s: no %s term to search", stage, f.field)
					}
					continue
				}
				want := math.Ceil(float64(f.tokens) / float64(n))
				got := explainedAvg(t, x, f.field, term, true)
				bleveOwn := explainedAvg(t, x, f.field, term, false)
				t.Logf("%s: %d sentences, %d %s tokens: true average %.2f, used %.0f, bleve's own %.0f",
					stage, n, f.tokens, f.field, float64(f.tokens)/float64(n), got, bleveOwn)
				if got != want {
					t.Errorf("%s: %s avgFieldLength %v, want ceil(%d/%d) = %v", stage, f.field, got, f.tokens, n, want)
				}
				if n > 100 && bleveOwn == want {
					t.Errorf("%s: bleve's own %s average %v equals the true one: the test proves nothing", stage, f.field, bleveOwn)
				}
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

// refIndex is a brute-force BM25 over the analysed tokens of every sentence
// and its context, computing exactly what bleve v2.6.3 computes for textQuery
// (search/scorer/scorer_term.go, scorer_disjunction.go, scorer_conjunction.go,
// search/searcher/search_term.go, search_disjunction_slice.go, search_boolean.go),
// then the pair boost Search applies to the best candidates:
//
//	idf_f(t)      = ln(1 + (N - n_f(t) + 0.5) / (n_f(t) + 0.5)), n_f(t) sentences whose field f holds t
//	tf            = sqrt(freq)
//	fieldLength   = 1/norm², norm = float32(1/sqrt(tokens in the field))
//	avg_f         = ceil(total tokens of field f / N)
//	w_f(t, d)     = idf_f · tf·k1 / (tf + k1·(1 - b + b·fieldLength/avg_f)),  k1 = 1.2, b = 0.75
//	queryNorm     = 1/sqrt(Σ_t idf_text(t)² + Σ_t' (c·idf_context(t'))²),  c = contextWeight
//	part_f(d)     = Σ_matched w_f(t, d)·boost_f·idf_f(t)·queryNorm · matched/len(terms of f)
//	bm25(d)       = part_text(d) + part_context(d), for d whose text holds a term
//	score(d)      = bm25(d) · (1 + pairBoost·share of consecutive term pairs adjacent in d's text)
//
// where t runs over the query's terms and t' over those in at most common
// contexts, and the boost applies to the limit best by bm25 (ties by id).
type refIndex struct {
	ids    []string // doc#n
	hits   []Hit
	fields [2]refField // text, context
	common int

	// Hits returned whose score the context raised, and that the pair boost raised.
	withContext, boosted int
}

type refField struct {
	toks  [][]string
	tf    []map[string]int
	df    map[string]int
	total int
}

func (f *refField) add(toks []string) {
	tf := map[string]int{}
	for _, tok := range toks {
		tf[tok]++
	}
	for tok := range tf {
		f.df[tok]++
	}
	f.toks = append(f.toks, toks)
	f.tf = append(f.tf, tf)
	f.total += len(toks)
}

func newRefIndex(docs []*corpus.Document) *refIndex {
	r := &refIndex{}
	for i := range r.fields {
		r.fields[i].df = map[string]int{}
	}
	for _, d := range docs {
		for n, s := range d.Sentences {
			if !s.Kind.Searchable() {
				continue
			}
			r.ids = append(r.ids, sentenceID(d.ID, n))
			r.hits = append(r.hits, Hit{Doc: d.ID, Sentence: n})
			r.fields[0].add(Analyze(s.Text))
			r.fields[1].add(Analyze(contextOf(d, n)))
		}
	}
	return r
}

// adjacent reports whether a and b stand next to each other in toks, in either order.
func adjacent(toks []string, a, b string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] == a && toks[i+1] == b || toks[i] == b && toks[i+1] == a {
			return true
		}
	}
	return false
}

func (r *refIndex) search(text string, limit int) []Hit {
	const k1, b = 1.2, 0.75
	terms := queryTerms(text)
	if len(terms) == 0 {
		return nil
	}
	var fieldTerms [2][]string
	fieldTerms[0] = terms
	for _, t := range terms {
		if r.fields[1].df[t] <= r.common {
			fieldTerms[1] = append(fieldTerms[1], t)
		}
	}
	n := float64(len(r.ids))
	boosts := [2]float64{1, contextWeight}
	var idf [2][]float64
	sumSq := 0.0
	for f := range r.fields {
		for _, t := range fieldTerms[f] {
			df := float64(r.fields[f].df[t])
			idf[f] = append(idf[f], math.Log(1+(n-df+0.5)/(df+0.5)))
			sumSq += (boosts[f] * idf[f][len(idf[f])-1]) * (boosts[f] * idf[f][len(idf[f])-1])
		}
	}
	queryNorm := 1 / math.Sqrt(sumSq)
	part := func(f, d int) (score float64, matched int) {
		fl := &r.fields[f]
		avg := math.Ceil(float64(fl.total) / n)
		norm := float64(float32(1 / math.Sqrt(float64(len(fl.toks[d])))))
		fieldLength := 1 / (norm * norm)
		sum := 0.0
		for i, t := range fieldTerms[f] {
			c := fl.tf[d][t]
			if c == 0 {
				continue
			}
			matched++
			tf := math.Sqrt(float64(c))
			s := idf[f][i] * (tf * k1) / (tf + k1*(1-b+b*fieldLength/avg))
			if qw := boosts[f] * idf[f][i] * queryNorm; qw != 1 {
				s *= qw
			}
			sum += s
		}
		if matched == 0 {
			return 0, 0
		}
		return sum * float64(matched) / float64(len(fieldTerms[f])), matched
	}
	var out []Hit
	for d := range r.ids {
		score, matched := part(0, d)
		if matched == 0 {
			continue
		}
		h := r.hits[d]
		if c, m := part(1, d); m > 0 {
			score += c
			h.Title = "context" // marks the hit for the counts below
		}
		h.Score = score
		out = append(out, h)
	}
	byScoreThenID := func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(sentenceID(a.Doc, a.Sentence), sentenceID(b.Doc, b.Sentence)))
	}
	// Select as Search does (score, then id), boost, and present as it does
	// (score, then position).
	slices.SortFunc(out, byScoreThenID)
	out = out[:min(len(out), limit)]
	index := make(map[string]int, len(r.ids))
	for d, id := range r.ids {
		index[id] = d
	}
	for i := range out {
		toks := r.fields[0].toks[index[sentenceID(out[i].Doc, out[i].Sentence)]]
		pairs := 0
		for j := 1; j < len(terms); j++ {
			if adjacent(toks, terms[j-1], terms[j]) {
				pairs++
			}
		}
		if len(terms) > 1 {
			out[i].Score *= 1 + pairBoost*float64(pairs)/float64(len(terms)-1)
		}
		if pairs > 0 {
			out[i].Speaker = "boosted" // marks the hit for the counts below
		}
	}
	for i := range out {
		if out[i].Title != "" {
			r.withContext++
		}
		if out[i].Speaker != "" {
			r.boosted++
		}
		out[i].Title, out[i].Speaker = "", ""
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
			// the share of matched terms varies; and a run of words, whose
			// pairs the pair boost finds side by side.
			queries = append(queries,
				words[1]+" "+words[len(words)/2],
				words[0]+" "+words[2]+" "+words[len(words)-1],
				words[3]+" nonexistentterm "+words[len(words)-2],
				strings.Join(words[2:5], " ")+" "+words[len(words)-1])
		}
	}
	if len(queries) < 100 {
		t.Fatalf("only %d queries", len(queries))
	}
	const limit = 20
	// The corpus is too small for any term to be common in contexts at the
	// default bound: run again with a bound that leaves many terms out.
	for _, common := range []int{x.contextCommon(), 25} {
		t.Run("common="+strconv.Itoa(common), func(t *testing.T) {
			x.ctxCommon, ref.common = common, common
			ref.withContext, ref.boosted = 0, 0
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
			t.Logf("%d queries, %d ranked hits compared, %d raised by their context, %d by the pair boost",
				len(queries), compared, ref.withContext, ref.boosted)
			if ref.withContext < compared/10 || ref.boosted < 50 {
				t.Errorf("too few hits exercise the context (%d) or the pair boost (%d) for the comparison to pin them", ref.withContext, ref.boosted)
			}
		})
	}
}
