package answer

import (
	"context"
	"errors"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/retrieval"
)

func TestMergeStatements(t *testing.T) {
	late, early := corpus.Date{Year: 2016, Month: 6, Day: 5}, corpus.Date{Year: 2016, Month: 6, Day: 1}
	hit := func(doc string, n int, text string, d corpus.Date) retrieval.Hit {
		return retrieval.Hit{Doc: doc, Sentence: n, Text: text, Speaker: "Lavrov", Date: d, Start: 10 * n, End: 10*n + 9}
	}
	tests := []struct {
		name  string
		hits  []retrieval.Hit
		texts []string
		srcs  []string
	}{
		{"consecutive sentences join",
			[]retrieval.Hit{hit("x", 5, "One.", late), hit("x", 6, "Two.", late)},
			[]string{"One. Two."}, []string{"x"}},
		{"copy merges",
			[]retrieval.Hit{hit("x", 5, "One.", late), hit("y", 3, "One.", late)},
			[]string{"One."}, []string{"x"}},
		// An earlier copy in y replaces x#5: x#6 follows x#5, not y#3.
		{"no join onto a replaced copy",
			[]retrieval.Hit{hit("x", 5, "One.", late), hit("y", 3, "One.", early), hit("x", 6, "Two.", late)},
			[]string{"One.", "Two."}, []string{"y", "x"}},
		{"a merged copy keeps the statement's tail",
			[]retrieval.Hit{hit("x", 5, "One.", late), hit("x", 6, "Two.", late), hit("y", 3, "One. Two.", late), hit("x", 7, "Three.", late)},
			[]string{"One. Two. Three."}, []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := mergeStatements(tt.hits)
			if len(items) != len(tt.texts) {
				t.Fatalf("got %d items %+v, want %q", len(items), items, tt.texts)
			}
			for i, it := range items {
				if it.Text != tt.texts[i] || it.Source != tt.srcs[i] {
					t.Errorf("item %d = %q from %s, want %q from %s", i, it.Text, it.Source, tt.texts[i], tt.srcs[i])
				}
			}
		})
	}
}

// A call that outlives the store gets an error, not a nil-pointer panic.
func TestClosedStore(t *testing.T) {
	eng := engine(t)
	if err := eng.store.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := eng.Ask(ctx, "what did Lavrov say about Nusra?", 0); !errors.Is(err, retrieval.ErrClosed) {
		t.Errorf("Ask: err %v, want ErrClosed", err)
	}
	if _, err := eng.Statements(ctx, StatementsQuery{Actor: "Lavrov"}); !errors.Is(err, retrieval.ErrClosed) {
		t.Errorf("Statements: err %v, want ErrClosed", err)
	}
	if _, err := eng.Source(ctx, "x.txt", 0); !errors.Is(err, retrieval.ErrClosed) {
		t.Errorf("Source: err %v, want ErrClosed", err)
	}
	if _, err := eng.Rank(ctx, "Nusra", 3); !errors.Is(err, retrieval.ErrClosed) {
		t.Errorf("Rank: err %v, want ErrClosed", err)
	}
	if got := eng.Actors(ctx); got != nil {
		t.Errorf("Actors = %v, want none", got)
	}
	if got := eng.CompleteActor(ctx, "La", 5); got != nil {
		t.Errorf("CompleteActor = %v, want none", got)
	}
}

// TestStatementsAboutCommonWords: an About of stop words only lists every
// statement in date order, as no About does.
func TestStatementsAboutCommonWords(t *testing.T) {
	eng := engine(t)
	ctx := context.Background()
	all, err := eng.Statements(ctx, StatementsQuery{Actor: "Lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	the, err := eng.Statements(ctx, StatementsQuery{Actor: "Lavrov", About: "the"})
	if err != nil {
		t.Fatal(err)
	}
	if len(the.Items) != len(all.Items) {
		t.Fatalf("about \"the\" listed %d statements, without it %d", len(the.Items), len(all.Items))
	}
	for i := range all.Items {
		if the.Items[i].Text != all.Items[i].Text {
			t.Errorf("item %d differs: %q vs %q", i, the.Items[i].Text, all.Items[i].Text)
		}
	}
}
