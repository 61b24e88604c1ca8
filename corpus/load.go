package corpus

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// DefaultMaxFileSize is the largest .txt or .md file, and the longest .jsonl
// line, that is read: 64 MiB is far beyond any article (the longest news story
// is well under 1 MiB) yet small enough that a stray dump cannot exhaust memory.
// .jsonl files as a whole are streamed and have no limit.
const DefaultMaxFileSize = 64 << 20

// MetaSuffix names a sidecar metadata file: "a/b.txt.meta.json" describes "a/b.txt"
// with {"title","url","outlet","author","date"}, every field optional. For a .jsonl
// file its fields are defaults for every line.
const MetaSuffix = ".meta.json"

// File is one corpus file found by Scan.
type File struct {
	Path string // relative to the root, with forward slashes
	Size int64
	Hash string // hex SHA-256 of the file, and of its sidecar metadata when there is one
	// Stamp is the size and modification time of the file and of its
	// sidecar, which change when they are written: Loader.Known trusts a hash
	// recorded with the same stamp. It is "" for a file written too recently
	// for its time to tell it from a write still to come in the same tick.
	Stamp string
}

// Skip names a file (or a .jsonl line, "file.jsonl#7") that was skipped or
// repaired, and why.
type Skip struct {
	Path, Reason string
}

func (s Skip) String() string { return s.Path + ": " + s.Reason }

// Corpus is a loaded folder of articles.
type Corpus struct {
	Root    string
	Docs    []*Document // sorted by ID
	Skipped []Skip      // sorted by Path
}

// Loader reads corpus folders. The zero Loader uses the defaults.
type Loader struct {
	MaxFileSize int64 // per .txt/.md file and per .jsonl line; 0 means DefaultMaxFileSize
	Workers     int   // files read at once by Load and Scan; 0 means GOMAXPROCS
	// Known, when set, returns the hash recorded for a file when it had the
	// given stamp: Scan then takes it instead of reading the file again, as
	// make and git trust a file's time. Reopening a million-sentence index
	// would otherwise read the whole corpus.
	Known func(path, stamp string) (hash string, ok bool)
}

// Scan lists the articles under root with the default Loader.
func Scan(ctx context.Context, root string) ([]File, []Skip, error) {
	return (&Loader{}).Scan(ctx, root)
}

// ReadFile reads and parses one file with the default Loader.
func ReadFile(ctx context.Context, root string, f File) ([]*Document, []Skip, error) {
	return (&Loader{}).ReadFile(ctx, root, f)
}

// Load reads and parses every article under root with the default Loader.
func Load(ctx context.Context, root string) (*Corpus, error) {
	return (&Loader{}).Load(ctx, root)
}

func (l *Loader) maxSize() int64 {
	if l.MaxFileSize > 0 {
		return l.MaxFileSize
	}
	return DefaultMaxFileSize
}

func (l *Loader) workers(n int) int {
	w := l.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n))
}

// isArticle reports the article file types, by extension in any case.
func isArticle(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".jsonl":
		return !strings.HasSuffix(strings.ToLower(name), MetaSuffix)
	}
	return false
}

// walk lists the article files under root, sorted by path, following symbolic
// links. Bad entries (broken links, loops, unreadable folders, special files) are
// reported, never fatal; only an unusable root is an error. Names starting with
// "." (.git, .DS_Store) are passed over.
func (l *Loader) walk(ctx context.Context, root string) ([]File, []Skip, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus root: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("corpus root %s: not a directory", root)
	}
	w := walker{ctx: ctx, metas: map[string]bool{}}
	w.dirs = []visited{{info, "."}}
	if err := w.dir(root, "", []os.FileInfo{info}); err != nil {
		return nil, nil, err
	}
	// Folders reached through links come after every plain folder, so that a
	// folder is named by its real path when a link leads to it as well.
	for len(w.pending) > 0 {
		p := w.pending[0]
		w.pending = w.pending[1:]
		if seen := w.seen(p); seen != "" {
			w.skips = append(w.skips, Skip{p.rel + "/", seen})
			continue
		}
		w.dirs = append(w.dirs, visited{p.info, p.rel})
		if err := w.dir(p.abs, p.rel, append(p.ancestors[:len(p.ancestors):len(p.ancestors)], p.info)); err != nil {
			return nil, nil, err
		}
	}
	have := map[string]bool{}
	for _, f := range w.files {
		have[f.Path] = true
	}
	for m := range w.metas {
		if !have[strings.TrimSuffix(m, MetaSuffix)] {
			w.skips = append(w.skips, Skip{m, "metadata file without its article beside it (ignored)"})
		}
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	return w.files, w.skips, nil
}

