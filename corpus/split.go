package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A segment is a run of one or more lines that reads as one unit: a paragraph
// line, a headline, a dateline, or a hard-wrapped paragraph whose lines were
// joined because each continues the previous one. Segments never span a blank line.
type segment struct {
	Start, End int  // byte range in the text, trimmed of blank characters and list markers
	AfterBlank bool // a blank line (or the start of the text) comes right before it
	Lines      int  // how many lines were joined
	Bullet     bool // the line opened with a list bullet, left out of the range
}

// segments cuts text into segments. Lines end at "\n"; a "\r" before it is
// white space like any other.
func segments(text string) []segment {
	var segs []segment
	afterBlank := true
	var prev *segment
	for pos := 0; pos <= len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text) + 1
		if end < 0 {
			end = len(text)
		} else {
			end += pos
			next = end + 1
		}
		s, e := trimRange(text, pos, end)
		pos = next
		if s == e {
			afterBlank = true
			prev = nil
			continue
		}
		if prev != nil && continues(text[prev.Start:prev.End], text[s:e]) {
			prev.End = e
			prev.Lines++
			continue
		}
		m, bullet := skipMarker(text, s, e)
		segs = append(segs, segment{Start: m, End: e, AfterBlank: afterBlank, Lines: 1, Bullet: bullet})
		prev = &segs[len(segs)-1]
		afterBlank = false
	}
	return segs
}

// continues reports whether line b carries on the sentence of line a, as in
// hard-wrapped text: a ends without final punctuation and b starts in lower case,
// or a ends with a title such as "Mr." that cannot end a sentence.
func continues(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if unicode.IsLower(first) && !strings.ContainsRune(".!?…:", last) {
		return true
	}
	if last == '.' {
		w := lastWord(a[:len(a)-1])
		if titles[lastPart(w)] {
			return true
		}
	}
	return false
}

// skipMarker moves start past a heading or quote marker ("## ", "> ") or a list
// bullet ("- ", "* ", "• "), and reports whether it was a bullet.
func skipMarker(text string, start, end int) (int, bool) {
	i := start
	for i < end && (text[i] == '#' || text[i] == '>') {
		i++
	}
	bullet := false
	if i == start {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch r {
		case '-', '*', '+', '•', '–', '—', '·', '▪', '►', '▶':
			i += n
			bullet = true
		}
	}
	if i == start || i >= end {
		return start, false
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	if !isBlank(r) {
		return start, false
	}
	s, _ := trimRange(text, i, end)
	return s, bullet
}

// Split cuts text into sentences. Every chunk is one sentence or one line that
// has no final punctuation; chunks never span a blank line. Offsets are byte
// offsets into text; Kind is Headline for such lines, else Body; Para numbers
// the segments.
func Split(text string) []Sentence {
	var out []Sentence
	for i, seg := range segments(text) {
		out = appendChunks(out, text, seg, i, "")
	}
	return out
}

// appendChunks splits one segment into sentences; folded is the segment's
// text folded, when known (else ""), which a sentence that is the whole
// segment takes as it is.
func appendChunks(out []Sentence, text string, seg segment, para int, folded string) []Sentence {
	emit := func(s, e int) {
		s, e = trimRange(text, s, e)
		if s >= e || !hasAlnum(text[s:e]) {
			return
		}
		f := folded
		if folded == "" || s != seg.Start || e != seg.End {
			f = fold(text[s:e])
		}
		out = append(out, Sentence{Start: s, End: e, Text: f, Para: para})
	}
	first := len(out)
	body := text[seg.Start:seg.End]
	headline := headlineLike(body, seg.Lines)
	if headline {
		// A headline is one chunk even when it holds a full stop ("The U.S. Is Unwilling").
		emit(seg.Start, seg.End)
	} else {
		cs := seg.Start
		for _, b := range boundaries(body) {
			emit(cs, seg.Start+b[0])
			cs = seg.Start + b[1]
		}
		emit(cs, seg.End)
	}
	if len(out) == first+1 && headline {
		out[first].Kind = Headline
	}
	return out
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// headlineLike reports a single line without final punctuation, short enough to
// be a headline, heading, byline or dateline rather than a sentence that lost its
// full stop. A line ending in a comma or semicolon is a cut-off sentence.
func headlineLike(line string, lines int) bool {
	if lines > 1 {
		return false
	}
	line = strings.TrimRightFunc(line, isCloser)
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?…,;:", last) {
		return false
	}
	return countFields(line) <= 20
}

const terminators = ".!?…"

// isTerminator reports the runes of terminators: a switch, not a search of
// the string, as it is asked about every rune of the text.
func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// isCloser reports quotes and brackets that close after a sentence's final punctuation.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '}', '›':
		return true
	}
	return false
}

