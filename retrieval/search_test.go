package retrieval

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

// statementDocs are three small documents with speakers and dates of every
// precision: the real corpus's attribution is another package's business.
func statementDocs() []*corpus.Document {
	sent := func(text string, kind corpus.Kind, piece int, speaker string, quote bool) corpus.Sentence {
		return corpus.Sentence{Text: text, Kind: kind, Piece: piece, Speaker: speaker, Quote: quote}
	}
	a := &corpus.Document{
		ID: "a.txt", Source: "a.txt", Title: "Talks", Date: corpus.Date{Year: 2016, Month: 6, Day: 4},
		Pieces: []corpus.Piece{{Date: corpus.Date{Year: 2016, Month: 6, Day: 4}}},
		Sentences: []corpus.Sentence{
			sent("Lavrov said the talks on Syria would continue.", corpus.Body, 0, "Sergey Lavrov", false),
			sent("“The ceasefire in Syria holds,” Kerry said.", corpus.Body, 0, "John Kerry", true),
			sent("Subscribe to our newsletter about Syria", corpus.Furniture, 0, "", false),
			sent("Syria was quiet on Sunday.", corpus.Body, 0, "", false),
		},
		Statements: []corpus.Statement{
			{Speaker: "Sergey Lavrov", First: 0, Last: 0, Said: corpus.Date{Year: 2016, Month: 6, Day: 3}},
			{Speaker: "John Kerry", First: 1, Last: 1, Quote: true},
		},
	}
	b := &corpus.Document{
		ID: "b.txt", Source: "b.txt", Title: "Compilation",
		Pieces: []corpus.Piece{{Title: "May news", Date: corpus.Date{Year: 2016, Month: 5}}, {Title: "Undated part"}},
		Sentences: []corpus.Sentence{
			sent("Lavrov warned that Syria needed a political solution.", corpus.Body, 0, "Lavrov", false),
			sent("Kerry met Lavrov in Geneva to discuss Syria.", corpus.Headline, 1, "", false),
		},
	}
	c := &corpus.Document{
		ID: "c.txt", Source: "c.txt",
		Pieces: []corpus.Piece{{}},
		Sentences: []corpus.Sentence{
			sent("Lavrov told reporters Syria was stable.", corpus.Body, 0, "Lavrov", false),
		},
	}
	for _, d := range []*corpus.Document{a, b, c} {
		for i := range d.Sentences {
			d.Sentences[i].Start = i * 100
			d.Sentences[i].End = i*100 + len(d.Sentences[i].Text)
			d.Sentences[i].Para = i
		}
	}
	return []*corpus.Document{a, b, c}
}

func ids(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, sentenceID(h.Doc, h.Sentence))
	}
	return out
}