type visited struct {
	info os.FileInfo
	rel  string
}

type walker struct {
	ctx     context.Context
	files   []File
	skips   []Skip
	metas   map[string]bool
	dirs    []visited // every folder walked
	pending []linkedDir
}

// linkedDir is a folder reached through a symbolic link, walked last.
type linkedDir struct {
	abs, rel  string
	info      os.FileInfo
	ancestors []os.FileInfo // the folders that hold the link
}

func (w *walker) dir(abs, rel string, ancestors []os.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" {
			return fmt.Errorf("corpus root: %w", err)
		}
		w.skips = append(w.skips, Skip{rel + "/", "unreadable folder: " + errText(err)})
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(abs, name)
		r := path.Join(rel, name)
		if !utf8.ValidString(name) {
			// Such a name cannot be cited, stored in an index manifest (JSON) or
			// shown in Discord as it is.
			w.skips = append(w.skips, Skip{strings.ToValidUTF8(r, "\uFFFD"), "name is not valid UTF-8 (rename it)"})
			continue
		}
		link := e.Type()&fs.ModeSymlink != 0
		info, err := os.Stat(p)
		if err != nil {
			if !isArticle(name) && path.Ext(name) != "" {
				continue // a broken "photo.jpg" is nobody's loss
			}
			switch {
			case errors.Is(err, syscall.ELOOP):
				w.skips = append(w.skips, Skip{r, "symlink loop"})
			case link && errors.Is(err, fs.ErrNotExist):
				w.skips = append(w.skips, Skip{r, "broken symlink: its target does not exist"})
			default:
				w.skips = append(w.skips, Skip{r, "unreadable: " + errText(err)})
			}
			continue
		}
		switch {
		case info.IsDir() && link:
			w.pending = append(w.pending, linkedDir{p, r, info, ancestors})
		case info.IsDir():
			w.dirs = append(w.dirs, visited{info, r})
			if err := w.dir(p, r, append(ancestors[:len(ancestors):len(ancestors)], info)); err != nil {
				return err
			}
		case strings.HasSuffix(strings.ToLower(name), MetaSuffix):
			if info.Mode().IsRegular() {
				w.metas[r] = true
			}
		case !isArticle(name):
		case !info.Mode().IsRegular():
			w.skips = append(w.skips, Skip{r, "not a regular file (" + info.Mode().Type().String() + ")"})
		default:
			w.files = append(w.files, File{Path: r, Size: info.Size()})
		}
	}
	return nil
}

// seen explains why a folder reached through a link is not walked: the link
// leads back to a folder that holds it, or to a folder already read.
func (w *walker) seen(p linkedDir) string {
	for _, a := range p.ancestors {
		if os.SameFile(a, p.info) {
			return "symlink loop: leads back to a folder that contains it"
		}
	}
	for _, v := range w.dirs {
		if os.SameFile(v.info, p.info) {
			return "same folder as " + v.rel + " (already read)"
		}
	}
	return ""
}

