package answer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/retrieval"
)

// Engine answers questions from the live index of a Store. It is safe for
// concurrent use: each call works on the index version live when it started.
type Engine struct {
	store *retrieval.Store
}

// New returns an Engine over store.
func New(store *retrieval.Store) *Engine { return &Engine{store: store} }

// acquire returns the live index version; Store.Acquire gives nil once the
// store is closed, and a call that outlives it must fail, not panic.
func (e *Engine) acquire() (*retrieval.Snapshot, func(), error) {
	snap, release := e.store.Acquire()
	if snap == nil {
		return nil, nil, retrieval.ErrClosed
	}
	return snap, release, nil
}

const (
	// DefaultTop is how many sentences an answer cites unless asked otherwise.
	DefaultTop = 5
	// MaxTop bounds -top: more citations than this is a search dump, not an answer.
	MaxTop = 50
	// perDocument caps the sentences cited from one document, so that one long
	// article cannot crowd out every other source.
	perDocument = 3
	// minCoverage is the share of the question's information (the idf weight
	// of its terms) a sentence must contain to be cited. Below it a sentence
	// shares a word or two with the question but is about something else.
	minCoverage = 0.5
	// candidates is how many hits are fetched for each one cited, to leave room
	// for merging duplicates and capping documents.
	candidates = 8
)

// scaffoldingRe matches words that shape a question without saying what it is
// about; the analyzer's stop words already drop what, who, did and the like.
var scaffoldingRe = regexp.MustCompile(`(?i)\bhow\s+(?:many|much|long|often|far)\b`)

// syntaxRe matches the boosts and fuzziness of search-engine query syntax
// ("Nusra^2", "Turkey~1"): users who type them mean the word, and the number
// would otherwise be searched as a term of its own. Other syntax characters
// are punctuation to the analyzer already, and AND, OR, NOT are stop words.
var syntaxRe = regexp.MustCompile(`[\^~]\d*(?:\.\d+)?`)

var (
	// quantityRe matches questions that ask for a number, an amount or a time.
	quantityRe = regexp.MustCompile(`(?i)\bhow\s+(?:many|much|long|old|far|often|large|big|tall)\b|\b(?:what|which)\s+(?:year|century|decade|date|percentage|percent|number|amount)\b|^\W*when\b`)
	// numberRe matches what answers them: a number in digits or words, or a month.
	numberRe = regexp.MustCompile(`(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|January|February|March|April|May|June|July|August|September|October|November|December)\b`)
)

// numberBoost is how much more a sentence holding a number scores when the
// question asks for one: the words of "how many soldiers were killed" are
// in many sentences, the number only in those that answer. On SQuAD dev it
// raises P@1 by 0.5 points (0.3: 0.3, 0.8: 0.5).
const numberBoost = 0.5

