package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/corpus"
)

// maxInput bounds what split reads from stdin, as the corpus bounds a file.
const maxInput = 64 << 20

func readAll(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxInput {
		return "", fmt.Errorf("input over %d MiB", maxInput>>20)
	}
	return string(b), nil
}

func dateOrUndated(d corpus.Date) string {
	if d.IsZero() {
		return "undated"
	}
	return d.String()
}

// citation is the line under a cited sentence: who, where, when.
func citation(it answer.Item) string {
	var parts []string
	if it.Speaker != "" {
		parts = append(parts, it.Speaker)
	}
	if it.Title != "" {
		parts = append(parts, it.Title)
	}
	when := dateOrUndated(it.Date)
	if it.DateIs == "said" {
		when = "said " + when
	}
	parts = append(parts, when, it.Source)
	if len(it.Also) > 0 {
		parts = append(parts, fmt.Sprintf("also in %s", strings.Join(it.Also, ", ")))
	}
	return strings.Join(parts, " · ")
}

func writeItems(w io.Writer, items []answer.Item) error {
	for _, it := range items {
		text := it.Text
		if it.Before != "" {
			text = "(" + it.Before + ") " + text
		}
		if it.After != "" {
			text += " (" + it.After + ")"
		}
		if _, err := fmt.Fprintf(w, "[%d] %s\n    — %s\n", it.N, text, citation(it)); err != nil {
			return err
		}
	}
	return nil
}

func writeAnswer(w io.Writer, a *answer.Answer) error {
	if a.Reply != "" {
		if _, err := fmt.Fprintln(w, a.Reply); err != nil {
			return err
		}
	}
	return writeItems(w, a.Items)
}

func writeStatements(w io.Writer, s *answer.Statements) error {
	if s.Actor != "" && len(s.Items) > 0 {
		if _, err := fmt.Fprintf(w, "%s: %d statements\n", s.Actor, len(s.Items)); err != nil {
			return err
		}
	}
	if s.Reply != "" {
		if _, err := fmt.Fprintln(w, s.Reply); err != nil {
			return err
		}
	}
	return writeItems(w, s.Items)
}

func writeActors(w io.Writer, actors []corpus.Actor) error {
	if len(actors) == 0 {
		_, err := fmt.Fprintln(w, "No actor has attributed statements in this corpus.")
		return err
	}
	for _, a := range actors {
		span := dateOrUndated(a.First)
		if a.Last != a.First {
			span += " – " + dateOrUndated(a.Last)
		}
		role := ""
		if a.Role != "" {
			role = " (" + a.Role + ")"
		}
		if _, err := fmt.Fprintf(w, "%-32s %4d  %s%s\n", a.Name, a.Statements, span, role); err != nil {
			return err
		}
	}
	return nil
}
