package retrieval

import (
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
)

// contextOf returns what is indexed as the context of sentence n of d: the
// searchable sentences just before and after it in its piece. A sentence often
// names its subject only through its neighbours ("It opened in 1857."), and
// news paragraphs are often one sentence long, so the piece, not the
// paragraph, bounds the neighbourhood.
func contextOf(d *corpus.Document, n int) string {
	s := &d.Sentences[n]
	var parts []string
	near := func(i int) {
		if o := &d.Sentences[i]; o.Piece == s.Piece {
			parts = append(parts, o.Text)
		}
	}
	for i := n - 1; i >= 0; i-- {
		if d.Sentences[i].Kind.Searchable() {
			near(i)
			break
		}
	}
	for i := n + 1; i < len(d.Sentences); i++ {
		if d.Sentences[i].Kind.Searchable() {
			near(i)
			break
		}
	}
	return strings.Join(parts, " ")
}

// pairBoost is how much more a sentence scores when it holds every pair of
// consecutive query terms side by side ("Super Bowl", "Cam Newton", "higher
// wages"): a cheap proximity signal, checked on the few best candidates only.
// It raises P@1 on SQuAD dev by 0.6 points; 0.2 and 0.8 gain less.
const pairBoost = 0.4

// pairSlack is how many candidates past the limit the pair boost may reorder.
const pairSlack = 10

// adjacentPairs returns the share of the pairs of consecutive query terms
// (distinct terms, in order) that stand next to each other, in either order,
// among the sentence's analysed terms toks. Stop words are gone from both, so
// "Bank of England" holds the pair of "Bank England".
func adjacentPairs(terms, toks []string) float64 {
	if len(terms) < 2 {
		return 0
	}
	next := make(map[[2]string]bool, len(toks))
	for i := 1; i < len(toks); i++ {
		next[[2]string{toks[i-1], toks[i]}] = true
	}
	found := 0
	for i := 1; i < len(terms); i++ {
		a, b := terms[i-1], terms[i]
		if next[[2]string{a, b}] || next[[2]string{b, a}] {
			found++
		}
	}
	return float64(found) / float64(len(terms)-1)
}
