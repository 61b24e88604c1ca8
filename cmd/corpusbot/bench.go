package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corpusbot/corpusbot/bench"
)

func runBench(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "bench", "")
	sizes := fs.String("sizes", "10k,100k", "corpus sizes in sentences, comma-separated (1m takes minutes)")
	data := fs.String("data", "../shared/data", "the folder holding reuters21578, bbc-fulltext, wikinews-sample and squad")
	work := fs.String("work", "", "scratch folder, kept after the run (default a temporary folder, removed after)")
	questions := fs.Int("questions", 1000, "questions asked and timed at each size")
	squad := fs.String("squad", "", "the SQuAD v1.1 JSON file (default DATA/squad/dev-v1.1.reconstructed.json)")
	team := fs.String("team", "../shared/eval/questions.jsonl", "the team's questions, asked along with SQuAD's (\"\" for none)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("bench takes no arguments")
	}
	ns, err := bench.ParseSizes(*sizes)
	if err != nil {
		return usagef("-sizes: %v", err)
	}
	if *questions < 1 {
		return usagef("-questions must be at least 1")
	}
	src := bench.DataSources(*data)
	if *squad != "" {
		src.SQuAD = *squad
	}
	for _, p := range []string{src.Reuters, src.BBC, src.Wikinews, src.SQuAD} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("data: %w", err)
		}
	}
	if *team != "" {
		if _, err := os.Stat(*team); err != nil {
			return fmt.Errorf("team questions: %w", err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find this program to run the builds: %w", err)
	}
	if *work != "" {
		if *work, err = filepath.Abs(*work); err != nil {
			return err
		}
	}
	results, err := bench.Run(ctx, bench.Options{
		Sizes:         ns,
		Sources:       src,
		TeamQuestions: *team,
		Questions:     *questions,
		Work:          *work,
		BuildCommand:  []string{exe, "index"},
		Log:           e.log,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(results)
	}
	return bench.WriteTable(e.stdout, results)
}
