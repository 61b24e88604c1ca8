// Package importer converts public news datasets (Reuters-21578, BBC full text, Wikinews CSV,
// SQuAD) into the project's .jsonl corpus format, and repeats a corpus to build benchmark sizes.
//
// Each source has a reader (Reuters, BBC, Wikinews, SQuAD) that calls emit once per article, in
// a stable order, and returns Stats naming every skipped item with its reason. Import runs one
// reader into a destination:
//
//   - DEST ending in ".jsonl": one file holding every article.
//   - any other DEST: a directory (created if missing) holding "<source>-000.jsonl",
//     "<source>-001.jsonl", ... of at most PerFile articles each (DefaultPerFile = 1000), so a
//     loader can read them in parallel and a changed file re-indexes only its own articles.
//     Numbered files of the same source left over from an earlier, larger run are removed;
//     nothing else in the directory is touched, so several sources can share one directory.
//
// Every file is written to a temporary name and renamed into place, so a corpus loader never
// sees half a file. Lines are {"id","title","text","date","url","outlet"} (empty fields left
// out, date "YYYY-MM-DD" or absent when the source has none; a date is never guessed).
package importer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/corpusbot/corpusbot/corpus"
)

// Article is one line of a .jsonl corpus file.
type Article struct {
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	Text   string `json:"text"`
	Date   string `json:"date,omitempty"` // "YYYY-MM-DD"
	URL    string `json:"url,omitempty"`
	Outlet string `json:"outlet,omitempty"`
}

// Note names one input item (a file, or a document inside one) and what happened to it.
type Note struct {
	Item   string // e.g. "reut2-003.sgm NEWID=3412", "sport/199.txt"
	Reason string // a short fixed phrase, so notes can be counted by reason
}

// Stats reports what a reader or an import did.
type Stats struct {
	Source     string
	Files      int   // input files read
	Read       int   // input items seen (documents, rows, files, paragraphs)
	Articles   int   // articles emitted
	Bytes      int64 // bytes of article text
	Words      int64 // whitespace-separated words of article text
	Duplicates int   // articles whose title and text exactly repeat an earlier one (kept: their ids differ)
	Skipped    []Note
	Repaired   []Note   // items kept after a repair, e.g. invalid UTF-8 decoded as Windows-1252
	Outputs    []string // files written, in order
}

// SkipCounts counts Skipped by reason.
func (s *Stats) SkipCounts() map[string]int {
	m := make(map[string]int)
	for _, n := range s.Skipped {
		m[n.Reason]++
	}
	return m
}

// Summary is a one-line human account of s.
func (s *Stats) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d articles from %d items in %d files, %d words, %d bytes", s.Source,
		s.Articles, s.Read, s.Files, s.Words, s.Bytes)
	if s.Duplicates > 0 {
		fmt.Fprintf(&b, ", %d exact duplicates kept", s.Duplicates)
	}
	counts := s.SkipCounts()
	reasons := make([]string, 0, len(counts))
	for r := range counts {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		fmt.Fprintf(&b, "; skipped %d: %s", counts[r], r)
	}
	if len(s.Repaired) > 0 {
		fmt.Fprintf(&b, "; repaired %d", len(s.Repaired))
	}
	return b.String()
}

// tally counts what passes through emit.
type tally struct {
	*Stats
	seen map[[32]byte]bool
	emit func(Article) error
}

func newTally(source string, emit func(Article) error) *tally {
	return &tally{Stats: &Stats{Source: source}, seen: make(map[[32]byte]bool), emit: emit}
}

func (t *tally) skip(item, reason string)   { t.Skipped = append(t.Skipped, Note{item, reason}) }
func (t *tally) repair(item, reason string) { t.Repaired = append(t.Repaired, Note{item, reason}) }

// readText reads the source file at path as text, counting it, repairing
// invalid UTF-8 as corpus does and noting the repair under item; ok is false,
// with the file skipped under item, when it cannot be read.
func (t *tally) readText(item, path string) (text string, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.skip(item, "unreadable file")
		return "", false
	}
	t.Files++
	text, bad := corpus.RepairUTF8(b)
	if bad > 0 {
		t.repair(item, fmt.Sprintf("%d invalid UTF-8 bytes read as Windows-1252", bad))
	}
	return text, true
}

