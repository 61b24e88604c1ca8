// Package bot owns the fronts people talk to: one command layer (ask, statements, actors,
// source, reload, help) rendered as Discord embeds and buttons, or as plain text for `chat`.
package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/corpus"
)

// Command names, as typed after the slash in Discord and in chat.
const (
	CmdAsk        = "ask"
	CmdStatements = "statements"
	CmdActors     = "actors"
	CmdSource     = "source"
	CmdReload     = "reload"
	CmdHelp       = "help"
)

const (
	statementsPerPage = 5
	actorsPerPage     = 20
	maxSkipsShown     = 10
)

// Request is one command with its arguments, as either front parsed it.
type Request struct {
	Command string

	Question string // ask

	Actor, About, Since, Until string // statements; Since and Until as YYYY-MM-DD, YYYY-MM or YYYY
	Page                       int    // statements and actors, from 1; 0 means the first page

	Doc      string // source: document id
	Sentence int    // source: sentence index in the document
}

// Result is what a command produced, before a front renders it.
type Result struct {
	Title   string
	Text    string   // a paragraph: the reply, a summary, the help
	Context *Context // source: the sentence in its paragraph
	Items   []Cite   // numbered citations
	Rows    []string // list lines (actors, skipped files)
	Note    string   // small print: the citation of a passage, a paging remark

	Page, Pages int      // page Page of Pages, from 1; Pages is 0 for a single result
	Prev, Next  *Request // neighbouring pages, nil at either end

	// Failed means the command could not do what was asked (bad input, refused,
	// reload failed); Text says why and fronts show it to the asker alone.
	Failed bool
}

// Context is a sentence in its paragraph.
type Context struct {
	Paragraph, Sentence string
}

// Cite is one numbered citation: the sentence, then where it comes from.
type Cite struct {
	N             int
	Text          string
	Before, After string // neighbouring sentences when Text alone is a fragment
	Doc           string
	Sentence      int
	// Line is "[n] title — date — source, sentence k": the citation as both fronts print it.
	Line string
}

// Commands runs requests against an answer engine. It is safe for concurrent use.
type Commands struct {
	eng *answer.Engine
	top int
}

// NewCommands returns the command layer over eng; answers cite at most top
// sentences (the engine's default when top <= 0).
func NewCommands(eng *answer.Engine, top int) *Commands {
	return &Commands{eng: eng, top: top}
}

// failure is a Result for a request the command layer refuses, with a reason.
func failure(format string, args ...any) *Result {
	return &Result{Failed: true, Text: fmt.Sprintf(format, args...)}
}

// Do runs one request. User mistakes come back as a Failed Result; an error
// means something broke underneath and is for the log, not the user.
func (c *Commands) Do(ctx context.Context, req Request) (*Result, error) {
	switch req.Command {
	case CmdAsk:
		return c.ask(ctx, req.Question)
	case CmdStatements:
		return c.statements(ctx, req)
	case CmdActors:
		return c.actors(ctx, req.Page), nil
	case CmdSource:
		return c.source(ctx, req.Doc, req.Sentence)
	case CmdReload:
		return c.reload(ctx), nil
	case CmdHelp, "":
		return Help(), nil
	}
	return failure("Unknown command /%s; /help lists the commands.", req.Command), nil
}

func (c *Commands) ask(ctx context.Context, question string) (*Result, error) {
	if strings.TrimSpace(question) == "" {
		return failure("Ask a question, for example: /ask what did the minister say about the ceasefire?"), nil
	}
	a, err := c.eng.Ask(ctx, question, c.top)
	if err != nil {
		return nil, fmt.Errorf("ask %q: %w", clipRunes(question, 80), err)
	}
	r := &Result{Title: question, Text: a.Reply, Items: cites(a.Items)}
	if r.Text == "" && len(r.Items) == 0 {
		r.Text = "The corpus has no answer to that."
	}
	return r, nil
}

