package corpus

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaning never rewrites Document.Text: offsets must stay true to the file.
// It works on folded copies (fold) and on whole lines, which is how scraped
// pages carry their furniture: a prompt, a credit or a button is a line of
// its own.

// isZeroWidth reports characters that render as nothing and are dropped when folding.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E':
		return true
	}
	return false
}

// isSpace reports every character folded to a plain space: ASCII white space,
// NBSP and the other Unicode spaces, line and paragraph separators, and
// control characters (which a scraper leaves only by accident).
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (unicode.IsControl(r) && r != utf8.RuneError)
}

// isBlank reports characters trimmed from the ends of a chunk.
func isBlank(r rune) bool { return isSpace(r) || isZeroWidth(r) }

// fold returns s with every run of spaces, odd spaces and line breaks turned
// into one space, zero-width characters dropped and the ends trimmed; invalid
// UTF-8 becomes U+FFFD.
func fold(s string) string {
	if folded(s) {
		return strings.Clone(s) // a copy still: a substring would keep the whole text alive
	}
	return foldRunes(s)
}

func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isZeroWidth(r):
		case isSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// folded reports whether fold(s) is s, for most ASCII text: no white space
// but single spaces between words, and no control characters.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c < ' ' || c == 0x7f:
			return false
		}
	}
	return true
}

// trimRange narrows [start,end) of text to exclude blank characters at both ends.
func trimRange(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isBlank(r) || (r == utf8.RuneError && n == 1) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !isBlank(r) || (r == utf8.RuneError && n == 1) {
			break
		}
		end -= n
	}
	return start, end
}

// lineKind is what a whole line (segment) is, decided from its shape alone.
type lineKind uint8

const (
	lineText      lineKind = iota
	lineFurniture          // site furniture, never searched
	lineNoComment          // "No comments:" — an empty comment section: furniture, not a section start
	lineStrong             // certainly opens a reader-comment section ("Notify of", "Leave a reply", "3 comments")
	lineWeak               // may open one ("What do you think?") if comment shapes follow
	lineReply              // a line only comment threads have ("Reply to X", "Reply")
	lineRelated            // heads a list of links to other articles ("Related articles", "More from Sport")
)

