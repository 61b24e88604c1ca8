package retrieval

import (
	"slices"
	"testing"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"diacritics folded", "Erdoğan", []string{"erdogan"}},
		{"plain form unchanged", "Erdogan", []string{"erdogan"}},
		{"hyphen splits", "al-Nusra Front", []string{"al", "nusra", "front"}},
		{"stemmed", "negotiating negotiate negotiations", []string{"negoti", "negoti", "negoti"}},
		{"possessive straight", "Lavrov's", []string{"lavrov"}},
		{"possessive curly", "Al-Qaeda’s branch", []string{"al", "qaeda", "branch"}},
		{"stop words dropped", "what is the capital of it", []string{"capit"}},
		{"case folded", "RUSSIA Russia russia", []string{"russia", "russia", "russia"}},
		{"query syntax is text", `+-&|!(){}[]^"~*?:\/`, []string{}},
		{"numbers kept", "3.6 million in 2016", []string{"3.6", "million", "2016"}},
		{"empty", "", []string{}},
		{"emoji only", "🙂🙂", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Analyze(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if n := tokenCount(tt.text); n != len(got) {
				t.Errorf("tokenCount(%q) = %d, want %d", tt.text, n, len(got))
			}
		})
	}
}

// TestAnalyzeFinds checks the pairs the issue names: the first form, as a query,
// shares a term with the second, as indexed text.
func TestAnalyzeFinds(t *testing.T) {
	tests := []struct{ query, text string }{
		{"Erdogan", "President Recep Tayyip Erdoğan said"},
		{"Erdoğan", "Erdogan said"},
		{"Nusra", "airstrikes against al-Nusra Front"},
		{"negotiate", "they were negotiating a ceasefire"},
		{"Lavrov", "Lavrov’s remarks"},
		{"remark", "Lavrov’s remarks"},
		{"begin", "since it began bombing on September 30"},
		{"began", "Russia begins its campaign"},
		{"tell", "Erdogan told Putin"},
		{"won", "the Broncos, who win the title"},
		{"written", "he writes"},
	}
	for _, tt := range tests {
		q, d := Analyze(tt.query), Analyze(tt.text)
		if len(q) == 0 || !slices.Contains(d, q[0]) {
			t.Errorf("%q (%q) not found in %q (%q)", tt.query, q, tt.text, d)
		}
	}
}

// TestIrregularVerbs checks that every past form in the table analyses as its
// base form, and that the forms left out for being other words stay apart.
func TestIrregularVerbs(t *testing.T) {
	if len(irregularVerbs) < 150 {
		t.Fatalf("only %d irregular forms", len(irregularVerbs))
	}
	for form, base := range irregularVerbs {
		if got, want := Analyze(form), Analyze(base); !slices.Equal(got, want) {
			t.Errorf("%q analyses as %q, its base %q as %q", form, got, base, want)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"left", "leave"}, {"wound", "wind"}, {"ground", "grind"}, {"founded", "find"}, {"fed", "feed"}, {"born", "bear"},
	} {
		if slices.Equal(Analyze(tt.a), Analyze(tt.b)) {
			t.Errorf("%q and %q analyse alike: %q", tt.a, tt.b, Analyze(tt.a))
		}
	}
}
