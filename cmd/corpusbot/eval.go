package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/eval"
	"github.com/corpusbot/corpusbot/importer"
	"github.com/corpusbot/corpusbot/retrieval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", "")
	var sf storeFlags
	sf.register(fs, e)
	questions := fs.String("questions", "../shared/eval/questions.jsonl", "the questions set (\"\" to skip)")
	statements := fs.String("statements", "../shared/eval/statements.jsonl", "the labelled statements set (\"\" to skip)")
	squad := fs.String("squad", "", "also score SQuAD dev sentence retrieval from this file (e.g. ../shared/data/squad/dev-v1.1.reconstructed.json)")
	top := fs.Int("top", answer.DefaultTop, fmt.Sprintf("how many sentences each answer cites (1 to %d)", answer.MaxTop))
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	verbose := fs.Bool("v", false, "show each question's outcome")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("eval takes no arguments")
	}
	if *top < 1 || *top > answer.MaxTop {
		return usagef("-top must be between 1 and %d", answer.MaxTop)
	}
	out := map[string]any{}
	if *questions != "" || *statements != "" {
		st, _, err := sf.open(ctx, e, false)
		if err != nil {
			return err
		}
		defer st.Close()
		eng := answer.New(st)
		if *questions != "" {
			qs, err := eval.ReadQuestions(*questions)
			if err != nil {
				return fmt.Errorf("questions: %w", err)
			}
			s, results, err := eval.Questions(ctx, eng, qs, *top)
			if err != nil {
				return err
			}
			out["questions"] = s
			if !*asJSON {
				fmt.Fprintf(e.stdout, "questions %s: %d answerable, hit@1 %.3f, hit@3 %.3f, MRR %.3f; %d/%d unanswerable declined, %d answerable wrongly declined; speaker right %d/%d\n",
					*questions, s.Answerable, s.HitAt1, s.HitAt3, s.MRR, s.Declined, s.Unanswerable, s.WronglyDeclined, s.SpeakerRight, s.WithSpeaker)
				if *verbose {
					for _, r := range results {
						fmt.Fprintf(e.stdout, "  %s rank %d declined %v: %s\n", r.Question.ID, r.Rank, r.Declined, r.Question.Question)
					}
				}
			}
		}
		if *statements != "" {
			entries, err := sf.actorEntries()
			if err != nil {
				return err
			}
			s, err := eval.Statements(ctx, sf.corpus, *statements, entries)
			if err != nil {
				return fmt.Errorf("statements: %w", err)
			}
			out["statements"] = s
			if !*asJSON {
				fmt.Fprintf(e.stdout, "statements %s: precision %.3f, recall %.3f (%d labelled said, %d found; %d hard negatives, %d wrongly attributed)\n",
					*statements, s.Precision, s.Recall, s.Said, s.Found, s.Negatives, s.FalsePositives)
			}
		}
	}
	if *squad != "" {
		s, took, err := evalSQuAD(ctx, e, *squad)
		if err != nil {
			return fmt.Errorf("squad: %w", err)
		}
		out["squad"] = s
		if !*asJSON {
			fmt.Fprintf(e.stdout, "squad %s: %d questions, P@1 %.3f, MRR@10 %.3f, R@5 %.3f (%s)\n", *squad, s.Questions, s.PAt1, s.MRRAt10, s.RAt5, took.Round(time.Millisecond))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return nil
}

// evalSQuAD imports the SQuAD paragraphs into a scratch corpus, indexes every
// sentence, and scores sentence retrieval for every question.
func evalSQuAD(ctx context.Context, e *env, src string) (eval.SQuADScores, time.Duration, error) {
	var zero eval.SQuADScores
	tmp, err := os.MkdirTemp("", "corpusbot-squad-")
	if err != nil {
		return zero, 0, err
	}
	defer os.RemoveAll(tmp)
	root := filepath.Join(tmp, "corpus")
	if _, err := importer.Import(ctx, "squad", src, filepath.Join(root, eval.SQuADFile), importer.Options{}); err != nil {
		return zero, 0, err
	}
	qs, _, err := importer.SQuADQuestions(ctx, src)
	if err != nil {
		return zero, 0, err
	}
	st, _, err := openStore(ctx, e, filepath.Join(tmp, "index"), root, retrieval.StoreOptions{Logger: e.log})
	if err != nil {
		return zero, 0, err
	}
	defer st.Close()
	start := time.Now()
	s, err := eval.SQuAD(ctx, answer.New(st), qs)
	return s, time.Since(start), err
}
