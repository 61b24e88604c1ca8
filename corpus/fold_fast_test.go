package corpus

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldFastPaths checks that the ASCII shortcuts of fold and foldName give
// what the rune-by-rune folding gives: for every pair of ASCII characters
// around a word, and for every sentence and word of the corpus.
func TestFoldFastPaths(t *testing.T) {
	var inputs []string
	for c := 0; c < 0x80; c++ {
		for d := 0; d < 0x80; d += 7 {
			inputs = append(inputs, string(rune(c))+"Ab"+string(rune(d)), string(rune(c)), "x"+string(rune(c))+string(rune(d))+"y")
		}
	}
	inputs = append(inputs, "", " ", "a  b", " a", "a ", "O`Brien", "Café", "naïve résumé", "\xff\xfe", "a\u00a0b", "İstanbul")
	inputs = append(inputs, fastPathInputs(t)...)
	fast := 0
	for _, s := range inputs {
		if got, want := fold(s), foldRunes(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := foldName(s), foldNameUnicode(s); got != want {
			t.Errorf("foldName(%q) = %q, want %q", s, got, want)
		}
		if folded(s) {
			fast++
		}
	}
	if fast < len(inputs)/2 {
		t.Errorf("%d of %d inputs took fold's shortcut: the test proves little", fast, len(inputs))
	}
}

// fastPathInputs are lines and sentences of the test corpus, each line folded
// as Parse folds it, and strings made to hit the corners of the shortcuts.
func fastPathInputs(t *testing.T) []string {
	inputs := []string{"", " ", "a", "Share", "NO COMMENTS", "3 comments", "Reply", "Related articles",
		"Photo: Getty Images", "A rally (Photo by AP)", "A rally. AP PHOTO", "shutterſtock", "SHUTTERSTOCK/x",
		"The views expressed are solely those of the author", "OPİNİON", "EXPRESSED", "expreſſed", "ADVİCE",
		"\u212Aelvin", "İstanbul", "ſ", "bad \xff byte", "tab\there", "nbsp\u00a0here", "ideographic\u3000space",
		"next\u0085line", "  lead and trail  ", "Ünal said", "“Quoted,” he said", "Él dijo", "É", "\u00aa\u00ba",
		"MOSCOW, June 4, 2016 (Reuters) - Talks", "Leave a reply", "leave A Reply", "Logged in to post a comment.",
		"\u212Aeep reading", "Notify of", "Notiſy of", "…", "?!", "U.S.", "Prof.Dr.", "co-founder", "vice-president",
		"ex-minister", "Mr.", "al-Assad", "e-mail", "'s", "’s", "&"}
	c, err := Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		for _, s := range d.Sentences {
			inputs = append(inputs, s.Text)
			inputs = append(inputs, strings.Fields(s.Text)...)
		}
		for _, l := range strings.Split(d.Text, "\n") {
			inputs = append(inputs, l, fold(l))
		}
	}
	return inputs
}

// TestClassifyFastPaths checks the shortcuts of classifyLine and of the
// sentence splitter against what they stand for: countFields against
// strings.Fields, mayDisclaim against the lower-cased line, the cheap tests
// before reCreditTail and every leadRegexp against their regexps.
func TestClassifyFastPaths(t *testing.T) {
	lead := map[string]*leadRegexp{"reNoComments": reNoComments, "reStrong": reStrong, "reWeak": reWeak,
		"reReply": reReply, "reRelated": reRelated, "reWidget": reWidget, "reCredit": reCredit, "reLabel": reLabel,
		"rePrompt": rePrompt, "reCommenter": reCommenter}
	for name, re := range lead {
		for r := rune(0); r < leadTable+0x100; r++ {
			want := re.any
			for _, in := range re.first {
				want = want || in.MatchRune(r)
			}
			if got := re.opens(r); got != want {
				t.Errorf("%s.opens(%q) = %v, want %v", name, r, got, want)
			}
		}
	}
	for _, s := range fastPathInputs(t) {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
		l := strings.ToLower(s)
		want := strings.Contains(l, "expressed") || strings.Contains(l, "advice") ||
			strings.Contains(l, "necessarily") || strings.Contains(l, "opinion")
		if got := mayDisclaim(s); got != want {
			t.Errorf("mayDisclaim(%q) = %v, want %v", s, got, want)
		}
		if reCreditTail.MatchString(s) && !mayCreditTail(s) {
			t.Errorf("mayCreditTail(%q) = false, but reCreditTail matches", s)
		}
		for name, re := range lead {
			if got, want := re.MatchString(s), re.re.MatchString(s); got != want {
				t.Errorf("%s.MatchString(%q) = %v, want %v", name, s, got, want)
			}
		}
	}
}

func TestMustLeadWantsAnAnchor(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		ok      bool
	}{
		{`^share$`, true},
		{`(?i)^(?:a|b)`, true},
		{`share`, false},
		{`^a|b`, false},
	} {
		func() {
			defer func() {
				if r := recover(); (r == nil) != tt.ok {
					t.Errorf("mustLead(%q): panic %v, want ok %v", tt.pattern, r, tt.ok)
				}
			}()
			mustLead(tt.pattern)
		}()
	}
}