var (
	// Lines that are entirely a widget label. Anchored at both ends: a sentence that merely
	// mentions "comments" or "share" is never furniture.
	reWidget = mustLead(`(?i)^(?:` +
		`newest|oldest|most voted|newest most voted|oldest newest most voted|most liked|` +
		`inline feedbacks?|load more comments|show comments|hide comments|` +
		`share this(?: article| story| post)?:?|share|tweet|e-?mail|print|pin it|like this:?|like loading\W*|loading\W*|` +
		`advertisement|advertising|sponsored(?: content| links?)?|promoted(?: content| stories)?|` +
		`skip to (?:main )?content|back to top|top of page|home|menu|search|newer posts?|older posts?|newer post older post home|` +
		`subscribe|sign up|log ?in|sign in|register|follow us|follow|cookies?(?: policy)?|privacy policy|terms of (?:use|service)|all rights reserved\.?|` +
		`(?:\d+|no) (?:likes?|shares?|views?|reads?|reactions?)|` +
		`(?:read|see|view|show|load) (?:more|all|the full (?:story|article))\W*|continue reading\W*.*|read more\W*.*|` +
		`click here\W*.*|tap here\W*.*` +
		`)$`)

	reRelated = mustLead(`(?i)^(?:related(?: posts| articles| stories| content| news| topics| coverage| links)?|` +
		`more (?:from|on|in|about) .{1,40}|more stories|more news|you may also like|you might also like|recommended(?: for you| reading)?|` +
		`read next|read also|also read|see also|further reading|most read|most popular|most viewed|trending(?: now)?|popular now|editor'?s picks)\W*$`)

	reNoComments = mustLead(`(?i)^(?:no|0|zero) (?:comments?|responses?|replies)(?: yet)?\W*$`)

	reStrong = mustLead(`(?i)^(?:` +
		`notify of|view all comments|view comments|` +
		`leave a (?:reply|comment|response)|post a comment|add a comment|write a comment|add your comment|` +
		`join the (?:discussion|conversation)|comments are closed\.?|` +
		`[1-9][\d,]* (?:comments?|responses?|replies|thoughts on .{1,200})\W*|` +
		`comments? \([1-9][\d,]*\)|` +
		`(?:you must be )?logged in to post a comment\.?|` +
		`this site uses akismet .*` +
		`)$`)

	reWeak = mustLead(`(?i)^(?:` +
		`what do you think\W*|comments?:?|discussion:?|responses?:?|reader comments:?|` +
		`have your say\W*|tell us what you think\W*|your comments?:?|` +
		`(?:sort|order) by:? .{1,30}` +
		`)$`)

	reReply = mustLead(`(?i)^(?:reply|reply ↓|reply to\s+.{1,60}|in reply to\s+.{1,60}|report(?: comment| abuse)?|flag|permalink|[+-]?\d+\s*(?:vote|point)s?)$`)

	// How comment systems head a comment ("Anna says:", "Anna said..."): evidence of a
	// comment section after a weak marker, and nothing on its own.
	reCommenter = mustLead(`^[\pL][\pL\pN .'’_-]{0,40} (?:says|said|wrote)(?::|\.\.\.|…)$`)

	// Subscribe and follow prompts: an imperative at the start, a channel named in the line.
	rePrompt  = mustLead(`(?i)^\W*(?:(?:please|remember to|remember|don'?t forget to|be sure to|make sure to|click(?: here)? to|and|also|now|you can)\s+)*(?:subscribe|follow|sign up|join|support|donate|listen|watch|download|get)\s`)
	reChannel = regexp.MustCompile(`(?i)\b(?:channel|newsletters?|podcasts?|twitter|facebook|youtube|instagram|telegram|soundcloud|tiktok|linkedin|rss|feeds?|mailing list|patreon|substack|rumble|bitchute|gab|vk|whatsapp|spotify|itunes|apple podcasts|app|updates|inbox|alerts)\b`)

	// Disclaimers: "the views expressed ... are solely those of the author", "does not give financial advice".
	reDisclaimer = regexp.MustCompile(`(?i)(?:\b(?:views?|opinions?|statements?)\b.{0,120}\bexpressed\b.{0,160}\b(?:solely|own|are (?:those|the author)|do(?:es)? not (?:necessarily )?(?:reflect|represent))|\bdo(?:es)? not (?:give|provide|constitute|offer) (?:any )?(?:financial|investment|legal|medical|tax) advice|\bopinions? (?:are|is) (?:the author|those of)|\bdo(?:es)? not necessarily (?:reflect|represent) (?:the )?(?:views?|opinions?|position|policy))`)

	// Photo and video credits and captions.
	reCredit     = mustLead(`(?i)^(?:©|\(c\)\s|copyright\b|(?:(?:file|main|top|featured|lead|image|photo|picture|video)\s+)?(?:photos?|photograph|images?|pictures?|pics?|credits?|caption|illustration|graphic)(?:\s+(?:credit|courtesy|source|caption))?\s*[:|/]|(?:photos?|images?|pictures?) (?:by|courtesy of|credit)\b)`)
	reCreditTail = regexp.MustCompile(`(?i)(?:\((?:photos?|images?|pictures?|credit|file)\s*(?::|by|credit)[^)]*\)|\b(?:getty images|afp via getty images|shutterstock|ap photo|reuters photo|epa-efe|sputnik photo)\b\S*)\s*$`)

	// Blog and CMS bylines and labels ("Posted by X at 9:05 PM", "Labels: ...", "Tags: ...").
	reLabel = mustLead(`(?i)^(?:(?:labels|tags|tagged(?: with)?|categories|category|topics|filed under|posted in|share on|share to)\s*[:|].*|posted by\s.{1,80}|(?:via|source|h/t|hat tip|hattip)\s*:?\s+\S.{0,60})$`)

	// Share rows: every word a button.
	buttonWords = map[string]bool{
		"share": true, "tweet": true, "email": true, "e-mail": true, "mail": true, "print": true, "like": true, "save": true,
		"facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true, "telegram": true, "reddit": true,
		"pinterest": true, "messenger": true, "copy": true, "link": true, "pocket": true, "flipboard": true, "vk": true,
		"blogthis": true, "this": true, "to": true, "on": true, "via": true, "with": true, "comment": true, "comments": true,
		"shares": true, "article": true, "story": true, "post": true, "sms": true, "tumblr": true, "mix": true,
	}
	strongButtons = map[string]bool{"share": true, "tweet": true, "email": true, "print": true, "blogthis": true, "whatsapp": true, "pinterest": true, "linkedin": true, "reddit": true}
)

// A leadRegexp is a regexp anchored at the start of the text that knows the
// runes that can open a match: most lines are told apart by their first rune
// without running it.
type leadRegexp struct {
	re    *regexp.Regexp
	any   bool                   // a match may open with any rune, or be empty
	first []*syntax.Inst         // the instructions that may consume the first rune
	table [leadTable / 64]uint64 // a bit for each rune below leadTable that first matches
}

// leadTable covers the letters, punctuation and quotation marks that lines
// open with; a rune above it is matched against first.
const leadTable = 0x3000

