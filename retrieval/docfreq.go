package retrieval

import (
	"context"
	"fmt"
)

// docFreqs returns, for each field, how many indexed sentences hold each of
// terms in it, from one reader of the index. It reads postings counts, so it
// costs the same for a rare term and a common one.
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
