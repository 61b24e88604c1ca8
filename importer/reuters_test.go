package importer

import (
	"context"
	"testing"
)

// collect runs a reader and returns its articles by id.
func collect(t *testing.T, read func(context.Context, string, func(Article) error) (Stats, error), src string) (map[string]Article, []string, Stats) {
	t.Helper()
	got := map[string]Article{}
	var order []string
	st, err := read(context.Background(), src, func(a Article) error {
		if _, dup := got[a.ID]; dup {
			t.Errorf("id %q emitted twice", a.ID)
		}
		got[a.ID] = a
		order = append(order, a.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", src, err)
	}
	return got, order, st
}

func TestReuters(t *testing.T) {
	got, order, st := collect(t, Reuters, "testdata/reuters")
	want := []Article{
		{
			ID: "reuters-1", Title: "BAHIA COCOA & SUGAR REVIEW <BCR>", Date: "1987-02-26", Outlet: "Reuters",
			Text: "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, " +
				"alleviating the drought since early January, Comissaria Smith & Co said in its English-language review.\n\n" +
				"The dry period means the temporao will be late this year.\n\n" +
				"Shr 22 cts vs 20 cts\n\nNet 1,000 vs 900",
		},
		{
			ID: "reuters-2", Title: "MüLLER SAYS TALKS GO ON", Date: "1987-03-03", Outlet: "Reuters",
			Text: "BONN, March 3 - Economics minister Müller said the talks would go on, he told Reuter.",
		},
		{
			ID: "reuters-4", Date: "1987-02-26", Outlet: "Reuters",
			Text: "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n\nTwo weeks ended Feb 25      daily avgs-mlns\n\n" +
				"Net free reserves.............644 vs.....1,337\n\nBank borrowings...............680 vs.......425\n\n" +
				"Electronics 1.0 mln vs 0.1 mln",
		},
	}
	if len(order) != len(want) {
		t.Fatalf("got articles %v, want %d", order, len(want))
	}
	for i, w := range want {
		if order[i] != w.ID {
			t.Errorf("article %d is %s, want %s", i, order[i], w.ID)
		}
		if g := got[w.ID]; g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	wantSkips := map[string]int{"title only (TYPE=BRIEF)": 1, "no text": 1, "unterminated <REUTERS>": 1}
	if sc := st.SkipCounts(); len(sc) != len(wantSkips) {
		t.Errorf("skips %v, want %v", st.Skipped, wantSkips)
	} else {
		for r, n := range wantSkips {
			if sc[r] != n {
				t.Errorf("skips for %q: %d, want %d (%v)", r, sc[r], n, st.Skipped)
			}
		}
	}
	if st.Files != 1 || st.Read != 6 || st.Articles != 3 {
		t.Errorf("files %d read %d articles %d, want 1 6 3", st.Files, st.Read, st.Articles)
	}
	if len(st.Repaired) != 1 || st.Repaired[0].Item != "reut2-000.sgm" {
		t.Errorf("repaired %v, want the one Latin-1 byte of reut2-000.sgm", st.Repaired)
	}
	if st.Words != 94 {
		t.Errorf("words %d, want 94", st.Words)
	}
}

func TestReutersText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"wrapped lines joined", "one two\nthree four.\n    Next para\ncontinues.", "one two three four.\n\nNext para continues."},
		{"hyphen at wrap kept, no space", "an English-\nlanguage paper", "an English-language paper"},
		{"dash at wrap keeps its space", "SALVADOR, Feb 26 -\nShowers", "SALVADOR, Feb 26 - Showers"},
		{"blank line splits", "a\n\nb", "a\n\nb"},
		{"signature line dropped", "It rose.\n Reuter\n ", "It rose."},
		{"signature after a sentence", "Net NIL. REUTER", "Net NIL."},
		{"signature with dots", "It fell.\n REUTER...", "It fell."},
		{"capital signature after a table row", " Electronics 1.0 mln vs 0.1 mln REUTER", "Electronics 1.0 mln vs 0.1 mln"},
		{"last word of a sentence kept", "he told Reuter", "he told Reuter"},
		{"Reuters kept", "according to Reuters", "according to Reuters"},
		{"only a signature", " Reuter\n", ""},
	} {
		if got := reutersText(c.in); got != c.want {
			t.Errorf("%s: reutersText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestDecodeSGML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"&lt;BCR> &amp; Co", "<BCR> & Co"},
		{"&#2;\nA&#3;", " \nA "},
		{"late&#127;this", "late this"},
		{"&quot;x&quot; &apos;y&apos; &#x41;", `"x" 'y' A`},
		{"AT&T &unknown; & &#99999999;", "AT&T &unknown; & &#99999999;"},
		{"REUTER^M\nnext^M", "REUTER\nnext"},
		{"2^Mx", "2^Mx"},
		{"tab\there\r\n", "tab here\n"},
	} {
		if got := decodeSGML(c.in); got != c.want {
			t.Errorf("decodeSGML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestReutersDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{" 26-FEB-1987 15:01:01.79", "1987-02-26"},
		{"  3-MAR-1987 00:43:42.82", "1987-03-03"},
		{"19-OCT-1987 15:37:24.68&#5;&#5;&#5;F", "1987-10-19"},
		{"31-APR-1987 10:00:00.00", ""},
		{"sometime in 1987", ""},
	} {
		if got := reutersDate(c.in); got != c.want {
			t.Errorf("reutersDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
