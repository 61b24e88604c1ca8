package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/corpusbot/corpusbot/corpus"
)

// DefaultLimit is how many hits Search returns when Query.Limit is not set.
const DefaultLimit = 10

// maxTerms bounds the distinct terms of one query: each is a posting list to
// walk, and a pasted article is not a question.
const maxTerms = 256

// Query is a search for sentences.
type Query struct {
	Text         string      // free text, analysed like the index; never parsed as query syntax
	Speakers     []string    // raw speaker names (Registry.Names): only their statements match
	AnySpeaker   bool        // only attributed statements match, whoever made them (ignored when Speakers is set)
	Since, Until corpus.Date // inclusive; a sentence matches when its citation date may fall inside
	Limit        int         // most hits returned; DefaultLimit when 0

	// MinShare, when above 0, keeps only the sentences that hold at least this
	// share of the weight of the query's terms (each term weighing its BM25 idf
	// in the text field): below it a sentence shares a word or two with the
	// query but is about something else. The index skips most such sentences
	// without scoring them, which is most of the work for a common word.
	MinShare float64
}

// Hit is one indexed sentence.
type Hit struct {
	Doc, Source, Title, Text, Speaker string
	Sentence                          int // index in Document.Sentences
	Start, End                        int // byte offsets in the document text
	Kind                              corpus.Kind
	Date                              corpus.Date // the piece's date
	Said                              corpus.Date // the day the statement was made, when the text pins it
	Quote                             bool
	Para                              int
	Score                             float64
}

// Cited is the date a citation of h uses: when it was said if known, else its piece's date.
func (h Hit) Cited() corpus.Date {
	if !h.Said.IsZero() {
		return h.Said
	}
	return h.Date
}

// Stats describes the indexed corpus.
type Stats struct {
	Documents int
	Sentences int     // indexed (searchable) sentences
	Tokens    int     // analysed tokens over them
	AvgLen    float64 // Tokens / Sentences: the true average sentence length

	// ContextTokens is the analysed tokens of their context fields (contextOf).
	ContextTokens int
}

// Snapshot is one immutable version of the index. It is safe for concurrent
// use until its release function (from Store.Acquire) is called.
type Snapshot struct {
	idx   bleve.Index
	dir   string
	man   *manifest
	stats Stats
	reg   *corpus.Registry

	ctxCommon int // when set, replaces contextCommon's figure (tests)

	refs    atomic.Int64
	retired atomic.Bool // replaced by a newer version: remove its directory once closed
	closed  func(error) // reports the close of the index (tests, logging)
}

// Stats returns the corpus statistics of this version.
func (x *Snapshot) Stats() Stats { return x.stats }

// Registry returns the actors of this version's corpus (with the store's
// actors file); it is nil for a snapshot made outside a Store.
func (x *Snapshot) Registry() *corpus.Registry { return x.reg }

// bm25 returns the statistics bleve must use: bleve would otherwise take the
// average field length as (distinct terms, summed over segments) / documents,
// which is a fraction of the true one and falls as the index grows. bleve still
// rounds the ratio up (ceil(Tokens/Sentences)); that is the one inexactness left.
//
// bleve asks for the statistics of every field a term searcher touches, scored
// or not: the filter fields, which hold one term per sentence, and "*", the
// pseudo-field of the unscored disjunctions and conjunctions it optimises.
func (x *Snapshot) bm25() *search.BM25Stats {
	n := x.stats.Sentences
	return &search.BM25Stats{
		DocCount: float64(n),
		FieldCardinality: map[string]int{fText: x.stats.Tokens, fContext: x.stats.ContextTokens, fSpeaker: n, fAttributed: n, fDateLo: n, fDateHi: n,
			scorch.OptimizeTFRDisjunctionUnadornedField: n, scorch.OptimizeTFRConjunctionUnadornedField: n},
	}
}

