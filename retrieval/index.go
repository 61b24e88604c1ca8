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

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/corpusbot/corpusbot/corpus"
)

// formatVersion changes whenever the analysis, the mapping or the manifest
// changes meaning: an index of another format is rebuilt, not reused.
const formatVersion = 5

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
type writer struct {
	idx       bleve.Index
	man       *manifest
	batch     *bleve.Batch
	maxDocs   int
	maxBytes  int
	bytes     int
	pending   []pendingDoc
	onIndexed func(sentences int)
}

type pendingDoc struct {
	entry *docEntry
	doc   *document.Document
}

// remove deletes every sentence a document may have in the index.
func (w *writer) remove(ctx context.Context, e *docEntry) error {
	for n := 0; n < e.Sentences; n++ {
		w.batch.Delete(sentenceID(e.ID, n))
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
// complete once the batch holding them has been flushed.
func (w *writer) add(ctx context.Context, d *corpus.Document) (*docEntry, error) {
	e := &docEntry{ID: d.ID, Print: docPrint(d), Sentences: len(d.Sentences)}
	said := saidDates(d)
	for n := range d.Sentences {
		if !d.Sentences[n].Kind.Searchable() {
			continue
		}
		doc := sentenceDoc(d, n, said[n])
		if err := w.batch.IndexAdvanced(doc); err != nil {
			return nil, fmt.Errorf("index %s: %w", doc.ID(), err)
		}
		e.Indexed++
		w.bytes += len(d.Sentences[n].Text) + 256
		w.pending = append(w.pending, pendingDoc{e, doc})
		if err := w.maybeFlush(ctx); err != nil {
			return nil, err
		}
	}
	w.man.Sentences += e.Indexed
	return e, nil
}

func (w *writer) maybeFlush(ctx context.Context) error {
	if w.batch.Size() < w.maxDocs && w.bytes < w.maxBytes {
		return nil
	}
	return w.flush(ctx)
}

func (w *writer) flush(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.batch.Size() == 0 {
		return nil
	}
	if err := w.idx.Batch(w.batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	// bleve has analysed each document in place: its fields now know their
	// lengths, the very numbers BM25 normalises by.
	for _, p := range w.pending {
		n, c := fieldLength(p.doc, fText), fieldLength(p.doc, fContext)
		p.entry.Tokens += n
		p.entry.ContextTokens += c
		w.man.Tokens += n
		w.man.ContextTokens += c
	}
	if w.onIndexed != nil && len(w.pending) > 0 {
		w.onIndexed(len(w.pending))
	}
	w.pending = w.pending[:0]
	w.bytes = 0
	w.batch.Reset()
	return nil
}

func fieldLength(doc *document.Document, name string) int {
	for _, f := range doc.Fields {
		if f.Name() == name {
			return f.AnalyzedLength()
		}
	}
	return 0
}

// finish flushes the last changes together with the manifest.
func (w *writer) finish(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(w.man); err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	w.batch.SetInternal([]byte(manifestKey), b.Bytes())
	if err := w.idx.Batch(w.batch); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	w.batch.Reset()
	return nil
}

// openReadOnly opens a finished index version for searching and reads its
// manifest; any inconsistency is an error, so a damaged index is never served.
func openReadOnly(dir string) (bleve.Index, *manifest, error) {
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
// bytes of text, which bounds the memory an index build needs.
const (
	defaultBatchDocs  = 4096
	defaultBatchBytes = 8 << 20
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
	return &writer{idx: idx, man: man, batch: idx.NewBatch(), maxDocs: batchDocs, maxBytes: defaultBatchBytes}
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
