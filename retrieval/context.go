package retrieval

import (
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
)

// contextOf returns what is indexed as the context of sentence n of d: the
// texts of contextParts, joined by spaces.
func contextOf(d *corpus.Document, n int) string {
	parts := contextParts(d, n)
	texts := make([]string, len(parts))
	for k, i := range parts {
		texts[k] = d.Sentences[i].Text
	}
	return strings.Join(texts, " ")
}

// contextParts returns the sentences whose texts make the context of
// sentence n: the searchable sentences just before and after it in its piece.
// A sentence often names its subject only through its neighbours ("It opened
// in 1857."), and news paragraphs are often one sentence long, so the piece,
// not the paragraph, bounds the neighbourhood.
func contextParts(d *corpus.Document, n int) []int {
	var parts []int
	near := func(i int) {
		if d.Sentences[i].Piece == d.Sentences[n].Piece {
			parts = append(parts, i)
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
	return parts
}

// pairBoost is how much more a sentence scores when it holds every pair of
// consecutive query terms side by side ("Super Bowl", "Cam Newton", "higher
// wages"): a cheap proximity signal, applied to the hits a search returns, not
// to every match. It raises P@1 on SQuAD dev by 0.6 points; 0.2 gains 0.5,
// 0.8 gains 0.6 with a lower MRR.
const pairBoost = 0.4

// pairs finds the pairs of consecutive query terms that stand side by side in a
// sentence.
type pairs struct {
	pos map[string]int // term -> its position among the query's distinct terms
	n   int            // pairs in the query
}

func newPairs(terms []string) pairs {
	p := pairs{pos: make(map[string]int, len(terms)), n: len(terms) - 1}
	for i, t := range terms {
		p.pos[t] = i
	}
	return p
}

// share returns the share of the query's pairs (distinct terms, in order) whose
// terms are next to each other, in either order, among tokens, the analysed
// terms of a text (Analyze). Stop words are gone from both, so "Bank of
// England" holds the pair of "Bank England".
func (p pairs) share(tokens []string) float64 {
	if p.n < 1 {
		return 0
	}
	found := make([]bool, p.n)
	count, prev := 0, -1
	for _, tok := range tokens {
		i, ok := p.pos[tok]
		if !ok {
			prev = -1
			continue
		}
		if j := min(i, prev); prev >= 0 && (i == prev+1 || i == prev-1) && !found[j] {
			found[j] = true
			count++
		}
		prev = i
	}
	return float64(count) / float64(p.n)
}
