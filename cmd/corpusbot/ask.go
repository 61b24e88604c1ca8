package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
)

// jsonAnswer is the -json shape of one answered question: a contract other
// tools read, so fields are only ever added.
type jsonAnswer struct {
	Question string     `json:"question"`
	Answered bool       `json:"answered"`
	Reply    string     `json:"reply,omitempty"`
	Answers  []jsonItem `json:"answers"`
}

type jsonItem struct {
	Text     string   `json:"text"`
	Source   string   `json:"source"`
	Title    string   `json:"title"`
	Date     string   `json:"date"`
	Speaker  string   `json:"speaker"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Score    float64  `json:"score"`
	N        int      `json:"n"`
	DateIs   string   `json:"date_is,omitempty"`
	Quote    bool     `json:"quote"`
	Before   string   `json:"before,omitempty"`
	After    string   `json:"after,omitempty"`
	Copies   int      `json:"copies"`
	Also     []string `json:"also,omitempty"`
	Sentence int      `json:"sentence"`
}

func toJSONItems(items []answer.Item) []jsonItem {
	out := make([]jsonItem, 0, len(items))
	for _, it := range items {
		out = append(out, jsonItem{
			Text: it.Text, Source: it.Source, Title: it.Title, Date: it.Date.String(), Speaker: it.Speaker,
			Start: it.Start, End: it.End, Score: it.Score, N: it.N, DateIs: it.DateIs, Quote: it.Quote,
			Before: it.Before, After: it.After, Copies: it.Copies, Also: it.Also, Sentence: it.Sentence,
		})
	}
	return out
}

func runAsk(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ask", "QUESTION")
	var sf storeFlags
	sf.register(fs, e)
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	batch := fs.String("batch", "", "read one question a line from FILE (- for stdin) and print one JSON line per question")
	top := fs.Int("top", answer.DefaultTop, fmt.Sprintf("how many sentences to cite (1 to %d)", answer.MaxTop))
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *top < 1 || *top > answer.MaxTop {
		return usagef("-top must be between 1 and %d", answer.MaxTop)
	}
	if *batch == "" && len(pos) == 0 {
		fs.Usage()
		return usagef("no question: give one, or -batch FILE")
	}
	if *batch != "" && len(pos) > 0 {
		return usagef("give a question or -batch, not both")
	}
	var questions func(yield func(string) bool) error
	if *batch != "" {
		in := e.stdin
		if *batch != "-" {
			f, err := os.Open(*batch)
			if err != nil {
				return fmt.Errorf("batch: %w", err)
			}
			defer f.Close()
			in = f
		}
		questions = lines(in)
	} else {
		q := strings.Join(pos, " ")
		questions = func(yield func(string) bool) error { yield(q); return nil }
	}
	st, _, err := sf.open(ctx, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	eng := answer.New(st)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	pretty := json.NewEncoder(e.stdout)
	pretty.SetEscapeHTML(false)
	pretty.SetIndent("", "  ")
	var runErr error
	err = questions(func(q string) bool {
		a, err := eng.Ask(ctx, q, *top)
		if err != nil {
			runErr = err
			return false
		}
		switch {
		case *batch != "":
			err = enc.Encode(jsonAnswer{Question: q, Answered: a.Answered, Reply: a.Reply, Answers: toJSONItems(a.Items)})
		case *asJSON:
			// Indented for people; -batch keeps one object a line for tools.
			err = pretty.Encode(jsonAnswer{Question: q, Answered: a.Answered, Reply: a.Reply, Answers: toJSONItems(a.Items)})
		default:
			err = writeAnswer(e.stdout, a)
		}
		if err != nil {
			runErr = err
			return false
		}
		return true
	})
	if runErr != nil {
		return runErr
	}
	return err
}

// lines yields the non-blank lines of r, without their line ends; questions
// may be long, so no line is too long for it.
func lines(r io.Reader) func(yield func(string) bool) error {
	return func(yield func(string) bool) error {
		br := bufio.NewReader(r)
		for {
			line, err := br.ReadString('\n')
			if t := strings.TrimRight(line, "\r\n"); strings.TrimSpace(t) != "" {
				if !yield(t) {
					return nil
				}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("reading questions: %w", err)
			}
		}
	}
}
