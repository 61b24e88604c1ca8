package retrieval

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// holds reports whether the terms of sentence include every term of one of sets.
func holds(sets [][]string, sentence map[string]bool) bool {
	for _, set := range sets {
		all := true
		for _, t := range set {
			all = all && sentence[t]
		}
		if all {
			return true
		}
	}
	return false
}

// TestEnough checks enough against every subset of the terms: a sentence
// holding a subset reaches the share exactly when it holds one of the sets,
// or, past maxSets, at least when it does.
func TestEnough(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + trial%9
		switch trial % 50 {
		case 0:
			n = 14 // many equal weights: past maxSets
		case 25, 26, 27:
			n = 15 // likely past maxSets too, with weights of all sizes
		}
		terms := make([]string, n)
		w := make([]float64, n)
		for i := range terms {
			terms[i] = string(rune('a' + i))
			w[i] = 0.5 + 10*rng.Float64()
			if trial%50 == 0 {
				w[i] = 1
			}
		}
		least := []float64{0.3, 0.5, 0.7}[trial%3]
		sets, exact := enough(terms, w, least)
		if trial%50 == 0 && exact {
			t.Fatalf("trial %d: %d equal terms expanded to %d sets", trial, n, len(sets))
		}
		var all float64
		for _, x := range w {
			all += x
		}
		for mask := 0; mask < 1<<n; mask++ {
			have := map[string]bool{}
			var got float64
			for i := range n {
				if mask&(1<<i) != 0 {
					have[terms[i]] = true
					got += w[i]
				}
			}
			reaches := got/all >= least
			if sets == nil {
				// No condition: only right when any one term reaches the share.
				if mask != 0 && slices.Min(w)/all < least {
					t.Fatalf("trial %d: no sets, but a sentence with only %v falls short", trial, have)
				}
				continue
			}
			in := holds(sets, have)
			if reaches && !in {
				t.Fatalf("trial %d (least %v): %v reaches the share but holds no set of %v", trial, least, have, sets)
			}
			if exact && in && !reaches {
				t.Fatalf("trial %d (least %v): %v holds a set of %v but falls short", trial, least, have, sets)
			}
		}
	}
}

// TestSearchMinShare checks, on the real corpus, that a search with MinShare
// returns exactly the hits, with the same scores, that a search without it
// returns once those below the share are dropped: the sets only spare bleve
// the work.
func TestSearchMinShare(t *testing.T) {
	x, _ := buildSnapshot(t, realDocs(t))
	ctx := context.Background()
	var texts []string
	// Queries from the corpus's own sentences, mixed, so that their terms are
	// spread from rare to common.
	var words []string
	for _, d := range realDocs(t) {
		for i, s := range d.Sentences {
			if i%5 == 0 {
				words = append(words, strings.Fields(s.Text)...)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 60 {
		k := 2 + rng.IntN(7)
		var q []string
		for range k {
			q = append(q, words[rng.IntN(len(words))])
		}
		texts = append(texts, strings.Join(q, " "))
	}
	checked := 0
	for _, text := range texts {
		for _, least := range []float64{0.5, 0.7} {
			n := x.Stats().Sentences
			got, err := x.Search(ctx, Query{Text: text, Limit: n, MinShare: least})
			if err != nil {
				t.Fatal(err)
			}
			plain, err := x.Search(ctx, Query{Text: text, Limit: n})
			if err != nil {
				t.Fatal(err)
			}
			terms := queryTerms(text)
			dfs, err := x.docFreqs(terms, fText)
			if err != nil {
				t.Fatal(err)
			}
			w := x.weights(dfs[0])
			var want []Hit
			for _, h := range plain {
				if share(terms, w, Analyze(h.Text)) >= least {
					want = append(want, h)
				}
			}
			if !slices.Equal(ids(got), ids(want)) {
				t.Fatalf("%q, share %v:\n got %v\nwant %v", text, least, ids(got), ids(want))
			}
			for i := range got {
				if math.Abs(got[i].Score-want[i].Score) > 1e-9*want[i].Score {
					t.Fatalf("%q: %s scores %v with MinShare, %v without", text, ids(got)[i], got[i].Score, want[i].Score)
				}
			}
			if len(want) < len(plain) {
				checked++
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d searches left any hit out: the test proves little", checked)
	}
}

// TestEnoughLong checks that a question of maxTerms terms, the longest a
// query keeps, gets its condition at once: the walk stops at maxSets sets.
func TestEnoughLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	terms := make([]string, maxTerms)
	w := make([]float64, maxTerms)
	for i := range terms {
		terms[i] = "t" + strings.Repeat("x", i)
		w[i] = 1 + rng.Float64()
	}
	sets, exact := enough(terms, w, 0.5)
	if exact || len(sets) == 0 || len(sets) >= len(terms) {
		t.Fatalf("%d terms: %d sets, exact %v; want the weaker condition, fewer sets than terms", len(terms), len(sets), exact)
	}
}