// TestFoldASCII checks foldASCII against strings.ToLower and the case folding
// of regexps over every rune: each rune either becomes the ASCII letter it
// stands for under both, or is no ASCII letter under either.
func TestFoldASCII(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f := foldASCII(r)
		if l := unicode.ToLower(r); l < utf8.RuneSelf && byte(l) != f {
			t.Errorf("foldASCII(%U) = %q, but it lower-cases to %q", r, f, l)
		}
		for o := unicode.SimpleFold(r); o != r; o = unicode.SimpleFold(o) {
			if 'a' <= o && o <= 'z' && byte(o) != f {
				t.Errorf("foldASCII(%U) = %q, but it folds to %q", r, f, o)
			}
		}
	}
}

// TestSplitRuneSets checks the switches of isTerminator and isCloser against
// the characters they list.
func TestSplitRuneSets(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if got, want := isTerminator(r), strings.ContainsRune(terminators, r); got != want {
			t.Errorf("isTerminator(%q) = %v, want %v", r, got, want)
		}
		if got, want := isCloser(r), strings.ContainsRune("\"'”’»)]}›", r); got != want {
			t.Errorf("isCloser(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestAttrVoc checks the classes a token carries against the word sets,
// attrRole and titleWord they stand for, for every vocabulary word, a few
// derived forms and every word of the test corpus.
func TestAttrVoc(t *testing.T) {
	keys := []string{"", ",", "'s", "&", "co-founder", "vice-president", "ex-minister", "prof.dr", "mr.dr",
		"prof.", "deputy-head", "joint-chairman", "co-", "dr.x"}
	for w := range attrVocab {
		keys = append(keys, w, "co-"+w, "ex-"+w, w+".dr", "mr."+w)
	}
	for _, s := range fastPathInputs(t) {
		for _, tok := range attrTokens(s, nil) {
			keys = append(keys, tok.key)
		}
	}
	for _, k := range keys {
		v := attrVocOf(k)
		for _, s := range attrVocSets {
			if got, want := v&s.bit != 0, s.set[k]; got != want {
				t.Errorf("attrVocOf(%q): bit %x is %v, want %v", k, s.bit, got, want)
			}
		}
		_, month := attrMonths[k]
		_, weekday := attrWeekdays[k]
		for _, c := range []struct {
			name      string
			bit       attrVoc
			got, want bool
		}{
			{"month", vMonths, v&vMonths != 0, month},
			{"weekday", vWeekdays, v&vWeekdays != 0, weekday},
			{"attrRole", vRole, v&vRole != 0, attrRole(k)},
			{"titleWord", vTitleWord, v&vTitleWord != 0, attrTitleKey(k)},
			{"attrVocabulary", vVocabulary, v&vVocabulary != 0, attrVocabulary(k)},
		} {
			if c.got != c.want {
				t.Errorf("attrVocOf(%q): %s %v, want %v", k, c.name, c.got, c.want)
			}
		}
	}
}

// TestAttrCountWords checks attrCountWords against the fields it counts.
func TestAttrCountWords(t *testing.T) {
	for _, s := range fastPathInputs(t) {
		want := len(strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
		}))
		if got := attrCountWords(s); got != want {
			t.Errorf("attrCountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestLeadDatelinePlace checks leadDatelinePlace against the regexp it reads
// as, and the unicode functions it uses against the classes of that regexp.
func TestLeadDatelinePlace(t *testing.T) {
	re := regexp.MustCompile(`^[\p{Lu}][\pL.'’ -]{1,40},\s+`)
	inputs := append(fastPathInputs(t), "MOSCOW, June 4", "PALO ALTO, Calif. - ", "A, b", "Ab,", "Ab,x", "Ab,\v x",
		"Ab, \t\r\n\fx", "É’l-l.o , x", "ab, x", "A"+strings.Repeat("b", 39)+", x", "A"+strings.Repeat("b", 40)+", x",
		"A"+strings.Repeat("b", 41)+", x", "A"+strings.Repeat("é", 40)+", x", "A\xffb, x", "\u01c5x, y", "Aʰ, x")
	for _, s := range inputs {
		want := -1
		if loc := re.FindStringIndex(s); loc != nil {
			want = loc[1]
		}
		if got := leadDatelinePlace(s); got != want {
			t.Errorf("leadDatelinePlace(%q) = %d, want %d", s, got, want)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsUpper(r) != unicode.Is(unicode.Lu, r) || unicode.IsLetter(r) != unicode.Is(unicode.L, r) {
			t.Fatalf("unicode.IsUpper or IsLetter(%U) is not its class", r)
		}
	}
}

func TestAttrDottedIn(t *testing.T) {
	split := func(k string, set map[string]bool) bool {
		for _, p := range strings.Split(k, ".") {
			if p != "" && !set[p] {
				return false
			}
		}
		return true
	}
	for _, k := range []string{"", ".", "..", "prof.dr", "prof.dr.", ".prof", "prof..dr", "prof.x", "x.dr", "mr", "mr.",
		"u.s", "1.5", "dr.prof.mr", "sen.rep"} {
		for _, set := range []map[string]bool{attrTitles, attrHonorifics} {
			if got, want := attrDottedIn(k, set), split(k, set); got != want {
				t.Errorf("attrDottedIn(%q) = %v, want %v", k, got, want)
			}
		}
	}
}
