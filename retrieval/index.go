package retrieval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/corpusbot/corpusbot/corpus"
)

// formatVersion changes whenever the analysis, the mapping or the manifest
// changes meaning: an index of another format is rebuilt, not reused.
const formatVersion = 7

// manifestKey is the internal key (bleve SetInternal) holding the manifest, in
// encoding/gob: at a million sentences it is 19 MB that decode in 0.08 s, where
// JSON took 48 MB and 0.5 s of every reopen. It is written in the same batch as
// the last documents, so an index and its manifest can never disagree.
const manifestKey = "corpusbot/manifest.gob"

// oldManifestKey held the JSON manifest of formats up to 4: an index with it is
// out of date, not damaged.
const oldManifestKey = "corpusbot/manifest"

// manifest describes what an index holds: enough to reopen it without the
// corpus (statistics, actors) and to bring it up to date incrementally.
type manifest struct {
	Format int `json:"format"`
	// Parser is the corpus.ParserVersion that parsed the documents: an index
	// of another version is rebuilt, since its documents may parse differently.
	Parser    int                   `json:"parser"`
	Files     map[string]*fileEntry `json:"files"` // by corpus.File.Path
	Sentences int                   `json:"sentences"`
	// Tokens is the number of analysed tokens in the text field over all indexed
	// sentences: the sum of each field length exactly as bleve records it.
	Tokens int `json:"tokens"`
	// ContextTokens is the same for the context field.
	ContextTokens int `json:"context_tokens"`
}

type fileEntry struct {
	Hash  string      `json:"hash"`
	Skips []skipEntry `json:"skips,omitempty"` // why (parts of) the file were not indexed
	Docs  []*docEntry `json:"docs,omitempty"`
}

type skipEntry struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type docEntry struct {
	ID        string `json:"id"`
	Print     string `json:"print"`     // fingerprint of what was indexed (docPrint)
	Sentences int    `json:"sentences"` // len(Document.Sentences): ids ID#0 … ID#n-1 may be in the index
	Indexed   int    `json:"indexed"`   // searchable sentences, the ones in the index
	Tokens    int    `json:"tokens"`
	// ContextTokens is the document's share of manifest.ContextTokens.
	ContextTokens int `json:"context_tokens,omitempty"`
	// Mentions are the document's statements' speakers, from which the actor
	// registry is rebuilt without reading the corpus.
	Mentions []corpus.Mention `json:"mentions,omitempty"`
}

func newManifest() *manifest {
	return &manifest{Format: formatVersion, Parser: corpus.ParserVersion, Files: map[string]*fileEntry{}}
}

func (m *manifest) documents() int {
	n := 0
	for _, f := range m.Files {
		n += len(f.Docs)
	}
	return n
}

func (m *manifest) clone() *manifest {
	c := *m
	c.Files = make(map[string]*fileEntry, len(m.Files))
	for k, v := range m.Files {
		c.Files[k] = v // entries are never modified once recorded
	}
	return &c
}

