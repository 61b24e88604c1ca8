package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
	"github.com/corpusbot/corpusbot/eval"
	"github.com/corpusbot/corpusbot/importer"
	"github.com/corpusbot/corpusbot/retrieval"
)

// Sources are the public datasets a benchmark corpus is made of.
type Sources struct {
	Reuters, BBC, Wikinews string // as `corpusbot import` reads them; "" leaves a source out
	// SQuAD is a SQuAD v1.1 JSON file: its paragraphs are in every corpus and
	// its questions are asked, timed and scored.
	SQuAD string
}

// DataSources gives the datasets' usual places under a data folder (../shared/data).
func DataSources(data string) Sources {
	return Sources{
		Reuters:  filepath.Join(data, "reuters21578"),
		BBC:      filepath.Join(data, "bbc-fulltext", "bbc"),
		Wikinews: filepath.Join(data, "wikinews-sample"),
		SQuAD:    filepath.Join(data, "squad", "dev-v1.1.reconstructed.json"),
	}
}

// maxCopies bounds how many times the news is repeated to reach a size.
const maxCopies = 1000

// base is the imported news and SQuAD paragraphs, from which corpora of any
// size are cut and repeated. It remembers what it learnt of each article (its
// searchable sentences and terms) so that sizing a corpus parses each distinct
// article once.
type base struct {
	news  string // folder of the imported news .jsonl files
	squad string // the SQuAD paragraphs as one .jsonl file

	articles map[string]*articleInfo // by article id without a copy suffix
	vocab    map[string]int32        // term -> number, for counting unique terms
	squadAll *articleInfo            // every SQuAD paragraph together
}

type articleInfo struct {
	sentences int     // searchable sentences, as the index will hold them
	terms     []int32 // distinct terms of those sentences
}

// prepare imports the sources into dir (news/ and squad.jsonl).
func prepare(ctx context.Context, src Sources, dir string) (*base, error) {
	b := &base{news: filepath.Join(dir, "news"), squad: filepath.Join(dir, eval.SQuADFile),
		articles: map[string]*articleInfo{}, vocab: map[string]int32{}}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	imported := 0
	for _, s := range []struct{ name, path string }{{"reuters", src.Reuters}, {"bbc", src.BBC}, {"wikinews", src.Wikinews}} {
		if s.path == "" {
			continue
		}
		st, err := importer.Import(ctx, s.name, s.path, b.news, importer.Options{})
		if err != nil {
			return nil, err
		}
		imported += st.Articles
	}
	if imported == 0 {
		return nil, errors.New("no news articles: give at least one of the Reuters, BBC and Wikinews sources")
	}
	if src.SQuAD == "" {
		return nil, errors.New("no SQuAD file: its questions are what the benchmark asks")
	}
	if _, err := importer.Import(ctx, "squad", src.SQuAD, b.squad, importer.Options{}); err != nil {
		return nil, err
	}
	// The SQuAD file is in every corpus whole: measure it once.
	b.squadAll = &articleInfo{}
	seen := map[int32]bool{}
	err := eachArticle(b.squad, func(a importer.Article) {
		info := b.measure(a)
		b.squadAll.sentences += info.sentences
		for _, t := range info.terms {
			if !seen[t] {
				seen[t] = true
				b.squadAll.terms = append(b.squadAll.terms, t)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// corpusInfo describes a corpus cut from a base.
type corpusInfo struct {
	root      string
	sentences int // searchable sentences, counted as the index counts them
	distinct  int // of those, in the first copy of each article
	copies    int // how many times the most repeated article appears
	terms     int // unique terms of the text field
}

// corpus writes a corpus of about n searchable sentences into root: every SQuAD
// paragraph (in squad.jsonl at the root, where eval.SQuAD looks for it), then
// news, repeated under distinct ids (importer.Repeat) once the distinct news
// runs out, up to n. It stops after the article that reaches n.
func (b *base) corpus(ctx context.Context, n int, root string) (corpusInfo, error) {
	info := corpusInfo{root: root, sentences: b.squadAll.sentences, distinct: b.squadAll.sentences, copies: 1}
	if err := os.RemoveAll(root); err != nil {
		return info, err
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return info, err
	}
	if err := linkOrCopy(b.squad, filepath.Join(root, eval.SQuADFile)); err != nil {
		return info, err
	}
	used := map[string]*articleInfo{}
	if need := n - b.squadAll.sentences; need > 0 {
		size := func(a importer.Article) int {
			id, k := splitCopy(a.ID)
			info.copies = max(info.copies, k)
			ai := b.articles[id]
			if ai == nil || id == "" {
				ai = b.measure(a)
				if id != "" {
					b.articles[id] = ai
				}
			}
			if k == 1 {
				used[id] = ai
				info.distinct += ai.sentences
			}
			info.sentences += ai.sentences
			return ai.sentences
		}
		opts := importer.RepeatOptions{Copies: min(need, maxCopies), Limit: need, Size: size}
		if _, err := importer.Repeat(ctx, b.news, filepath.Join(root, "news"), opts); err != nil {
			return info, err
		}
	}
	seen := make([]uint64, (len(b.vocab)+63)/64)
	mark := func(ts []int32) {
		for _, t := range ts {
			seen[t/64] |= 1 << (t % 64)
		}
	}
	mark(b.squadAll.terms)
	for _, ai := range used {
		mark(ai.terms)
	}
	for _, w := range seen {
		info.terms += bits.OnesCount64(w)
	}
	return info, nil
}

// measure parses an article as the corpus loader does and returns its
// searchable sentences and their distinct terms.
func (b *base) measure(a importer.Article) *articleInfo {
	d := &corpus.Document{ID: a.ID, Text: a.Text, Title: strings.TrimSpace(a.Title), URL: a.URL, Outlet: a.Outlet}
	if date, err := corpus.ParseDate(a.Date); err == nil {
		d.Date = date
	}
	corpus.Parse(d)
	info := &articleInfo{}
	seen := map[int32]bool{}
	for _, s := range d.Sentences {
		if !s.Kind.Searchable() {
			continue
		}
		info.sentences++
		for _, t := range retrieval.Analyze(s.Text) {
			id, ok := b.vocab[t]
			if !ok {
				id = int32(len(b.vocab))
				b.vocab[t] = id
			}
			if !seen[id] {
				seen[id] = true
				info.terms = append(info.terms, id)
			}
		}
	}
	return info
}

// splitCopy undoes importer.Repeat's id suffix: "reuters-12~3" is copy 3 of "reuters-12".
func splitCopy(id string) (string, int) {
	i := strings.LastIndexByte(id, '~')
	if i < 0 {
		return id, 1
	}
	k, err := strconv.Atoi(id[i+1:])
	if err != nil || k < 2 {
		return id, 1
	}
	return id[:i], k
}

// eachArticle reads every article of a .jsonl file.
func eachArticle(path string, fn func(importer.Article)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	for {
		var a importer.Article
		if err := dec.Decode(&a); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fn(a)
	}
}

// linkOrCopy puts src at dst: a hard link when the file system allows, else a copy.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
