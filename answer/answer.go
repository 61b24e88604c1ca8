// Package answer turns a question into a query over the index and the hits into a
// cited answer: it picks, merges, orders and cites sentences, or says there is none.
package answer

import "github.com/corpusbot/corpusbot/corpus"

// Answer is the reply to one question.
type Answer struct {
	Question string
	Answered bool
	// Reply is a plain sentence for the user when there is nothing to cite (or
	// something to say first, such as "Did you mean …?" for an ambiguous actor).
	Reply string
	Items []Item
}

// Item is one cited sentence (with its context when the sentence alone is a fragment).
type Item struct {
	N        int    // citation number, from 1
	Text     string // the sentence as cleaned
	Before   string // the sentence before, when the hit alone is a fragment
	After    string // the sentence after, when the hit alone is a fragment
	Source   string // document id
	Title    string
	Date     corpus.Date // the date the citation uses
	DateIs   string      // "said" when Date is the day the statement was made, "piece" for its piece's date
	Speaker  string      // canonical actor name, "" when it is not an attributed statement
	Quote    bool
	Sentence int // index of the sentence in its document, for Engine.Source
	Start    int // byte offsets of the sentence in its source
	End      int
	Score    float64
	Copies   int      // how many places carry this sentence (1 when it is unique)
	Also     []string // the other documents that carry it
}
