package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// RepeatOptions say how Repeat scales a corpus.
type RepeatOptions struct {
	Copies int // how many times each article is written (at least 1)
	Limit  int // stop once the articles written reach this size in all; 0 means no limit
	// Size is what one article counts towards Limit, e.g. its number of sentences; nil counts 1.
	Size func(Article) int
}

// Repeat builds a larger corpus for benchmarks from the .jsonl files under src: it writes
// every file Copies times into dest, keeping the relative paths. Copy 1 is the file as it is;
// copy k > 1 is "<name>~k.jsonl" with every article id suffixed "~k" ("reuters-12~2"), so all
// ids stay distinct while the texts, and hence the vocabulary, repeat. Copies are written one
// after another (all of copy 1 first), so a Limit keeps the most distinct text; writing stops
// after the article that reaches it. dest must hold no .jsonl file yet, so that no earlier
// corpus is silently mixed in. Lines that are not JSON are skipped and noted. Memory stays
// bounded: files are streamed line by line.
func Repeat(ctx context.Context, src, dest string, opts RepeatOptions) (Stats, error) {
	t := &repeater{tally: newTally("repeat", func(Article) error { return nil })}
	t.seen = nil // the copies are duplicates by design
	if opts.Copies < 1 {
		return *t.Stats, fmt.Errorf("repeat: copies must be at least 1, got %d", opts.Copies)
	}
	files, err := sourceFiles(ctx, src, func(p string) bool { return strings.HasSuffix(p, ".jsonl") })
	if err != nil {
		return *t.Stats, fmt.Errorf("repeat: %w", err)
	}
	if len(files) == 0 {
		return *t.Stats, fmt.Errorf("repeat: no .jsonl files in %s", src)
	}
	if existing, _ := sourceFiles(ctx, dest, func(p string) bool { return strings.HasSuffix(p, ".jsonl") }); len(existing) > 0 {
		return *t.Stats, fmt.Errorf("repeat: %s already holds .jsonl files (%s): give an empty or new folder", dest, existing[0])
	}
	single := len(files) == 1 && files[0] == src
	t.Files = len(files)
	for k := 1; k <= opts.Copies; k++ {
		for _, p := range files {
			if opts.Limit > 0 && t.size >= opts.Limit {
				return *t.Stats, nil
			}
			rel := relName(src, p)
			if single {
				rel = filepath.Base(p)
			}
			out := filepath.Join(dest, filepath.FromSlash(rel))
			if k > 1 {
				out = strings.TrimSuffix(out, ".jsonl") + "~" + strconv.Itoa(k) + ".jsonl"
			}
			if err := t.repeatFile(ctx, p, rel, out, k, opts); err != nil {
				return *t.Stats, fmt.Errorf("repeat %s: %w", rel, err)
			}
			t.Outputs = append(t.Outputs, out)
		}
	}
	return *t.Stats, nil
}

type repeater struct {
	*tally
	size int // towards RepeatOptions.Limit
}

func (t *repeater) repeatFile(ctx context.Context, in, rel, out string, k int, opts RepeatOptions) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := CreateFile(out)
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, 1<<16)
	for line := 1; ; line++ {
		if opts.Limit > 0 && t.size >= opts.Limit {
			break
		}
		b, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			if k == 1 {
				t.Read++
			}
			var a Article
			if jerr := json.Unmarshal(b, &a); jerr != nil {
				if k == 1 {
					t.skip(fmt.Sprintf("%s line %d", rel, line), "malformed JSON line")
				}
			} else {
				if k > 1 && a.ID != "" {
					a.ID += "~" + strconv.Itoa(k)
				}
				if werr := w.Write(a); werr != nil {
					w.Abort()
					return werr
				}
				t.add(a)
				if opts.Size != nil {
					t.size += opts.Size(a)
				} else {
					t.size++
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			w.Abort()
			return err
		}
		if line%1024 == 0 && ctx.Err() != nil {
			w.Abort()
			return ctx.Err()
		}
	}
	return w.Close()
}
