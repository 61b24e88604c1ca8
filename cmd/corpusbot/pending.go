package main

import (
	"context"

	"github.com/corpusbot/corpusbot/retrieval"
)

// TEMPORARY during development: replaced by the watch work.
func watchCorpus(ctx context.Context, e *env, st *retrieval.Store) {}
