package corpus

import (
	"unicode"
)

// segInfo is what Parse learns about one segment.
type segInfo struct {
	seg        segment
	folded     string
	kind       lineKind
	first, end int // its sentences, d.Sentences[first:end]
	date       Date
	dateline   bool // the segment is a dateline or opens with a wire dateline
	headline   bool // one headline-like chunk that is neither furniture nor a dateline
	body       bool // holds running text
	furniture  bool
	words      int
}

// Parse fills d's Pieces, Sentences (with Kind, Piece and Para) and Title from
// d.Text and the metadata already in d (Title, Date), then attributes
// statements. It may be called again on the same document.
func Parse(d *Document) {
	d.Pieces, d.Sentences, d.Statements = nil, nil, nil
	text := d.Text
	segs := segments(text)
	info := make([]segInfo, len(segs))
	var sents []Sentence
	for i, seg := range segs {
		in := &info[i]
		in.seg = seg
		in.folded = fold(text[seg.Start:seg.End])
		in.words = countFields(in.folded)
		in.kind = classifyWords(in.folded, in.words)
		in.first = len(sents)
		sents = appendChunks(sents, text, seg, i, in.folded)
		in.end = len(sents)
	}
	cs := commentStart(info)
	for i := range info {
		in := &info[i]
		chunks := sents[in.first:in.end]
		if i >= cs {
			setKind(chunks, Comment)
			continue
		}
		if seg := in.seg; seg.Lines == 1 && in.words <= 16 {
			in.date, in.dateline = datelineDate(in.folded)
		}
		if in.dateline {
			setKind(chunks, Headline)
			continue
		}
		switch in.kind {
		case lineFurniture, lineNoComment, lineStrong, lineReply, lineRelated:
			in.furniture = true
			setKind(chunks, Furniture)
			continue
		}
		if in.date, in.dateline = leadDatelineDate(in.folded); in.dateline {
			in.body = true
			continue
		}
		in.headline = len(chunks) == 1 && chunks[0].Kind == Headline
		for _, s := range chunks {
			in.body = in.body || s.Kind == Body
		}
	}
	markTeasers(info, cs, sents)
	markTrailer(info, cs, sents)
	heads := tocHeadings(info, cs, sents)
	d.Sentences = sents
	starts := pieceStarts(info, cs, heads)
	d.Pieces = make([]Piece, len(starts))
	for n, p := range starts {
		start := 0
		if n > 0 {
			start = info[p.seg].seg.Start
		}
		date := p.date
		if date.IsZero() {
			date = d.Date
		}
		d.Pieces[n] = Piece{Start: start, End: len(text), Date: date}
		if n > 0 {
			d.Pieces[n-1].End = start
		}
		end := cs
		if n+1 < len(starts) {
			end = starts[n+1].seg
		}
		d.Pieces[n].Title = p.title
		if p.title == "" {
			d.Pieces[n].Title = pieceTitle(info[p.seg:min(end, len(info))], 3)
		}
	}
	for i := range d.Sentences {
		s := &d.Sentences[i]
		for s.Piece+1 < len(d.Pieces) && s.Start >= d.Pieces[s.Piece+1].Start {
			s.Piece++
		}
	}
	if d.Date.IsZero() {
		// No metadata date: the document takes its first dateline. Pieces without
		// one stay undated rather than borrow a date from another piece.
		for _, p := range starts {
			if !p.date.IsZero() {
				d.Date = p.date
				break
			}
		}
	}
	// The document title is never navigation. A compilation whose first piece
	// has no headline of its own (a live blog whose table of contents runs into
	// an untitled lead story) stays untitled rather than take a teaser for
	// another story, and citations name the file instead; one whose list runs
	// straight into its first story takes that story's heading, as a dated
	// compilation takes its first piece's headline.
	if d.Title == "" {
		d.Title = d.Pieces[0].Title
	}
	if d.Title == "" {
		d.Title = pieceTitle(info[:cs], 1)
	}
	if d.Title == "" {
		d.Title = questionTitle(info[:cs])
	}
	attribute(d)
}

// markTeasers turns the headlines under a closing "Related articles" list into
// furniture: links to other articles, with no running text after them.
func markTeasers(info []segInfo, cs int, sents []Sentence) {
	last := -1
	for i := range info[:cs] {
		if info[i].kind == lineRelated {
			last = i
		}
	}
	if last < 0 {
		return
	}
	for i := last + 1; i < cs; i++ {
		if info[i].body || info[i].dateline {
			return
		}
	}
	for i := last + 1; i < cs; i++ {
		info[i].headline, info[i].furniture = false, true
		setKind(sents[info[i].first:info[i].end], Furniture)
	}
}

// markTrailer turns the wire-service trailer closing an article ("MORE",
// "REUTER") into furniture: the last lines before the comment section, after
// running text.
func markTrailer(info []segInfo, cs int, sents []Sentence) {
	var trailer []int
	for i := cs - 1; i >= 0 && i >= cs-3; i-- {
		in := &info[i]
		if in.furniture {
			continue
		}
		if in.dateline || !isWireTrailer(in.folded) {
			break
		}
		trailer = append(trailer, i)
	}
	if len(trailer) == 0 || !hasBody(info[:trailer[len(trailer)-1]]) {
		return
	}
	for _, i := range trailer {
		in := &info[i]
		in.headline, in.body, in.furniture = false, false, true
		setKind(sents[in.first:in.end], Furniture)
	}
}

