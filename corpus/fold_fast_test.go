package corpus

import (
	"context"
	"strings"
	"testing"
)

// TestFoldFastPaths checks that the ASCII shortcuts of fold and foldName give
// what the rune-by-rune folding gives: for every pair of ASCII characters
// around a word, and for every sentence and word of the corpus.
func TestFoldFastPaths(t *testing.T) {
	var inputs []string
	for c := 0; c < 0x80; c++ {
		for d := 0; d < 0x80; d += 7 {
			inputs = append(inputs, string(rune(c))+"Ab"+string(rune(d)), string(rune(c)), "x"+string(rune(c))+string(rune(d))+"y")
		}
	}
	inputs = append(inputs, "", " ", "a  b", " a", "a ", "O`Brien", "Café", "naïve résumé", "\xff\xfe", "a\u00a0b", "İstanbul")
	c, err := Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		for _, s := range d.Sentences {
			inputs = append(inputs, s.Text)
			inputs = append(inputs, strings.Fields(s.Text)...)
		}
		inputs = append(inputs, strings.Split(d.Text, "\n")...)
	}
	fast := 0
	for _, s := range inputs {
		if got, want := fold(s), foldRunes(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := foldName(s), foldNameUnicode(s); got != want {
			t.Errorf("foldName(%q) = %q, want %q", s, got, want)
		}
		if folded(s) {
			fast++
		}
	}
	if fast < len(inputs)/2 {
		t.Errorf("%d of %d inputs took fold's shortcut: the test proves little", fast, len(inputs))
	}
}
