package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One thing. Another thing! A third?", []string{"One thing.", "Another thing!", "A third?"}},
		{"titles", "Mr. Obama met Dr. Smith and Gen. Soleimani. Then Mrs. May left.",
			[]string{"Mr. Obama met Dr. Smith and Gen. Soleimani.", "Then Mrs. May left."}},
		{"joined titles", "Council member Prof.Dr. Andrey Manoylo said so. Others agreed.",
			[]string{"Council member Prof.Dr. Andrey Manoylo said so.", "Others agreed."}},
		{"acronym before a name", "The U.S. President spoke. He left.", []string{"The U.S. President spoke.", "He left."}},
		{"acronym ending a sentence", "Russia blamed the U.S. The talks failed.", []string{"Russia blamed the U.S.", "The talks failed."}},
		{"acronym mid sentence", "As the U.S. is unwilling, Russia acts.", []string{"As the U.S. is unwilling, Russia acts."}},
		{"a.m.", "They met at 10 a.m. Moscow time. It rained.", []string{"They met at 10 a.m. Moscow time.", "It rained."}},
		{"a.m. at the end", "They met at 10 a.m. The talks lasted an hour.", []string{"They met at 10 a.m.", "The talks lasted an hour."}},
		{"initials", "John F. Kennedy and J. K. Rowling spoke. Nobody listened.",
			[]string{"John F. Kennedy and J. K. Rowling spoke.", "Nobody listened."}},
		{"numbers", "Turkey hosts 3.6 million refugees. Rosatom won a $20 billion contract. More than 1,000 fighters joined.",
			[]string{"Turkey hosts 3.6 million refugees.", "Rosatom won a $20 billion contract.", "More than 1,000 fighters joined."}},
		{"No. before a number", "He lives at No. 10 Downing Street. Fine.", []string{"He lives at No. 10 Downing Street.", "Fine."}},
		{"curly quote after stop", "“We agreed.” Putin said it. “Good.” He left.",
			[]string{"“We agreed.”", "Putin said it.", "“Good.”", "He left."}},
		{"straight quote after stop", `He said "we agreed." Then he left.`, []string{`He said "we agreed."`, "Then he left."}},
		{"quote then attribution", "“It is over,” he said. “For ours!” and “For Paris!” they wrote.",
			[]string{"“It is over,” he said.", "“For ours!” and “For Paris!” they wrote."}},
		{"stop inside quote, lower case next", "“We agreed.” he said.", []string{"“We agreed.” he said."}},
		{"ellipsis as elision", "“The only issue is … ensuring safety,” Putin said. It ended.",
			[]string{"“The only issue is … ensuring safety,” Putin said.", "It ended."}},
		{"ellipsis elision before capital", "“We discussed relations … I have full confidence,” he said.",
			[]string{"“We discussed relations … I have full confidence,” he said."}},
		{"ellipsis ending a sentence", "We waited… Nobody came. Three dots... Then more.",
			[]string{"We waited…", "Nobody came.", "Three dots...", "Then more."}},
		{"ellipsis mid sentence", "“We have agreed… that we will exchange information.”",
			[]string{"“We have agreed… that we will exchange information.”"}},
		{"brackets inside quotes", "“They [the US] are telling us not to hit it [al-Nusra Front].” Lavrov said. [The US] Secretary spoke.",
			[]string{"“They [the US] are telling us not to hit it [al-Nusra Front].”", "Lavrov said.", "[The US] Secretary spoke."}},
		{"stop inside brackets", "He left (it was late.) Then we ate.", []string{"He left (it was late.)", "Then we ate."}},
		{"question then stop", "What for?. We proceed.", []string{"What for?.", "We proceed."}},
		{"no space after stop", "It is over IMHO.It has become a tool.", []string{"It is over IMHO.It has become a tool."}},
		{"headline lines", "Obama, Putin huddle in Paris\nPresident Obama urged calm. Putin agreed.",
			[]string{"Obama, Putin huddle in Paris", "President Obama urged calm.", "Putin agreed."}},
		{"headline with a full stop", "Syria: The U.S. Is Unwilling To Settle\n\nText here.",
			[]string{"Syria: The U.S. Is Unwilling To Settle", "Text here."}},
		{"blank line ends a chunk", "A sentence without a stop\n\ncontinues here.", []string{"A sentence without a stop", "continues here."}},
		{"hard-wrapped lines join", "The minister said that the talks\nwould resume on Monday. Others\ndoubted it.",
			[]string{"The minister said that the talks would resume on Monday.", "Others doubted it."}},
		{"title at a line end joins", "He met Mr.\nPutin there.", []string{"He met Mr. Putin there."}},
		{"bullets", "- First point\n* Second point\n• Third point", []string{"First point", "Second point", "Third point"}},
		{"markdown heading", "## Section title\n\nBody text.", []string{"Section title", "Body text."}},
		{"numbered list", "1. The first point.\n2. The second point.", []string{"1. The first point.", "2. The second point."}},
		{"dateline", "4 June, 2016\n\nText.", []string{"4 June, 2016", "Text."}},
		{"odd spaces folded", "Lavrov\u00a0said\u2009it \u200bhere.\r\nNext\u00a0line.", []string{"Lavrov said it here.", "Next line."}},
		{"crlf", "Line one.\r\n\r\nLine two.\r\n", []string{"Line one.", "Line two."}},
		{"punctuation-only lines dropped", "Text.\n\n* * *\n\n---\n\nMore.", []string{"Text.", "More."}},
		{"empty", "", nil},
		{"blank", " \n\u00a0\n\t", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.in)
			if g := texts(got); !reflect.DeepEqual(g, tt.want) && !(len(g) == 0 && len(tt.want) == 0) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, g, tt.want)
			}
			checkOffsets(t, tt.in, got)
		})
	}
}

