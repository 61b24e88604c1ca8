package importer

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The public datasets beside the repository (see ../../shared/data/*/README.md).
const realData = "../../shared/data/"

func needReal(t testing.TB, path string) string {
	t.Helper()
	p := realData + path
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data absent: %v", err)
	}
	return p
}

// checkArticle holds for every article of every source.
func checkArticle(t *testing.T, a Article, datePrefix string) {
	t.Helper()
	switch {
	case a.ID == "" || strings.TrimSpace(a.Text) == "":
		t.Errorf("article without id or text: %+v", a)
	case !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title):
		t.Errorf("%s: invalid UTF-8", a.ID)
	case strings.ContainsFunc(a.Text+a.Title, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }):
		t.Errorf("%s: control character in %q", a.ID, a.Text)
	case !strings.HasPrefix(a.Date, datePrefix) || (a.Date != "" && len(a.Date) != len("2006-01-02")):
		t.Errorf("%s: date %q, want %q...", a.ID, a.Date, datePrefix)
	}
}

func TestRealReuters(t *testing.T) {
	src := needReal(t, "reuters21578")
	untitled := 0
	got, _, st := collect(t, Reuters, src)
	for _, a := range got {
		checkArticle(t, a, "1987-")
		if strings.Contains(a.Text, "&lt;") || strings.Contains(a.Text, "&#") || strings.Contains(a.Text, "^M") {
			t.Errorf("%s: undecoded entity in %q", a.ID, a.Text)
		}
		if strings.HasSuffix(a.Text, "REUTER") || strings.HasSuffix(a.Text, "\nReuter") {
			t.Errorf("%s: signature kept: %q", a.ID, a.Text[max(0, len(a.Text)-40):])
		}
		if a.Title == "" {
			untitled++
		}
	}
	// README: 21,578 documents; 19,043 with BODY, 1,798 BRIEF (title only), 737 UNPROC,
	// one of which (NEWID 12793) holds nothing.
	skips := st.SkipCounts()
	if st.Files != 22 || st.Read != 21578 || st.Articles != 21578-1798-1 || len(got) != st.Articles ||
		skips["title only (TYPE=BRIEF)"] != 1798 || skips["no text"] != 1 || len(st.Skipped) != 1799 || untitled != 736 {
		t.Errorf("files %d, documents %d, articles %d (%d ids), untitled %d, skipped %v", st.Files, st.Read, st.Articles, len(got), untitled, skips)
	}
	if len(st.Repaired) != 1 || st.Repaired[0].Item != "reut2-017.sgm" {
		t.Errorf("repaired %v, want the 0xFC byte of reut2-017.sgm", st.Repaired)
	}
	if st.Words < 2_500_000 || st.Words > 2_900_000 {
		t.Errorf("%d words, README says about 2.7 million", st.Words)
	}
	if a := got["reuters-1"]; a.Title != "BAHIA COCOA REVIEW" || a.Date != "1987-02-26" ||
		!strings.HasPrefix(a.Text, "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, alleviating") ||
		!strings.Contains(a.Text, "review.\n\nThe dry period means the temporao will be late this year.\n\nArrivals") {
		t.Errorf("reuters-1 = %+v", a)
	}
	t.Log(st.Summary())
}

func TestRealBBC(t *testing.T) {
	src := needReal(t, "bbc-fulltext")
	got, _, st := collect(t, BBC, src)
	for _, a := range got {
		checkArticle(t, a, "")
		if a.Date != "" || a.Title == "" {
			t.Errorf("%s: date %q title %q", a.ID, a.Date, a.Title)
		}
	}
	if st.Articles != 2225 || len(st.Skipped) != 0 || st.Duplicates != 98 {
		t.Errorf("articles %d, duplicates %d, skipped %v; want 2225, 98, none", st.Articles, st.Duplicates, st.Skipped)
	}
	if len(st.Repaired) != 1 || st.Repaired[0].Item != "sport/199.txt" || !strings.Contains(got["bbc/sport/199"].Text, "£") {
		t.Errorf("repaired %v", st.Repaired)
	}
	t.Log(st.Summary())
}

func TestRealWikinews(t *testing.T) {
	src := needReal(t, "wikinews-sample")
	got, _, st := collect(t, Wikinews, src)
	for _, a := range got {
		checkArticle(t, a, "20")
		if a.Date == "" || !strings.HasPrefix(a.URL, "https://en.wikinews.org/wiki/") || !strings.HasPrefix(a.ID, "wikinews/") {
			t.Errorf("%s: date %q url %q", a.ID, a.Date, a.URL)
		}
	}
	if st.Read != 295 || st.Articles != 293 || len(got) != 293 || st.SkipCounts()["test page"] != 2 || len(st.Skipped) != 2 || len(st.Repaired) != 0 {
		t.Errorf("rows %d, articles %d, skipped %v, repaired %v", st.Read, st.Articles, st.Skipped, st.Repaired)
	}
	t.Log(st.Summary())
}

func TestRealSQuAD(t *testing.T) {
	src := needReal(t, "squad/dev-v1.1.reconstructed.json")
	got, _, st := collect(t, SQuAD, src)
	for _, a := range got {
		checkArticle(t, a, "")
	}
	if st.Articles != 2067 || len(got) != 2067 {
		t.Errorf("%d paragraphs, want 2,067", st.Articles)
	}
	qs, notes, err := SQuADQuestions(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	answers, shifted := 0, 0
	for _, q := range qs {
		text := got[q.Article].Text
		for _, a := range q.Answers {
			answers++
			if text[a.Start:a.End] != a.Text {
				t.Errorf("%s: text[%d:%d] = %q, want %q", q.ID, a.Start, a.End, text[a.Start:a.End], a.Text)
			}
			if utf8.RuneCountInString(text[:a.Start]) != a.Start {
				shifted++
			}
		}
	}
	if len(qs) != 10570 || answers != 34726 || len(notes) != 0 {
		t.Errorf("%d questions, %d answers, notes %v; want 10,570 and 34,726", len(qs), answers, notes)
	}
	// Non-ASCII text before an answer moves byte offsets away from code points.
	if shifted == 0 {
		t.Error("no answer has non-ASCII text before it: the conversion is untested")
	}
	t.Logf("%s; %d questions, %d answers, %d answers whose byte offset differs from the code point offset", st.Summary(), len(qs), answers, shifted)
}

func benchmarkSource(b *testing.B, source, path string) {
	src := needReal(b, path)
	var st Stats
	for b.Loop() {
		var err error
		st, err = Read(context.Background(), source, src, func(Article) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Articles), "articles")
	b.ReportMetric(float64(st.Words), "words")
	b.ReportMetric(float64(st.Articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkReuters(b *testing.B)  { benchmarkSource(b, "reuters", "reuters21578") }
func BenchmarkBBC(b *testing.B)      { benchmarkSource(b, "bbc", "bbc-fulltext") }
func BenchmarkWikinews(b *testing.B) { benchmarkSource(b, "wikinews", "wikinews-sample") }
func BenchmarkSQuAD(b *testing.B)    { benchmarkSource(b, "squad", "squad/dev-v1.1.reconstructed.json") }