// mustLead compiles pattern, which must be anchored at the start ("^…").
func mustLead(pattern string) *leadRegexp {
	l := &leadRegexp{re: regexp.MustCompile(pattern)}
	// regexp.Compile parses with syntax.Perl too: this is the program it runs.
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic(err)
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		panic(err)
	}
	if prog.StartCond()&syntax.EmptyBeginText == 0 {
		panic("mustLead: " + pattern + " is not anchored at the start")
	}
	// Walk the instructions that consume nothing from the start: empty-width
	// conditions are taken as met, which only lets more runes through.
	seen := make([]bool, len(prog.Inst))
	stack := []uint32{uint32(prog.Start)}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			stack = append(stack, in.Out)
		case syntax.InstRune, syntax.InstRune1:
			l.first = append(l.first, in)
		case syntax.InstFail:
		default: // InstMatch, InstRuneAny, InstRuneAnyNotNL
			l.any = true
		}
	}
	// The runes each instruction matches, as syntax.Inst.MatchRune reads
	// them: one literal rune (with its case variants when folding), or
	// ranges of runes.
	set := func(r rune) {
		if r >= 0 && r < leadTable {
			l.table[r/64] |= 1 << (r % 64)
		}
	}
	for _, in := range l.first {
		if len(in.Rune) == 1 {
			r0 := in.Rune[0]
			set(r0)
			if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					set(r)
				}
			}
			continue
		}
		for j := 0; j+1 < len(in.Rune); j += 2 {
			for r := in.Rune[j]; r <= in.Rune[j+1] && r < leadTable; r++ {
				set(r)
			}
		}
	}
	return l
}

func (l *leadRegexp) opens(r rune) bool {
	if l.any {
		return true
	}
	if r < leadTable {
		return l.table[r/64]&(1<<(r%64)) != 0
	}
	for _, in := range l.first {
		if in.MatchRune(r) {
			return true
		}
	}
	return false
}

// MatchString reports whether s matches, as regexp.MatchString does.
func (l *leadRegexp) MatchString(s string) bool {
	if s != "" {
		r := rune(s[0])
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(s)
		}
		if !l.opens(r) {
			return false
		}
	}
	return l.re.MatchString(s)
}

// classifyLine decides the kind of one folded line from its shape.
func classifyLine(line string) lineKind { return classifyWords(line, countFields(line)) }

// classifyWords is classifyLine for a line of n words (countFields), which
// Parse counts anyway. The word limits come first: a long paragraph is never
// matched against the patterns of short lines.
func classifyWords(line string, n int) lineKind {
	if n == 0 {
		return lineText
	}
	switch {
	case n <= 10 && reNoComments.MatchString(line):
		return lineNoComment
	case n <= 40 && reStrong.MatchString(line):
		return lineStrong
	case n <= 6 && reWeak.MatchString(line):
		return lineWeak
	case n <= 12 && reReply.MatchString(line):
		return lineReply
	case n <= 8 && reRelated.MatchString(line):
		return lineRelated
	case n <= 12 && reWidget.MatchString(line):
		return lineFurniture
	case mayDisclaim(line) && reDisclaimer.MatchString(line):
		return lineFurniture
	case n <= 40 && reCredit.MatchString(line):
		return lineFurniture
	case n <= 16 && mayCreditTail(line) && reCreditTail.MatchString(line):
		return lineFurniture
	case n <= 16 && reLabel.MatchString(line):
		return lineFurniture
	case n <= 25 && rePrompt.MatchString(line) && reChannel.MatchString(line):
		return lineFurniture
	case n <= 14 && isButtonRow(strings.Fields(line)):
		return lineFurniture
	case isDebris(line):
		return lineFurniture
	}
	return lineText
}

