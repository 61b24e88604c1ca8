package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/corpus"
)

type jsonStatements struct {
	Actor      string          `json:"actor"`
	Statements []jsonStatement `json:"statements"`
	Candidates []string        `json:"candidates,omitempty"`
	Reply      string          `json:"reply,omitempty"`
}

type jsonStatement struct {
	Text   string   `json:"text"`
	Source string   `json:"source"`
	Date   string   `json:"date"`
	Start  int      `json:"start"`
	End    int      `json:"end"`
	Quote  bool     `json:"quote"`
	Title  string   `json:"title"`
	DateIs string   `json:"date_is,omitempty"`
	Score  float64  `json:"score,omitempty"`
	Copies int      `json:"copies"`
	Also   []string `json:"also,omitempty"`
}

func runStatements(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "statements", "ACTOR")
	var sf storeFlags
	sf.register(fs, e)
	asJSON := fs.Bool("json", false, "print JSON")
	about := fs.String("about", "", "rank the statements by relevance to TOPIC and keep the relevant ones")
	since := fs.String("since", "", "only statements made on or after YYYY-MM-DD")
	until := fs.String("until", "", "only statements made on or before YYYY-MM-DD")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usagef("name an actor")
	}
	q := answer.StatementsQuery{Actor: strings.Join(pos, " "), About: *about}
	if q.Since, err = flagDate("since", *since); err != nil {
		return err
	}
	if q.Until, err = flagDate("until", *until); err != nil {
		return err
	}
	st, _, err := sf.open(ctx, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := answer.New(st).Statements(ctx, q)
	if err != nil {
		return err
	}
	if !*asJSON {
		return writeStatements(e.stdout, res)
	}
	out := jsonStatements{Actor: res.Actor, Statements: []jsonStatement{}, Candidates: res.Candidates, Reply: res.Reply}
	for _, it := range res.Items {
		out.Statements = append(out.Statements, jsonStatement{
			Text: it.Text, Source: it.Source, Date: it.Date.String(), Start: it.Start, End: it.End, Quote: it.Quote,
			Title: it.Title, DateIs: it.DateIs, Score: it.Score, Copies: it.Copies, Also: it.Also,
		})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func flagDate(name, v string) (corpus.Date, error) {
	if v == "" {
		return corpus.Date{}, nil
	}
	d, err := corpus.ParseDate(v)
	if err != nil {
		return d, usagef("-%s: %v", name, err)
	}
	return d, nil
}

type jsonActor struct {
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases,omitempty"`
	Role       string   `json:"role,omitempty"`
	Statements int      `json:"statements"`
	First      string   `json:"first"`
	Last       string   `json:"last"`
}

func runActors(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "actors", "")
	var sf storeFlags
	sf.register(fs, e)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("actors takes no arguments")
	}
	st, _, err := sf.open(ctx, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	actors := answer.New(st).Actors(ctx)
	if !*asJSON {
		return writeActors(e.stdout, actors)
	}
	out := []jsonActor{}
	for _, a := range actors {
		out = append(out, jsonActor{Name: a.Name, Aliases: a.Aliases, Role: a.Role, Statements: a.Statements, First: a.First.String(), Last: a.Last.String()})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Actors []jsonActor `json:"actors"`
	}{out})
}

func runSplit(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "split", "< TEXT")
	offsets := fs.Bool("offsets", false, "prefix each sentence with its byte offsets START-END")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("split reads its text on stdin and takes no arguments")
	}
	text, err := readAll(e.stdin)
	if err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	for _, s := range corpus.Split(text) {
		if *offsets {
			fmt.Fprintf(e.stdout, "%d-%d\t", s.Start, s.End)
		}
		fmt.Fprintln(e.stdout, s.Text)
	}
	return nil
}
