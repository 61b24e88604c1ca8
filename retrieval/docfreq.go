package retrieval

import (
	"context"
	"fmt"
)

// DocFreqs returns how many indexed sentences hold each analysed term: what
// the answer layer weighs a question's terms by. It reads postings counts, so
// it costs the same for a rare term and a common one.
func (x *Snapshot) DocFreqs(terms []string) ([]int, error) {
	dfs, err := x.docFreqs(terms, fText)
	if err != nil {
		return nil, err
	}
	return dfs[0], nil
}

// docFreqs returns, for each field, how many indexed sentences hold each of
// terms in it, from one reader of the index.
func (x *Snapshot) docFreqs(terms []string, fields ...string) ([][]int, error) {
	adv, err := x.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("document frequencies: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("document frequencies: %w", err)
	}
	defer r.Close()
	out := make([][]int, len(fields))
	for f, field := range fields {
		out[f] = make([]int, len(terms))
		for i, t := range terms {
			tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
			if err != nil {
				return nil, fmt.Errorf("document frequency of %q: %w", t, err)
			}
			out[f][i] = int(tfr.Count())
			tfr.Close()
		}
	}
	return out, nil
}