// countFields is len(strings.Fields(s)) without building the words.
func countFields(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		space := false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += w
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// asciiSpace are the ASCII characters unicode.IsSpace (and so strings.Fields) splits at.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// mayDisclaim is a cheap test that saves running reDisclaimer over every
// paragraph: the line holds one of the words every disclaimer has, in lower
// case (strings.ToLower).
func mayDisclaim(line string) bool {
	// An ASCII paragraph is lower-cased on the stack rather than copied to the heap.
	var buf [2048]byte
	if len(line) <= len(buf) {
		l := buf[:len(line)]
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c >= utf8.RuneSelf {
				l = nil // not ASCII: strings.ToLower knows the rest
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			l[i] = c
		}
		if l != nil {
			for _, w := range disclaimWords {
				if bytes.Contains(l, []byte(w)) {
					return true
				}
			}
			return false
		}
	}
	l := strings.ToLower(line)
	for _, w := range disclaimWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

var disclaimWords = []string{"expressed", "advice", "necessarily", "opinion"}

// mayCreditTail is a cheap test that saves running reCreditTail, which is not
// anchored at the start, over every short line: each credit it matches opens
// with a bracket or names one of these agencies.
func mayCreditTail(line string) bool {
	return strings.IndexByte(line, '(') >= 0 || containsFoldAny(line, creditTailWords)
}

// creditTailWords hold a word of each agency reCreditTail names ("afp via
// getty images" holds "getty images").
var creditTailWords = []string{"getty images", "shutterstock", "ap photo", "reuters photo", "epa-efe", "sputnik photo"}

// foldASCII returns the lower-case ASCII letter r stands for in a
// case-insensitive match, under strings.ToLower or under the simple case
// folding of a (?i) regexp ("K", the Kelvin sign, is "k" under both; "ſ" is
// "s" under the second, "İ" "i" under the first); else r itself, or 0 when r
// is not ASCII.
func foldASCII(r rune) byte {
	switch {
	case 'A' <= r && r <= 'Z':
		return byte(r) + 'a' - 'A'
	case r < utf8.RuneSelf:
		return byte(r)
	case r == '\u212A':
		return 'k'
	case r == '\u017F':
		return 's'
	case r == '\u0130':
		return 'i'
	}
	return 0
}

// containsFoldAny reports whether s holds one of words (lower-case ASCII) with
// its letters in any case, folded by foldASCII: true whenever strings.ToLower(s)
// holds one, or a (?i) regexp of one matches in s.
func containsFoldAny(s string, words []string) bool {
	var firsts [2]uint64 // the ASCII bytes that open a word, in either case
	for _, w := range words {
		c := w[0]
		firsts[c>>6] |= 1 << (c & 63)
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
			firsts[c>>6] |= 1 << (c & 63)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		w := 1
		var f byte
		if c < utf8.RuneSelf {
			if firsts[c>>6]&(1<<(c&63)) == 0 {
				i++
				continue
			}
			f = c
			if 'A' <= c && c <= 'Z' {
				f = c + 'a' - 'A'
			}
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			f = foldASCII(r)
		}
		if f != 0 {
			for _, word := range words {
				if word[0] == f && hasFoldPrefix(s[i+w:], word[1:]) {
					return true
				}
			}
		}
		i += w
	}
	return false
}

// hasFoldPrefix reports whether s starts with word (lower-case ASCII), folded by foldASCII.
func hasFoldPrefix(s, word string) bool {
	i := 0
	for k := 0; k < len(word); k++ {
		if i >= len(s) {
			return false
		}
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if f := foldASCII(r); f == 0 || f != word[k] {
			return false
		}
		i += w
	}
	return true
}

// isButtonRow reports a line made only of share/like buttons, at least one of them unmistakable.
func isButtonRow(words []string) bool {
	if len(words) > 14 {
		return false
	}
	strong := false
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, "!:|·•,()[]"))
		if w == "" {
			continue
		}
		if _, err := strconv.Atoi(w); err == nil {
			continue // counters next to buttons
		}
		if !buttonWords[w] {
			return false
		}
		strong = strong || strongButtons[w]
	}
	return strong
}

// isDebris reports template leftovers such as "in ," or "|": almost no letters, no
// digits, and no final punctuation that would make them a one-word sentence.
func isDebris(line string) bool {
	letters := 0
	for _, r := range line {
		switch {
		case unicode.IsLetter(r):
			letters++
			if letters >= 4 {
				return false // a word, whatever follows
			}
		case unicode.IsDigit(r):
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".!?…", r) || letters == 0
}

// Wire services close a story, or a take of one, with a word on its own line:
// the agency's signature or a continuation marker.
var wireTrailers = map[string]bool{
	"MORE": true, "END": true, "ENDS": true, "ENDIT": true, "XXX": true, "30": true,
	"REUTER": true, "REUTERS": true, "AP": true, "AFP": true, "UPI": true, "DPA": true, "ANSA": true, "EFE": true,
}

// isWireTrailer reports a closing wire trailer line: "MORE", "(MORE)", "-30-",
// "REUTER", a signature with a desk code after it ("REUTER E"), or a signature
// mistyped by one letter ("REUTE", "REUITER"), as wire copy often has them. It
// must be in capitals: "More" or "Reuters" alone is a headline or a credit.
func isWireTrailer(line string) bool {
	if len(line) > 24 {
		return false
	}
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, r := range line {
		if unicode.IsLower(r) {
			return false
		}
	}
	for _, w := range words[1:] {
		if utf8.RuneCountInString(w) > 2 { // desk and routing codes are a letter or two
			return false
		}
	}
	w := strings.Trim(words[0], "()[]-–—.#*")
	if wireTrailers[w] {
		return true
	}
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for t := range wireTrailers {
		if len(t) >= 5 && within1(w, t) {
			return true
		}
	}
	return false
}

// within1 reports whether a and b (ASCII capitals) are at most one insertion,
// deletion or substitution apart.
func within1(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i+1:] == b[i:]
}
