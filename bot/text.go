package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
)

// Chat runs the commands as a terminal conversation: one line in (a /command or
// a bare question), the same answers as in Discord out, as plain text. It returns
// nil at the end of input or on /quit.
func Chat(ctx context.Context, eng *answer.Engine, in io.Reader, out io.Writer) error {
	return chat(ctx, NewCommands(eng, 0), in, out)
}

func chat(ctx context.Context, c *Commands, in io.Reader, out io.Writer) error {
	interactive := isTerminal(in)
	if interactive {
		fmt.Fprintln(out, "corpusbot chat: ask a question, or /help for the commands, /quit to leave.")
	}

	lines := make(chan string)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				select {
				case lines <- line:
				case <-stop:
					return
				}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				readErr <- err
				return
			}
		}
	}()

	var last *Result // for /next and /prev
	for {
		if interactive {
			fmt.Fprint(out, "> ")
		}
		var line string
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-readErr:
			if err != nil {
				return fmt.Errorf("chat: read input: %w", err)
			}
			return nil
		case line = <-lines:
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}

		var req Request
		switch strings.ToLower(line) {
		case "/quit", "/exit":
			return nil
		case "/next", "/prev":
			var to *Request
			if last != nil {
				to = last.Next
				if strings.EqualFold(line, "/prev") {
					to = last.Prev
				}
			}
			if to == nil {
				fmt.Fprintln(out, "! There is no such page.")
				continue
			}
			req = *to
		default:
			var err error
			if req, err = ParseLine(line); err != nil {
				fmt.Fprintf(out, "! %v\n", err)
				continue
			}
		}
		if req.Command == CmdReload {
			fmt.Fprintln(out, "Reloading the corpus…")
		}
		r, err := c.Do(ctx, req)
		if err != nil {
			fmt.Fprintf(out, "! Something went wrong: %v\n", err)
			continue
		}
		if r.Pages > 1 {
			last = r
		}
		WriteText(out, r)
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ParseLine reads one line of the text syntax: "/ask question", a bare
// question, "/statements Lavrov about=Nusra Front since=2016-01-01 page=2"
// (words after key= belong to that key until the next key=; quotes group too),
// "/actors [page]", "/source document sentence", "/reload", "/help".
func ParseLine(line string) (Request, error) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "/") {
		return Request{Command: CmdAsk, Question: line}, nil
	}
	name, rest, _ := strings.Cut(line[1:], " ")
	name = strings.ToLower(name)
	rest = strings.TrimSpace(rest)
	switch name {
	case CmdAsk:
		return Request{Command: CmdAsk, Question: rest}, nil
	case CmdStatements:
		return parseStatements(rest)
	case CmdActors:
		req := Request{Command: CmdActors}
		if p := strings.TrimPrefix(rest, "page="); p != "" {
			n, err := strconv.Atoi(p)
			if err != nil || n < 1 {
				return req, fmt.Errorf("/actors takes a page number, not %q", clipRunes(rest, 40))
			}
			req.Page = n
		}
		return req, nil
	case CmdSource:
		i := strings.LastIndexAny(rest, " \t")
		if i < 0 {
			return Request{}, errors.New("/source takes a document and a sentence number, as a citation shows them: /source 001_x.txt 12")
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n < 0 {
			return Request{}, fmt.Errorf("/source: %q is not a sentence number", clipRunes(rest[i+1:], 40))
		}
		return Request{Command: CmdSource, Doc: strings.TrimSpace(rest[:i]), Sentence: n}, nil
	case CmdReload, CmdHelp:
		return Request{Command: name}, nil
	}
	return Request{}, fmt.Errorf("unknown command /%s; /help lists the commands", clipRunes(name, 40))
}

func parseStatements(args string) (Request, error) {
	req := Request{Command: CmdStatements}
	words, err := splitWords(args)
	if err != nil {
		return req, err
	}
	vals := map[string][]string{}
	key := "actor"
	for _, w := range words {
		if k, v, ok := strings.Cut(w, "="); ok {
			switch k = strings.ToLower(k); k {
			case "actor", "about", "since", "until", "page":
				key = k
				w = v
			default:
				return req, fmt.Errorf("unknown option %q; /statements takes actor, about=, since=, until= and page=", clipRunes(k, 40))
			}
		}
		if w != "" {
			vals[key] = append(vals[key], w)
		}
	}
	get := func(k string) string { return strings.Join(vals[k], " ") }
	req.Actor, req.About, req.Since, req.Until = get("actor"), get("about"), get("since"), get("until")
	if p := get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return req, fmt.Errorf("page=%s: want a page number from 1", clipRunes(p, 40))
		}
		req.Page = n
	}
	return req, nil
}

// splitWords splits on spaces, keeping "quoted words" (straight or curly quotes) together.
func splitWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == closing(quote):
			quote = 0
		case quote == 0 && (r == '"' || r == '“'):
			quote, inWord = r, true
		case quote == 0 && (r == ' ' || r == '\t'):
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("a quote is not closed")
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func closing(open rune) rune {
	if open == '“' {
		return '”'
	}
	return open
}

// WriteText renders a Result as plain text, as `corpusbot chat` shows it.
func WriteText(w io.Writer, r *Result) {
	var b strings.Builder
	if r.Failed {
		fmt.Fprintf(&b, "! %s\n", r.Text)
		io.WriteString(w, b.String())
		return
	}
	if r.Title != "" {
		fmt.Fprintf(&b, "# %s\n", oneLine(r.Title))
	}
	if r.Text != "" {
		fmt.Fprintf(&b, "%s\n", r.Text)
	}
	if r.Context != nil {
		fmt.Fprintf(&b, "\n%s\n", markSentence(r.Context.Paragraph, r.Context.Sentence, "»", "«"))
	}
	for _, c := range r.Items {
		text := c.Text
		if c.Before != "" || c.After != "" {
			text = strings.TrimSpace(c.Before + " »" + c.Text + "« " + c.After)
		}
		fmt.Fprintf(&b, "\n  %s\n  %s\n", oneLine(text), c.Line)
	}
	if len(r.Rows) > 0 {
		b.WriteString("\n")
		for _, row := range r.Rows {
			fmt.Fprintf(&b, "  %s\n", row)
		}
	}
	if r.Note != "" {
		fmt.Fprintf(&b, "\n%s\n", r.Note)
	}
	if r.Pages > 1 {
		var moves []string
		if r.Prev != nil {
			moves = append(moves, "/prev")
		}
		if r.Next != nil {
			moves = append(moves, "/next")
		}
		fmt.Fprintf(&b, "\npage %d of %d: %s\n", r.Page, r.Pages, strings.Join(moves, ", "))
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// markSentence wraps the first occurrence of sentence in paragraph with open
// and close, or returns the paragraph unmarked when the sentence is not in it.
func markSentence(paragraph, sentence, open, close string) string {
	i := strings.Index(paragraph, sentence)
	if sentence == "" || i < 0 {
		return paragraph
	}
	return paragraph[:i] + open + sentence + close + paragraph[i+len(sentence):]
}
