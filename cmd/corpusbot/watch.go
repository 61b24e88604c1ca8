package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/corpusbot/corpusbot/retrieval"
)

// watchCorpus reloads the index whenever the corpus folder changes (debounced:
// see retrieval.WatchOptions) until ctx ends or the store closes, and logs each
// reload: a failed one leaves the previous index serving.
func watchCorpus(ctx context.Context, e *env, st *retrieval.Store) {
	e.log.Info("watching the corpus folder for changes")
	err := st.Watch(ctx, retrieval.WatchOptions{OnReload: func(rep *retrieval.Report, err error) {
		logReload(e.log, rep, err)
	}})
	if err != nil && ctx.Err() == nil && !errors.Is(err, retrieval.ErrClosed) {
		e.log.Error("corpus watch stopped", "err", err)
	}
}

// logReload logs the outcome of a reload the watch started.
func logReload(log *slog.Logger, rep *retrieval.Report, err error) {
	if err != nil {
		log.Error("corpus reload failed; the previous index is still answering", "err", err)
		return
	}
	for _, w := range rep.Warnings {
		log.Warn("corpus reload", "warning", w)
	}
	if rep.Reopened {
		log.Debug("corpus checked: no document changed", "documents", rep.Documents, "took", rep.Took)
		return
	}
	log.Info("corpus reloaded",
		"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed, "unchanged", rep.Unchanged,
		"skipped", len(rep.Skipped), "documents", rep.Documents, "sentences", rep.Sentences, "actors", rep.Actors,
		"took", rep.Took)
}
