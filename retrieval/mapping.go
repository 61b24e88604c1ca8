package retrieval

import (
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/corpusbot/corpusbot/corpus"
)

// Field names of a sentence document.
const (
	fText       = "text"       // the sentence: analysed, scored
	fContext    = "context"    // the sentences around it (contextOf): analysed, scored lightly, not stored
	fSpeaker    = "speaker"    // raw speaker as named in the document: keyword, for filters
	fAttributed = "attributed" // "1" on every attributed sentence: "who said" filters on one posting list, not on every speaker
	fDateLo     = "date_lo"    // first day the citation date covers, "YYYYMMDD": keyword, not stored
	fDateHi     = "date_hi"    // last day it covers
	fHit        = "hit"        // the rest of a hit, never searched: packHit
)

// The field mappings are the single description of each field: the index
// mapping is built from them and so is every document (sentenceDoc), so the two
// cannot drift apart. Only text is scored; nothing needs term vectors (no phrase
// queries, no highlighting), doc values (sorting is done on the few hits) or _all.
var (
	textField    = &mapping.FieldMapping{Type: "text", Analyzer: analyzerName, Index: true, Store: true}
	contextField = &mapping.FieldMapping{Type: "text", Analyzer: analyzerName, Index: true}
	// Filter fields: matched exactly, never scored, so no frequencies or norms.
	keywordField  = &mapping.FieldMapping{Type: "text", Analyzer: "keyword", Index: true, Store: true, SkipFreqNorm: true}
	dayField      = &mapping.FieldMapping{Type: "text", Analyzer: "keyword", Index: true, SkipFreqNorm: true}
	storedText    = &mapping.FieldMapping{Type: "text", Store: true}
	fieldMappings = map[string]*mapping.FieldMapping{fText: textField, fContext: contextField, fSpeaker: keywordField,
		fAttributed: dayField, fDateLo: dayField, fDateHi: dayField, fHit: storedText}
	// storedFields are the fields a hit is read from.
	storedFields = []string{fText, fSpeaker, fHit}
)

func newMapping() *mapping.IndexMappingImpl {
	dm := bleve.NewDocumentStaticMapping()
	add := func(name string, fm *mapping.FieldMapping) {
		f := *fm
		f.Name = name
		dm.AddFieldMappingsAt(name, &f)
	}
	for name, fm := range fieldMappings {
		add(name, fm)
	}
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerName
	im.ScoringModel = index.BM25Scoring
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// sentenceID is the bleve document id of sentence n of document doc.
func sentenceID(doc string, n int) string { return doc + "#" + strconv.Itoa(n) }

// sentenceDoc builds the bleve document for sentence n of d. keyword is the
// keyword analyzer; the text analyzer is the package's.
func sentenceDoc(d *corpus.Document, n int, said corpus.Date) *document.Document {
	s := &d.Sentences[n]
	title, date := d.Title, d.Date
	if s.Piece >= 0 && s.Piece < len(d.Pieces) {
		p := d.Pieces[s.Piece]
		date = p.Date
		if p.Title != "" {
			title = p.Title
		}
	}
	doc := document.NewDocument(sentenceID(d.ID, n))
	doc.AddField(document.NewTextFieldCustom(fText, nil, []byte(s.Text), textField.Options(), textAnalyzer))
	if c := contextOf(d, n); c != "" {
		doc.AddField(document.NewTextFieldCustom(fContext, nil, []byte(c), contextField.Options(), textAnalyzer))
	}
	if s.Speaker != "" {
		doc.AddField(document.NewTextFieldCustom(fSpeaker, nil, []byte(s.Speaker), keywordField.Options(), nil))
		doc.AddField(document.NewTextFieldCustom(fAttributed, nil, []byte("1"), dayField.Options(), nil))
	}
	cite := date
	if !said.IsZero() {
		cite = said
	}
	if !cite.IsZero() {
		lo, hi := dayRange(cite)
		doc.AddField(document.NewTextFieldCustom(fDateLo, nil, []byte(lo), dayField.Options(), nil))
		doc.AddField(document.NewTextFieldCustom(fDateHi, nil, []byte(hi), dayField.Options(), nil))
	}
	hit := packHit(nil, Hit{Doc: d.ID, Source: d.Source, Title: title, Date: date, Said: said,
		Kind: s.Kind, Start: s.Start, End: s.End, Sentence: n, Para: s.Para, Quote: s.Quote})
	doc.AddField(document.NewTextFieldCustom(fHit, nil, hit, storedText.Options(), nil))
	return doc
}

// packHit appends the part of a hit that is only ever read back, never
// searched, in one value: one stored field instead of eleven costs scorch a
// field's worth of work per sentence at indexing, not eleven. Strings are
// length-prefixed, numbers are varints; formatVersion covers the layout.
func packHit(b []byte, h Hit) []byte {
	for _, s := range []string{h.Doc, h.Source, h.Title, h.Date.String(), h.Said.String()} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, n := range []int{int(h.Kind), h.Start, h.End, h.Sentence, h.Para} {
		b = binary.AppendVarint(b, int64(n))
	}
	quote := byte(0)
	if h.Quote {
		quote = 1
	}
	return append(b, quote)
}

// unpackHit reads what packHit wrote into h; it reports false, leaving h as it
// was, when b is not such a value.
func unpackHit(b string, h *Hit) bool {
	head := func() []byte { return []byte(b[:min(len(b), binary.MaxVarintLen64)]) }
	var strs [5]string
	for i := range strs {
		n, k := binary.Uvarint(head())
		if k <= 0 || n > uint64(len(b)-k) {
			return false
		}
		strs[i], b = b[k:k+int(n)], b[k+int(n):]
	}
	var nums [5]int
	for i := range nums {
		v, k := binary.Varint(head())
		if k <= 0 || int64(int(v)) != v {
			return false
		}
		nums[i], b = int(v), b[k:]
	}
	if len(b) != 1 {
		return false
	}
	h.Doc, h.Source, h.Title = strs[0], strs[1], strs[2]
	h.Date, _ = corpus.ParseDate(strs[3])
	h.Said, _ = corpus.ParseDate(strs[4])
	h.Kind, h.Start, h.End, h.Sentence, h.Para = corpus.Kind(nums[0]), nums[1], nums[2], nums[3], nums[4]
	h.Quote = b[0] == 1
	return true
}

// saidDates maps each sentence of d to the day its statement was made, when the text pins it.
func saidDates(d *corpus.Document) []corpus.Date {
	out := make([]corpus.Date, len(d.Sentences))
	for _, st := range d.Statements {
		for i := max(st.First, 0); i <= st.Last && i < len(out); i++ {
			if !st.Said.IsZero() {
				out[i] = st.Said
			}
		}
	}
	return out
}

// dayRange gives the first and last day a date covers, as sortable "YYYYMMDD"
// strings: a date known only to the month covers the whole month. Days past the
// month's end (20160231) are harmless: they only bound a range.
func dayRange(d corpus.Date) (lo, hi string) {
	lm, hm, ld, hd := d.Month, d.Month, d.Day, d.Day
	if d.Month == 0 {
		lm, hm = 1, 12
	}
	if d.Day == 0 {
		ld, hd = 1, 31
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year, lm, ld), fmt.Sprintf("%04d%02d%02d", d.Year, hm, hd)
}

// hitFromFields reads a hit from the stored fields bleve returns.
func hitFromFields(fields map[string]interface{}) Hit {
	str := func(name string) string { s, _ := fields[name].(string); return s }
	h := Hit{Text: str(fText), Speaker: str(fSpeaker)}
	unpackHit(str(fHit), &h)
	return h
}