// docPrint fingerprints a document by its content and metadata, so a document
// whose text is unchanged but whose metadata changed is indexed again.
func docPrint(d *corpus.Document) string {
	h := sha256.New()
	for _, s := range []string{d.ID, d.Source, d.Hash, d.Title, d.URL, d.Outlet, d.Author, d.Date.String()} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	if d.Hash == "" {
		io.WriteString(h, d.Text)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// writer applies changes to a writable index in bounded batches and keeps the
// manifest's totals in step.
//
// The writer only gathers what a batch holds; a batch's bleve documents are
// made, analysed and indexed by a goroutine of its own. Scorch builds a batch's
// segment in the goroutine that calls Batch and only serialises its
// introduction, so two batches in flight keep both of the machine's cores
// busy where one left a core idle while its segment was built.
type writer struct {
	idx      bleve.Index
	man      *manifest
	maxDocs  int
	maxBytes int
	// compact, for a fresh build, merges the segments before the manifest
	// is written (see compact).
	compact bool

	// the batch being gathered
	adds    []pendingSentence
	deletes []pendingDelete
	bytes   int

	running []*batchJob // oldest first
}

// batchesInFlight is how many batches are indexed at once. More than two adds
// memory and no speed on two cores; a batch holding deletions runs alone.
const batchesInFlight = 2

// pendingSentence is sentence n of a document to be indexed; entry is the
// document's manifest entry, whose token counts the batch completes.
type pendingSentence struct {
	entry *docEntry
	doc   *corpus.Document
	n     int
	said  corpus.Date
}

// pendingDelete is the id of a sentence to delete, after the first at adds of
// its batch: the last operation on an id in a batch is the one that counts.
type pendingDelete struct {
	id string
	at int
}

// batchJob is one batch being indexed. Its goroutine fills the token counts
// and err, then closes done; the writer reads them only after that.
type batchJob struct {
	adds          []pendingSentence
	deletes       []pendingDelete
	tokens        []int // per add: analysed length of its text field
	contextTokens []int // of its context field
	err           error
	done          chan struct{}
}

// remove deletes every sentence a document may have in the index.
func (w *writer) remove(ctx context.Context, e *docEntry) error {
	for n := 0; n < e.Sentences; n++ {
		w.deletes = append(w.deletes, pendingDelete{sentenceID(e.ID, n), len(w.adds)})
		if err := w.maybeFlush(ctx); err != nil {
			return err
		}
	}
	w.man.Sentences -= e.Indexed
	w.man.Tokens -= e.Tokens
	w.man.ContextTokens -= e.ContextTokens
	return nil
}

// add indexes the searchable sentences of d; the entry's token count is
// complete once the batch holding them has been indexed (finish, wait).
func (w *writer) add(ctx context.Context, d *corpus.Document) (*docEntry, error) {
	e := &docEntry{ID: d.ID, Print: docPrint(d), Sentences: len(d.Sentences)}
	said := saidDates(d)
	for n := range d.Sentences {
		if !d.Sentences[n].Kind.Searchable() {
			continue
		}
		e.Indexed++
		w.bytes += len(d.Sentences[n].Text) + 256
		w.adds = append(w.adds, pendingSentence{e, d, n, said[n]})
		if err := w.maybeFlush(ctx); err != nil {
			return nil, err
		}
	}
	w.man.Sentences += e.Indexed
	return e, nil
}

func (w *writer) maybeFlush(ctx context.Context) error {
	if len(w.adds)+len(w.deletes) < w.maxDocs && w.bytes < w.maxBytes {
		return nil
	}
	return w.flush(ctx)
}

// flush hands the gathered batch to a goroutine of its own. A batch holding
// deletions is indexed alone, after every batch before it and before any after
// it: an incremental update deletes a changed document's sentences and adds
// them again under the same ids, and scorch applies concurrent batches in
// whatever order their segments are ready.
func (w *writer) flush(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(w.adds)+len(w.deletes) == 0 {
		return nil
	}
	j := &batchJob{adds: w.adds, deletes: w.deletes, done: make(chan struct{})}
	w.adds, w.deletes, w.bytes = nil, nil, 0
	limit := batchesInFlight - 1
	if len(j.deletes) > 0 {
		limit = 0
	}
	for len(w.running) > limit {
		if err := w.reap(); err != nil {
			return err
		}
	}
	w.running = append(w.running, j)
	go w.index(j)
	if len(j.deletes) > 0 {
		return w.wait()
	}
	return nil
}

// index makes the documents of j's sentences and indexes them.
func (w *writer) index(j *batchJob) {
	defer close(j.done)
	defer func() {
		// As in Store.readFile: a bug indexing one document fails this build only.
		if r := recover(); r != nil {
			j.err = fmt.Errorf("indexing failed (a bug in corpusbot; please report it): %v", r)
		}
	}()
	b := w.idx.NewBatch()
	docs := make([]*document.Document, len(j.adds))
	var toks docTokens
	dels := j.deletes
	for i, p := range j.adds {
		for ; len(dels) > 0 && dels[0].at == i; dels = dels[1:] {
			b.Delete(dels[0].id)
		}
		docs[i] = toks.document(p)
		if err := b.IndexAdvanced(docs[i]); err != nil {
			j.err = fmt.Errorf("index %s: %w", docs[i].ID(), err)
			return
		}
	}
	for _, d := range dels {
		b.Delete(d.id)
	}
	if err := w.idx.Batch(b); err != nil {
		j.err = fmt.Errorf("index batch: %w", err)
		return
	}
	// bleve has analysed each document in place: its fields now know their
	// lengths, the very numbers BM25 normalises by.
	j.tokens, j.contextTokens = make([]int, len(docs)), make([]int, len(docs))
	for i, doc := range docs {
		j.tokens[i], j.contextTokens[i] = fieldLength(doc, fText), fieldLength(doc, fContext)
	}
}

// reap waits for the oldest running batch and adds its token counts to the
// manifest.
func (w *writer) reap() error {
	j := w.running[0]
	<-j.done
	w.running = w.running[1:]
	if j.err != nil {
		return j.err
	}
	for i, p := range j.adds {
		p.entry.Tokens += j.tokens[i]
		p.entry.ContextTokens += j.contextTokens[i]
		w.man.Tokens += j.tokens[i]
		w.man.ContextTokens += j.contextTokens[i]
	}
	return nil
}

// wait waits for every running batch, returning the first error. Call it
// before closing the index, also after a failure.
func (w *writer) wait() error {
	var first error
	for len(w.running) > 0 {
		if err := w.reap(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func fieldLength(doc *document.Document, name string) int {
	for _, f := range doc.Fields {
		if f.Name() == name {
			return f.AnalyzedLength()
		}
	}
	return 0
}

// finish indexes the last changes, then writes the manifest.
func (w *writer) finish(ctx context.Context) error {
	err := w.flush(ctx)
	if werr := w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	// Before the manifest: bleve persists a merge only with a later batch.
	if w.compact {
		if err := compact(ctx, w.idx); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(w.man); err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	batch := w.idx.NewBatch()
	batch.SetInternal([]byte(manifestKey), b.Bytes())
	if err := w.idx.Batch(batch); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// docTokens analyses each sentence of a batch once, where sentenceDoc's
// fields would be analysed by bleve three times each: as the sentence's text
// and within the context of each of its two neighbours (contextOf). A context
// is its parts' texts joined by a space, and every step of the analysis
// (ASCII folding rune by rune, Unicode word segmentation, token filters one
// token at a time) gives the same tokens for the whole as for the parts one
// after the other, for certain where the parts meet the space on ASCII
// characters. Elsewhere segmentation may join a combining mark or a format
// character to the space (Unicode's word boundary rule WB4); no text has been
// found where that changes a token, but such a context is analysed whole.
type docTokens struct {
	d     *corpus.Document
	toks  map[int]analysis.TokenStream // by sentence of d
	terms map[string]string            // every term of the batch, for count
}

func (t *docTokens) of(n int) analysis.TokenStream {
	ts, ok := t.toks[n]
	if !ok {
		ts = textAnalyzer.Analyze([]byte(t.d.Sentences[n].Text))
		t.toks[n] = ts
	}
	return ts
}

// document makes the bleve document of a sentence, as sentenceDoc does, with
// its text and context analysed from the sentences' tokens.
func (t *docTokens) document(p pendingSentence) *document.Document {
	if t.d != p.doc {
		t.d, t.toks = p.doc, map[int]analysis.TokenStream{}
	}
	if t.terms == nil {
		t.terms = map[string]string{}
	}
	doc := sentenceDoc(p.doc, p.n, p.said)
	for i, f := range doc.Fields {
		switch f.Name() {
		default:
			// A keyword: its value is its one term.
			if tf, ok := f.(*document.TextField); ok && tf.Analyzer() == nil && f.Options().IsIndexed() {
				doc.Fields[i] = t.field(f, analysis.TokenStream{{Term: f.Value(), Position: 1}})
			}
		case fText:
			doc.Fields[i] = t.field(f, t.of(p.n))
		case fContext:
			parts := contextParts(p.doc, p.n)
			if len(parts) == 0 || !joinedOnASCII(p.doc, parts, f.Value()) {
				continue
			}
			ts := t.of(parts[0])
			if len(parts) > 1 {
				ts = append(ts[:len(ts):len(ts)], t.of(parts[1])...)
			}
			doc.Fields[i] = t.field(f, ts)
		}
	}
	return doc
}

// analyzedField is a text field analysed before it is handed to bleve, from
// tokens already made: scorch's own analysis of it (Analyze) has nothing left
// to do, and it holds only its term counts, not the tokens.
type analyzedField struct {
	name    string
	value   []byte
	options index.FieldIndexingOptions
	length  int
	freqs   index.TokenFrequencies
}

func (t *docTokens) field(f document.Field, ts analysis.TokenStream) *analyzedField {
	return &analyzedField{name: f.Name(), value: f.Value(), options: f.Options(), length: len(ts),
		freqs: t.count(ts, f.Options())}
}

// count is analysis.TokenFrequency with fewer allocations, which the garbage
// collector pays for: a field's counts share one allocation, and a term's
// string is made once a batch, not once a field.
func (t *docTokens) count(ts analysis.TokenStream, opts index.FieldIndexingOptions) index.TokenFrequencies {
	if opts.IncludeTermVectors() {
		return analysis.TokenFrequency(ts, nil, opts)
	}
	freqs := make(index.TokenFrequencies, len(ts))
	counts := make([]index.TokenFreq, 0, len(ts))
	for _, tok := range ts {
		tf := freqs[string(tok.Term)]
		if tf == nil {
			term, ok := t.terms[string(tok.Term)]
			if !ok {
				term = string(tok.Term)
				t.terms[term] = term
			}
			counts = append(counts, index.TokenFreq{Term: tok.Term})
			tf = &counts[len(counts)-1]
			freqs[term] = tf
		}
		if !opts.SkipFreqNorm() {
			tf.SetFrequency(tf.Frequency() + 1)
		}
	}
	return freqs
}

func (f *analyzedField) Name() string                                     { return f.name }
func (f *analyzedField) ArrayPositions() []uint64                         { return nil }
func (f *analyzedField) Options() index.FieldIndexingOptions              { return f.options }
func (f *analyzedField) Analyze()                                         {}
func (f *analyzedField) Value() []byte                                    { return f.value }
func (f *analyzedField) Text() string                                     { return string(f.value) }
func (f *analyzedField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *analyzedField) EncodedFieldType() byte                           { return 't' }
func (f *analyzedField) AnalyzedLength() int                              { return f.length }
func (f *analyzedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is an estimate: scorch only adds it up into statistics, twice for each
// document, and counting the terms' bytes would walk the counts each time.
func (f *analyzedField) Size() int { return 64 + len(f.name) + len(f.value) + 64*len(f.freqs) }

// joinedOnASCII reports whether context is the texts of parts joined by
// spaces, each meeting the space on an ASCII character.
func joinedOnASCII(d *corpus.Document, parts []int, context []byte) bool {
	rest := context
	for k, i := range parts {
		s := d.Sentences[i].Text
		if k > 0 {
			if len(rest) == 0 || rest[0] != ' ' {
				return false
			}
			rest = rest[1:]
		}
		if len(rest) < len(s) || string(rest[:len(s)]) != s {
			return false
		}
		rest = rest[len(s):]
		if len(parts) > 1 && (s == "" || s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
			return false
		}
	}
	return len(rest) == 0
}

// openReadOnly opens a finished index version for searching and reads its
// manifest; any inconsistency is an error, so a damaged index is never served.
func openReadOnly(dir string) (bleve.Index, *manifest, error) {
	prefetch(dir)
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	m, err := readManifest(idx)
	if err == nil {
		var n uint64
		n, err = idx.DocCount()
		if err == nil && n != uint64(m.Sentences) {
			err = fmt.Errorf("index %s holds %d sentences, its manifest says %d", dir, n, m.Sentences)
		}
	}
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	return idx, m, nil
}

var errFormat = errors.New("index format is out of date")

func readManifest(idx bleve.Index) (*manifest, error) {
	b, err := idx.GetInternal([]byte(manifestKey))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if b == nil {
		if old, err := idx.GetInternal([]byte(oldManifestKey)); err == nil && old != nil {
			return nil, fmt.Errorf("%w (a JSON manifest)", errFormat)
		}
		return nil, errors.New("index has no manifest")
	}
	m := newManifest()
	m.Parser = 0 // a manifest that does not name its parser predates them all
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(m); err != nil {
		return nil, fmt.Errorf("decode manifest: %w", err)
	}
	if m.Format != formatVersion {
		return nil, fmt.Errorf("%w (format %d, want %d)", errFormat, m.Format, formatVersion)
	}
	if m.Files == nil {
		m.Files = map[string]*fileEntry{}
	}
	return m, nil
}

// copyIndex copies a closed or read-only index directory so that the copy can
// be opened for writing without touching the original. Scorch segment files
// (.zap) are never modified once written, so they are hard-linked; everything
// else (root.bolt, index_meta.json) is copied.
func copyIndex(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("copy index: %s is not a regular file", path)
		}
		if strings.HasSuffix(path, ".zap") {
			if err := os.Link(path, target); err == nil {
				return nil
			}
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Batch bounds: a batch holds at most this many operations or about this many
// bytes of text, which bounds the memory an index build needs: a sentence
// being indexed takes some 10 KB, and batchesInFlight batches are. At a
// million sentences batches of 2048 build as fast as batches of 4096 (the
// merges cost no more) in two thirds of the memory.
const (
	defaultBatchDocs  = 2048
	defaultBatchBytes = 2 << 20
)

// createIndex makes a new, empty writable index in dir.
func createIndex(dir string) (bleve.Index, error) {
	idx, err := bleve.New(dir, newMapping())
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return idx, nil
}

func newWriter(idx bleve.Index, man *manifest, batchDocs int) *writer {
	if batchDocs <= 0 {
		batchDocs = defaultBatchDocs
	}
	return &writer{idx: idx, man: man, maxDocs: batchDocs, maxBytes: defaultBatchBytes}
}

func newSnapshot(dir string, idx bleve.Index, man *manifest) *Snapshot {
	x := &Snapshot{idx: idx, dir: dir, man: man}
	x.stats = Stats{Documents: man.documents(), Sentences: man.Sentences, Tokens: man.Tokens, ContextTokens: man.ContextTokens}
	if man.Sentences > 0 {
		x.stats.AvgLen = float64(man.Tokens) / float64(man.Sentences)
	}
	x.refs.Store(1)
	return x
}
