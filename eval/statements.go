package eval

import (
	"context"

	"github.com/corpusbot/corpusbot/corpus"
)

// StatementScores are the precision and recall of attribution on labelled statements.
type StatementScores struct {
	Labels         int     `json:"labels"`
	Said           int     `json:"said"`      // labels of real statements
	Found          int     `json:"found"`     // of those, attributed to the right actor
	Negatives      int     `json:"negatives"` // labels of sentences that name an actor without being theirs
	FalsePositives int     `json:"false_positives"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
}

// Statements loads the corpus at root, attributes its statements as an index
// build does (with the actors file's entries, if any), and scores them against
// the labels in path.
func Statements(ctx context.Context, root, path string, actors []corpus.ActorEntry) (StatementScores, error) {
	labels, err := corpus.ReadStatementLabels(path)
	if err != nil {
		return StatementScores{}, err
	}
	c, err := corpus.Load(ctx, root)
	if err != nil {
		return StatementScores{}, err
	}
	var mentions []corpus.Mention
	for _, d := range c.Docs {
		mentions = append(mentions, corpus.Mentions(d)...)
	}
	s := corpus.ScoreStatements(c.Docs, corpus.NewRegistry(mentions, actors), labels)
	return StatementScores{
		Labels: s.Labels, Said: s.Positives, Found: s.TP, Negatives: s.Negatives, FalsePositives: s.FP,
		Precision: s.Precision, Recall: s.Recall,
	}, nil
}