func (c *Commands) statements(ctx context.Context, req Request) (*Result, error) {
	actor := strings.TrimSpace(req.Actor)
	if actor == "" {
		return failure("Name an actor, for example: /statements Lavrov about=ceasefire"), nil
	}
	q := answer.StatementsQuery{Actor: actor, About: strings.TrimSpace(req.About)}
	var err error
	if q.Since, err = parseDate("since", req.Since); err != nil {
		return failure("%v", err), nil
	}
	if q.Until, err = parseDate("until", req.Until); err != nil {
		return failure("%v", err), nil
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Since.Compare(q.Until) > 0 {
		return failure("since (%s) is after until (%s).", q.Since, q.Until), nil
	}
	st, err := c.eng.Statements(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("statements of %q: %w", clipRunes(actor, 80), err)
	}

	r := &Result{Text: st.Reply}
	if st.Actor == "" {
		r.Title = "Statements by " + actor
		if r.Text == "" {
			r.Text = unknownActor(actor, st.Candidates)
		}
		return r, nil
	}
	r.Title = statementsTitle(st.Actor, q)
	if len(st.Items) == 0 {
		if r.Text == "" {
			r.Text = "No statements found."
		}
		return r, nil
	}

	all := cites(st.Items)
	page, pages := pageOf(req.Page, len(all), statementsPerPage)
	r.Items = all[(page-1)*statementsPerPage : min(page*statementsPerPage, len(all))]
	if pages > 1 {
		next := Request{Command: CmdStatements, Actor: st.Actor, About: q.About,
			Since: q.Since.String(), Until: q.Until.String()}
		r.Page, r.Pages, r.Prev, r.Next = page, pages, neighbour(next, page-1, pages), neighbour(next, page+1, pages)
	}
	return r, nil
}

func unknownActor(actor string, candidates []string) string {
	if len(candidates) == 0 {
		return fmt.Sprintf("No actor named %q has statements in the corpus. /actors lists who does.", actor)
	}
	if len(candidates) > 10 {
		candidates = append(candidates[:10:10], "…")
	}
	return fmt.Sprintf("%q could be: %s. Which one?", actor, strings.Join(candidates, ", "))
}

func statementsTitle(actor string, q answer.StatementsQuery) string {
	var b strings.Builder
	b.WriteString("Statements by " + actor)
	if q.About != "" {
		b.WriteString(" about " + q.About)
	}
	if !q.Since.IsZero() {
		b.WriteString(" since " + q.Since.String())
	}
	if !q.Until.IsZero() {
		b.WriteString(" until " + q.Until.String())
	}
	return b.String()
}

func parseDate(name, s string) (corpus.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return corpus.Date{}, nil
	}
	d, err := corpus.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("%s: %q is not a date; write YYYY-MM-DD, YYYY-MM or YYYY", name, clipRunes(s, 40))
	}
	return d, nil
}

// pageOf clamps a requested page (from 1) to those n items fill, so that a
// button from before a reload still lands on a page that exists.
func pageOf(page, n, per int) (int, int) {
	pages := max(1, (n+per-1)/per)
	return min(max(page, 1), pages), pages
}

func neighbour(r Request, page, pages int) *Request {
	if page < 1 || page > pages {
		return nil
	}
	r.Page = page
	return &r
}

func (c *Commands) actors(ctx context.Context, page int) *Result {
	actors := c.eng.Actors(ctx)
	r := &Result{Title: "Actors"}
	if len(actors) == 0 {
		r.Text = "No statements are attributed to anyone in the corpus."
		return r
	}
	r.Text = fmt.Sprintf("%d actors have statements in the corpus.", len(actors))
	page, pages := pageOf(page, len(actors), actorsPerPage)
	for _, a := range actors[(page-1)*actorsPerPage : min(page*actorsPerPage, len(actors))] {
		r.Rows = append(r.Rows, actorRow(a))
	}
	if pages > 1 {
		all := Request{Command: CmdActors}
		r.Page, r.Pages, r.Prev, r.Next = page, pages, neighbour(all, page-1, pages), neighbour(all, page+1, pages)
	}
	return r
}

func actorRow(a corpus.Actor) string {
	var b strings.Builder
	b.WriteString(a.Name)
	if a.Role != "" {
		b.WriteString(", " + a.Role)
	}
	if a.Statements == 1 {
		b.WriteString(" — 1 statement")
	} else {
		fmt.Fprintf(&b, " — %d statements", a.Statements)
	}
	first, last := a.First.String(), a.Last.String()
	switch {
	case first != "" && last != "" && first != last:
		fmt.Fprintf(&b, " (%s to %s)", first, last)
	case first != "":
		fmt.Fprintf(&b, " (%s)", first)
	case last != "":
		fmt.Fprintf(&b, " (%s)", last)
	}
	return b.String()
}

