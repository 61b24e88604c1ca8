package corpus

import (
	"context"
	"math"
	"testing"
)

func TestScoreStatementsOnTeamCorpus(t *testing.T) {
	c, err := Load(context.Background(), "../../shared/corpus")
	if err != nil {
		t.Fatal(err)
	}
	labels, err := ReadStatementLabels("../../shared/eval/statements.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ms []Mention
	for _, d := range c.Docs {
		ms = append(ms, Mentions(d)...)
	}
	r := NewRegistry(ms, nil)
	sc := ScoreStatements(c.Docs, r, labels)
	for _, res := range sc.Results {
		if !res.Correct || !res.Located {
			t.Logf("wrong: %+v", res)
		}
	}
	t.Logf("statements.jsonl: %d labels, TP %d FP %d FN %d, precision %.3f recall %.3f",
		sc.Labels, sc.TP, sc.FP, sc.FN, sc.Precision, sc.Recall)
	if math.IsNaN(sc.Precision) || sc.Precision < 0.95 || sc.Recall < 0.85 {
		t.Errorf("precision %.3f recall %.3f: want >= 0.95 and >= 0.85", sc.Precision, sc.Recall)
	}
	for _, a := range r.Actors() {
		t.Logf("actor %q aliases=%q role=%q n=%d %v..%v", a.Name, a.Aliases, a.Role, a.Statements, a.First, a.Last)
	}
}