// errText is an error's message without the path that Skip already names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Scan lists the articles under root with their sizes and content hashes, for
// telling what changed since an index was built. It reads every file once but
// parses nothing.
func (l *Loader) Scan(ctx context.Context, root string) ([]File, []Skip, error) {
	files, skips, err := l.walk(ctx, root)
	if err != nil {
		return nil, nil, err
	}
	start := time.Now()
	errs := make([]error, len(files))
	err = l.each(ctx, len(files), func(i int) {
		abs := filepath.Join(root, filepath.FromSlash(files[i].Path))
		files[i].Stamp = stampOf(abs, start)
		if files[i].Stamp != "" && l.Known != nil {
			if h, ok := l.Known(files[i].Path, files[i].Stamp); ok {
				files[i].Hash = h
				return
			}
		}
		files[i].Hash, errs[i] = hashFile(abs)
	})
	if err != nil {
		return nil, nil, err
	}
	kept := files[:0]
	for i, f := range files {
		if errs[i] != nil {
			skips = append(skips, Skip{f.Path, "unreadable: " + errText(errs[i])})
			continue
		}
		kept = append(kept, f)
	}
	sortSkips(skips)
	return kept, skips, nil
}

// stampSettle is how long before a scan a file must have last been written
// for its stamp to be trusted: longer than the coarsest file time resolution
// in use (FAT's 2 s), so that a later write always changes the time.
const stampSettle = 3 * time.Second

// stampOf returns File.Stamp for the file abs, scanned at start.
func stampOf(abs string, start time.Time) string {
	info, err := os.Stat(abs)
	if err != nil || !info.ModTime().Before(start.Add(-stampSettle)) {
		return ""
	}
	stamp := fmt.Sprintf("%d@%d", info.Size(), info.ModTime().UnixNano())
	meta, err := os.Stat(abs + MetaSuffix)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return stamp + ";-"
	case err != nil || !meta.ModTime().Before(start.Add(-stampSettle)):
		return ""
	}
	return fmt.Sprintf("%s;%d@%d", stamp, meta.Size(), meta.ModTime().UnixNano())
}

