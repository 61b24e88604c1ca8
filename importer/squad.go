package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Question is a SQuAD question with its answers located in the text of its paragraph's article.
type Question struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Article  string   `json:"article"` // id of the paragraph's article, e.g. "squad/0/3"
	Answers  []Answer `json:"answers"`
}

// Answer is an answer span: Start and End are byte offsets into the article text (SQuAD's
// answer_start counts Unicode code points). The answer's sentence is the one whose byte range
// holds Start.
type Answer struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type squadFile struct {
	Data []struct {
		Title      string `json:"title"`
		Paragraphs []struct {
			Context string `json:"context"`
			QAs     []struct {
				ID       string `json:"id"`
				Question string `json:"question"`
				Answers  []struct {
					Text  string `json:"text"`
					Start int    `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

func readSQuAD(src string) (*squadFile, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s is a folder: give the SQuAD .json file", src)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	var f squadFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not SQuAD JSON: %w", src, err)
	}
	if len(f.Data) == 0 {
		return nil, fmt.Errorf("%s: no \"data\" articles: not a SQuAD file", src)
	}
	return &f, nil
}

// squadID names paragraph p of article a.
func squadID(a, p int) string { return "squad/" + strconv.Itoa(a) + "/" + strconv.Itoa(p) }

// SQuAD reads a SQuAD v1.1 JSON file (src: the file). Each paragraph becomes an article
// "squad/<article index>/<paragraph index>" (0-based, in file order) whose text is the
// paragraph's context unchanged, titled by its Wikipedia article (underscores as spaces),
// outlet "Wikipedia", undated, with the article's Wikipedia URL.
func SQuAD(ctx context.Context, src string, emit func(Article) error) (Stats, error) {
	t := newTally("squad", emit)
	f, err := readSQuAD(src)
	if err != nil {
		return *t.Stats, err
	}
	t.Files = 1
	for ai, art := range f.Data {
		if err := ctx.Err(); err != nil {
			return *t.Stats, err
		}
		title := squadTitle(art.Title)
		link := ""
		if art.Title != "" {
			link = "https://en.wikipedia.org/wiki/" + url.PathEscape(strings.ReplaceAll(title, " ", "_"))
		}
		for pi, p := range art.Paragraphs {
			t.Read++
			if strings.TrimSpace(p.Context) == "" {
				t.skip(squadID(ai, pi), "no text")
				continue
			}
			a := Article{ID: squadID(ai, pi), Title: title, Text: p.Context, URL: link, Outlet: "Wikipedia"}
			if err := t.add(a); err != nil {
				return *t.Stats, err
			}
		}
	}
	return *t.Stats, nil
}

func squadTitle(raw string) string {
	if s, err := url.PathUnescape(raw); err == nil {
		raw = s
	}
	return strings.ReplaceAll(raw, "_", " ")
}

// SQuADQuestions reads the questions of a SQuAD v1.1 JSON file, each with the id of its
// paragraph's article (as SQuAD writes it) and its answers as byte offsets into that text. An
// answer whose answer_start does not point at its text is dropped and noted, and so is a
// question left with no answer.
func SQuADQuestions(ctx context.Context, src string) ([]Question, []Note, error) {
	f, err := readSQuAD(src)
	if err != nil {
		return nil, nil, err
	}
	var qs []Question
	var notes []Note
	for ai, art := range f.Data {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		for pi, p := range art.Paragraphs {
			if strings.TrimSpace(p.Context) == "" {
				continue
			}
			offsets := codePointOffsets(p.Context)
			for _, qa := range p.QAs {
				q := Question{ID: qa.ID, Question: qa.Question, Article: squadID(ai, pi)}
				for _, ans := range qa.Answers {
					start, ok := byteOffset(offsets, ans.Start)
					end := start + len(ans.Text)
					if !ok || end > len(p.Context) || p.Context[start:end] != ans.Text {
						notes = append(notes, Note{qa.ID, "answer_start does not point at the answer text"})
						continue
					}
					q.Answers = append(q.Answers, Answer{Text: ans.Text, Start: start, End: end})
				}
				if len(q.Answers) == 0 {
					notes = append(notes, Note{qa.ID, "question without a located answer"})
					continue
				}
				qs = append(qs, q)
			}
		}
	}
	return qs, notes, nil
}

// codePointOffsets maps each code point index of s (and len in code points) to its byte offset.
func codePointOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

func byteOffset(offsets []int, cp int) (int, bool) {
	if cp < 0 || cp >= len(offsets) {
		return 0, false
	}
	return offsets[cp], true
}
