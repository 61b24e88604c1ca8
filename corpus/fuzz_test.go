package corpus

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The fuzz targets of the text pipeline, seeded with the real corpus (fuzzSeeds)
// and run with, one at a time:
//
//	go test -run XXX -fuzz FuzzClean -fuzztime 60s ./corpus/
//
// FuzzSplit and FuzzParse (beside Split and Parse) check sentences with
// checkSentences; FuzzAttribute checks statements.

// checkSentences checks what Split and Parse promise about the chunks of text:
// in order, disjoint, on rune boundaries, trimmed of blanks, each Text the
// folded chunk; and every letter and digit of text in exactly one of them,
// whatever its kind (furniture and comments are sentences too). What lies
// between them is white space, zero-width characters, heading, quote and list
// markers, and runs without a letter or digit ("***", "|").
func checkSentences(t *testing.T, text string, ss []Sentence) {
	t.Helper()
	starts := runeStarts(text)
	prev := 0
	for i, s := range ss {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("sentence %d: range [%d,%d) after %d in %d bytes", i, s.Start, s.End, prev, len(text))
		}
		if !starts[s.Start] || !starts[s.End] {
			t.Fatalf("sentence %d: [%d,%d) cuts a character", i, s.Start, s.End)
		}
		chunk := text[s.Start:s.End]
		if r, _ := utf8.DecodeRuneInString(chunk); isBlank(r) {
			t.Fatalf("sentence %d starts with blank %q", i, r)
		}
		if r, _ := utf8.DecodeLastRuneInString(chunk); isBlank(r) {
			t.Fatalf("sentence %d ends with blank %q", i, r)
		}
		if s.Text != fold(chunk) {
			t.Fatalf("sentence %d: Text %q is not its folded chunk %q", i, s.Text, fold(chunk))
		}
		if s.Kind > Comment {
			t.Fatalf("sentence %d: kind %d", i, s.Kind)
		}
		if i > 0 && s.Para < ss[i-1].Para {
			t.Fatalf("sentence %d: paragraph %d after %d", i, s.Para, ss[i-1].Para)
		}
		if err := gapContent(text[prev:s.Start]); err != "" {
			t.Fatalf("before sentence %d, bytes [%d,%d) hold %s outside every sentence", i, prev, s.Start, err)
		}
		prev = s.End
	}
	if err := gapContent(text[prev:]); err != "" {
		t.Fatalf("after the last sentence, bytes [%d,%d) hold %s outside every sentence", prev, len(text), err)
	}
}

// runeStarts marks the offsets where a character starts as DecodeRune reads
// text (an invalid byte is one character), and len(text).
func runeStarts(text string) []bool {
	starts := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		starts[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	starts[len(text)] = true
	return starts
}

// gapContent describes the first letter or digit in s, "" when there is none.
func gapContent(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.TrimSpace(strings.ToValidUTF8(
				"the character "+string(r)+" in \""+s[max(0, i-20):min(len(s), i+20)]+"\"", "\uFFFD"))
		}
	}
	return ""
}

// checkDocument checks Parse's output beyond the sentences: pieces that tile
// the text, each sentence inside its piece, valid dates.
func checkDocument(t *testing.T, d *Document) {
	t.Helper()
	checkSentences(t, d.Text, d.Sentences)
	if len(d.Pieces) == 0 || d.Pieces[0].Start != 0 || d.Pieces[len(d.Pieces)-1].End != len(d.Text) {
		t.Fatalf("pieces %+v do not cover the %d bytes", d.Pieces, len(d.Text))
	}
	for i, p := range d.Pieces {
		if p.End < p.Start || i > 0 && p.Start != d.Pieces[i-1].End {
			t.Fatalf("piece %d [%d,%d) does not follow piece %d", i, p.Start, p.End, i-1)
		}
		checkDate(t, "piece date", p.Date)
	}
	checkDate(t, "document date", d.Date)
	for i, s := range d.Sentences {
		if s.Piece < 0 || s.Piece >= len(d.Pieces) {
			t.Fatalf("sentence %d: piece %d of %d", i, s.Piece, len(d.Pieces))
		}
		if p := d.Pieces[s.Piece]; s.Start < p.Start || s.End > p.End {
			t.Fatalf("sentence %d [%d,%d) outside its piece [%d,%d)", i, s.Start, s.End, p.Start, p.End)
		}
	}
	if !utf8.ValidString(d.Title) && utf8.ValidString(d.Text) {
		t.Fatalf("title %q is not valid UTF-8", d.Title)
	}
}

// checkDate fails unless d is undated or a real calendar date.
func checkDate(t *testing.T, what string, d Date) {
	t.Helper()
	if d.IsZero() {
		if d != (Date{}) {
			t.Fatalf("%s %+v: no year but a month or day", what, d)
		}
		return
	}
	month := time.Month(max(d.Month, 1))
	if d.Year < 1 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Month == 0 && d.Day != 0 ||
		d.Day > time.Date(d.Year, month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		t.Fatalf("%s %+v is not a calendar date", what, d)
	}
	back, err := ParseDate(d.String())
	if err != nil || back != d {
		t.Fatalf("%s %+v: String %q reads back as %+v, %v", what, d, d.String(), back, err)
	}
}