// hashFile hashes a file and its sidecar as File.Hash does, streaming.
func hashFile(abs string) (string, error) {
	f, err := os.Open(abs)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if meta, err := os.ReadFile(abs + MetaSuffix); err == nil {
		h.Write(metaSeparator)
		h.Write(meta)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var metaSeparator = []byte("\x00meta\x00")

func hashBytes(data, meta []byte) string {
	h := sha256.New()
	h.Write(data)
	if meta != nil {
		h.Write(metaSeparator)
		h.Write(meta)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// each runs fn(0..n-1) on the Loader's workers; it stops early when ctx is done.
func (l *Loader) each(ctx context.Context, n int, fn func(i int)) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for range l.workers(n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	var err error
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}

// Load reads and parses every article under root, several files at once. Bad
// files are skipped or repaired and reported in Corpus.Skipped; the result does
// not depend on the order the workers finish in.
func (l *Loader) Load(ctx context.Context, root string) (*Corpus, error) {
	files, skips, err := l.walk(ctx, root)
	if err != nil {
		return nil, err
	}
	docs := make([][]*Document, len(files))
	fileSkips := make([][]Skip, len(files))
	err = l.each(ctx, len(files), func(i int) {
		var err error
		docs[i], fileSkips[i], err = l.ReadFile(ctx, root, files[i])
		if err != nil {
			fileSkips[i] = append(fileSkips[i], Skip{files[i].Path, err.Error()})
		}
	})
	if err != nil {
		return nil, err
	}
	c := &Corpus{Root: root, Skipped: skips}
	for i := range files {
		c.Docs = append(c.Docs, docs[i]...)
		c.Skipped = append(c.Skipped, fileSkips[i]...)
	}
	sort.SliceStable(c.Docs, func(i, j int) bool { return c.Docs[i].ID < c.Docs[j].ID })
	sortSkips(c.Skipped)
	return c, nil
}

func sortSkips(s []Skip) {
	sort.SliceStable(s, func(i, j int) bool { return s[i].Path < s[j].Path })
}

// meta is the sidecar metadata, and the metadata fields of a .jsonl line.
type meta struct {
	Title  string `json:"title"`
	URL    string `json:"url"`
	Outlet string `json:"outlet"`
	Author string `json:"author"`
	Date   string `json:"date"`
}

// apply sets d's metadata from m where m has it; a date it cannot read is
// reported and left out.
func (m meta) apply(d *Document) (problem string) {
	d.Title = firstNonEmpty(strings.TrimSpace(m.Title), d.Title)
	d.URL = firstNonEmpty(strings.TrimSpace(m.URL), d.URL)
	d.Outlet = firstNonEmpty(strings.TrimSpace(m.Outlet), d.Outlet)
	d.Author = firstNonEmpty(strings.TrimSpace(m.Author), d.Author)
	if strings.TrimSpace(m.Date) != "" {
		date, ok := parseLooseDate(m.Date)
		if !ok {
			return fmt.Sprintf("metadata date %q not understood (ignored; want YYYY-MM-DD)", m.Date)
		}
		d.Date = date
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ReadFile reads one file found by Scan and returns its parsed documents: one
// for a .txt or .md file, one per good line of a .jsonl file. Problems with the
// file come back as Skips; the error is only for a cancelled ctx.
func (l *Loader) ReadFile(ctx context.Context, root string, f File) ([]*Document, []Skip, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	abs := filepath.Join(root, filepath.FromSlash(f.Path))
	var skips []Skip
	skip := func(reason string) ([]*Document, []Skip, error) {
		return nil, append(skips, Skip{f.Path, reason}), nil
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return skip("symlink loop")
	case err != nil:
		return skip("unreadable: " + errText(err))
	case !info.Mode().IsRegular():
		return skip("not a regular file (" + info.Mode().Type().String() + ")")
	}

	var md meta
	metaBytes, err := os.ReadFile(abs + MetaSuffix)
	switch {
	case err == nil:
		if err := json.Unmarshal(metaBytes, &md); err != nil {
			skips = append(skips, Skip{f.Path + MetaSuffix, "bad metadata (ignored): " + err.Error()})
			md = meta{}
		}
	case errors.Is(err, fs.ErrNotExist):
		metaBytes = nil
	default:
		skips = append(skips, Skip{f.Path + MetaSuffix, "unreadable metadata (ignored): " + errText(err)})
		metaBytes = nil
	}

	if strings.EqualFold(path.Ext(f.Path), ".jsonl") {
		docs, more, err := l.readJSONL(ctx, abs, f.Path, md, metaBytes)
		return docs, append(skips, more...), err
	}

	if info.Size() > l.maxSize() {
		return skip(fmt.Sprintf("too large: %d bytes (limit %d)", info.Size(), l.maxSize()))
	}
	fh, err := os.Open(abs)
	if err != nil {
		return skip("unreadable: " + errText(err))
	}
	data, err := io.ReadAll(io.LimitReader(fh, l.maxSize()+1))
	fh.Close()
	switch {
	case err != nil:
		return skip("unreadable: " + errText(err))
	case int64(len(data)) > l.maxSize():
		return skip(fmt.Sprintf("too large: over %d bytes", l.maxSize()))
	case len(data) == 0:
		return skip("empty file")
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return skip("UTF-16 text is not read: save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return skip(fmt.Sprintf("binary file (NUL byte at offset %d)", i))
	}
	text, repaired := RepairUTF8(data)
	if repaired > 0 {
		skips = append(skips, Skip{f.Path, fmt.Sprintf(
			"repaired: %d byte(s) of invalid UTF-8 read as Windows-1252; offsets refer to the repaired text", repaired)})
	}
	if !hasAlnum(text) {
		return skip("no text (only white space or punctuation)")
	}
	d := &Document{ID: f.Path, Source: f.Path, Hash: hashBytes(data, metaBytes), Text: text}
	if p := md.apply(d); p != "" {
		skips = append(skips, Skip{f.Path + MetaSuffix, p})
	}
	Parse(d)
	return []*Document{d}, skips, nil
}

// jsonlLine is one article of a .jsonl file. id may be a string or a number.
type jsonlLine struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
	meta
}

// readJSONL reads a .jsonl file line by line; a bad line is reported and the
// rest of the file still read.
func (l *Loader) readJSONL(ctx context.Context, abs, rel string, md meta, metaBytes []byte) ([]*Document, []Skip, error) {
	fh, err := os.Open(abs)
	if err != nil {
		return nil, []Skip{{rel, "unreadable: " + errText(err)}}, nil
	}
	defer fh.Close()
	var docs []*Document
	var skips []Skip
	firstLine := map[string]int{}
	r := bufio.NewReaderSize(fh, 64<<10)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		line, tooLong, err := readLine(r, l.maxSize())
		if err != nil && err != io.EOF {
			skips = append(skips, Skip{rel, fmt.Sprintf("read error at line %d (rest of file lost): %s", n, errText(err))})
			break
		}
		at := rel + "#" + strconv.Itoa(n)
		lineSkip := func(format string, args ...any) {
			skips = append(skips, Skip{at, fmt.Sprintf("line %d: ", n) + fmt.Sprintf(format, args...)})
		}
		trimmed := bytes.TrimSpace(line)
		switch {
		case tooLong:
			lineSkip("too long (limit %d bytes)", l.maxSize())
		case len(trimmed) == 0:
		default:
			if d, problem := parseJSONLine(trimmed, rel, n, md, metaBytes, firstLine, lineSkip); problem != "" {
				lineSkip("%s", problem)
			} else {
				docs = append(docs, d)
			}
		}
		if err == io.EOF {
			break
		}
	}
	if len(docs) == 0 && len(skips) == 0 {
		skips = append(skips, Skip{rel, "empty file"})
	}
	return docs, skips, nil
}

func parseJSONLine(line []byte, rel string, n int, md meta, metaBytes []byte, firstLine map[string]int,
	note func(string, ...any)) (*Document, string) {
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, "binary data (NUL byte)"
	}
	var a jsonlLine
	if err := json.Unmarshal(line, &a); err != nil {
		return nil, "invalid JSON: " + err.Error()
	}
	if a.Text == nil || !hasAlnum(*a.Text) {
		return nil, `no "text"`
	}
	id := strconv.Itoa(n)
	if len(a.ID) > 0 && string(a.ID) != "null" {
		var s string
		if err := json.Unmarshal(a.ID, &s); err == nil {
			id = strings.TrimSpace(s)
		} else if _, err := strconv.ParseFloat(string(a.ID), 64); err == nil {
			id = string(a.ID)
		} else {
			return nil, fmt.Sprintf(`"id" must be a string or a number, not %s`, a.ID)
		}
		if id == "" {
			id = strconv.Itoa(n)
		}
	}
	if prev, dup := firstLine[id]; dup {
		return nil, fmt.Sprintf("duplicate id %q (first on line %d)", id, prev)
	}
	firstLine[id] = n
	if !utf8.Valid(line) {
		note("repaired: invalid UTF-8 replaced with U+FFFD")
	}
	d := &Document{ID: rel + "#" + id, Source: rel, Hash: hashBytes(line, metaBytes), Text: *a.Text}
	md.apply(d)
	if p := a.meta.apply(d); p != "" {
		note("%s", p)
	}
	Parse(d)
	return d, ""
}

// readLine reads one line of at most limit bytes; a longer one is consumed and
// reported as tooLong without being kept.
func readLine(r *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			if err == io.EOF && len(line) == 0 && !tooLong && len(chunk) == 0 {
				return nil, false, io.EOF
			}
			return line, tooLong, err
		}
	}
}

// RepairUTF8 returns data as a string, each byte that is not valid UTF-8 read as
// Windows-1252 (the usual reason for such bytes in scraped text: "£" saved as
// 0xA3), and how many bytes it repaired. Importers repair their sources with it
// too, so a corpus reads the same whichever way it arrived.
func RepairUTF8(data []byte) (string, int) {
	if utf8.Valid(data) {
		return string(data), 0
	}
	var b strings.Builder
	b.Grow(len(data) + 16)
	n := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(windows1252(data[0]))
			n++
		} else {
			b.Write(data[:size])
		}
		data = data[size:]
	}
	return b.String(), n
}

var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

func windows1252(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		return cp1252[c-0x80]
	}
	return rune(c)
}