func TestSplitKindsAndParas(t *testing.T) {
	got := Split("Headline here\n\nFirst sentence. Second one.\nA line, cut off,\n\nLast para without a final stop but long enough to be a sentence rather than any kind of a headline at all")
	want := []struct {
		kind Kind
		para int
	}{{Headline, 0}, {Body, 1}, {Body, 1}, {Body, 2}, {Body, 3}}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences %q, want %d", len(got), texts(got), len(want))
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].Para != w.para {
			t.Errorf("sentence %d %q: kind %v para %d, want %v %d", i, got[i].Text, got[i].Kind, got[i].Para, w.kind, w.para)
		}
	}
}

// checkOffsets asserts the offset contract: each sentence is its raw chunk folded,
// the chunk is trimmed, chunks are in order, do not overlap and never span a blank line.
func checkOffsets(t *testing.T, text string, ss []Sentence) {
	t.Helper()
	prev := 0
	for i, s := range ss {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("sentence %d: bad range [%d,%d) after %d in text of %d bytes", i, s.Start, s.End, prev, len(text))
		}
		raw := text[s.Start:s.End]
		if fold(raw) != s.Text {
			t.Errorf("sentence %d: fold(text[%d:%d]) = %q, Text = %q", i, s.Start, s.End, fold(raw), s.Text)
		}
		if st, en := trimRange(text, s.Start, s.End); st != s.Start || en != s.End {
			t.Errorf("sentence %d %q: not trimmed", i, raw)
		}
		if strings.Contains(strings.ReplaceAll(raw, "\r", ""), "\n\n") {
			t.Errorf("sentence %d %q spans a blank line", i, raw)
		}
		if utf8.ValidString(text) && !utf8.ValidString(raw) {
			t.Errorf("sentence %d: range cuts a character", i)
		}
		prev = s.End
	}
}

// realFiles returns the team corpus files, read as stored.
func realFiles(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus files in %s: %v", corpusDir, err)
	}
	files := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = string(b)
	}
	return files
}

const corpusDir = "../../shared/corpus"

func TestSplitRealFiles(t *testing.T) {
	for name, text := range realFiles(t) {
		t.Run(name, func(t *testing.T) {
			ss := Split(text)
			if len(ss) < 10 {
				t.Fatalf("only %d sentences", len(ss))
			}
			checkOffsets(t, text, ss)
		})
	}
}

func TestSplitRealSentences(t *testing.T) {
	files := realFiles(t)
	tests := []struct {
		file, want string
	}{
		{"004_50bc96e38ec6e41a.txt", "Member of the Scientific Council of the Russian Security Council Prof.Dr. Andrey Manoylo said that Washington’s plans to launch a Russian-Turkish war in Syria were unsuccessful; The US was trying to wage a war between Russia and Turkey in Syria."},
		{"004_50bc96e38ec6e41a.txt", "In 2013, Russia’s state nuclear corporation Rosatom won a $20 billion contract to build four reactors in what was to become Turkey’s first nuclear plant, but construction was halted after the downing of the Russian jet."},
		{"001_f34b10babda26aab.txt", "“As the two largest economies in the world and the two largest carbon-emitters, we have both determined that it is our responsibility to take action”, Mr. Obama said."},
		{"002_854b382278fc582c.txt", "Russia has insisted that many of the fighters supported by Ankara leave the region, while Turkey, which is home to 3.6 million Syrian refugees, is concerned about more refugees fleeing towards its border."},
		{"000_a3c09a034ca9f054.txt", "What did we give this information to the Americans for?."},
		{"003_14aab2ef61291580.txt", "Syria: The U.S. Is Unwilling To Settle - Russia Returns For Another Round"},
		{"003_14aab2ef61291580.txt", "More than 1,000 militants have begun an offensive against Syrian army positions southwest of Aleppo, the Russian ceasefire monitoring center in Syria said in a statement on Saturday."},
	}
	for _, tt := range tests {
		found := false
		for _, s := range Split(files[tt.file]) {
			found = found || s.Text == tt.want
		}
		if !found {
			t.Errorf("%s: no sentence %q", tt.file, tt.want)
		}
	}
}

// fuzzSeeds cuts the real files into pieces of about a kilobyte at line ends:
// whole files make the fuzzer's minimisation crawl.
func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	for _, text := range realFiles(f) {
		for len(text) > 0 {
			n := min(len(text), 1024)
			if i := strings.IndexByte(text[n:], '\n'); i >= 0 {
				n += i + 1
			} else {
				n = len(text)
			}
			seeds = append(seeds, text[:n])
			text = text[n:]
		}
	}
	return seeds
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add("Mr. A. B. said “x.” … y... (z.) [w?] \r\n\r\n\u00a0\u200b- q")
	f.Add("\xff\xfe bad \x00 bytes.")
	f.Fuzz(func(t *testing.T, text string) {
		checkSentences(t, text, Split(text))
	})
}
