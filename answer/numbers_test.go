package answer

import (
	"slices"
	"testing"

	"github.com/corpusbot/corpusbot/retrieval"
)

func TestPreferNumbers(t *testing.T) {
	hits := func() []retrieval.Hit {
		return []retrieval.Hit{
			{Doc: "a", Text: "Turkish soldiers were killed near al-Bab.", Score: 3},
			{Doc: "b", Text: "Three Turkish soldiers were killed.", Score: 2.5},
			{Doc: "c", Text: "The strikes began on September 30.", Score: 2.4},
			{Doc: "d", Text: "Soldiers were wounded in 2016.", Score: 1},
		}
	}
	tests := []struct {
		question string
		want     []string
	}{
		{"How many Turkish soldiers were killed near al-Bab?", []string{"b", "c", "a", "d"}},
		{"When did the strikes begin?", []string{"b", "c", "a", "d"}},
		{"In what year were soldiers wounded?", []string{"b", "c", "a", "d"}},
		{"Who killed Turkish soldiers near al-Bab?", []string{"a", "b", "c", "d"}},
		{"What happened when the strikes began?", []string{"a", "b", "c", "d"}}, // "when" is not the question word
	}
	for _, tt := range tests {
		h := hits()
		preferNumbers(tt.question, h)
		var got []string
		for _, x := range h {
			got = append(got, x.Doc)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: order %q, want %q", tt.question, got, tt.want)
		}
	}
}
