package retrieval

import (
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
)

// contextOf returns the text indexed as the context of sentence n of d.
func contextOf(d *corpus.Document, n int) string {
	s := &d.Sentences[n]
	var parts []string
	mode := knobCtx
	withTitle := strings.HasSuffix(mode, "+title")
	mode = strings.TrimSuffix(mode, "+title")
	near := func(o *corpus.Sentence) bool {
		if !o.Kind.Searchable() || o.Piece != s.Piece {
			return false
		}
		return mode == "nbrpiece" || o.Para == s.Para
	}
	switch mode {
	case "nbr", "nbrpiece":
		for i := n - 1; i >= 0; i-- {
			if o := &d.Sentences[i]; o.Kind.Searchable() {
				if near(o) {
					parts = append(parts, o.Text)
				}
				break
			}
		}
		for i := n + 1; i < len(d.Sentences); i++ {
			if o := &d.Sentences[i]; o.Kind.Searchable() {
				if near(o) {
					parts = append(parts, o.Text)
				}
				break
			}
		}
	case "para":
		for i := range d.Sentences {
			if o := &d.Sentences[i]; i != n && near(o) {
				parts = append(parts, o.Text)
			}
		}
	}
	if withTitle || mode == "title" {
		title := d.Title
		if s.Piece >= 0 && s.Piece < len(d.Pieces) && d.Pieces[s.Piece].Title != "" {
			title = d.Pieces[s.Piece].Title
		}
		if title != "" && title != s.Text {
			parts = append(parts, title)
		}
	}
	return strings.Join(parts, " ")
}
