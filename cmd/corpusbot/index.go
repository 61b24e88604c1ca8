package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/corpusbot/corpusbot/retrieval"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "index", "")
	var sf storeFlags
	sf.register(fs, e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("index takes no arguments")
	}
	st, rep, err := sf.open(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	dir, _ := sf.indexDir()
	fmt.Fprintf(e.stdout, "index %s\n", dir)
	return writeReport(e.stdout, rep)
}

// writeReport prints a load report: what was indexed, and every file skipped with why.
func writeReport(w io.Writer, r *retrieval.Report) error {
	how := "built"
	if r.Reopened {
		how = "reopened (corpus unchanged)"
	}
	_, err := fmt.Fprintf(w, "%s in %s: %d documents, %d sentences, %d actors; %d added, %d changed, %d removed, %d unchanged, %d skipped\n",
		how, r.Took.Round(time.Millisecond), r.Documents, r.Sentences, r.Actors, r.Added, r.Changed, r.Removed, r.Unchanged, len(r.Skipped))
	if err != nil {
		return err
	}
	for _, s := range r.Skipped {
		if _, err := fmt.Fprintf(w, "skipped %s: %s\n", s.Path, s.Reason); err != nil {
			return err
		}
	}
	for _, warn := range r.Warnings {
		if _, err := fmt.Fprintf(w, "warning: %s\n", warn); err != nil {
			return err
		}
	}
	return nil
}

// progressPrinter shows build progress on a terminal, and nothing when stderr
// is a log or a CI job, where a progress line is only noise.
func progressPrinter(e *env) func(done, total int) {
	f, ok := e.stderr.(*os.File)
	if !ok || e.getenv("CI") != "" {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	last := time.Time{}
	return func(done, total int) {
		if now := time.Now(); done == total || now.Sub(last) > 200*time.Millisecond {
			last = now
			fmt.Fprintf(f, "\rindexing %d/%d documents", done, total)
			if done == total {
				fmt.Fprintln(f)
			}
		}
	}
}
