package answer

import (
	"context"
	"fmt"
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/retrieval"
)

// StatementsQuery asks for an actor's statements.
type StatementsQuery struct {
	Actor string // as typed: loose matching finds the actor
	About string // when set, statements are ranked by relevance to it and the irrelevant dropped
	Since corpus.Date
	Until corpus.Date
}

// Statements is an actor's statements, oldest first (undated last), or ranked
// by relevance when the query was About something.
type Statements struct {
	Actor      string   // canonical name; "" when the name matched no actor or several
	Candidates []string // the actors an ambiguous name could mean
	Reply      string   // said to the user when there is nothing to list
	Items      []Item
}

// Statements lists what one actor said.
func (e *Engine) Statements(ctx context.Context, q StatementsQuery) (*Statements, error) {
	out := &Statements{}
	name := normalizeQuestion(q.Actor)
	if name == "" {
		out.Reply = "Name an actor: /actors lists them."
		return out, nil
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Since.Compare(q.Until) > 0 {
		out.Reply = fmt.Sprintf("The date range is empty: %s is after %s.", q.Since, q.Until)
		return out, nil
	}
	snap, release, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	reg := snap.Registry()
	found := reg.Lookup(name)
	switch {
	case len(found) == 0:
		out.Reply = fmt.Sprintf("No actor in the corpus matches “%s”: /actors lists them.", name)
		return out, nil
	case len(found) > 1:
		for _, a := range found {
			out.Candidates = append(out.Candidates, a.Name)
		}
		out.Reply = fmt.Sprintf("“%s” could be %s: which one?", name, orList(out.Candidates))
		return out, nil
	}
	out.Actor = found[0].Name
	names := reg.Names(out.Actor)
	r := ranker{snap: snap, top: MaxTop}
	var hits []retrieval.Hit
	// An About of common words only ("the") ranks nothing: the list is then
	// the whole one, in date order.
	terms := r.terms(q.About)
	about := len(terms) > 0
	if about {
		hits, err = snap.Search(ctx, retrieval.Query{Text: queryText(q.About), Speakers: names, Since: q.Since, Until: q.Until, Limit: 1000, MinShare: minCoverage})
		if err != nil {
			return nil, fmt.Errorf("statements of %s about %q: %w", out.Actor, q.About, err)
		}
	} else {
		hits, err = snap.Statements(ctx, names, q.Since, q.Until)
		if err != nil {
			return nil, fmt.Errorf("statements of %s: %w", out.Actor, err)
		}
	}
	items := mergeStatements(hits)
	if !about {
		sortStatements(items)
	}
	for i := range items {
		items[i].N = i + 1
		items[i].Speaker = out.Actor
	}
	out.Items = items
	if len(items) == 0 {
		out.Reply = fmt.Sprintf("No statement by %s", out.Actor)
		if about {
			out.Reply += fmt.Sprintf(" about %s", q.About)
		}
		out.Reply += " was found."
	}
	return out, nil
}

// mergeStatements joins the sentences of one statement (consecutive sentences
// of one document by one speaker) into one item, keeping the order of first
// appearance, and merges verbatim copies of a statement into one citation.
func mergeStatements(hits []retrieval.Hit) []Item {
	type key struct {
		doc string
		n   int
	}
	var items []Item
	last := map[key]int{} // the item holding the sentence before a given one
	var words []copyKey
	// tail is each item's last sentence: an earlier-dated copy from elsewhere
	// can replace an item (mergeCopy), and a sentence following the replaced
	// one must not be joined to it.
	var tail []key
	for _, h := range hits {
		prev := key{h.Doc, h.Sentence - 1}
		if i, ok := last[prev]; ok && tail[i] == prev && items[i].Speaker == h.Speaker {
			items[i].Text += " " + h.Text
			items[i].End = h.End
			last[key{h.Doc, h.Sentence}] = i
			tail[i] = key{h.Doc, h.Sentence}
			words[i] = keyOf(items[i].Text)
			continue
		}
		w := keyOf(h.Text)
		if i := duplicateOf(words, w); i >= 0 {
			was := items[i]
			items[i] = mergeCopy(was, itemOf(h))
			if items[i].Source != was.Source || items[i].Sentence != was.Sentence {
				tail[i] = key{items[i].Source, items[i].Sentence}
			}
			continue
		}
		last[key{h.Doc, h.Sentence}] = len(items)
		items = append(items, itemOf(h))
		words = append(words, w)
		tail = append(tail, key{h.Doc, h.Sentence})
	}
	return items
}

// Actors lists every actor with statements, most statements first.
func (e *Engine) Actors(ctx context.Context) []corpus.Actor {
	snap, release, err := e.acquire()
	if err != nil {
		return nil
	}
	defer release()
	return snap.Registry().Actors()
}

// CompleteActor suggests at most max actor names for what a user has typed so
// far: names containing it first, then loose matches, then the most quoted.
func (e *Engine) CompleteActor(ctx context.Context, prefix string, max int) []string {
	snap, release, err := e.acquire()
	if err != nil {
		return nil
	}
	defer release()
	reg := snap.Registry()
	all := reg.Actors()
	p := corpus.FoldName(normalizeQuestion(prefix))
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if len(out) < max && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	if p != "" {
		for _, a := range all {
			for _, n := range append([]string{a.Name}, a.Aliases...) {
				if strings.Contains(corpus.FoldName(n), p) {
					add(a.Name)
					break
				}
			}
		}
		for _, a := range reg.Lookup(prefix) {
			add(a.Name)
		}
		return out
	}
	for _, a := range all {
		add(a.Name)
	}
	return out
}

// Passage is a cited sentence with the paragraph around it.
type Passage struct {
	Source    string
	Title     string
	Date      corpus.Date
	Sentence  string
	Paragraph string // the whole paragraph, the sentence included
	Start     int    // byte offsets of the sentence in its source
	End       int
}

// maxParagraph bounds how many sentences either side of the cited one a
// Passage shows: scraped "paragraphs" can be whole articles on one line.
const maxParagraph = 6

// Source returns the sentence n of document doc with its paragraph.
func (e *Engine) Source(ctx context.Context, doc string, n int) (*Passage, error) {
	snap, release, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	h, ok, err := snap.Sentence(ctx, doc, n)
	if err != nil {
		return nil, fmt.Errorf("sentence %d of %s: %w", n, doc, err)
	}
	if !ok {
		return nil, fmt.Errorf("sentence %d of %s: %w", n, doc, ErrNotIndexed)
	}
	p := &Passage{Source: h.Doc, Title: h.Title, Date: h.Date, Sentence: h.Text, Start: h.Start, End: h.End}
	parts := []string{h.Text}
	for i := n - 1; i >= 0 && i >= n-maxParagraph; i-- {
		s, ok, err := snap.Sentence(ctx, doc, i)
		if err != nil {
			return nil, fmt.Errorf("sentence %d of %s: %w", i, doc, err)
		}
		if !ok || s.Para != h.Para {
			break
		}
		parts = append([]string{s.Text}, parts...)
	}
	for i := n + 1; i <= n+maxParagraph; i++ {
		s, ok, err := snap.Sentence(ctx, doc, i)
		if err != nil {
			return nil, fmt.Errorf("sentence %d of %s: %w", i, doc, err)
		}
		if !ok || s.Para != h.Para {
			break
		}
		parts = append(parts, s.Text)
	}
	p.Paragraph = strings.Join(parts, " ")
	return p, nil
}

// Reload rebuilds the index from the corpus folder while the old one keeps
// answering; a failed reload keeps the old index and returns why.
func (e *Engine) Reload(ctx context.Context) (*retrieval.Report, error) {
	return e.store.Reload(ctx)
}