// FuzzClean checks the cleaning primitives: folding, trimming, line
// classification and cutting text into segments.
func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"Share this:\n\nTwitter Facebook\n", "Notify of\n\n3 comments", "\u200b\u00a0\t - • ## > x\r\n",
		"Photo: Reuters/File", "The views expressed are solely those of the author.", "\xff\xfe\x00 \u2028",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		folded := fold(text)
		if !utf8.ValidString(folded) || strings.HasPrefix(folded, " ") || strings.HasSuffix(folded, " ") ||
			strings.Contains(folded, "  ") {
			t.Fatalf("fold(%q) = %q: not trimmed, single-spaced, valid text", text, folded)
		}
		for _, r := range folded {
			if isZeroWidth(r) || r != ' ' && isSpace(r) {
				t.Fatalf("fold(%q) = %q keeps %q", text, folded, r)
			}
		}
		if again := fold(folded); again != folded {
			t.Fatalf("fold is not idempotent: %q -> %q", folded, again)
		}
		if k := classifyLine(folded); k > lineRelated {
			t.Fatalf("classifyLine(%q) = %d", folded, k)
		}
		s, e := trimRange(text, 0, len(text))
		if s < 0 || e < s || e > len(text) || fold(text[s:e]) != folded {
			t.Fatalf("trimRange = [%d,%d) of %d bytes", s, e, len(text))
		}
		prev := 0
		for i, seg := range segments(text) {
			if seg.Start < prev || seg.End <= seg.Start || seg.End > len(text) || seg.Lines < 1 {
				t.Fatalf("segment %d: %+v after %d in %d bytes", i, seg, prev, len(text))
			}
			for _, line := range strings.Split(text[seg.Start:seg.End], "\n") {
				if a, b := trimRange(line, 0, len(line)); a == b {
					t.Fatalf("segment %d %+v spans a blank line", i, seg)
				}
			}
			prev = seg.End
		}
	})
}

// FuzzDates checks date reading: every date found is a calendar date that
// prints and reads back the same, inside the text and in order.
func FuzzDates(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		for _, line := range strings.Split(s, "\n") {
			if hasYear(line) {
				f.Add(line)
			}
		}
	}
	for _, s := range []string{
		"4 June, 2016", "Posted on Tuesday, 5th of June 2016 at 10:42 pm by Admin", "2016-02-30", "Sept. 31, 2019",
		"MOSCOW, June 4, 2016 (Reuters) - Text", "June 2016", "2016/6/4", "0000", "0000-05-01", "9999-12-31", "Fri, 03 Jun 2016 10:00:00 +0000",
		"May 2016; updated June 3, 2016", "on February 29, 2100",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for i, m := range findDates(s) {
			if m.Start < prev || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("date %d at [%d,%d) after %d in %d bytes", i, m.Start, m.End, prev, len(s))
			}
			checkDate(t, "found date", m.Date)
			prev = m.End
		}
		if d, ok := datelineDate(s); ok {
			checkDate(t, "dateline", d)
		}
		if d, ok := leadDatelineDate(s); ok {
			checkDate(t, "lead dateline", d)
			if d.Day == 0 {
				t.Fatalf("lead dateline %+v without a day", d)
			}
		}
		if d, ok := parseLooseDate(s); ok {
			checkDate(t, "metadata date", d)
		}
		if d, err := ParseDate(s); err == nil {
			checkDate(t, "ParseDate", d)
		}
	})
}

// FuzzAttribute checks the statements Parse attributes: sentence ranges
// inside the document, byte ranges inside their sentences, named speakers,
// real dates, and mentions for the registry.
func FuzzAttribute(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"Lavrov said on Friday that “the line was crossed.” He added: “We will respond.”",
		"“We will not back down,” the minister told reporters. Putin, however, disagreed.",
		"According to Erdoğan's office, the talks failed. Spokesman Dmitry Peskov said nothing.",
		"MOSCOW, June 4, 2016 (Reuters) - The ministry said it would \"respond\", Mr. Smith noted.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &Document{ID: "f.txt", Source: "f.txt", Text: text}
		Parse(d)
		checkDocument(t, d)
		for i, st := range d.Statements {
			if st.First < 0 || st.Last < st.First || st.Last >= len(d.Sentences) {
				t.Fatalf("statement %d: sentences %d-%d of %d", i, st.First, st.Last, len(d.Sentences))
			}
			first, last := d.Sentences[st.First], d.Sentences[st.Last]
			if st.Start < first.Start || st.End > last.End || st.End <= st.Start {
				t.Fatalf("statement %d: bytes [%d,%d) outside its sentences [%d,%d)", i, st.Start, st.End, first.Start, last.End)
			}
			if strings.TrimSpace(st.Speaker) == "" {
				t.Fatalf("statement %d has no speaker", i)
			}
			checkDate(t, "said date", st.Said)
			checkDate(t, "statement piece date", st.PieceDate)
			if st.PieceDate != d.Pieces[first.Piece].Date {
				t.Fatalf("statement %d: piece date %v, its piece's %v", i, st.PieceDate, d.Pieces[first.Piece].Date)
			}
		}
		for i, s := range d.Sentences {
			if s.Speaker != "" && strings.TrimSpace(s.Speaker) == "" {
				t.Fatalf("sentence %d: blank speaker %q", i, s.Speaker)
			}
		}
		if ms := Mentions(d); len(ms) != len(d.Statements) {
			t.Fatalf("%d mentions of %d statements", len(ms), len(d.Statements))
		}
	})
}
