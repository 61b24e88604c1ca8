package retrieval

import (
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
	fDoc        = "doc"        // document id
	fSource     = "source"     // file, relative to the corpus root
	fTitle      = "title"      // the piece's headline, else the document title
	fDate       = "date"       // the piece's date, "" when undated
	fSaid       = "said"       // the day the statement was made when the text pins it
	fKind       = "kind"       // corpus.Kind as a number
	fQuote      = "quote"      // direct quotation
	fStart      = "start"      // byte offsets in the document text
	fEnd        = "end"        //
	fSentence   = "sentence"   // index in Document.Sentences
	fPara       = "para"       // paragraph number
)

// The field mappings are the single description of each field: the index
// mapping is built from them and so is every document (sentenceDoc), so the two
// cannot drift apart. Only text is scored; nothing needs term vectors (no phrase
// queries, no highlighting), doc values (sorting is done on the few hits) or _all.
var (
	textField    = &mapping.FieldMapping{Type: "text", Analyzer: analyzerName, Index: true, Store: true}
	contextField = &mapping.FieldMapping{Type: "text", Analyzer: analyzerName, Index: true}
	// Filter fields: matched exactly, never scored, so no frequencies or norms.
	keywordField   = &mapping.FieldMapping{Type: "text", Analyzer: "keyword", Index: true, Store: true, SkipFreqNorm: true}
	dayField       = &mapping.FieldMapping{Type: "text", Analyzer: "keyword", Index: true, SkipFreqNorm: true}
	storedText     = &mapping.FieldMapping{Type: "text", Store: true}
	storedNumber   = &mapping.FieldMapping{Type: "number", Store: true}
	storedBoolean  = &mapping.FieldMapping{Type: "boolean", Store: true}
	fieldMappings  = map[string]*mapping.FieldMapping{fText: textField, fContext: contextField, fSpeaker: keywordField, fAttributed: dayField, fDateLo: dayField, fDateHi: dayField}
	storedTexts    = []string{fDoc, fSource, fTitle, fDate, fSaid}
	storedNumbers  = []string{fKind, fStart, fEnd, fSentence, fPara}
	storedBooleans = []string{fQuote}
	// storedFields are the fields a hit is read from.
	storedFields = append(append(append([]string{fText, fSpeaker}, storedTexts...), storedNumbers...), storedBooleans...)
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
	for _, name := range storedTexts {
		add(name, storedText)
	}
	for _, name := range storedNumbers {
		add(name, storedNumber)
	}
	for _, name := range storedBooleans {
		add(name, storedBoolean)
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
	for _, f := range []struct{ name, value string }{
		{fDoc, d.ID}, {fSource, d.Source}, {fTitle, title}, {fDate, date.String()}, {fSaid, said.String()},
	} {
		if f.value != "" {
			doc.AddField(document.NewTextFieldCustom(f.name, nil, []byte(f.value), storedText.Options(), nil))
		}
	}
	for _, f := range []struct {
		name  string
		value int
	}{{fKind, int(s.Kind)}, {fStart, s.Start}, {fEnd, s.End}, {fSentence, n}, {fPara, s.Para}} {
		doc.AddField(document.NewNumericFieldWithIndexingOptions(f.name, nil, float64(f.value), storedNumber.Options()))
	}
	doc.AddField(document.NewBooleanFieldWithIndexingOptions(fQuote, nil, s.Quote, storedBoolean.Options()))
	return doc
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
	num := func(name string) int { f, _ := fields[name].(float64); return int(f) }
	date := func(name string) corpus.Date {
		d, _ := corpus.ParseDate(str(name))
		return d
	}
	quote, _ := fields[fQuote].(bool)
	return Hit{
		Doc:      str(fDoc),
		Source:   str(fSource),
		Title:    str(fTitle),
		Text:     str(fText),
		Speaker:  str(fSpeaker),
		Sentence: num(fSentence),
		Start:    num(fStart),
		End:      num(fEnd),
		Kind:     corpus.Kind(num(fKind)),
		Date:     date(fDate),
		Said:     date(fSaid),
		Quote:    quote,
		Para:     num(fPara),
	}
}
