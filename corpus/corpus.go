// Package corpus reads a folder of news articles and turns each into a Document:
// cleaned text, titles, dated pieces, sentences with exact byte offsets, and attributed statements.
package corpus

import (
	"fmt"
	"time"
)

// Date is a calendar date known to some precision: Day 0 means only the month is
// known, Month 0 only the year. The zero Date means undated.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is undated.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d as "2006-01-02", "2006-01" or "2006" by its precision, "" when undated.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the first instant d covers, in UTC; the zero time when undated.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Compare orders dates chronologically, coarser dates before finer ones of the
// same period; undated sorts after every date.
func (d Date) Compare(e Date) int {
	switch {
	case d.IsZero() && e.IsZero():
		return 0
	case d.IsZero():
		return 1
	case e.IsZero():
		return -1
	}
	for _, p := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// ParseDate reads "2006-01-02", "2006-01" or "2006" (and an RFC 3339 timestamp, whose
// date part is kept), as metadata and command-line flags write them.
func ParseDate(s string) (Date, error) {
	for _, layout := range []struct {
		layout string
		prec   int
	}{{"2006-01-02", 3}, {time.RFC3339, 3}, {"2006-01", 2}, {"2006", 1}} {
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			continue
		}
		if t.Year() == 0 {
			// Year 0 would make the zero Date: undated, not a date.
			return Date{}, fmt.Errorf("date %q: there is no year 0", s)
		}
		d := Date{Year: t.Year()}
		if layout.prec >= 2 {
			d.Month = int(t.Month())
		}
		if layout.prec == 3 {
			d.Day = t.Day()
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}

// Kind says what a sentence is: only Body and Headline sentences are searched.
type Kind uint8

const (
	Body      Kind = iota // running text
	Headline              // a title, section heading or dateline: a line without final punctuation
	Furniture             // site furniture: subscribe prompts, disclaimers, photo credits, share buttons
	Comment               // the reader-comment section of a blog post
)

func (k Kind) String() string {
	switch k {
	case Body:
		return "body"
	case Headline:
		return "headline"
	case Furniture:
		return "furniture"
	case Comment:
		return "comment"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Searchable reports whether sentences of this kind may answer a question.
func (k Kind) Searchable() bool { return k == Body || k == Headline }

// Document is one article. For .txt and .md files Text is the file's bytes, so
// sentence offsets are offsets into the file as stored; for a .jsonl article they
// are offsets into its "text" field.
type Document struct {
	ID     string // path relative to the corpus root with forward slashes; "dir/file.jsonl#id" for a .jsonl article
	Source string // the file it came from, relative to the root with forward slashes
	Title  string // from metadata, else the first headline-like line
	URL    string
	Outlet string
	Author string
	Date   Date   // from metadata, else the first dateline in the text; zero when undated
	Hash   string // hex SHA-256 of the bytes the document was read from (file, or .jsonl line)
	Text   string

	Pieces     []Piece // at least one: the whole text when it has no datelines
	Sentences  []Sentence
	Statements []Statement

	roles rolesMemo // speakerRoles, found while attributing
}

// Piece is a dated part of a document: a compilation holds several, each under
// its own headline and dateline.
type Piece struct {
	Start, End int    // byte range in Document.Text
	Title      string // the piece's headline ("" for the document's first piece when it has none)
	Date       Date   // the piece's dateline, else the document date; zero when undated
}

// Sentence is one chunk of text: a sentence, or a line without final
// punctuation. Chunks never span a blank line.
type Sentence struct {
	Start, End int    // byte offsets in Document.Text
	Text       string // the chunk with odd spaces and line breaks folded to one space, zero-width characters dropped
	Kind       Kind
	Piece      int    // index in Document.Pieces
	Para       int    // paragraph number in the document, counting from 0
	Speaker    string // who said it, as named in this document (fullest form), "" when it is not a statement
	Quote      bool   // direct quotation rather than reported speech
}

// Statement is something an actor said: one or more consecutive sentences.
type Statement struct {
	Speaker     string // as named in this document, fullest form found there
	First, Last int    // sentence indices, inclusive
	Start, End  int    // byte range in Document.Text
	Quote       bool   // a direct quote (else reported speech)
	Said        Date   // the day it was made when the text pins it ("on Friday"), else zero
	PieceDate   Date   // the date of its piece
}

// Date returns the date a citation of s uses: when it was said if the text pins
// that, else the date of its piece.
func (s Statement) Date() Date {
	if !s.Said.IsZero() {
		return s.Said
	}
	return s.PieceDate
}
