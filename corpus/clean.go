package corpus

import (
	"regexp"
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
	reWidget = regexp.MustCompile(`(?i)^(?:` +
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

	reRelated = regexp.MustCompile(`(?i)^(?:related(?: posts| articles| stories| content| news| topics| coverage| links)?|` +
		`more (?:from|on|in|about) .{1,40}|more stories|more news|you may also like|you might also like|recommended(?: for you| reading)?|` +
		`read next|read also|also read|see also|further reading|most read|most popular|most viewed|trending(?: now)?|popular now|editor'?s picks)\W*$`)

	reNoComments = regexp.MustCompile(`(?i)^(?:no|0|zero) (?:comments?|responses?|replies)(?: yet)?\W*$`)

	reStrong = regexp.MustCompile(`(?i)^(?:` +
		`notify of|view all comments|view comments|` +
		`leave a (?:reply|comment|response)|post a comment|add a comment|write a comment|add your comment|` +
		`join the (?:discussion|conversation)|comments are closed\.?|` +
		`[1-9][\d,]* (?:comments?|responses?|replies|thoughts on .{1,200})\W*|` +
		`comments? \([1-9][\d,]*\)|` +
		`(?:you must be )?logged in to post a comment\.?|` +
		`this site uses akismet .*` +
		`)$`)

	reWeak = regexp.MustCompile(`(?i)^(?:` +
		`what do you think\W*|comments?:?|discussion:?|responses?:?|reader comments:?|` +
		`have your say\W*|tell us what you think\W*|your comments?:?|` +
		`(?:sort|order) by:? .{1,30}` +
		`)$`)

	reReply = regexp.MustCompile(`(?i)^(?:reply|reply ↓|reply to\s+.{1,60}|in reply to\s+.{1,60}|report(?: comment| abuse)?|flag|permalink|[+-]?\d+\s*(?:vote|point)s?)$`)

	// How comment systems head a comment ("Anna says:", "Anna said..."): evidence of a
	// comment section after a weak marker, and nothing on its own.
	reCommenter = regexp.MustCompile(`^[\pL][\pL\pN .'’_-]{0,40} (?:says|said|wrote)(?::|\.\.\.|…)$`)

	// Subscribe and follow prompts: an imperative at the start, a channel named in the line.
	rePrompt  = regexp.MustCompile(`(?i)^\W*(?:(?:please|remember to|remember|don'?t forget to|be sure to|make sure to|click(?: here)? to|and|also|now|you can)\s+)*(?:subscribe|follow|sign up|join|support|donate|listen|watch|download|get)\s`)
	reChannel = regexp.MustCompile(`(?i)\b(?:channel|newsletters?|podcasts?|twitter|facebook|youtube|instagram|telegram|soundcloud|tiktok|linkedin|rss|feeds?|mailing list|patreon|substack|rumble|bitchute|gab|vk|whatsapp|spotify|itunes|apple podcasts|app|updates|inbox|alerts)\b`)

	// Disclaimers: "the views expressed ... are solely those of the author", "does not give financial advice".
	reDisclaimer = regexp.MustCompile(`(?i)(?:\b(?:views?|opinions?|statements?)\b.{0,120}\bexpressed\b.{0,160}\b(?:solely|own|are (?:those|the author)|do(?:es)? not (?:necessarily )?(?:reflect|represent))|\bdo(?:es)? not (?:give|provide|constitute|offer) (?:any )?(?:financial|investment|legal|medical|tax) advice|\bopinions? (?:are|is) (?:the author|those of)|\bdo(?:es)? not necessarily (?:reflect|represent) (?:the )?(?:views?|opinions?|position|policy))`)

	// Photo and video credits and captions.
	reCredit     = regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b|(?:(?:file|main|top|featured|lead|image|photo|picture|video)\s+)?(?:photos?|photograph|images?|pictures?|pics?|credits?|caption|illustration|graphic)(?:\s+(?:credit|courtesy|source|caption))?\s*[:|/]|(?:photos?|images?|pictures?) (?:by|courtesy of|credit)\b)`)
	reCreditTail = regexp.MustCompile(`(?i)(?:\((?:photos?|images?|pictures?|credit|file)\s*(?::|by|credit)[^)]*\)|\b(?:getty images|afp via getty images|shutterstock|ap photo|reuters photo|epa-efe|sputnik photo)\b\S*)\s*$`)

	// Blog and CMS bylines and labels ("Posted by X at 9:05 PM", "Labels: ...", "Tags: ...").
	reLabel = regexp.MustCompile(`(?i)^(?:(?:labels|tags|tagged(?: with)?|categories|category|topics|filed under|posted in|share on|share to)\s*[:|].*|posted by\s.{1,80}|(?:via|source|h/t|hat tip|hattip)\s*:?\s+\S.{0,60})$`)

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

// classifyLine decides the kind of one folded line from its shape.
func classifyLine(line string) lineKind {
	words := strings.Fields(line)
	n := len(words)
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
	case n <= 16 && reCreditTail.MatchString(line):
		return lineFurniture
	case n <= 16 && reLabel.MatchString(line):
		return lineFurniture
	case n <= 25 && rePrompt.MatchString(line) && reChannel.MatchString(line):
		return lineFurniture
	case isButtonRow(words):
		return lineFurniture
	case isDebris(line):
		return lineFurniture
	}
	return lineText
}

// mayDisclaim is a cheap test that saves running reDisclaimer over every paragraph.
func mayDisclaim(line string) bool {
	l := strings.ToLower(line)
	return strings.Contains(l, "expressed") || strings.Contains(l, "advice") ||
		strings.Contains(l, "necessarily") || strings.Contains(l, "opinion")
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
		case unicode.IsDigit(r):
			return false
		}
	}
	if letters >= 4 {
		return false
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
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 3 || len(line) > 24 {
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