// preferNumbers reorders hits, best first, for a question asking for a number
// or a time: a sentence holding a number scores numberBoost more.
func preferNumbers(question string, hits []retrieval.Hit) {
	if !quantityRe.MatchString(question) {
		return
	}
	for i := range hits {
		if numberRe.MatchString(hits[i].Text) {
			hits[i].Score *= 1 + numberBoost
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
}

// Ask answers one question with at most top cited sentences (DefaultTop when top <= 0).
func (e *Engine) Ask(ctx context.Context, question string, top int) (*Answer, error) {
	if top <= 0 {
		top = DefaultTop
	}
	top = min(top, MaxTop)
	q := ParseQuestion(question)
	a := &Answer{Question: question}
	if q.Problem != "" {
		a.Reply = q.Problem
		return a, nil
	}
	snap, release, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	r := ranker{snap: snap, top: top}

	switch q.Intent {
	case Said, WhenSaid:
		return r.said(ctx, a, q)
	case WhoSaid:
		return r.whoSaid(ctx, a, q)
	}
	return r.search(ctx, a, q.Text, among{}, "")
}

// ranker does the work of one call on one index version.
type ranker struct {
	snap *retrieval.Snapshot
	top  int
}

// queryText is text without question scaffolding: what is searched. Search
// analyses it itself: analysed terms are not text, and analysing them again
// would stem some twice ("pleas" becomes "plea").
func queryText(text string) string {
	return scaffoldingRe.ReplaceAllString(syntaxRe.ReplaceAllString(text, " "), " ")
}

// terms analyses text as the index does, drops question scaffolding, and
// returns the distinct terms in order: the terms Search looks for.
func (r *ranker) terms(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range retrieval.Analyze(queryText(text)) {
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// among says whose sentences a search keeps: all (the zero value), the
// statements of some speakers, or every attributed statement.
type among struct {
	speakers []string
	anyone   bool
}

// search finds the sentences answering text among those of who; must, when
// set, names terms every hit must contain.
func (r *ranker) search(ctx context.Context, a *Answer, text string, who among, must string) (*Answer, error) {
	terms := r.terms(text)
	if len(terms) == 0 {
		a.Reply = "The question has only common words (like “what” or “the”): name what it is about."
		return a, nil
	}
	hits, err := r.snap.Search(ctx, retrieval.Query{Text: queryText(text), Speakers: who.speakers, AnySpeaker: who.anyone, Limit: r.top * candidates, MinShare: minCoverage})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	preferNumbers(text, hits)
	mustTerms := r.terms(must)
	var kept []retrieval.Hit
	for _, h := range hits {
		if len(mustTerms) == 0 || containsAll(set(retrieval.Analyze(h.Text)), mustTerms) {
			kept = append(kept, h)
		}
	}
	// A headline sums up the sentences under it, and being short it outscores
	// them; cite the sentences that carry the words first, headlines after.
	sort.SliceStable(kept, func(i, j int) bool {
		return kept[i].Kind != corpus.Headline && kept[j].Kind == corpus.Headline
	})
	a.Items, err = r.cite(ctx, kept)
	if err != nil {
		return nil, err
	}
	a.Answered = len(a.Items) > 0
	if !a.Answered {
		a.Reply = "The corpus has no sentence that answers this."
	}
	return a, nil
}

func set(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}

func containsAll(have map[string]bool, terms []string) bool {
	for _, t := range terms {
		if !have[t] {
			return false
		}
	}
	return true
}

// said answers "what did X say about Y" and "when did X say Y".
func (r *ranker) said(ctx context.Context, a *Answer, q Question) (*Answer, error) {
	reg := r.snap.Registry()
	found := reg.Lookup(q.Actor)
	if len(found) > 1 {
		names := make([]string, len(found))
		for i, f := range found {
			names[i] = f.Name
		}
		a.Reply = fmt.Sprintf("“%s” could be %s: which one?", q.Actor, orList(names))
		return a, nil
	}
	if len(found) == 0 {
		if q.Loose {
			// "X on Y" where X is not a speaker is an ordinary question.
			return r.search(ctx, a, q.Text, among{}, "")
		}
		// Not a speaker: the sentences that name X and answer Y are the next best
		// thing, said as such; with none, X is not in the corpus.
		if _, err := r.search(ctx, a, q.Actor+" "+q.Topic, among{}, q.Actor); err != nil {
			return nil, err
		}
		if !a.Answered {
			a.Reply = fmt.Sprintf("The corpus has no statements by %s.", q.Actor)
			return a, nil
		}
		a.Reply = fmt.Sprintf("No statement is attributed to %s; these sentences name them.", q.Actor)
		return a, nil
	}
	actor := found[0]
	names := reg.Names(actor.Name)
	if strings.TrimSpace(q.Topic) == "" || len(r.terms(q.Topic)) == 0 {
		hits, err := r.snap.Statements(ctx, names, corpus.Date{}, corpus.Date{})
		if err != nil {
			return nil, fmt.Errorf("statements of %s: %w", actor.Name, err)
		}
		if len(hits) > r.top {
			hits = hits[:r.top]
		}
		if a.Items, err = r.cite(ctx, hits); err != nil {
			return nil, err
		}
		a.Answered = len(a.Items) > 0
		r.speakers(a, reg)
		if q.Intent == WhenSaid && a.Answered {
			a.Reply = whenReply(actor.Name, a.Items[0])
		}
		return a, nil
	}
	if _, err := r.search(ctx, a, q.Topic, among{speakers: names}, ""); err != nil {
		return nil, err
	}
	r.speakers(a, reg)
	if !a.Answered {
		// Attribution can miss a statement; sentences naming the actor that
		// answer the topic are still worth showing, labelled for what they are.
		if _, err := r.search(ctx, a, q.Actor+" "+q.Topic, among{}, q.Actor); err != nil {
			return nil, err
		}
		r.speakers(a, reg)
		if a.Answered {
			a.Reply = fmt.Sprintf("No statement by %s about %s was found; these sentences mention both.", actor.Name, q.Topic)
		} else {
			a.Reply = fmt.Sprintf("No statement by %s about %s was found.", actor.Name, q.Topic)
		}
		return a, nil
	}
	if q.Intent == WhenSaid {
		a.Reply = whenReply(actor.Name, a.Items[0])
	}
	return a, nil
}

// whenReply answers "when did X say …" from the citation that answers it.
func whenReply(actor string, it Item) string {
	when := "on an unknown date (its source is undated)"
	if !it.Date.IsZero() {
		when = "on " + it.Date.String()
	}
	return fmt.Sprintf("%s said it %s [1].", actor, when)
}

// whoSaid answers "who said Y" from the attributed statements.
func (r *ranker) whoSaid(ctx context.Context, a *Answer, q Question) (*Answer, error) {
	reg := r.snap.Registry()
	if len(reg.Actors()) == 0 {
		a.Reply = "The corpus has no attributed statements."
		return a, nil
	}
	if _, err := r.search(ctx, a, q.Topic, among{anyone: true}, ""); err != nil {
		return nil, err
	}
	r.speakers(a, reg)
	if !a.Answered {
		a.Reply = "No attributed statement says that."
		return a, nil
	}
	var who []string
	seen := map[string]bool{}
	for _, it := range a.Items {
		if it.Speaker != "" && !seen[it.Speaker] {
			seen[it.Speaker] = true
			who = append(who, it.Speaker)
		}
	}
	a.Reply = fmt.Sprintf("%s [1].", strings.Join(who, ", "))
	if len(who) == 1 {
		a.Reply = fmt.Sprintf("%s said it [1].", who[0])
	}
	return a, nil
}

// speakers replaces each item's raw speaker with its actor's canonical name.
func (r *ranker) speakers(a *Answer, reg *corpus.Registry) {
	for i := range a.Items {
		if s := a.Items[i].Speaker; s != "" {
			if c := reg.Canonical(s); c != "" {
				a.Items[i].Speaker = c
			}
		}
	}
}

// cite merges duplicates, caps each document, adds context to fragments and
// numbers what is left, best first.
func (r *ranker) cite(ctx context.Context, hits []retrieval.Hit) ([]Item, error) {
	var items []Item
	var keys []copyKey
	perDoc := map[string]int{}
	for _, h := range hits {
		words := keyOf(h.Text)
		if i := duplicateOf(keys, words); i >= 0 {
			items[i] = mergeCopy(items[i], itemOf(h))
			continue
		}
		if perDoc[h.Doc] >= perDocument || len(items) >= r.top {
			continue
		}
		perDoc[h.Doc]++
		it := itemOf(h)
		if err := r.addContext(ctx, &it, h); err != nil {
			return nil, err
		}
		items = append(items, it)
		keys = append(keys, words)
	}
	dropCitedContext(items)
	for i := range items {
		items[i].N = i + 1
	}
	return items, nil
}

// dropCitedContext removes context that is cited in its own right, so that no
// sentence is shown twice.
func dropCitedContext(items []Item) {
	cited := map[string]bool{}
	for _, it := range items {
		cited[it.Text] = true
	}
	for i := range items {
		if cited[items[i].Before] {
			items[i].Before = ""
		}
		if cited[items[i].After] {
			items[i].After = ""
		}
	}
}

// mergeCopy folds a copy of a cited sentence into its citation. The earliest
// dated copy is the one cited, since later copies repeat it; the others are
// counted, and named when they are in other documents.
func mergeCopy(it, c Item) Item {
	if !c.Date.IsZero() && c.Date.Compare(it.Date) < 0 {
		c.N, c.Copies, c.Also, c.Before, c.After = it.N, it.Copies, it.Also, "", ""
		if it.Source != c.Source {
			c.Also = append(c.Also, it.Source)
		}
		c.Also = slices.DeleteFunc(c.Also, func(s string) bool { return s == c.Source })
		it = c
	} else if c.Source != it.Source && !slices.Contains(it.Also, c.Source) {
		it.Also = append(it.Also, c.Source)
	}
	it.Copies++
	return it
}

func itemOf(h retrieval.Hit) Item {
	it := Item{
		Text: h.Text, Source: h.Doc, Title: h.Title, Speaker: h.Speaker, Quote: h.Quote,
		Sentence: h.Sentence, Start: h.Start, End: h.End, Score: h.Score, Copies: 1,
		Date: h.Date, DateIs: "piece",
	}
	if h.Speaker != "" && !h.Said.IsZero() {
		it.Date, it.DateIs = h.Said, "said"
	}
	return it
}

var (
	fragmentStartRe = regexp.MustCompile(`(?i)^[\p{Pi}"'(\[]?\s*(?:he|she|they|it|this|that|these|those|his|her|their|its|such|but|and|or|so|also|however|thus|then|there|here|which|who|yet|still|instead|meanwhile|moreover)\b`)
)

// addContext adds the neighbouring sentence when the hit alone is a fragment:
// it leans on what came before ("He added that…", a quote's continuation) or
// announces what follows (a line ending in a colon).
func (r *ranker) addContext(ctx context.Context, it *Item, h retrieval.Hit) error {
	before, after := needsContext(h.Text)
	if before && h.Sentence > 0 {
		prev, ok, err := r.snap.Sentence(ctx, h.Doc, h.Sentence-1)
		if err != nil {
			return fmt.Errorf("context of %s: %w", h.Doc, err)
		}
		if ok && prev.Date == h.Date && prev.Title == h.Title {
			it.Before = prev.Text
		}
	}
	if after {
		next, ok, err := r.snap.Sentence(ctx, h.Doc, h.Sentence+1)
		if err != nil {
			return fmt.Errorf("context of %s: %w", h.Doc, err)
		}
		if ok && next.Date == h.Date && next.Title == h.Title {
			it.After = next.Text
		}
	}
	return nil
}

// needsContext says whether a sentence leans on the one before it (a pronoun
// or connective first, a lower-case start, a quote closed that it did not open)
// or on the one after it (a colon at the end, a quote opened and not closed).
func needsContext(s string) (before, after bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return false, false
	}
	first := []rune(strings.TrimLeft(t, "\"'“‘([ "))
	opens, closes := strings.Count(t, "“"), strings.Count(t, "”")
	before = fragmentStartRe.MatchString(t) || (len(first) > 0 && unicode.IsLower(first[0])) || closes > opens
	after = strings.HasSuffix(t, ":") || opens > closes
	return before, after
}

// wordsOf gives the lower-cased words of a sentence, the key for finding copies.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// copyKey is what finds the copies of a sentence: its lower-cased words,
// joined, and their set. It is built once per sentence: a list of statements
// compares each sentence with every one before it.
type copyKey struct {
	joined string
	words  int
	set    map[string]bool
}

func keyOf(s string) copyKey {
	w := wordsOf(s)
	return copyKey{joined: strings.Join(w, " "), words: len(w), set: set(w)}
}

// duplicateOf finds an earlier sentence that is the same as k but for
// punctuation, case and a word or two: the corpus repeats paragraphs verbatim
// and with small edits.
func duplicateOf(keys []copyKey, k copyKey) int {
	for i := range keys {
		if nearSame(&keys[i], &k) {
			return i
		}
	}
	return -1
}

func nearSame(a, b *copyKey) bool {
	if a.words == 0 || b.words == 0 {
		return false
	}
	if a.joined == b.joined {
		return true
	}
	if min(a.words, b.words) < 8 {
		return false
	}
	// The overlap is at most the smaller set over the larger: most pairs are
	// ruled out without looking at their words.
	la, lb := len(a.set), len(b.set)
	if float64(min(la, lb)) < 0.85*float64(max(la, lb)) {
		return false
	}
	inter := 0
	for w := range a.set {
		if b.set[w] {
			inter++
		}
	}
	return float64(inter)/float64(la+lb-inter) >= 0.85
}

func orList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// ErrNotIndexed is returned by Source for a sentence the index does not hold:
// an unknown document, a number past its end, or furniture that is never indexed.
var ErrNotIndexed = errors.New("not in the index")

// sortStatements orders statements oldest first, undated last, then by source and position.
func sortStatements(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if c := items[i].Date.Compare(items[j].Date); c != 0 {
			return c < 0
		}
		if items[i].Source != items[j].Source {
			return items[i].Source < items[j].Source
		}
		return items[i].Start < items[j].Start
	})
}

// Rank returns the k best sentences for a question as the index ranks them
// (with numbers preferred when the question asks for one, as Ask does),
// before answers are filtered, merged and capped: what sentence-retrieval
// evaluations such as SQuAD score.
func (e *Engine) Rank(ctx context.Context, question string, k int) ([]Item, error) {
	q := ParseQuestion(question)
	if q.Problem != "" {
		return nil, nil
	}
	snap, release, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	r := ranker{snap: snap, top: k}
	terms := r.terms(q.Text)
	if len(terms) == 0 {
		return nil, nil
	}
	hits, err := snap.Search(ctx, retrieval.Query{Text: queryText(q.Text), Limit: k})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", question, err)
	}
	preferNumbers(q.Text, hits)
	items := make([]Item, len(hits))
	for i, h := range hits {
		items[i] = itemOf(h)
		items[i].N = i + 1
	}
	return items, nil
}
