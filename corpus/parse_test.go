package corpus

import (
	"context"
	"strings"
	"testing"
)

// loadCorpus loads the team corpus and returns its documents by file name.
func loadCorpus(t testing.TB) map[string]*Document {
	t.Helper()
	c, err := Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 0 {
		t.Errorf("skipped: %v", c.Skipped)
	}
	docs := map[string]*Document{}
	for _, d := range c.Docs {
		docs[d.ID] = d
	}
	return docs
}

// sentenceWith returns the sentence of d containing sub.
func sentenceWith(t *testing.T, d *Document, sub string) Sentence {
	t.Helper()
	for _, s := range d.Sentences {
		if strings.Contains(s.Text, sub) {
			return s
		}
	}
	t.Fatalf("%s: no sentence contains %q", d.ID, sub)
	return Sentence{}
}

func TestPiecesCompilation(t *testing.T) {
	d := loadCorpus(t)["003_14aab2ef61291580.txt"]
	wantPieces := []struct{ date, title string }{
		{"2016-06-05", "Russia prepares to return to Syria in response to US double-cross"},
		{"2016-06-04", "US asks Russia not to target Al-Qaeda branch in Syria – Russian FM Lavrov"},
		{"2016-06-03", "Why Moscow is preparing to return to Syria"},
		{"2016-06-04", "Syria: The U.S. Is Unwilling To Settle - Russia Returns For Another Round"},
	}
	if len(d.Pieces) != len(wantPieces) {
		t.Fatalf("%d pieces, want %d: %+v", len(d.Pieces), len(wantPieces), d.Pieces)
	}
	for i, w := range wantPieces {
		p := d.Pieces[i]
		if p.Date.String() != w.date || p.Title != w.title {
			t.Errorf("piece %d: %s %q, want %s %q", i, p.Date, p.Title, w.date, w.title)
		}
		if i > 0 && p.Start != d.Pieces[i-1].End {
			t.Errorf("piece %d starts at %d, previous ends at %d", i, p.Start, d.Pieces[i-1].End)
		}
		if !strings.HasPrefix(d.Text[p.Start:], w.title) && i > 0 {
			t.Errorf("piece %d does not start at its headline: %.40q", i, d.Text[p.Start:])
		}
	}
	if d.Pieces[0].Start != 0 || d.Pieces[len(d.Pieces)-1].End != len(d.Text) {
		t.Errorf("pieces do not cover the text")
	}
	if d.Date.String() != "2016-06-05" || d.Title != wantPieces[0].title {
		t.Errorf("document: %s %q", d.Date, d.Title)
	}
	tests := []struct{ sub, date string }{
		{"Sunday, 5 June 2016", "2016-06-05"},
		{"Once again Washington plays the double game", "2016-06-05"},
		{"One has to ask when Moscow will get the message.", "2016-06-05"},
		{"Washington has asked Moscow not to conduct airstrikes against al-Nusra Front", "2016-06-04"},
		{"They [the US] are telling us not to hit it [al-Nusra Front]", "2016-06-04"},
		{"Lavrov also said that the political process in Syria is being held back", "2016-06-04"},
		{"There have been indications recently that the Russians are preparing", "2016-06-03"},
		{"In an interview published May 31", "2016-06-03"}, // a date in a sentence dates nothing
		{"The Obama administration does not want peace in Syria.", "2016-06-04"},
		{"Lavrov expressed concern about attempts to delay", "2016-06-04"},
	}
	for _, tt := range tests {
		s := sentenceWith(t, d, tt.sub)
		if got := d.Pieces[s.Piece].Date.String(); got != tt.date {
			t.Errorf("%q is in piece %d dated %s, want %s", tt.sub, s.Piece, got, tt.date)
		}
	}
}

func TestUndatedFiles(t *testing.T) {
	// 000, 001 and 004 write no absolute date at all ("on September 30", "November 24th"
	// have no year). 002's only full dates ("September 2, 2019") head reader comments:
	// they say when readers wrote, not when the article appeared, so 002 is undated too.
	// 000 is a live blog of five stories (TestCompilationLiveBlog), each undated.
	docs := loadCorpus(t)
	wantPieces := map[string]int{"000_a3c09a034ca9f054.txt": 5, "001_f34b10babda26aab.txt": 1, "002_854b382278fc582c.txt": 1, "004_50bc96e38ec6e41a.txt": 1}
	for name, n := range wantPieces {
		d := docs[name]
		if !d.Date.IsZero() {
			t.Errorf("%s dated %s, want undated", name, d.Date)
		}
		for i, p := range d.Pieces {
			if !p.Date.IsZero() {
				t.Errorf("%s piece %d dated %s", name, i, p.Date)
			}
		}
		if len(d.Pieces) != n {
			t.Errorf("%s: %d pieces, want %d", name, len(d.Pieces), n)
		}
	}
}

func TestTitles(t *testing.T) {
	docs := loadCorpus(t)
	want := map[string]string{
		"001_f34b10babda26aab.txt": "Obama, Putin huddle on sidelines of Paris climate talks",
		"002_854b382278fc582c.txt": "Putin treats Erdogan to ice cream in Moscow as Idlib is discussed (Video)",
		"003_14aab2ef61291580.txt": "Russia prepares to return to Syria in response to US double-cross",
		"004_50bc96e38ec6e41a.txt": "Turkish-Russian Relations: Erdogan, Putin Discuss Attack on Turkish Soldiers in Syria",
	}
	for name, title := range want {
		if got := docs[name].Title; got != title {
			t.Errorf("%s: title %q, want %q", name, got, title)
		}
	}
	// 000 opens with a photo caption, section labels and teasers for its own
	// stories and for other articles, then a lead story without a headline: no
	// line titles the page, so it has none rather than a wrong one.
	if got := docs["000_a3c09a034ca9f054.txt"].Title; got != "" {
		t.Errorf("000: title %q, want none", got)
	}
}

