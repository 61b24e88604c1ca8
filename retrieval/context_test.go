package retrieval

import (
	"context"
	"slices"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

func TestContextOf(t *testing.T) {
	sent := func(text string, kind corpus.Kind, piece, para int) corpus.Sentence {
		return corpus.Sentence{Text: text, Kind: kind, Piece: piece, Para: para}
	}
	d := &corpus.Document{Sentences: []corpus.Sentence{
		sent("Headline of the first piece", corpus.Headline, 0, 0),
		sent("First sentence.", corpus.Body, 0, 1),
		sent("Follow us on Twitter", corpus.Furniture, 0, 2),
		sent("Second sentence, its own paragraph.", corpus.Body, 0, 3),
		sent("Last of the piece.", corpus.Body, 0, 3),
		sent("Next piece begins.", corpus.Body, 1, 4),
	}}
	tests := []struct {
		n    int
		want string
	}{
		{0, "First sentence."},
		{1, "Headline of the first piece Second sentence, its own paragraph."}, // furniture skipped
		{3, "First sentence. Last of the piece."},                              // across paragraphs
		{4, "Second sentence, its own paragraph."},                             // not into the next piece
		{5, ""},
	}
	for _, tt := range tests {
		if got := contextOf(d, tt.n); got != tt.want {
			t.Errorf("contextOf(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPairs(t *testing.T) {
	tests := []struct {
		query, text string
		want        float64
	}{
		{"Super Bowl", "the Super Bowl 50", 1},
		{"Super Bowl", "a bowl, super", 1},
		{"Super Bowl", "a super big bowl", 0},
		{"Bank of England", "the Bank of England said", 1}, // stop words are not in between
		{"Cam Newton fumbled", "Newton, Cam, lost a fumble", 0.5},
		{"Cam Newton fumbled", "fumbled, Cam", 0}, // only consecutive query terms pair
		{"Cam Newton fumbled", "Cam Newton Newton fumbled", 1},
		{"alone", "alone alone", 0},
		{"", "anything", 0},
	}
	for _, tt := range tests {
		if got := newPairs(queryTerms(tt.query)).share(Analyze(tt.text)); got != tt.want {
			t.Errorf("pairs of %q in %q: %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
}

// TestSearchContext checks what the context field does to a search: it raises
// a sentence whose neighbours hold more of the question, and never brings in a
// sentence that holds none of it.
func TestSearchContext(t *testing.T) {
	doc := func(id string, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: id, Source: id, Pieces: []corpus.Piece{{}}}
		for i, s := range texts {
			d.Sentences = append(d.Sentences, corpus.Sentence{Text: s, Kind: corpus.Body, Start: i * 100, End: i*100 + len(s)})
		}
		return d
	}
	docs := []*corpus.Document{
		doc("a.txt", "Fans cheered at the game.", "The stadium opened in 1990."),
		doc("b.txt", "Queen Victoria founded the museum.", "The stadium opened in 1857."),
		doc("c.txt", "Nothing to see here.", "Another line about weather."),
	}
	x, _ := buildSnapshot(t, docs)
	ctx := context.Background()
	hits, err := x.Search(ctx, Query{Text: "When did the stadium near the museum open?"})
	if err != nil {
		t.Fatal(err)
	}
	// b.txt#1 and a.txt#1 say the same of the stadium: b.txt#1's neighbour
	// names the museum. Alone they would tie, and a.txt would come first.
	if got, want := ids(hits), []string{"b.txt#1", "a.txt#1", "b.txt#0"}; !slices.Equal(got, want) {
		t.Fatalf("hits %q, want %q", got, want)
	}
	if hits[0].Score <= hits[1].Score {
		t.Errorf("context did not raise b.txt#1: %v <= %v", hits[0].Score, hits[1].Score)
	}
	// Both sentences of b.txt hold "Victoria" and "stadium" in their context;
	// only the one that says "Victoria" itself may match.
	hits, err = x.Search(ctx, Query{Text: "Victoria stadium"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(hits), []string{"b.txt#0", "b.txt#1", "a.txt#1"}; !slices.Equal(got, want) {
		t.Errorf("hits %q, want %q", got, want)
	}
	hits, err = x.Search(ctx, Query{Text: "Victoria"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(hits), []string{"b.txt#0"}; !slices.Equal(got, want) {
		t.Errorf("hits %q, want %q: the context matched a sentence by itself", got, want)
	}
}
