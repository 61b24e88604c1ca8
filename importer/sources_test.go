package importer

import (
	"context"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

func TestBBC(t *testing.T) {
	got, order, st := collect(t, BBC, "testdata/bbc")
	text := "Quarterly profits at TimeWarner jumped 76% to $1.13bn (£600m).\n\nThe firm said sales rose 2%."
	want := []Article{
		{ID: "bbc/business/001", Title: "Ad sales boost Time Warner profit", Text: text, Outlet: "BBC News"},
		{ID: "bbc/business/002", Title: "Ad sales boost Time Warner profit", Text: text, Outlet: "BBC News"},
		{ID: "bbc/sport/001", Title: "Chelsea sack Mutu", Text: "Mutu, a £15.8m signing, was sacked.", Outlet: "BBC News"},
	}
	if strings.Join(order, " ") != "bbc/business/001 bbc/business/002 bbc/sport/001" {
		t.Fatalf("articles %v", order)
	}
	for _, w := range want {
		if g := got[w.ID]; g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	if st.Duplicates != 1 {
		t.Errorf("duplicates %d, want 1", st.Duplicates)
	}
	if len(st.Repaired) != 1 || st.Repaired[0].Item != "sport/001.txt" {
		t.Errorf("repaired %v, want sport/001.txt", st.Repaired)
	}
	if len(st.Skipped) != 1 || st.Skipped[0] != (Note{"tech/001.txt", "no text after the headline"}) {
		t.Errorf("skipped %v, want tech/001.txt without text", st.Skipped)
	}
	if st.Read != 4 || st.Articles != 3 {
		t.Errorf("read %d articles %d, want 4 3 (README.TXT is not an article)", st.Read, st.Articles)
	}
}

func TestWikinews(t *testing.T) {
	got, order, st := collect(t, Wikinews, "testdata/wikinews")
	want := []Article{
		{
			ID:    "wikinews/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
			Title: "Magnitogorsk apartment building collapses after explosion, dozens dead",
			Text: "Friday, January 4, 2019 \n\n\nAn apartment building collapsed on Monday in Magnitogorsk. " +
				"Officials spoke of \"presumably between 36 and 40 people under the rubble\".\n\n\n" +
				"Search and rescue was suspended on Tuesday.",
			Date:   "2019-01-04",
			URL:    "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
			Outlet: "Wikinews",
		},
		{
			ID: "wikinews/Russia's_Navalny_airlifted_to_Germany", Title: "Russia's Navalny airlifted to Germany",
			Text: "Alexei Navalny was flown to Berlin, his aides said.", Date: "2020-08-22",
			URL: "https://en.wikinews.org/wiki/Russia%27s_Navalny_airlifted_to_Germany", Outlet: "Wikinews",
		},
		{
			ID: "wikinews/Arrest_made_as_mayor_of_Gdańsk_stabbed", Title: "Arrest made as mayor of Gdańsk stabbed",
			Text: "Paweł Adamowicz was stabbed on stage.",
			URL:  "https://en.wikinews.org/wiki/Arrest_made_as_mayor_of_Gda%C5%84sk_stabbed", Outlet: "Wikinews",
		},
	}
	if len(order) != len(want) {
		t.Fatalf("articles %v, want %d", order, len(want))
	}
	for i, w := range want {
		if order[i] != w.ID {
			t.Errorf("article %d is %s, want %s", i, order[i], w.ID)
		}
		if g := got[w.ID]; g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	wantSkipped := []Note{{"sample.csv line 10", "test page"}, {"zz-broken.csv line 2", "malformed CSV row"}}
	if len(st.Skipped) != len(wantSkipped) {
		t.Fatalf("skipped %v, want %v", st.Skipped, wantSkipped)
	}
	for i, w := range wantSkipped {
		if st.Skipped[i] != w {
			t.Errorf("skip %d = %v, want %v", i, st.Skipped[i], w)
		}
	}
	if len(st.Repaired) != 1 || st.Repaired[0].Reason != "date not YYYY-MM-DD: left undated" {
		t.Errorf("repaired %v, want the undated row", st.Repaired)
	}
	if st.Files != 2 || st.Read != 5 {
		t.Errorf("files %d read %d, want 2 5", st.Files, st.Read)
	}
}

func TestSQuAD(t *testing.T) {
	got, order, st := collect(t, SQuAD, "testdata/squad/tiny.json")
	if strings.Join(order, " ") != "squad/0/0 squad/1/1" {
		t.Fatalf("articles %v", order)
	}
	w := Article{ID: "squad/0/0", Title: "Café Müller", Text: "Café Müller — 😀 opened in 1888 in Köln.",
		URL: "https://en.wikipedia.org/wiki/Caf%C3%A9_M%C3%BCller", Outlet: "Wikipedia"}
	if got[w.ID] != w {
		t.Errorf("got %+v\nwant %+v", got[w.ID], w)
	}
	if got["squad/1/1"].Title != "Rhine" || st.Read != 3 || len(st.Skipped) != 1 {
		t.Errorf("second article %+v, read %d, skipped %v", got["squad/1/1"], st.Read, st.Skipped)
	}

	qs, notes, err := SQuADQuestions(context.Background(), "testdata/squad/tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for id, a := range got {
		texts[id] = a.Text
	}
	// Byte offsets: "Café Müller — 😀 " is 16 code points but 23 bytes, so "1888" at code
	// point 26 starts at byte 33.
	want := []Question{
		{ID: "q1", Question: "When did it open?", Article: "squad/0/0", Answers: []Answer{{"1888", 33, 37}}},
		{ID: "q2", Question: "Where?", Article: "squad/0/0", Answers: []Answer{{"Köln", 41, 46}, {"in Köln", 38, 46}}},
		{ID: "q3", Question: "Which city?", Article: "squad/1/1", Answers: []Answer{{"Basel", 59, 64}}},
		{ID: "q5", Question: "Half broken?", Article: "squad/1/1", Answers: []Answer{{"Rhine", 32, 37}}},
	}
	if len(qs) != len(want) {
		t.Fatalf("questions %+v, want %d", qs, len(want))
	}
	for i, w := range want {
		q := qs[i]
		if q.ID != w.ID || q.Question != w.Question || q.Article != w.Article || len(q.Answers) != len(w.Answers) {
			t.Errorf("question %d = %+v, want %+v", i, q, w)
			continue
		}
		for j, a := range w.Answers {
			if q.Answers[j] != a {
				t.Errorf("%s answer %d = %+v, want %+v", q.ID, j, q.Answers[j], a)
			}
			if s := texts[q.Article][a.Start:a.End]; s != a.Text {
				t.Errorf("%s answer %d: text[%d:%d] = %q, want %q", q.ID, j, a.Start, a.End, s, a.Text)
			}
		}
	}
	wantNotes := []Note{
		{"q4", "answer_start does not point at the answer text"},
		{"q4", "question without a located answer"},
		{"q5", "answer_start does not point at the answer text"},
	}
	if len(notes) != len(wantNotes) {
		t.Fatalf("notes %v, want %v", notes, wantNotes)
	}
	for i := range wantNotes {
		if notes[i] != wantNotes[i] {
			t.Errorf("note %d = %v, want %v", i, notes[i], wantNotes[i])
		}
	}
}

func TestSourceErrors(t *testing.T) {
	ctx := context.Background()
	emit := func(Article) error { return nil }
	for _, c := range []struct {
		name string
		run  func() error
		want string
	}{
		{"missing folder", func() error { _, err := Reuters(ctx, "testdata/nope", emit); return err }, "no such file"},
		{"no sgm files", func() error { _, err := Reuters(ctx, "testdata/bbc", emit); return err }, "no .sgm files"},
		{"no bbc files", func() error { _, err := BBC(ctx, "testdata/reuters", emit); return err }, "no NNN.txt"},
		{"no csv files", func() error { _, err := Wikinews(ctx, "testdata/bbc", emit); return err }, "no .csv files"},
		{"squad folder", func() error { _, err := SQuAD(ctx, "testdata/squad", emit); return err }, "is a folder"},
		{"squad not json", func() error { _, err := SQuAD(ctx, "testdata/wikinews/sample.csv", emit); return err }, "not SQuAD JSON"},
		{"squad no data", func() error { _, _, err := SQuADQuestions(ctx, "testdata/empty.json"); return err }, "no \"data\""},
		{"unknown source", func() error { _, err := Read(ctx, "ap", "testdata", emit); return err }, `unknown source "ap"`},
		{"emit error stops", func() error {
			_, err := BBC(ctx, "testdata/bbc", func(Article) error { return context.Canceled })
			return err
		}, "context canceled"},
	} {
		err := c.run()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestToUTF8(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		bad  int
	}{
		{"plain £ text", "plain £ text", 0},
		{"\xa315.8m", "£15.8m", 1},
		{"M\xfcller \x93quoted\x94", "Müller “quoted”", 3},
		{"\x81", "\ufffd", 1},
		{"ok \xe2\x82 cut", "ok â‚ cut", 2},
	} {
		got, bad := corpus.RepairUTF8([]byte(c.in))
		if got != c.want || bad != c.bad {
			t.Errorf("corpus.RepairUTF8(%q) = %q, %d; want %q, %d", c.in, got, bad, c.want, c.bad)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"  ", 0}, {"one", 1}, {" a  b\n\nc\t", 3}, {"Friday, 4\u00a0January", 3},
	} {
		if got := countWords(c.in); got != c.want {
			t.Errorf("countWords(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
