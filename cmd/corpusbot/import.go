package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/corpusbot/corpusbot/importer"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import", strings.Join(importer.Sources(), "|")+" SRC DEST")
	perFile := fs.Int("per-file", importer.DefaultPerFile, "articles per .jsonl file when DEST is a folder")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		fs.Usage()
		return usagef("want SOURCE SRC DEST, got %d arguments", len(pos))
	}
	if !slices.Contains(importer.Sources(), pos[0]) {
		return usagef("unknown source %q: want %s", pos[0], strings.Join(importer.Sources(), ", "))
	}
	if *perFile < 1 {
		return usagef("-per-file must be at least 1")
	}
	st, err := importer.Import(ctx, pos[0], pos[1], pos[2], importer.Options{PerFile: *perFile})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, st.Summary())
	for _, f := range st.Outputs {
		fmt.Fprintf(e.stdout, "wrote %s\n", f)
	}
	return nil
}