// queryTerms analyses text into distinct terms, in order of first appearance. A
// repeated word counts once: questions repeat names for grammar, not emphasis.
func queryTerms(text string) []string {
	terms := Analyze(text)
	seen := make(map[string]bool, len(terms))
	out := terms[:0]
	for _, t := range terms {
		if !seen[t] && len(out) < maxTerms {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// contextWeight is the boost of a term found in a sentence's context
// (contextOf) relative to one found in the sentence. Chosen on SQuAD dev by
// MRR@10 among 0.1 to 0.5: weights above it pull up more right sentences into
// the top five but push more out of first place.
const contextWeight = 0.25

// termsQuery is a disjunction of term queries on field: bleve scores it as the
// sum of each matched term's BM25 weight times boost·idf·queryNorm, scaled by
// the share of query terms matched.
func termsQuery(field string, terms []string, boost float64) *query.DisjunctionQuery {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := query.NewTermQuery(t)
		tq.SetField(field)
		if boost != 1 {
			tq.SetBoost(boost)
		}
		qs[i] = tq
	}
	return query.NewDisjunctionQuery(qs)
}

// textQuery matches the sentences that hold any of terms, and scores them by
// the terms they hold plus, with weight contextWeight, the ctxTerms their
// context holds: the sum bleve gives a boolean query's must and should parts.
// The context never matches a sentence by itself: an answer must say something
// of the question. queryNorm runs over both parts, so it is still one constant
// per query.
//
// The matches must also match each of required, queries scored 0 (a speaker,
// enough of the terms), so a restricted search ranks exactly like an
// unrestricted one. They are conjuncts, not a filter: bleve applies a filter
// by scoring every match of the query and then checking it, while a
// conjunction walks the shortest postings and only skips ahead in the others.
// filter, when not nil, is applied as a filter all the same.
func textQuery(terms, ctxTerms []string, required []query.Query, filter query.Query) query.Query {
	var must query.Query = termsQuery(fText, terms, 1)
	if len(required) > 0 {
		must = query.NewConjunctionQuery(append([]query.Query{must}, required...))
	}
	b := &query.BooleanQuery{Must: must, Filter: filter}
	if len(ctxTerms) > 0 {
		b.Should = termsQuery(fContext, ctxTerms, contextWeight)
	}
	return b
}

// A term in the context of more than contextShare of the sentences (idf under
// 3) says little about a sentence's neighbours, and its postings are the
// longest to walk: it is not looked for in contexts, unless its postings are
// short anyway (minContextCommon). Leaving such terms out changes no figure on
// SQuAD dev and saves a third of the context's cost on BBC news.
const (
	contextShare     = 0.05
	minContextCommon = 1000
)

// contextCommon is the number of contexts above which a term is not looked for
// in contexts.
func (x *Snapshot) contextCommon() int {
	if x.ctxCommon > 0 {
		return x.ctxCommon
	}
	return max(minContextCommon, int(contextShare*float64(x.stats.Sentences)))
}

// contextTerms returns the terms of a query that textQuery looks for in
// contexts, given how many contexts hold each.
func (x *Snapshot) contextTerms(terms []string, dfs []int) []string {
	var out []string
	for i, t := range terms {
		if dfs[i] <= x.contextCommon() {
			out = append(out, t)
		}
	}
	return out
}

// weights gives each term its BM25 idf in the text field, given how many
// sentences hold it: the weight bleve scores it by. A term the index has never
// seen weighs most.
func (x *Snapshot) weights(dfs []int) []float64 {
	n := float64(x.stats.Sentences)
	w := make([]float64, len(dfs))
	for i, df := range dfs {
		w[i] = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	}
	return w
}

// share is the share of the weight w of terms that a sentence holds, given
// its analysed terms.
func share(terms []string, w []float64, tokens []string) float64 {
	have := make(map[string]bool, len(tokens))
	for _, t := range tokens {
		have[t] = true
	}
	var got, all float64
	for i, t := range terms {
		all += w[i]
		if have[t] {
			got += w[i]
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// maxSets bounds the term sets enough expands to: a long question has too
// many ways of reaching its share to search each. Each term of each set is
// a posting list bleve opens and skips through; on SQuAD questions at a
// million sentences, 24 sets gave a 99th percentile of 13.5 ms CPU, 48 10.8,
// 250 7.8, 1000 8.8 (before the heaviest terms' sets stood in for too many).
const maxSets = 256

// maxHeavy bounds the heaviest terms enough looks among when the smallest
// sets of all the terms are too many.
const maxHeavy = 24

// enough returns the smallest sets of terms whose weight w reaches the share
// least of the whole: a sentence holds at least that share exactly when it
// holds every term of one of them. When there are more than maxSets such
// sets, it returns a weaker condition, which Search completes by checking
// each hit: the smallest sets of the heaviest terms reaching what the others
// cannot, or failing that each of the terms a sentence needs one of (the
// commonest terms weighing less than least together are not enough on their
// own) as a set of its own; exact says which it is. Nil when any term is
// enough, as then no sentence is left out.
func enough(terms []string, w []float64, least float64) (sets [][]string, exact bool) {
	order := make([]int, len(terms))
	var all float64
	for i := range order {
		order[i] = i
		all += w[i]
	}
	// Heaviest first, so that a set is recorded as soon as it is enough, and
	// is then the smallest with its terms: leaving out its lightest (last)
	// term would fall short.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(w[b], w[a]) })
	// A hair under, so that rounding never leaves out a sentence Search's
	// check of the hits would keep.
	target := least * all * (1 - 1e-9)
	if w[order[len(order)-1]] >= target {
		return nil, true
	}
	rest := make([]float64, len(order)+1) // rest[k]: the weight of order[k:]
	for k := len(order) - 1; k >= 0; k-- {
		rest[k] = rest[k+1] + w[order[k]]
	}
	// walk records the smallest sets of order[:end] reaching goal, in
	// sets; false when there are more than maxSets.
	var set []string
	var end int
	var goal float64
	var walk func(k int, have float64) bool
	walk = func(k int, have float64) bool {
		if have >= goal {
			if len(sets) == maxSets {
				return false
			}
			sets = append(sets, slices.Clone(set))
			return true
		}
		if k == end || have+rest[k]-rest[end] < goal {
			return true
		}
		set = append(set, terms[order[k]])
		ok := walk(k+1, have+w[order[k]])
		set = set[:len(set)-1]
		return ok && walk(k+1, have)
	}
	end, goal = len(order), target
	if walk(0, 0) {
		return sets, true
	}
	// Too many: a sentence reaching the share holds, among the heaviest
	// (rarest) terms, enough to reach what the lighter ones cannot; the more
	// terms counted as heavy, the stronger that condition and the more sets.
	// Past maxHeavy terms each try costs more than the answer it would save.
	for end = min(len(order)-1, maxHeavy); end > 0; end-- {
		if goal = target - rest[end]; goal <= 0 {
			break
		}
		sets = sets[:0]
		if walk(0, 0) {
			return sets, false
		}
	}
	// Leave out the commonest terms while together they fall short.
	sets = sets[:0]
	var common float64
	for k := len(order) - 1; k >= 0; k-- {
		if common+w[order[k]] >= target {
			for _, i := range order[:k+1] {
				sets = append(sets, []string{terms[i]})
			}
			break
		}
		common += w[order[k]]
	}
	if len(sets) == len(terms) {
		return nil, false
	}
	return sets, false
}

// enoughQuery matches the sentences holding every term of one of sets,
// without scoring them.
func enoughQuery(sets [][]string) query.Query {
	qs := make([]query.Query, len(sets))
	for i, set := range sets {
		terms := termsQuery(fText, set, 0).Disjuncts
		qs[i] = terms[0]
		if len(terms) > 1 {
			qs[i] = query.NewConjunctionQuery(terms)
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// whoQuery matches the statements of speakers, or with anySpeaker (and no
// speakers) every attributed sentence, scored 0; nil when there is no such
// restriction.
func whoQuery(speakers []string, anySpeaker bool) query.Query {
	if len(speakers) > 0 {
		return termsQuery(fSpeaker, speakers, 0)
	}
	if anySpeaker {
		tq := query.NewTermQuery("1")
		tq.SetField(fAttributed)
		tq.SetBoost(0)
		return tq
	}
	return nil
}

// whenQuery matches the sentences whose citation date may fall within
// since…until; nil when both are open. It is meant as a filter: a date range
// is a disjunction of every date in it, which bleve only runs fast unscored.
func whenQuery(since, until corpus.Date) query.Query {
	var must []query.Query
	incl := true
	if !since.IsZero() {
		lo, _ := dayRange(since)
		r := query.NewTermRangeInclusiveQuery(lo, "", &incl, nil)
		r.SetField(fDateHi)
		must = append(must, r)
	}
	if !until.IsZero() {
		_, hi := dayRange(until)
		r := query.NewTermRangeInclusiveQuery("", hi, nil, &incl)
		r.SetField(fDateLo)
		must = append(must, r)
	}
	switch len(must) {
	case 0:
		return nil
	case 1:
		return must[0]
	}
	return query.NewConjunctionQuery(must)
}

// Search returns the sentences that best match q, best first. A query whose
// text has no searchable word (empty, stop words only, punctuation) returns no
// hits, unless it names speakers: then it returns their statements, ordered as
// Statements orders them.
func (x *Snapshot) Search(ctx context.Context, q Query) ([]Hit, error) {
	terms := queryTerms(q.Text)
	if len(terms) == 0 {
		if len(q.Speakers) == 0 {
			return nil, nil
		}
		hits, err := x.Statements(ctx, q.Speakers, q.Since, q.Until)
		if q.Limit > 0 && len(hits) > q.Limit {
			hits = hits[:q.Limit]
		}
		return hits, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, max(x.stats.Sentences, 1))

	dfs, err := x.docFreqs(terms, fText, fContext)
	if err != nil {
		return nil, err
	}
	ctxTerms := x.contextTerms(terms, dfs[1])
	w := x.weights(dfs[0])
	var required []query.Query
	if who := whoQuery(q.Speakers, q.AnySpeaker); who != nil {
		required = append(required, who)
	}
	if q.MinShare > 0 {
		if sets, _ := enough(terms, w, q.MinShare); sets != nil {
			required = append(required, enoughQuery(sets))
		}
	}
	bq := textQuery(terms, ctxTerms, required, whenQuery(q.Since, q.Until))
	matches, err := x.top(ctx, bq, limit)
	if err != nil {
		return nil, err
	}
	pairs := newPairs(terms)
	hits := make([]Hit, 0, len(matches))
	for _, m := range matches {
		h := hitFromFields(m.Fields)
		tokens := Analyze(h.Text)
		if q.MinShare > 0 && share(terms, w, tokens) < q.MinShare {
			continue
		}
		h.Score = m.Score * (1 + pairBoost*pairs.share(tokens))
		hits = append(hits, h)
	}
	// Within a tie, document order reads better than id order ("#10" < "#2").
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Sentence, b.Sentence))
	})
	return hits, nil
}

// tieSlack is how many hits past the limit top fetches to see a whole tie.
const tieSlack = 10

// top returns the limit best matches of q, ties broken by id. The corpus
// repeats paragraphs verbatim, so ties are common; left to bleve they are
// broken by internal document number, which depends on indexing and merge
// order, and which copy made the cut would vary between builds. Sorting by id
// in bleve makes it load the id of every match (twice the latency), so top
// fetches a few extra hits by score alone and breaks the tie itself, unless the
// tie at the cut runs past them.
func (x *Snapshot) top(ctx context.Context, q query.Query, limit int) (search.DocumentMatchCollection, error) {
	fetch := min(limit+tieSlack, x.stats.Sentences)
	req := bleve.NewSearchRequestOptions(q, fetch, 0, false)
	req.Fields = storedFields
	res, err := x.search(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := res.Hits
	if len(hits) <= limit {
		return hits, nil
	}
	if hits[len(hits)-1].Score == hits[limit-1].Score {
		req = bleve.NewSearchRequestOptions(q, limit, 0, false)
		req.Fields = storedFields
		req.SortBy([]string{"-_score", "_id"})
		if res, err = x.search(ctx, req); err != nil {
			return nil, err
		}
		return res.Hits, nil
	}
	slices.SortStableFunc(hits, func(a, b *search.DocumentMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID))
	})
	return hits[:limit], nil
}

func (x *Snapshot) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	ctx = context.WithValue(ctx, search.BM25StatsKey, x.bm25())
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// Statements returns every indexed sentence attributed to one of speakers (raw
// names, as Registry.Names gives them) whose citation date may fall within
// since…until (zero bounds are open), ordered by that date, undated last, then
// by document and position. No speakers, no statements.
func (x *Snapshot) Statements(ctx context.Context, speakers []string, since, until corpus.Date) ([]Hit, error) {
	if len(speakers) == 0 || x.stats.Sentences == 0 {
		return nil, nil
	}
	// The restrictions are the query itself, unscored, rather than a filter
	// over every sentence: bleve then reads only the speakers' postings.
	var q query.Query = whoQuery(speakers, false)
	if when := whenQuery(since, until); when != nil {
		q = query.NewConjunctionQuery([]query.Query{q, when})
	}
	req := bleve.NewSearchRequestOptions(q, x.stats.Sentences, 0, false)
	req.Fields = storedFields
	req.Score = "none"
	res, err := x.search(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, len(res.Hits))
	for i, m := range res.Hits {
		hits[i] = hitFromFields(m.Fields)
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(a.Cited().Compare(b.Cited()), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Sentence, b.Sentence))
	})
	return hits, nil
}

// Sentence returns sentence n of document doc, if it is indexed (searchable
// sentences only: furniture and comments are not).
func (x *Snapshot) Sentence(ctx context.Context, doc string, n int) (Hit, bool, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{sentenceID(doc, n)}), 1, 0, false)
	req.Fields = storedFields
	req.Score = "none"
	res, err := x.search(ctx, req)
	if err != nil {
		return Hit{}, false, err
	}
	if len(res.Hits) == 0 {
		return Hit{}, false, nil
	}
	return hitFromFields(res.Hits[0].Fields), true, nil
}
