package corpus

import (
	"context"
	"strings"
	"testing"
)

func TestNearSame(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Ferry Operator Cancels Evening Sailings", "- ferry operator cancels evening sailings!", true},
		{"Árpád Kovács: Union Will Not Back Down", "Arpad Kovacs: Union Will Not Back Down", true},
		{"Port Strike Enters Third Day; Minister Calls For “Calm”", "Port strike enters third day – minister calls for calm", true},
		// One word in five may change between the list and the story.
		{"Rebels Reclaim Hilltop From Regime in Northern Province", "Rebels Reclaim Mountain From Regime in Northern Province", true},
		{"Why the Harbour Matters to the Region's Economy", "Why the Harbour Matters to the Whole Region's Economy", true},
		{"Rebels Reclaim Hilltop From Regime", "Rebels Reclaim Mountain From Regime", false},
		{"Rebels Reclaim Hilltop From Army in Northern Province", "Rebels Lose Mountain To Regime in Northern Province", false},
		{"Storms close schools", "Storms close schools across the coast", false},
		{"Central Bank Holds Rates Steady", "Central Bank Raises Rates", false},
		{"Central Bank Raises Rates Again", "Central Bank Lowers Rates Again", false},
	}
	for _, tt := range tests {
		if got := nearSame(tocWords(tt.a), tocWords(tt.b)); got != tt.want {
			t.Errorf("nearSame(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := nearSame(tocWords(tt.b), tocWords(tt.a)); got != tt.want {
			t.Errorf("nearSame(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestIsWireTrailer(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"MORE", true},
		{"(MORE)", true},
		{"-30-", true},
		{"ENDS", true},
		{"REUTER", true},
		{"REUTERS", true},
		{"AFP", true},
		{"REUTER N", true}, // a desk code after the signature
		{"REUITER", true},  // typed with one letter too many,
		{"REUTE", true},    // one too few,
		{"RUETER", false},  // but two letters swapped is two edits
		{"More", false},    // only capitals: "More" is a word of text
		{"Reuters", false}, // a credit, not a trailer
		{"QUIET", false},   // the last line of a market report
		{"MORE TO COME", false},
		{"NICKEL 2345 2365", false},
		{"MORE ON PAGE 4", false},
	}
	for _, tt := range tests {
		if got := isWireTrailer(fold(tt.line)); got != tt.want {
			t.Errorf("isWireTrailer(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// The fixtures in testdata/toc are pages written for these tests: a live blog
// whose table of contents lists its stories, a round-up whose list follows its
// own headline, a newsletter that opens with its list, an article with key points
// that never come back as headings, and wire copy with trailers.
func TestCompilationFixtures(t *testing.T) {
	c, err := Load(context.Background(), "testdata/toc")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*Document{}
	for _, d := range c.Docs {
		docs[d.ID] = d
	}
	type piece struct{ title, date string }
	tests := []struct {
		doc, title, date string
		pieces           []piece
		// kinds of the first sentence holding each string: for a teaser, the list line.
		kinds map[string]Kind
		// which piece the first sentence holding each string belongs to
		in map[string]int
	}{
		{
			doc: "liveblog.txt", title: "", date: "2021-03-03",
			pieces: []piece{
				{"", ""},
				{"Port strike enters third day; minister calls for calm", ""},
				{"Ferry Operator Cancels Evening Sailings", "2021-03-03"},
				{"Arpad Kovacs: Union Will Not Back Down", ""},
				{"Analysis: Why the Harbour Matters to the Whole Region's Economy", ""},
			},
			kinds: map[string]Kind{
				"Photo: Dockers":                 Furniture,
				"TODAY":                          Furniture,
				"Port Strike Enters Third Day":   Furniture,
				"Ferry Operator Cancels":         Furniture,
				"Árpád Kovács: Union":            Furniture,
				"Analysis: Why the Harbour":      Furniture,
				"WEEKEND READING":                Furniture,
				"A Short History of the":         Furniture, // teasers that never come back
				"Ten Walks Along the Old Canal":  Furniture,
				"Port strike enters third day":   Headline,
				"The harbour authority said":     Body,
				"Nobody wins a long strike":      Body,
				"Wednesday, March 3, 2021":       Headline,
				"told a rally that members":      Body,
				"The harbour handles a third of": Body,
			},
			in: map[string]int{
				"The harbour authority said":       0,
				"Shipping agents said":             0,
				"The transport minister urged":     1,
				"Union leaders said they would":    1,
				"The ferry operator cancelled all": 2,
				"The union leader":                 3,
				"The harbour handles":              4,
			},
		},
		{
			doc: "roundup.md", title: "Morning Briefing: Storms, Rates and a Record",
			pieces: []piece{
				{"Morning Briefing: Storms, Rates and a Record", ""},
				{"Storms Close Schools Across the Coast", ""},
				{"Central Bank Holds Rates Steady", ""},
				{"Runner Breaks Marathon Record in Rain", ""},
			},
			kinds: map[string]Kind{
				"Morning Briefing: Storms":   Headline, // the page's headline stands above its list
				"Storms Close Schools":       Furniture,
				"Runner Breaks Marathon":     Furniture,
				"Schools along the coast":    Body,
				"More from Morning Briefing": Furniture,
			},
			in: map[string]int{"Schools along the coast": 1, "inflation was easing": 2, "course record": 3},
		},
		{
			// The list runs straight into the first story, and comes again at the foot.
			doc: "stories-only.txt", title: "Council Approves New Bus Lanes",
			pieces: []piece{
				{"Council Approves New Bus Lanes", ""},
				{"Library Extends Opening Hours", ""},
			},
			kinds: map[string]Kind{"IN THIS ISSUE": Furniture, "Council Approves": Furniture, "The council voted": Body},
			in:    map[string]int{"The council voted": 0, "The central library": 1},
		},
		{
			// Key points that never come back, and a headline repeated once: no compilation.
			doc: "key-points.txt", title: "Drought Deepens in the South",
			pieces: []piece{{"Drought Deepens in the South", ""}},
			kinds: map[string]Kind{
				"Key points":                   Headline,
				"Reservoirs are at a third":    Headline,
				"Reservoirs in the south held": Body,
			},
		},
		{
			doc: "wire.jsonl#take1", title: "PAPER SAYS TALKS TO RESUME",
			pieces: []piece{{"", ""}},
			kinds:  map[string]Kind{"MORE": Furniture, "It cited officials": Body},
		},
		{
			doc: "wire.jsonl#signed", title: "COPPER OUTPUT RISES",
			pieces: []piece{{"", ""}},
			kinds:  map[string]Kind{"REUTER N": Furniture},
		},
		{
			doc: "wire.jsonl#typo", title: "SUGAR TENDER SET",
			pieces: []piece{{"", ""}},
			kinds:  map[string]Kind{"REUITER": Furniture},
		},
		{
			doc: "wire.jsonl#report", title: "GOLD FIXING",
			pieces: []piece{{"", ""}},
			kinds:  map[string]Kind{"QUIET": Headline},
		},
		{
			doc: "wire.jsonl#more", title: "One More",
			pieces: []piece{{"", ""}},
			kinds:  map[string]Kind{"More": Headline},
		},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			d := docs[tt.doc]
			if d == nil {
				t.Fatalf("no document %s", tt.doc)
			}
			checkOffsets(t, d.Text, d.Sentences)
			if d.Title != tt.title || d.Date.String() != tt.date {
				t.Errorf("document %q %q, want %q %q", d.Title, d.Date, tt.title, tt.date)
			}
			if len(d.Pieces) != len(tt.pieces) {
				t.Fatalf("%d pieces, want %d: %+v", len(d.Pieces), len(tt.pieces), d.Pieces)
			}
			for i, w := range tt.pieces {
				p := d.Pieces[i]
				if p.Title != w.title || p.Date.String() != w.date {
					t.Errorf("piece %d: %q %q, want %q %q", i, p.Title, p.Date, w.title, w.date)
				}
				if i > 0 && !strings.HasPrefix(d.Text[p.Start:], w.title) {
					t.Errorf("piece %d does not start at its heading: %.40q", i, d.Text[p.Start:])
				}
			}
			for sub, k := range tt.kinds {
				if got := kindOf(t, d, sub); got != k {
					t.Errorf("%q is %v, want %v", sub, got, k)
				}
			}
			for sub, n := range tt.in {
				if s := sentenceWith(t, d, sub); s.Piece != n {
					t.Errorf("%q in piece %d, want %d", sub, s.Piece, n)
				}
			}
			// A piece opened by a heading holds it as its first searchable sentence.
			for i, p := range d.Pieces {
				if i == 0 || p.Title == "" {
					continue
				}
				for _, s := range d.Sentences {
					if s.Piece == i {
						if s.Text != p.Title || s.Kind != Headline {
							t.Errorf("piece %d opens with %v %q", i, s.Kind, s.Text)
						}
						break
					}
				}
			}
		})
	}
}

// 000 is a live blog: a photo caption, a "LATEST" list of teasers, a "FRIDAY
// FEATURES" list of links to other articles, an untitled lead story, and then one
// story under each teaser of the LATEST list.
func TestCompilationLiveBlog(t *testing.T) {
	d := loadCorpus(t)["000_a3c09a034ca9f054.txt"]
	const lavrov = "Lavrov: Turkey “Crossed Line”; Erdogan: Russia “Playing With Fire”"
	wantPieces := []string{
		"",
		lavrov,
		"Russia Displays S-400 Anti-Aircraft Missile Systems",
		"Erdoğan: Turkey Has Not Bought Oil from ISIS",
		"Video: Rebels Reclaim Mountain From Regime in Northern Latakia Province",
	}
	if len(d.Pieces) != len(wantPieces) {
		t.Fatalf("%d pieces, want %d: %+v", len(d.Pieces), len(wantPieces), d.Pieces)
	}
	for i, w := range wantPieces {
		if p := d.Pieces[i]; p.Title != w || !p.Date.IsZero() {
			t.Errorf("piece %d: %q %s, want %q undated", i, p.Title, p.Date, w)
		}
	}
	// No line of the page titles it: the lead story has no headline, and every
	// line above it is a caption, a label or a teaser.
	if d.Title != "" {
		t.Errorf("title %q, want none", d.Title)
	}
	tests := []struct{ sub, title string }{
		{"Russian Foreign Minister Sergei Lavrov said on Friday", lavrov},
		{"risks putting Turkey in a most severe situation", lavrov},
		{"Moscow has played up the deployment of the S-400s", wantPieces[2]},
		{"those who claim we buy oil from Daesh", wantPieces[3]},
		{"Rebels recaptured the Zahia mountain", wantPieces[4]},
		{"France and Russia have agreed to coordinate airstrikes", ""},
	}
	for _, tt := range tests {
		if s := sentenceWith(t, d, tt.sub); d.Pieces[s.Piece].Title != tt.title {
			t.Errorf("%q is in piece %q, want %q", tt.sub, d.Pieces[s.Piece].Title, tt.title)
		}
	}
	// Everything above the lead story is navigation; each teaser of LATEST comes
	// back once below as the Headline of its story.
	lead := sentenceWith(t, d, "France and Russia have agreed")
	headings := map[string]int{}
	for _, s := range d.Sentences {
		switch {
		case s.Start < lead.Start && s.Kind != Furniture:
			t.Errorf("%v %q above the lead story, want Furniture", s.Kind, s.Text)
		case s.Start > lead.Start && s.Kind == Headline:
			headings[s.Text]++
		}
	}
	for _, w := range wantPieces[1:] {
		if headings[w] != 1 {
			t.Errorf("heading %q seen %d times as Headline, want 1", w, headings[w])
		}
	}
	for _, sub := range []string{"LATEST", "FRIDAY FEATURES", "Iran Propaganda Feature", "Kurds Clash With Rebels in North", "Rebels Reclaim Hilltop"} {
		if k := kindOf(t, d, sub); k != Furniture {
			t.Errorf("%q is %v, want Furniture", sub, k)
		}
	}
}