func hasBody(segs []segInfo) bool {
	for _, in := range segs {
		if in.body {
			return true
		}
	}
	return false
}

func setKind(ss []Sentence, k Kind) {
	for i := range ss {
		ss[i].Kind = k
	}
}

// commentStart returns the index of the segment that opens the reader-comment
// section, or len(info) when there is none. A marker counts only after some
// running text (a "Leave a comment" link beside the byline is furniture), and a
// weak marker ("What do you think?") only when comment shapes follow it.
func commentStart(info []segInfo) int {
	body := 0
	for i, in := range info {
		switch in.kind {
		case lineStrong:
			if body >= 2 {
				return i
			}
		case lineWeak:
			if body >= 2 && commentShapesAfter(info, i) {
				return i
			}
		}
		if in.kind == lineText && in.words >= 6 && in.first < in.end {
			body++
		}
	}
	return len(info)
}

func commentShapesAfter(info []segInfo, i int) bool {
	for k := i + 1; k < len(info) && k <= i+6; k++ {
		in := info[k]
		switch {
		case in.kind == lineStrong, in.kind == lineReply, reCommenter.MatchString(in.folded):
			return true
		case in.words <= 12 && len(findDates(in.folded)) > 0:
			return true // a comment's date line
		}
	}
	return false
}

type pieceStart struct {
	seg   int
	date  Date
	title string // the heading of a story listed in a table of contents
}

// pieceStarts finds the pieces of a compilation: each heading in heads (the
// stories of a table of contents, see tocHeadings) opens an undated piece titled
// by it, and each dateline after running text opens a piece at the headline
// before it. Datelines in the comment section (index cs on) are comment dates
// and date nothing.
func pieceStarts(info []segInfo, cs int, heads []int) []pieceStart {
	starts := []pieceStart{{seg: 0}}
	lastDateline := -1
	for i := 0; i < cs; i++ {
		if len(heads) > 0 && heads[0] == i {
			heads = heads[1:]
			cur := &starts[len(starts)-1]
			if hasContent(info[cur.seg:i]) {
				starts = append(starts, pieceStart{seg: i, title: info[i].folded})
			} else {
				cur.title = info[i].folded // only navigation above: the first story starts the page
			}
			continue
		}
		if !info[i].dateline {
			continue
		}
		cur := &starts[len(starts)-1]
		start := headStart(info, i, max(cur.seg, lastDateline+1))
		bodyBefore := false
		for k := cur.seg; k < start; k++ {
			bodyBefore = bodyBefore || info[k].body
		}
		switch {
		case bodyBefore:
			starts = append(starts, pieceStart{seg: start, date: info[i].date})
		case cur.date.IsZero():
			cur.date = info[i].date
		}
		// else a second date in the same header ("updated ..."): the first one stands.
		lastDateline = i
	}
	return starts
}

// hasContent reports a headline or running text among segs: anything but
// furniture, navigation and datelines.
func hasContent(segs []segInfo) bool {
	for _, in := range segs {
		if in.body || in.headline {
			return true
		}
	}
	return false
}

// headStart walks back from the dateline at i over the piece's header: its
// headline, byline and furniture lines, and a standfirst sentence directly under
// the headline. It returns the first segment of the piece, never before lb.
func headStart(info []segInfo, i, lb int) int {
	start := i
	standfirst := false
	for k := i - 1; k >= lb && i-k <= 6; k-- {
		in := info[k]
		switch {
		case in.furniture, in.headline:
			start = k
		case in.body && !standfirst && !in.seg.AfterBlank && k-1 >= lb && info[k-1].headline:
			standfirst = true
			start = k
		default:
			return start
		}
	}
	return start
}

// pieceTitle returns the first headline among segs that comes before the running
// text and has at least minWords words; bullets and all-capital labels
// ("LATEST") are section furniture, not titles.
func pieceTitle(segs []segInfo, minWords int) string {
	for _, in := range segs {
		if in.body && !in.dateline {
			return ""
		}
		if !in.headline || in.words < minWords || in.seg.Bullet || isAllCaps(in.folded) {
			continue
		}
		return in.folded
	}
	return ""
}

// questionTitle accepts a headline that ends in punctuation ("Who do you think
// you are?", "Rivals of the £400 Apple..."): a short first line standing alone
// above the text.
func questionTitle(segs []segInfo) string {
	for i, in := range segs {
		if in.furniture || in.first == in.end {
			continue
		}
		alone := i+1 == len(segs) || segs[i+1].seg.AfterBlank
		if in.seg.Lines == 1 && in.words <= 15 && in.end-in.first == 1 && alone && !in.dateline {
			return in.folded
		}
		return ""
	}
	return ""
}

func isAllCaps(s string) bool {
	upper := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		upper = upper || unicode.IsUpper(r)
	}
	return upper
}