func TestSearchFilters(t *testing.T) {
	x, _ := buildSnapshot(t, statementDocs())
	ctx := context.Background()
	all, err := x.Search(ctx, Query{Text: "Syria", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for _, h := range all {
		score[sentenceID(h.Doc, h.Sentence)] = h.Score
	}
	lavrov := []string{"Sergey Lavrov", "Lavrov"}
	tests := []struct {
		name string
		q    Query
		want []string // sorted
	}{
		{"no filter: furniture is not searchable", Query{Text: "Syria"},
			[]string{"a.txt#0", "a.txt#1", "a.txt#3", "b.txt#0", "b.txt#1", "c.txt#0"}},
		{"speakers", Query{Text: "Syria", Speakers: lavrov}, []string{"a.txt#0", "b.txt#0", "c.txt#0"}},
		{"one speaker", Query{Text: "Syria talks", Speakers: []string{"John Kerry"}}, []string{"a.txt#1"}},
		{"unknown speaker", Query{Text: "Syria", Speakers: []string{"Nobody"}}, nil},
		// a.txt#0 is cited by the day it was said (3 June), not its piece's date.
		{"since a day", Query{Text: "Syria", Since: corpus.Date{Year: 2016, Month: 6, Day: 4}}, []string{"a.txt#1", "a.txt#3"}},
		{"since the month", Query{Text: "Syria", Since: corpus.Date{Year: 2016, Month: 6}}, []string{"a.txt#0", "a.txt#1", "a.txt#3"}},
		// b.txt#0 is dated May 2016: it may fall on or before 15 May.
		{"until a day", Query{Text: "Syria", Until: corpus.Date{Year: 2016, Month: 5, Day: 15}}, []string{"b.txt#0"}},
		{"within a year", Query{Text: "Syria", Since: corpus.Date{Year: 2016}, Until: corpus.Date{Year: 2016}},
			[]string{"a.txt#0", "a.txt#1", "a.txt#3", "b.txt#0"}},
		{"before everything", Query{Text: "Syria", Until: corpus.Date{Year: 2015}}, nil},
		{"speakers and dates", Query{Text: "Syria", Speakers: lavrov, Until: corpus.Date{Year: 2016, Month: 6, Day: 3}},
			[]string{"a.txt#0", "b.txt#0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := x.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(hits)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// Filters do not score: a filtered hit keeps its unfiltered score.
			for _, h := range hits {
				if s := score[sentenceID(h.Doc, h.Sentence)]; tt.q.Text == "Syria" && math.Abs(s-h.Score) > 1e-12 {
					t.Errorf("%s: filtered score %v, unfiltered %v", sentenceID(h.Doc, h.Sentence), h.Score, s)
				}
			}
		})
	}
}

func TestSearchQueries(t *testing.T) {
	x, _ := buildSnapshot(t, statementDocs())
	ctx := context.Background()
	syria, _ := x.Search(ctx, Query{Text: "Syria"})
	tests := []struct {
		name string
		text string
		same []Hit // nil: no hits
	}{
		{"empty", "", nil},
		{"stop words only", "what is the of", nil},
		{"query syntax is plain text", `+-&|!(){}[]^"~*?:\/`, nil},
		{"syntax around a word", `+Syria~ AND ("Syria*`, syria},
		{"repeated word counts once", "Syria Syria syria SYRIA", syria},
		{"emoji", "🙂 Syria 🙂", syria},
		{"very long", strings.Repeat("Syria ", 2000), syria},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := x.Search(ctx, Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(hits, tt.same) {
				t.Errorf("got %v, want %v", ids(hits), ids(tt.same))
			}
		})
	}
	long := strings.Repeat("word ", maxTerms) + strings.Repeat("other", 20000)
	if _, err := x.Search(ctx, Query{Text: long}); err != nil {
		t.Errorf("long question: %v", err)
	}
	if hits, _ := x.Search(ctx, Query{Text: "Syria", Limit: 2}); len(hits) != 2 {
		t.Errorf("limit 2: %d hits", len(hits))
	}
}

func TestStatements(t *testing.T) {
	x, _ := buildSnapshot(t, statementDocs())
	ctx := context.Background()
	lavrov := []string{"Lavrov", "Sergey Lavrov"}
	hits, err := x.Statements(ctx, lavrov, corpus.Date{}, corpus.Date{})
	if err != nil {
		t.Fatal(err)
	}
	// By citation date, undated last: May 2016, 3 June 2016, undated.
	if got, want := ids(hits), []string{"b.txt#0", "a.txt#0", "c.txt#0"}; !slices.Equal(got, want) {
		t.Errorf("statements %v, want %v", got, want)
	}
	viaSearch, err := x.Search(ctx, Query{Speakers: lavrov})
	if err != nil || !slices.Equal(viaSearch, hits) {
		t.Errorf("Search with speakers only: %v, %v", ids(viaSearch), err)
	}
	if hits, _ := x.Statements(ctx, nil, corpus.Date{}, corpus.Date{}); hits != nil {
		t.Errorf("no speakers: %v", ids(hits))
	}
	since, _ := x.Statements(ctx, lavrov, corpus.Date{Year: 2016, Month: 6}, corpus.Date{})
	if got := ids(since); !slices.Equal(got, []string{"a.txt#0"}) {
		t.Errorf("since June: %v", got)
	}
}

func TestSentence(t *testing.T) {
	x, _ := buildSnapshot(t, statementDocs())
	ctx := context.Background()
	h, ok, err := x.Sentence(ctx, "a.txt", 1)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := Hit{Doc: "a.txt", Source: "a.txt", Title: "Talks", Text: "“The ceasefire in Syria holds,” Kerry said.",
		Speaker: "John Kerry", Sentence: 1, Start: 100, End: 100 + len("“The ceasefire in Syria holds,” Kerry said."),
		Kind: corpus.Body, Date: corpus.Date{Year: 2016, Month: 6, Day: 4}, Quote: true, Para: 1}
	if h != want {
		t.Errorf("got  %+v\nwant %+v", h, want)
	}
	h, _, _ = x.Sentence(ctx, "a.txt", 0)
	if h.Said != (corpus.Date{Year: 2016, Month: 6, Day: 3}) || h.Cited() != h.Said {
		t.Errorf("said date: %+v", h)
	}
	h, _, _ = x.Sentence(ctx, "b.txt", 0)
	if h.Title != "May news" || h.Date != (corpus.Date{Year: 2016, Month: 5}) || h.Kind != corpus.Body {
		t.Errorf("piece title and date: %+v", h)
	}
	h, _, _ = x.Sentence(ctx, "b.txt", 1)
	if h.Kind != corpus.Headline || !h.Date.IsZero() || h.Title != "Undated part" {
		t.Errorf("undated headline: %+v", h)
	}
	for _, n := range []int{2, 4, -1} {
		if _, ok, err := x.Sentence(ctx, "a.txt", n); ok || err != nil {
			t.Errorf("sentence %d: found %v, %v", n, ok, err)
		}
	}
	if _, ok, _ := x.Sentence(ctx, "nope.txt", 0); ok {
		t.Error("sentence of an unknown document found")
	}
}

// TestSearchTies checks that ties at the cut are broken by id, both when the
// tie fits in the extra hits fetched and when it runs past them.
func TestSearchTies(t *testing.T) {
	for _, copies := range []int{3, 8, tieSlack + 20} {
		var docs []*corpus.Document
		// Distinct documents carrying the same sentence, indexed in reverse
		// id order so that internal order and id order disagree.
		for i := copies - 1; i >= 0; i-- {
			d := &corpus.Document{ID: "copy" + strings.Repeat("0", 3-len(strconv.Itoa(i))) + strconv.Itoa(i), Pieces: []corpus.Piece{{}}}
			d.Sentences = []corpus.Sentence{{Text: "The ceasefire holds in Aleppo."}}
			docs = append(docs, d)
		}
		docs = append(docs, &corpus.Document{ID: "zz", Pieces: []corpus.Piece{{}}, Sentences: []corpus.Sentence{{Text: "Aleppo ceasefire ceasefire."}}})
		x, _ := buildSnapshot(t, docs)
		hits, err := x.Search(context.Background(), Query{Text: "ceasefire Aleppo", Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(hits)
		want := []string{"zz#0", "copy000#0", "copy001#0"}
		if !slices.Equal(got, want) {
			t.Errorf("%d copies: %v, want %v", copies, got, want)
		}
	}
}
