package main

import (
	"context"
	"errors"

	"github.com/corpusbot/corpusbot/retrieval"
)

// TEMPORARY during development: replaced by the bench and watch work.
func runBench(ctx context.Context, e *env, args []string) error { return errors.New("bench: pending") }

func watchCorpus(ctx context.Context, e *env, st *retrieval.Store) {}