func TestParseMetadataWins(t *testing.T) {
	text := "A headline in the text\n\n4 June, 2016\n\nBody sentence here."
	d := &Document{ID: "x.txt", Text: text, Title: "Metadata title", Date: Date{2020, 1, 2}}
	Parse(d)
	if d.Title != "Metadata title" || d.Date.String() != "2020-01-02" {
		t.Errorf("document %q %s: metadata lost", d.Title, d.Date)
	}
	// The dateline still dates its own piece.
	if len(d.Pieces) != 1 || d.Pieces[0].Date.String() != "2016-06-04" {
		t.Errorf("pieces %+v", d.Pieces)
	}
	undated := &Document{ID: "y.txt", Text: "Headline\n\nBody sentence.", Date: Date{2020, 1, 0}}
	Parse(undated)
	if undated.Pieces[0].Date.String() != "2020-01" {
		t.Errorf("piece without a dateline should take the document date, got %s", undated.Pieces[0].Date)
	}
}

func TestParseGeneralCompilation(t *testing.T) {
	text := "Weekly digest\n\n" +
		"Ministers agree on grain deal\n\nPosted on March 3, 2021\n\nThe ministers agreed on a deal. It covers grain.\n\n" +
		"Talks stall in Geneva\nDelegates left without a statement.\n\nBy Ana Ruiz\n\nMarch 5, 2021\n\nThe talks stalled again. Nobody spoke.\n\n" +
		"Comments\n\nReply\n\nMarch 6, 2021\n\nNice digest."
	d := &Document{ID: "digest.md", Text: text}
	Parse(d)
	if len(d.Pieces) != 2 {
		t.Fatalf("pieces %+v", d.Pieces)
	}
	tests := []struct{ sub, date string }{
		{"Weekly digest", "2021-03-03"},
		{"The ministers agreed on a deal.", "2021-03-03"},
		{"Talks stall in Geneva", "2021-03-05"},
		{"Delegates left without a statement.", "2021-03-05"},
		{"Nobody spoke.", "2021-03-05"},
		{"Nice digest.", "2021-03-05"}, // a comment, its date line dates nothing
	}
	for _, tt := range tests {
		s := sentenceWith(t, d, tt.sub)
		if got := d.Pieces[s.Piece].Date.String(); got != tt.date {
			t.Errorf("%q dated %s, want %s", tt.sub, got, tt.date)
		}
	}
	if d.Pieces[1].Title != "Talks stall in Geneva" {
		t.Errorf("piece title %q", d.Pieces[1].Title)
	}
	if k := kindOf(t, d, "Nice digest."); k != Comment {
		t.Errorf("comment is %v", k)
	}
}

func TestParseIdempotent(t *testing.T) {
	d := loadCorpus(t)["003_14aab2ef61291580.txt"]
	n, p := len(d.Sentences), len(d.Pieces)
	Parse(d)
	if len(d.Sentences) != n || len(d.Pieces) != p {
		t.Errorf("second Parse: %d sentences %d pieces, want %d %d", len(d.Sentences), len(d.Pieces), n, p)
	}
}

func TestOffsetsRealFiles(t *testing.T) {
	files := realFiles(t)
	for name, d := range loadCorpus(t) {
		if d.Text != files[name] {
			t.Errorf("%s: Text is not the file's bytes", name)
		}
		checkOffsets(t, d.Text, d.Sentences)
		for i, s := range d.Sentences {
			if s.Piece < 0 || s.Piece >= len(d.Pieces) {
				t.Fatalf("%s sentence %d: piece %d of %d", name, i, s.Piece, len(d.Pieces))
			}
			p := d.Pieces[s.Piece]
			if s.Start < p.Start || s.End > p.End {
				t.Errorf("%s sentence %d [%d,%d) outside its piece [%d,%d)", name, i, s.Start, s.End, p.Start, p.End)
			}
			if i > 0 && s.Para < d.Sentences[i-1].Para {
				t.Errorf("%s sentence %d: paragraph numbers go back", name, i)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add("Head\n\n4 June, 2016\n\nText.\n\nWhat do you think?\n\nNotify of\n\nMay 1, 2020\n\nx")
	f.Fuzz(func(t *testing.T, text string) {
		d := &Document{ID: "f.txt", Text: text}
		Parse(d)
		checkDocument(t, d)
	})
}

func TestDocumentDateFromLaterDateline(t *testing.T) {
	// A notice before the article's own headline and dateline: the notice stays
	// undated, the article is dated, and the document takes the article's date.
	text := "Site notice: this page is awaiting review by an editor.\n\nBridge reopens after repairs\n\nMonday, August 3, 2020\n\nThe bridge reopened on Monday."
	d := &Document{ID: "n.txt", Text: text}
	Parse(d)
	if len(d.Pieces) != 2 || !d.Pieces[0].Date.IsZero() || d.Pieces[1].Date.String() != "2020-08-03" {
		t.Fatalf("pieces %+v", d.Pieces)
	}
	if d.Date.String() != "2020-08-03" {
		t.Errorf("document date %s", d.Date)
	}
	if s := sentenceWith(t, d, "The bridge reopened"); s.Piece != 1 {
		t.Errorf("body in piece %d", s.Piece)
	}
}