func (t *tally) add(a Article) error {
	if t.seen != nil {
		t.checkDuplicate(a)
	}
	t.Articles++
	t.Bytes += int64(len(a.Text))
	t.Words += int64(countWords(a.Text))
	return t.emit(a)
}

func (t *tally) checkDuplicate(a Article) {
	h := sha256.New()
	io.WriteString(h, a.Title)
	h.Write([]byte{0})
	io.WriteString(h, a.Text)
	var sum [32]byte
	h.Sum(sum[:0])
	if t.seen[sum] {
		t.Duplicates++
	}
	t.seen[sum] = true
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\f' || r == '\v'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

var sourceNames = []string{"reuters", "bbc", "wikinews", "squad"}

// Sources lists the names Import and Read accept.
func Sources() []string { return slices.Clone(sourceNames) }

// DefaultPerFile is the number of articles per output file when Options.PerFile is 0.
const DefaultPerFile = 1000

// Options tune Import.
type Options struct {
	PerFile int // articles per output file in directory mode; 0 means DefaultPerFile
}

// Read runs the reader for source ("reuters", "bbc", "wikinews" or "squad") over src.
func Read(ctx context.Context, source, src string, emit func(Article) error) (Stats, error) {
	switch source {
	case "reuters":
		return Reuters(ctx, src, emit)
	case "bbc":
		return BBC(ctx, src, emit)
	case "wikinews":
		return Wikinews(ctx, src, emit)
	case "squad":
		return SQuAD(ctx, src, emit)
	}
	return Stats{Source: source}, fmt.Errorf("unknown source %q: want one of %s", source, strings.Join(sourceNames, ", "))
}

// Import converts src with the reader for source and writes the articles to dest, a .jsonl
// file or a directory (see the package comment). Stats.Outputs lists the files written.
func Import(ctx context.Context, source, src, dest string, opts Options) (Stats, error) {
	if !slices.Contains(sourceNames, source) {
		return Stats{Source: source}, fmt.Errorf("unknown source %q: want one of %s", source, strings.Join(sourceNames, ", "))
	}
	if _, err := os.Stat(src); err != nil {
		return Stats{Source: source}, fmt.Errorf("import %s: %w", source, err)
	}
	var w *Writer
	var err error
	if strings.HasSuffix(dest, ".jsonl") {
		w, err = CreateFile(dest)
	} else {
		w, err = CreateDir(dest, source, opts.PerFile)
	}
	if err != nil {
		return Stats{Source: source}, fmt.Errorf("import %s: %w", source, err)
	}
	st, err := Read(ctx, source, src, w.Write)
	if err != nil {
		w.Abort()
		return st, fmt.Errorf("import %s from %s: %w", source, src, err)
	}
	if err := w.Close(); err != nil {
		return st, fmt.Errorf("import %s to %s: %w", source, dest, err)
	}
	st.Outputs = w.Files()
	return st, nil
}

// Writer writes articles as .jsonl lines to one stream, one file, or numbered files in a
// directory. Files appear under their final names only on Close.
type Writer struct {
	stream io.Writer // NewWriter
	path   string    // CreateFile
	dir    string    // CreateDir
	prefix string
	per    int

	f     *os.File
	bw    *bufio.Writer
	enc   *json.Encoder
	n     int      // articles in the current file
	done  []string // temporary files finished, renamed on Close
	final []string
	err   error
}

// NewWriter writes every article to w.
func NewWriter(w io.Writer) *Writer {
	jw := &Writer{stream: w, bw: bufio.NewWriterSize(w, 1<<16)}
	jw.enc = newEncoder(jw.bw)
	return jw
}

// CreateFile writes every article to the file path.
func CreateFile(path string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return &Writer{path: path}, nil
}

// CreateDir writes prefix-000.jsonl, prefix-001.jsonl, ... of at most perFile articles each
// into dir (perFile 0 means DefaultPerFile).
func CreateDir(dir, prefix string, perFile int) (*Writer, error) {
	if perFile <= 0 {
		perFile = DefaultPerFile
	}
	if prefix == "" || strings.ContainsAny(prefix, `/\`) {
		return nil, fmt.Errorf("bad file prefix %q", prefix)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Writer{dir: dir, prefix: prefix, per: perFile}, nil
}

func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// Write appends one article.
func (w *Writer) Write(a Article) error {
	if w.err != nil {
		return w.err
	}
	if w.stream == nil && (w.f == nil || (w.dir != "" && w.n >= w.per)) {
		if err := w.next(); err != nil {
			w.err = err
			return err
		}
	}
	if err := w.enc.Encode(a); err != nil {
		w.err = err
		return err
	}
	w.n++
	return nil
}

// next finishes the current temporary file and opens the next one.
func (w *Writer) next() error {
	if err := w.finish(); err != nil {
		return err
	}
	var final string
	if w.path != "" {
		final = w.path
	} else {
		final = filepath.Join(w.dir, fmt.Sprintf("%s-%03d.jsonl", w.prefix, len(w.final)))
	}
	// A leading dot and a .tmp suffix keep a half-written file out of any corpus scan.
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".*.tmp")
	if err != nil {
		return err
	}
	w.f, w.n = f, 0
	w.bw = bufio.NewWriterSize(f, 1<<16)
	w.enc = newEncoder(w.bw)
	w.final = append(w.final, final)
	return nil
}

func (w *Writer) finish() error {
	if w.f == nil {
		return nil
	}
	f := w.f
	w.f = nil
	err := w.bw.Flush()
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes 0600; a corpus file is meant to be shared
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	w.done = append(w.done, f.Name())
	return err
}

// Close flushes, moves the files into place and, in directory mode, removes numbered files of
// the same prefix beyond those written. A file writer with no article still writes an empty file.
func (w *Writer) Close() error {
	if w.stream != nil {
		if w.err != nil {
			return w.err
		}
		return w.bw.Flush()
	}
	if w.err == nil && w.path != "" && w.f == nil && len(w.done) == 0 {
		w.err = w.next()
	}
	if err := w.finish(); err != nil && w.err == nil {
		w.err = err
	}
	if w.err != nil {
		w.Abort()
		return w.err
	}
	for i, tmp := range w.done {
		if err := os.Rename(tmp, w.final[i]); err != nil {
			w.Abort()
			return err
		}
	}
	w.done = nil
	if w.dir != "" {
		return w.removeStale()
	}
	return nil
}

var numbered = regexp.MustCompile(`^(.+)-\d{3,}\.jsonl$`)

func (w *Writer) removeStale() error {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		m := numbered.FindStringSubmatch(name)
		if m == nil || m[1] != w.prefix || e.IsDir() {
			continue
		}
		p := filepath.Join(w.dir, name)
		if !slices.Contains(w.final, p) {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("remove stale %s: %w", p, err)
			}
		}
	}
	return nil
}

// Abort drops every temporary file; nothing already in place is touched.
func (w *Writer) Abort() {
	if w.f != nil {
		w.f.Close()
		w.done = append(w.done, w.f.Name())
		w.f = nil
	}
	for _, tmp := range w.done {
		os.Remove(tmp)
	}
	w.done = nil
	if w.err == nil {
		w.err = errors.New("writer aborted")
	}
}

// Files lists the files in place after Close.
func (w *Writer) Files() []string {
	if w.stream != nil || w.err != nil {
		return nil
	}
	return slices.Clone(w.final)
}

// sourceFiles lists the regular files under src (or src itself when it is a file) for which
// keep returns true, sorted by path.
func sourceFiles(ctx context.Context, src string, keep func(path string) bool) ([]string, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{src}, nil
	}
	var files []string
	err = filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Type().IsRegular() && keep(p) {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// relName is p relative to src with forward slashes, for notes.
func relName(src, p string) string {
	if r, err := filepath.Rel(src, p); err == nil && r != "." {
		return filepath.ToSlash(r)
	}
	return filepath.Base(p)
}
