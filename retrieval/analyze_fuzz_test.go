package retrieval

import (
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze runs the index's text analysis on any input (go test -run XXX
// -fuzz FuzzAnalyze ./retrieval/), seeded with the corpus's sentences. bleve
// analyses documents in goroutines of its own, where a panic would end the
// whole program, and its analyzers return no errors: so the analysis must
// take any text.
func FuzzAnalyze(f *testing.F) {
	for i, d := range realDocs(f) {
		for j, s := range d.Sentences {
			if (i+j)%4 == 0 {
				f.Add(s.Text)
			}
		}
	}
	for _, s := range []string{"", "\xff\xfe\x00", "Ǆemal’s naïve café — ﬁnal", "ＦＵＬＬ　ｗｉｄｔｈ", "٣٤٥ مرحبا", "🙂‍🙂 #tag @user", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		terms := Analyze(text)
		if n := tokenCount(text); n != len(terms) {
			t.Fatalf("tokenCount %d, Analyze %d terms", n, len(terms))
		}
		for _, term := range terms {
			if term == "" || utf8.ValidString(text) && !utf8.ValidString(term) {
				t.Fatalf("term %q of %q", term, text)
			}
		}
	})
}
