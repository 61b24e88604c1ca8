package corpus

import (
	"context"
	"testing"
)

// The fixtures in testdata/site are pages of the kinds scrapers save, written for
// these tests: nothing in them comes from the team corpus.
func TestLoadFixtures(t *testing.T) {
	c, err := Load(context.Background(), "testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 0 {
		t.Errorf("skipped %v", c.Skipped)
	}
	docs := map[string]*Document{}
	for _, d := range c.Docs {
		docs[d.ID] = d
		checkOffsets(t, d.Text, d.Sentences)
	}
	tests := []struct {
		doc, title, date string
		kinds            map[string]Kind
		pieceDates       map[string]string
	}{
		{
			doc: "blogspot-post.txt", title: "Ferry fares to rise in April", date: "2021-03-09",
			kinds: map[string]Kind{
				"Harbour Notes":                       Headline,
				"Ferry fares to rise in April":        Headline,
				"The island ferry company will raise": Body,
				"Mr. Alvarez told reporters.":         Body,
				"Posted by Harbour Notes":             Furniture,
				"Labels: ferries":                     Furniture,
				"3 comments:":                         Comment,
				"Another rise?":                       Comment,
				"March 10, 2021 at 7:15 AM":           Comment,
				"Newer Post Older Post Home":          Comment,
			},
		},
		{
			doc: "news-article.md", title: "Grain exports resume", date: "2022-08-01",
			kinds: map[string]Kind{
				"Grain exports resume from southern ports": Headline,
				"Image caption:":                          Furniture,
				"Share this article":                      Furniture,
				"Advertisement":                           Furniture,
				"Grain shipments resumed on Monday":       Body,
				"The first ships left at 6 a.m. Two more": Body,
				"Dr. Ines Moreau of the U.N. food agency": Body,
				"Related articles":                        Furniture,
				"Wheat prices hit a five-year low":        Furniture,
				"What the grain deal means for importers": Furniture,
			},
		},
		{
			doc: "wire.jsonl#w1", title: "Talks resume", date: "2016-06-04",
			kinds: map[string]Kind{"MOSCOW, June 4, 2016 (Reuters) - Talks resumed": Body},
		},
		{
			doc: "wire.jsonl#w2", title: "Markets steady", date: "2016-06-05",
			kinds: map[string]Kind{"Markets steady": Headline, "Dealers said volumes were thin.": Body},
		},
		{doc: "wire.jsonl#w3", title: "", date: ""},
	}
	for _, tt := range tests {
		d := docs[tt.doc]
		if d == nil {
			t.Errorf("no document %s", tt.doc)
			continue
		}
		if d.Title != tt.title || d.Date.String() != tt.date {
			t.Errorf("%s: title %q date %q, want %q %q", tt.doc, d.Title, d.Date, tt.title, tt.date)
		}
		for sub, k := range tt.kinds {
			if got := kindOf(t, d, sub); got != k {
				t.Errorf("%s: %q is %v, want %v", tt.doc, sub, got, k)
			}
		}
		for _, p := range d.Pieces {
			if p.Date != d.Date {
				t.Errorf("%s: piece dated %s, document %s", tt.doc, p.Date, d.Date)
			}
		}
	}
	if d := docs["news-article.md"]; d.URL != "https://news.example.org/grain" || d.Outlet != "Example News" || d.Author != "R. Lee" {
		t.Errorf("news-article.md metadata: %+v", d)
	}
}
