// Package retrieval owns the sentence index: one bleve document per searchable sentence,
// ranked by BM25 with the true average sentence length, persisted and swapped atomically on reload.
package retrieval

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/kljensen/snowball/english"
)

// Names under which the analysis is registered with bleve. They are stored in
// each index's mapping, so renaming them makes old indexes unreadable (and
// rebuilt: see formatVersion).
const (
	stemmerName  = "corpusbot_snowball_en"
	analyzerName = "corpusbot_en"
)

// textAnalyzer is the analyzer every index uses for its text field. Registering
// it with bleve's registry (the one global bleve offers for custom analysis) lets an
// index reopened from disk find it by name. It holds no mutable state, so it is
// safe to share.
var textAnalyzer = register()

func register() analysis.Analyzer {
	if err := registry.RegisterTokenFilter(stemmerName, newStemFilter); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(irregularName, newIrregularFilter); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(analyzerName, newAnalyzer); err != nil {
		panic(err)
	}
	a, err := registry.NewCache().AnalyzerNamed(analyzerName)
	if err != nil {
		panic(err)
	}
	return a
}

// stemFilter stems English words with the Snowball (Porter2) stemmer of
// github.com/kljensen/snowball; bleve's own "stemmer_en_snowball" is a different
// implementation, and its "en" analyzer stems with the original Porter.
//
// Stemming is half the cost of indexing, and word frequencies are skewed, so
// stems are memoised, up to maxStems words (a few MB), per filter instance.
type stemFilter struct {
	mu    sync.RWMutex
	stems map[string]string // word -> stem
}

const maxStems = 1 << 17

func newStemFilter(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return &stemFilter{stems: map[string]string{}}, nil
}

func (f *stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if s := f.stem(t.Term); s != string(t.Term) {
			t.Term = []byte(s)
		}
	}
	return input
}

func (f *stemFilter) stem(word []byte) string {
	f.mu.RLock()
	s, ok := f.stems[string(word)]
	f.mu.RUnlock()
	if ok {
		return s
	}
	// Stop words are gone by now, so stem every word (true): the stemmer's own
	// stop list would leave some words unstemmed.
	w := string(word)
	s = english.Stem(w, true)
	f.mu.Lock()
	if len(f.stems) < maxStems {
		f.stems[w] = s
	}
	f.mu.Unlock()
	return s
}

// asciiFast skips a char filter on pure ASCII text, which it would only copy
// rune by rune: most sentences of English news are pure ASCII.
type asciiFast struct{ analysis.CharFilter }

func (f asciiFast) Filter(input []byte) []byte {
	for _, c := range input {
		if c >= utf8.RuneSelf {
			return f.CharFilter.Filter(input)
		}
	}
	return input
}

// newAnalyzer builds the text analysis: ASCII folding of the raw text (diacritics,
// curly apostrophes), Unicode word segmentation, lower case, possessives dropped,
// English stop words dropped, irregular verbs to their base form, Snowball stems.
func newAnalyzer(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	fold, err := cache.CharFilterNamed(asciifolding.Name)
	if err != nil {
		return nil, err
	}
	tok, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		return nil, err
	}
	var filters []analysis.TokenFilter
	for _, name := range []string{lowercase.Name, en.PossessiveName, en.StopName, irregularName, stemmerName} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, fmt.Errorf("token filter %s: %w", name, err)
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{asciiFast{fold}},
		Tokenizer:    tok,
		TokenFilters: filters,
	}, nil
}

// Analyze returns the terms the index stores for text, in order, repeats kept:
// exactly the analysis of the text field. Queries go through it, and its length
// is the field length BM25 sees.
func Analyze(text string) []string {
	ts := textAnalyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// tokenCount is len(Analyze(text)) without building the strings.
func tokenCount(text string) int {
	return len(textAnalyzer.Analyze([]byte(text)))
}