func (c *Commands) source(ctx context.Context, doc string, sentence int) (*Result, error) {
	doc = strings.TrimSpace(doc)
	if doc == "" || sentence < 0 {
		return failure("Give a document and a sentence number, as a citation shows them: /source 001_x.txt 12"), nil
	}
	p, err := c.eng.Source(ctx, doc, sentence)
	if errors.Is(err, answer.ErrNotIndexed) {
		// An unknown document or sentence is the user's to fix, and the
		// message names what was missing; any other error is for the log.
		return failure("No such passage: %v", err), nil
	}
	if err != nil {
		return nil, fmt.Errorf("source %q %d: %w", clipRunes(doc, 80), sentence, err)
	}
	r := &Result{
		Title:   p.Title,
		Context: &Context{Paragraph: p.Paragraph, Sentence: p.Sentence},
		Note:    citation(p.Title, p.Date, p.Source, sentence),
	}
	if r.Title == "" {
		r.Title = p.Source
	}
	return r, nil
}

func (c *Commands) reload(ctx context.Context) *Result {
	rep, err := c.eng.Reload(ctx)
	if err != nil {
		return failure("Reload failed; the old index keeps answering. %s", clipRunes(err.Error(), 500))
	}
	r := &Result{Title: "Corpus reloaded"}
	r.Text = fmt.Sprintf("%d documents: %d added, %d changed, %d removed, %d unchanged, %d skipped.\n%d sentences, %d actors. Took %s.",
		rep.Documents, rep.Added, rep.Changed, rep.Removed, rep.Unchanged, len(rep.Skipped),
		rep.Sentences, rep.Actors, roundDuration(rep.Took))
	for _, w := range rep.Warnings {
		r.Rows = append(r.Rows, "Warning: "+w)
	}
	for i, s := range rep.Skipped {
		if i == maxSkipsShown {
			r.Rows = append(r.Rows, fmt.Sprintf("…and %d more skipped files.", len(rep.Skipped)-maxSkipsShown))
			break
		}
		r.Rows = append(r.Rows, fmt.Sprintf("Skipped %s: %s", s.Path, s.Reason))
	}
	return r
}

// roundDuration keeps three significant figures or so: 1.23s, 312ms, 45µs.
func roundDuration(d time.Duration) time.Duration {
	for _, unit := range []time.Duration{time.Second, time.Millisecond, time.Microsecond} {
		if d >= unit {
			return d.Round(unit / 100)
		}
	}
	return d
}

// Help describes the commands; both fronts accept the same forms.
func Help() *Result {
	return &Result{
		Title: "corpusbot: the corpus, cited",
		Text: "Every answer quotes the corpus and cites each sentence: [n] title — date — source.\n" +
			"/ask question — answer a question, e.g. /ask what did Lavrov say about Nusra?\n" +
			"/statements actor [about] [since] [until] — an actor's statements, oldest first; dates as YYYY-MM-DD, YYYY-MM or YYYY\n" +
			"/actors — who has statements, with counts\n" +
			"/source document sentence — a cited sentence in its paragraph (or press Show context)\n" +
			"/reload — moderators: re-read the corpus; the old index answers until the new one is ready\n" +
			"/help — this text\n" +
			"Mention the bot or send it a direct message with a question to ask it.",
	}
}

func cites(items []answer.Item) []Cite {
	out := make([]Cite, 0, len(items))
	for i, it := range items {
		n := it.N
		if n == 0 {
			n = i + 1
		}
		line := fmt.Sprintf("[%d] %s", n, citation(it.Title, it.Date, it.Source, it.Sentence))
		if it.Copies > 1 {
			line += fmt.Sprintf(" (also in %d other places)", it.Copies-1)
		}
		out = append(out, Cite{N: n, Text: it.Text, Before: it.Before, After: it.After,
			Doc: it.Source, Sentence: it.Sentence, Line: line})
	}
	return out
}

// citation is "title — date — source, sentence k", with "undated" for no date.
func citation(title string, d corpus.Date, source string, sentence int) string {
	if title == "" {
		title = "Untitled"
	}
	date := d.String()
	if date == "" {
		date = "undated"
	}
	return fmt.Sprintf("%s — %s — %s, sentence %d", clipRunes(title, 150), date, source, sentence)
}

// clipRunes shortens s to at most n runes, marking the cut with an ellipsis.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// errPanic stands for a recovered panic in a handler; the panic itself is logged.
var errPanic = errors.New("panic in handler")
