package eval

import (
	"context"
	"fmt"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/importer"
)

// SQuADScores are ReQA-style sentence retrieval figures: every sentence of
// every SQuAD paragraph is a candidate, and a question's right answer is the
// sentence holding its answer span.
type SQuADScores struct {
	Questions int     `json:"questions"`
	PAt1      float64 `json:"p@1"`
	MRRAt10   float64 `json:"mrr@10"`
	RAt5      float64 `json:"r@5"`
}

// SQuADFile is the name the SQuAD paragraphs are imported under in a corpus
// folder, which prefixes their document ids.
const SQuADFile = "squad.jsonl"

// SQuAD ranks the sentences of the corpus behind eng for each question and
// scores where the sentence holding the answer lands. The corpus must hold the
// SQuAD paragraphs as imported into SQuADFile at its root.
func SQuAD(ctx context.Context, eng *answer.Engine, qs []importer.Question) (SQuADScores, error) {
	var s SQuADScores
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		items, err := eng.Rank(ctx, q.Question, 10)
		if err != nil {
			return s, fmt.Errorf("question %s: %w", q.ID, err)
		}
		s.Questions++
		doc := SQuADFile + "#" + q.Article
		rank := 0
		for i, it := range items {
			if it.Source == doc && holdsAnswer(it, q.Answers) {
				rank = i + 1
				break
			}
		}
		switch {
		case rank == 1:
			s.PAt1++
			fallthrough
		case rank >= 1 && rank <= 5:
			s.RAt5++
		}
		if rank > 0 {
			s.MRRAt10 += 1 / float64(rank)
		}
	}
	if s.Questions > 0 {
		n := float64(s.Questions)
		s.PAt1, s.MRRAt10, s.RAt5 = s.PAt1/n, s.MRRAt10/n, s.RAt5/n
	}
	return s, nil
}

// holdsAnswer reports whether a sentence's byte range holds the start of one
// of the answers (SQuAD's answers to one question may sit in different sentences).
func holdsAnswer(it answer.Item, answers []importer.Answer) bool {
	for _, a := range answers {
		if a.Start >= it.Start && a.Start < it.End {
			return true
		}
	}
	return false
}
