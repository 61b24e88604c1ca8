// Package eval scores corpusbot against labelled questions and statements: the
// team's own sets in ../shared/eval and SQuAD dev as sentence retrieval.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/corpus"
)

// Gold is one right answer: a sentence from Source that contains Contains.
type Gold struct {
	Source   string `json:"source"`
	Contains string `json:"contains"`
}

// Question is one line of questions.jsonl; an empty Gold means the corpus has no answer.
type Question struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Gold     []Gold `json:"gold"`
	Speaker  string `json:"speaker,omitempty"`
	Date     string `json:"date,omitempty"`
}

// ReadQuestions reads a questions.jsonl file.
func ReadQuestions(path string) ([]Question, error) {
	var qs []Question
	err := readJSONL(path, func(line int, b []byte) error {
		var q Question
		if err := json.Unmarshal(b, &q); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

func readJSONL(path string, each func(line int, b []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := each(n, sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Result is one question's outcome.
type Result struct {
	Question  Question
	Rank      int  // 1-based rank of the first right sentence, 0 when none was returned
	Declined  bool // the engine said the corpus has no answer
	SpeakerOK bool // the first right sentence was attributed to the expected speaker
	Answer    *answer.Answer
}

// Scores sums up a run over a question set.
type Scores struct {
	Questions       int     `json:"questions"`
	Answerable      int     `json:"answerable"`
	HitAt1          float64 `json:"hit@1"`
	HitAt3          float64 `json:"hit@3"`
	MRR             float64 `json:"mrr"`
	Unanswerable    int     `json:"unanswerable"`
	Declined        int     `json:"declined"`         // unanswerable questions declined
	WronglyDeclined int     `json:"wrongly_declined"` // answerable questions declined
	WithSpeaker     int     `json:"with_speaker"`     // answerable questions that name the speaker
	SpeakerRight    int     `json:"speaker_right"`    // of those, the right sentence carried the speaker
}

// Questions asks every question of qs and scores the answers: a cited sentence
// is right when it comes from a gold source and contains the gold text
// (whitespace folded).
func Questions(ctx context.Context, eng *answer.Engine, qs []Question, top int) (Scores, []Result, error) {
	var s Scores
	var results []Result
	for _, q := range qs {
		a, err := eng.Ask(ctx, q.Question, top)
		if err != nil {
			return s, nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		r := Result{Question: q, Answer: a, Declined: !a.Answered}
		for i, it := range a.Items {
			if right(q.Gold, it) {
				r.Rank = i + 1
				r.SpeakerOK = q.Speaker != "" && sameSpeaker(it.Speaker, q.Speaker)
				break
			}
		}
		s.Questions++
		if len(q.Gold) == 0 {
			s.Unanswerable++
			if r.Declined {
				s.Declined++
			}
		} else {
			s.Answerable++
			if r.Declined {
				s.WronglyDeclined++
			}
			if r.Rank == 1 {
				s.HitAt1++
			}
			if r.Rank >= 1 && r.Rank <= 3 {
				s.HitAt3++
			}
			if r.Rank > 0 {
				s.MRR += 1 / float64(r.Rank)
			}
			if q.Speaker != "" {
				s.WithSpeaker++
				if r.SpeakerOK {
					s.SpeakerRight++
				}
			}
		}
		results = append(results, r)
	}
	if s.Answerable > 0 {
		n := float64(s.Answerable)
		s.HitAt1, s.HitAt3, s.MRR = s.HitAt1/n, s.HitAt3/n, s.MRR/n
	}
	return s, results, nil
}

func right(gold []Gold, it answer.Item) bool {
	text := corpus.FoldSpace(it.Text)
	for _, g := range gold {
		if (g.Source == it.Source || slices.Contains(it.Also, g.Source)) && strings.Contains(text, corpus.FoldSpace(g.Contains)) {
			return true
		}
	}
	return false
}

// sameSpeaker reports whether a canonical speaker name is the expected one,
// which the sets give by surname, spelt with or without diacritics.
func sameSpeaker(got, want string) bool {
	g, w := corpus.FoldName(got), corpus.FoldName(want)
	return g == w || strings.HasSuffix(g, " "+w) || strings.HasPrefix(g, w+" ")
}
