package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/corpusbot/corpusbot/corpus"
)

// fieldTerms is what the index takes from an analysed field.
type fieldTerms struct {
	value  string
	length int
	terms  map[string]int
}

func analysedFields(doc *document.Document) map[string]fieldTerms {
	out := map[string]fieldTerms{}
	for _, f := range doc.Fields {
		ft := fieldTerms{value: string(f.Value())}
		if f.Options().IsIndexed() {
			f.Analyze()
			ft.length = f.AnalyzedLength()
			ft.terms = map[string]int{}
			for term, tf := range f.AnalyzedTokenFrequencies() {
				ft.terms[term] = tf.Frequency()
			}
		}
		out[f.Name()] = ft
	}
	return out
}

// craftedDocs are documents whose contexts join sentences on characters that
// are not ASCII: a combining mark or a format character next to the joining
// space is segmented with it, so these contexts must be analysed whole.
func craftedDocs() []*corpus.Document {
	texts := [][]string{
		{"The minister spoke.", "Café owners cheered.", "\u0301Accents opened this one."},
		{"Prices rose in Zürich", "naïve résumé façade", "\u200dJoined by a zero-width joiner"},
		{"", "An empty neighbour before.", "Ends with an emoji 👍", "👍 starts this one."},
		{"Plain ASCII first.", "Plain ASCII second.", "Plain ASCII third."},
	}
	var docs []*corpus.Document
	for i, ts := range texts {
		d := &corpus.Document{ID: fmt.Sprintf("crafted%d", i), Source: "crafted.txt", Pieces: []corpus.Piece{{}}}
		for _, t := range ts {
			d.Sentences = append(d.Sentences, corpus.Sentence{Start: len(d.Text), End: len(d.Text) + len(t), Text: t})
			d.Text += t + " "
		}
		docs = append(docs, d)
	}
	return docs
}

// TestAnalyzedDocuments checks that the documents the writer hands to bleve,
// whose text and context are analysed from each sentence's tokens, index
// exactly what sentenceDoc's own analysis indexes: the same fields, values,
// lengths and term counts, for every sentence of the real corpus.
func TestAnalyzedDocuments(t *testing.T) {
	docs := append(realDocs(t), craftedDocs()...)
	if _, err := os.Stat(bbcDir); err == nil {
		c, err := corpus.Load(context.Background(), filepath.Join(bbcDir, "business"))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, c.Docs...)
	}
	var sentences, joined, whole int
	for _, d := range docs {
		said := saidDates(d)
		var toks docTokens
		for n := range d.Sentences {
			if !d.Sentences[n].Kind.Searchable() {
				continue
			}
			sentences++
			want := analysedFields(sentenceDoc(d, n, said[n]))
			doc := toks.document(pendingSentence{doc: d, n: n, said: said[n]})
			switch contextFieldOf(doc).(type) {
			case *analyzedField:
				joined++
			case nil:
			default:
				whole++
			}
			got := analysedFields(doc)
			if !equalFields(got, want) {
				t.Errorf("%s#%d: indexed\n%+v\nwant\n%+v", d.ID, n, got, want)
			}
		}
	}
	t.Logf("%d sentences: %d contexts from their parts' tokens, %d analysed whole", sentences, joined, whole)
	if joined < sentences/2 || whole == 0 {
		t.Errorf("%d of %d contexts from their parts' tokens, %d analysed whole: the test proves little", joined, sentences, whole)
	}
}

func contextFieldOf(doc *document.Document) document.Field {
	for _, f := range doc.Fields {
		if f.Name() == fContext {
			return f
		}
	}
	return nil
}

func equalFields(a, b map[string]fieldTerms) bool {
	if len(a) != len(b) {
		return false
	}
	for name, fa := range a {
		fb, ok := b[name]
		if !ok || fa.value != fb.value || fa.length != fb.length || len(fa.terms) != len(fb.terms) {
			return false
		}
		for term, n := range fa.terms {
			if m, ok := fb.terms[term]; !ok || m != n {
				return false
			}
		}
	}
	return true
}

// TestWriterBatchesInFlight builds the same documents in batches of every
// size from one sentence up, so that batches run side by side and documents
// straddle them, then deletes and re-adds documents (batches holding deletions
// run alone, in order): each index must hold exactly the sentences, token
// totals and search results of the one built in a single batch.
func TestWriterBatchesInFlight(t *testing.T) {
	docs := realDocs(t)
	build := func(batch int) (*Snapshot, *writer) { return buildSnapshotBatches(t, docs, batch) }
	search := func(x *Snapshot) []string {
		var out []string
		for _, q := range []string{"minister said", "Turkey Russia", "gas pipeline", "talks"} {
			hits, err := x.Search(context.Background(), Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				out = append(out, fmt.Sprintf("%s %s#%d %.6f", q, h.Doc, h.Sentence, h.Score))
			}
		}
		return out
	}
	one, _ := build(1 << 20)
	want := search(one)
	if len(want) == 0 {
		t.Fatal("no hits: the test proves nothing")
	}
	for _, batch := range []int{1, 7, 64} {
		x, w := build(batch)
		if x.stats != one.stats {
			t.Errorf("batch %d: %+v, want %+v", batch, x.stats, one.stats)
		}
		if got := search(x); !slices.Equal(got, want) {
			t.Errorf("batch %d: search\n%v\nwant\n%v", batch, got, want)
		}
		// Delete every other document and index it again: the deletions and
		// the additions of the same ids must land in this order.
		ctx := context.Background()
		f := w.man.Files["all"]
		for i, d := range docs {
			if i%2 == 1 {
				continue
			}
			if err := w.remove(ctx, f.Docs[i]); err != nil {
				t.Fatal(err)
			}
			e, err := w.add(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			f.Docs[i] = e
		}
		if err := w.finish(ctx); err != nil {
			t.Fatal(err)
		}
		x = newSnapshot(x.dir, x.idx, w.man)
		if n, err := x.idx.DocCount(); err != nil || int(n) != one.stats.Sentences || x.stats != one.stats {
			t.Errorf("batch %d, after re-adding: %d sentences (%v), %+v, want %+v", batch, n, err, x.stats, one.stats)
		}
		if got := search(x); !slices.Equal(got, want) {
			t.Errorf("batch %d, after re-adding: search\n%v\nwant\n%v", batch, got, want)
		}
	}
}