// boundaries returns the sentence boundaries in s as [end of sentence, start
// of next) byte pairs.
func boundaries(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		// The run of final punctuation and closing quotes or brackets: ."  ?”  !)  ...  …”
		j := i + n
		closers := false
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isTerminator(r2) && !closers {
				j += n2
			} else if isCloser(r2) {
				closers = true
				j += n2
			} else {
				break
			}
		}
		k := j
		for k < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[k:])
			if !isBlank(r2) {
				break
			}
			k += n2
		}
		if k == j || k == len(s) { // no space after it, or the end of the segment
			i = j
			continue
		}
		if isBoundary(s, i, j, k, closers) {
			out = append(out, [2]int{j, k})
		}
		i = j
	}
	return out
}

// isBoundary decides whether the final punctuation s[i:j] ends a sentence, the
// next one starting at k.
func isBoundary(s string, i, j, k int, closers bool) bool {
	next, _ := utf8.DecodeRuneInString(s[k:])
	if unicode.IsLower(next) {
		return false // "etc.” and", "… but", "For ours!” and"
	}
	if unicode.IsPunct(next) && !strings.ContainsRune("\"'“‘«([¿¡*", next) {
		return false // ", …" or ") " after a stop inside a sentence
	}
	punct := s[i:j]
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	ellipsis := strings.HasPrefix(punct, "…") || strings.HasPrefix(punct, "...")
	if ellipsis && (i == 0 || isBlank(before)) {
		return false // " … " marks words left out of a quotation, not an end
	}
	if punct[0] != '.' || ellipsis || closers || strings.Trim(punct, ".") != "" {
		return true
	}
	// A single full stop right after a word: is the word an abbreviation?
	w := lastWord(s[:i])
	if w == "" {
		return true
	}
	lw := strings.ToLower(w)
	lp := lastPart(w)
	nextWord := firstWord(s[k:])
	switch {
	case titles[lp]:
		return false // Mr. Putin, Prof.Dr. Manoylo, Gen. Soleimani, St. Petersburg
	case alwaysInside[lw]:
		return false // e.g. i.e. vs.
	case unicode.IsDigit(next) && beforeNumber[strings.TrimSuffix(lw, ".")]:
		return false // No. 10, Sept. 30, p. 4
	case isInitial(w) || strings.Contains(w, "."):
		// J. Smith, U.S. President, 10 a.m. Moscow time: only a common sentence opening
		// after such a word starts a new sentence ("... in the U.S. The talks ...").
		return sentenceStarters[nextWord]
	case isListNumber(s, i):
		return false // "1. The first point"
	}
	return true
}

// lastWord returns the run of non-blank characters ending at the end of s,
// stripped of opening quotes and brackets.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if isBlank(r) {
			break
		}
		i -= n
	}
	return strings.TrimLeft(s[i:], "\"'“‘«([{")
}

// lastPart returns the part of w after its last full stop, so "Prof.Dr" gives "Dr".
func lastPart(w string) string {
	if i := strings.LastIndexByte(w, '.'); i >= 0 {
		return w[i+1:]
	}
	return w
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"'“‘«([¿¡*")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// isListNumber reports a one- or two-digit number opening the segment, as in "1. ".
func isListNumber(s string, i int) bool {
	return i >= 1 && i <= 2 && strings.Trim(s[:i], "0123456789") == ""
}

var (
	// Titles and honorifics: never the end of a sentence, a name follows.
	titles = set("Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Cpt", "Sgt", "Maj", "Adm",
		"Cmdr", "Cdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Fr", "St", "Sr", "Jr", "Messrs", "Mmes", "Mme", "Mlle",
		"Hon", "Pres", "Supt", "Insp", "Det", "Cpl", "Pvt", "Amb", "Atty", "Sec", "Gens", "Drs", "Profs", "Sens", "Reps")
	alwaysInside = set("e.g", "i.e", "vs", "v", "cf", "viz", "approx", "ca", "incl")
	beforeNumber = set("no", "nos", "vol", "vols", "fig", "figs", "art", "arts", "p", "pp", "ch", "chap", "para",
		"sec", "tel", "ext", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "op", "ed")
	// Words that open most English sentences; after an initial or acronym they
	// tell a sentence end ("in the U.S. The") from a name ("U.S. President").
	sentenceStarters = set("The", "A", "An", "This", "That", "These", "Those", "It", "Its", "It's", "He", "She",
		"They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "But", "And", "Or", "So", "Yet", "However",
		"In", "On", "At", "As", "For", "If", "When", "While", "After", "Before", "Since", "There", "Here", "What",
		"Why", "How", "Who", "Where", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Has", "Have", "Had", "Will",
		"Would", "Can", "Could", "Should", "Meanwhile", "Also", "Then", "Now", "Today", "Yesterday", "Some", "Many",
		"Most", "All", "No", "Not", "One", "Both", "Such", "Still", "Instead", "Although", "Though", "Despite",
		"According", "Earlier", "Later", "Last", "Next", "During", "With", "Without", "By", "From", "To", "Under",
		"Officials", "Analysts", "Critics", "Experts")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
