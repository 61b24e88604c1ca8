package corpus

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ---- folding ----------------------------------------------------------------

var attrDiacritics = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'ł': "l", 'đ': "d",
		'ø': "o", 'ı': "i", '’': "'", '‘': "'", 'ʼ': "'", '`': "'"}
	for base, vs := range map[string]string{
		"a": "àáâãäåāăąǎȧạảấầẩẫậắằẳẵặ", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęěẹẻẽếềểễệ",
		"g": "ĝğġģǧ", "h": "ĥħ", "i": "ìíîïĩīĭįǐịỉ", "j": "ĵ", "k": "ķǩ", "l": "ĺļľŀ",
		"n": "ñńņňŉ", "o": "òóôõöōŏőǒọỏốồổỗộơớờởỡợ", "r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț",
		"u": "ùúûüũūŭůűųǔụủưứừửữự", "w": "ŵ", "y": "ýÿŷỳỹ", "z": "źżž"} {
		for _, r := range vs {
			m[r] = base
		}
	}
	return m
}()

// foldName lower-cases s and drops diacritics, so "Erdoğan" and "ERDOGAN" compare equal.
func foldName(s string) string {
	// Most words are plain ASCII, which folds without the tables: only its
	// capitals and the backquote (attrDiacritics) change.
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return foldNameUnicode(s)
		}
		if 'A' <= c && c <= 'Z' || c == '`' {
			lower = false
		}
	}
	if lower {
		return s
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '`':
			b[i] = '\''
		default:
			b[i] = c
		}
	}
	return string(b)
}

func foldNameUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := attrDiacritics[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ---- noun phrases -----------------------------------------------------------

type attrNPKind uint8

const (
	npNone    attrNPKind = iota
	npName               // a named person (or something named like one)
	npOrg                // a named organisation
	npDesc               // "the minister", "the Turkish president", "the company"
	npPronoun            // he, she, it
	npGeneric            // sources, officials, they, plural subjects: not an actor
)

type attrNP struct {
	kind   attrNPKind
	name   []attrTok // the name (npName, npOrg)
	role   []attrTok // title or description words before the name
	head   string    // npDesc: the role or organisation noun; npPronoun: the pronoun
	mods   []string  // npDesc: folded modifiers ("turkish")
	orgish bool      // npDesc refers to an organisation
	voiced bool      // the phrase named someone who speaks for it: "X's spokesman", "a spokesman for X"
}

func attrJoin(toks []attrTok) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.kind != 's' && !(t.kind == 'p' && t.text != "-" && t.text != "&") {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// attrJoinKeys appends keys joined by spaces, as strings.Join(keys, " "), to
// b: a name put together on the stack to be looked up, copied only to be kept.
func attrJoinKeys(b []byte, keys []string) []byte {
	for i, k := range keys {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, k...)
	}
	return b
}

func attrKeys(toks []attrTok) []string {
	var ks []string
	for _, t := range toks {
		if t.kind == 'w' {
			ks = append(ks, t.key)
		}
	}
	return ks
}

func (t attrTok) titleWord() bool { return t.kind == 'w' && t.in(vTitleWord) }

// attrTitleKey reports a title word's key (attrTok.titleWord).
func attrTitleKey(k string) bool {
	if attrTitles[k] || attrTitles[attrRoleBase(k)] {
		return true
	}
	// "Prof.Dr."
	if strings.Contains(k, ".") {
		return attrDottedIn(k, attrTitles)
	}
	return false
}

// attrDottedIn reports whether every part of k between full stops, but the
// empty ones, is in set: strings.Split without building the parts.
func attrDottedIn(k string, set map[string]bool) bool {
	for {
		p, rest, more := strings.Cut(k, ".")
		if p != "" && !set[p] {
			return false
		}
		if !more {
			return true
		}
		k = rest
	}
}

// nameWord: a capitalised word that may be part of a name.
func (t attrTok) nameWord() bool {
	if t.kind != 'w' || !t.cap {
		return false
	}
	if len(t.text) == 2 && t.text[1] == '.' {
		return true // an initial: "Lloyd I. Miller"
	}
	return !t.in(vFunction) || len(t.text) > 1 && strings.ToUpper(t.text) == t.text && t.key != "i"
}

// attrAnalyze reads a noun phrase: determiner, title or description, name.
func attrAnalyze(np []attrTok) attrNP {
	if len(np) == 0 {
		return attrNP{}
	}
	whole := np
	det := ""
	if np[0].kind == 'w' && (np[0].key == "the" || np[0].key == "a" || np[0].key == "an") {
		det = np[0].key
		np = np[1:]
	}
	if len(np) == 0 {
		return attrNP{}
	}
	if len(np) == 1 && np[0].kind == 'w' {
		switch np[0].key {
		case "he", "she", "it":
			return attrNP{kind: npPronoun, head: np[0].key}
		}
	}
	titled := false // after "of": "Minister of Mines and Energy Subroto" is one person
	for _, t := range np {
		if t.kind == 'w' && !t.cap && (t.key == "of" || t.key == "for") {
			titled = true
		}
		if t.kind == 'w' && (t.key == "and" && !titled || t.in(vQuantifiers)) {
			return attrNP{kind: npGeneric}
		}
		if t.kind == 'w' && !t.cap && (t.key == "they" || t.key == "we" || t.key == "i" || t.key == "you") {
			return attrNP{kind: npGeneric}
		}
	}
	// The head part ends at the first connector: "sources in …", "a spokesman for …".
	head := np
	var comp []attrTok
	for i, t := range np {
		if i > 0 && t.kind == 'w' && !t.cap && (t.key == "of" || t.key == "for" || t.key == "in" || t.key == "at") {
			head, comp = np[:i], np[i+1:]
			break
		}
	}
	// "a spokeswoman for the New York Fed": the spokeswoman speaks for it.
	if len(comp) > 0 && len(head) > 0 && np[len(head)].key == "for" && head[len(head)-1].in(vVoiceNouns) {
		if sub := attrAnalyze(comp); sub.kind == npName || sub.kind == npOrg {
			sub.voiced = true
			return sub
		}
	}
	// A name closes the phrase: "Russian Foreign Minister Sergei Lavrov",
	// "Member of the … Council Prof.Dr. Andrey Manoylo".
	run := attrNameRun(np)
	if len(run) > 0 && len(run) < len(np) {
		// "the … center in Syria", "… for Economic Cooperation and Development": a
		// name after a connector is not the speaker;
		// "Democrat Lawton Chiles of Florida": the name is before it.
		if b := np[len(np)-len(run)-1]; b.kind == 'w' && !b.cap && (b.key == "of" || b.key == "for" || b.key == "in" || b.key == "at" || b.key == "the" || b.key == "and") {
			run = nil
			if len(comp) > 0 && (np[len(head)].key == "of" || np[len(head)].key == "from") {
				if r := attrNameRun(head); len(r) > 0 && !head[len(head)-1].in(vOrgHeads) {
					run, np = r, head
				}
			}
		}
	}
	if len(run) > 0 {
		role := np[:len(np)-len(run)]
		// "Russia's Vladimir Putin", "the union's general secretary Tony Woodley":
		// the owner is not part of the title.
		for i := len(role) - 1; i >= 0; i-- {
			if role[i].kind == 's' {
				role = role[i+1:]
				break
			}
		}
		// "Public Service New Mexico": an organisation word right before the
		// "name" makes it all one organisation's name.
		if len(run) < len(np) && len(role) > 0 {
			if b := np[len(np)-len(run)-1]; b.kind == 'w' && b.cap && b.in(vOrgHeads) && !b.titleWord() {
				return attrNP{kind: npOrg, name: attrOrgName(np)}
			}
		}
		last := run[len(run)-1]
		if det != "" && len(role) == 0 && len(run) == 1 && strings.HasSuffix(last.key, "s") &&
			!strings.HasSuffix(last.key, "ss") && !strings.HasSuffix(last.key, "us") {
			return attrNP{kind: npGeneric} // "the Russians", "the Tories"
		}
		// Every word of a title-less phrase capitalised, preceded by "the": an organisation.
		if det == "the" && len(role) == 0 {
			return attrNP{kind: npOrg, name: run}
		}
		return attrNP{kind: npName, name: run, role: role}
	}
	if len(head) == 0 {
		return attrNP{}
	}
	last := head[len(head)-1]
	if last.kind != 'w' {
		return attrNP{}
	}
	// "Johnson's spokesman", "the Bank of Mexico's figures": the owner speaks;
	// "Johnson's critics", "Johnson's lawyer" are not Johnson.
	if end := np[len(np)-1]; end.kind == 'w' && (end.in(vVoiceNouns) || end.in(vDocNouns)) {
		for k := len(np) - 2; k > 0; k-- {
			if np[k].kind == 's' {
				sub := attrAnalyze(whole[:k+len(whole)-len(np)])
				if sub.kind == npName || sub.kind == npOrg || sub.kind == npDesc {
					sub.voiced = true
					return sub
				}
				break
			}
		}
	}
	hasCap := false
	var mods []string
	for _, t := range head[:len(head)-1] {
		if t.kind == 'w' {
			hasCap = hasCap || t.cap
			mods = append(mods, t.key)
		}
	}
	switch {
	case attrGenericNoun(last.key) && (!last.cap || !hasCap):
		// "the sources", "Police", "Officials": a common noun, capitalised or not,
		// names no one; "Metropolitan Police" is a name.
		if last.key == "statement" || last.key == "report" {
			return attrNP{kind: npDesc, head: last.key, orgish: true, mods: mods}
		}
		return attrNP{kind: npGeneric}
	case last.in(vOrgHeads):
		if det == "a" || det == "an" {
			return attrNP{kind: npGeneric} // "a Norwegian court": unnamed
		}
		if hasCap || last.cap && (len(head) > 1 || len(comp) > 0 && (np[len(head)].key == "of" || np[len(head)].key == "for") && comp[0].cap) {
			name := head
			if len(comp) > 0 && (np[len(head)].key == "of" || np[len(head)].key == "for") && comp[0].cap {
				name = np // "Foundation of Turkey", "Institute for Humanistic Studies"
			}
			return attrNP{kind: npOrg, name: attrOrgName(name)}
		}
		if last.cap && det == "" {
			return attrNP{kind: npOrg, name: head}
		}
		return attrNP{kind: npDesc, head: last.key, mods: mods, orgish: true}
	case last.in(vRole) || last.titleWord():
		if last.in(vVoiceNouns) {
			// "a KLM spokeswoman", "a Brazilian Wheat Board spokesman": the organisation
			// speaks; "a company spokesman": the company in focus.
			mod := head[:len(head)-1]
			allCap := len(mod) > 0
			for _, t := range mod {
				allCap = allCap && (t.cap || t.kind == 's' || t.kind == 'w' && t.in(vParticles))
			}
			switch {
			case allCap && mod[len(mod)-1].kind != 's':
				return attrNP{kind: npOrg, name: attrOrgName(mod), voiced: true}
			case len(mod) == 1 && mod[0].kind == 'w' && mod[0].in(vOrgHeads):
				return attrNP{kind: npDesc, head: mod[0].key, orgish: true}
			}
		}
		if last.in(vVoiceNouns) && len(comp) > 0 {
			if sub := attrAnalyze(comp); sub.kind == npName || sub.kind == npOrg {
				sub.voiced = true
				return sub
			}
		}
		if det == "a" || det == "an" {
			return attrNP{kind: npGeneric}
		}
		if det == "" && !last.cap {
			return attrNP{kind: npGeneric}
		}
		return attrNP{kind: npDesc, head: last.key, mods: mods}
	}
	return attrNP{}
}

// attrOrgName drops the description before an organisation's name: "market
// research firm NPD Group" -> "NPD Group", "the state's National Land Institute"
// -> "National Land Institute", "official Xinhua News Agency" -> "Xinhua News Agency".
func attrOrgName(name []attrTok) []attrTok {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i].kind == 's' {
			if i > 0 && !name[i-1].cap {
				name = name[i+1:] // "the state's National Land Institute"
			}
			break // "Moody's Investors Service", "Mr Spitzer's office" stay whole
		}
	}
	// A capitalised name at the end that ends in an organisation noun.
	k := len(name)
	for k > 0 && (name[k-1].cap || name[k-1].kind == 's' && k > 1 && name[k-2].cap ||
		name[k-1].kind == 'w' && (name[k-1].in(vParticles) || k-1 > 0 && name[k-1].in(vConnector) && name[k-2].cap)) {
		k--
	}
	for k < len(name) && !name[k].cap {
		k++
	}
	if k < len(name) && name[len(name)-1].cap && k > 0 {
		return name[k:]
	}
	// Else start at the first capitalised word: "influential Commons committee".
	for i, t := range name {
		if t.cap {
			return name[i:]
		}
	}
	return name
}

// attrNameRun returns the trailing words of np that form a name.
func attrNameRun(np []attrTok) []attrTok {
	i := len(np)
	for i > 0 {
		t := np[i-1]
		if t.kind != 'w' || attrDateWord(np, i-1) {
			break
		}
		if i >= 2 && np[i-2].kind == 'w' && !np[i-2].cap && np[i-2].in(vConnector) &&
			t.nameWord() && !t.titleWord() && !t.in(vOrgHeads) && i < len(np) {
			// "Chancellor of the Exchequer Gordon Brown": a name may follow the
			// department of a title; "Institute for Humanistic Studies" holds none.
			if !t.in(vTitleMods) {
				i = len(np)
			}
			break
		}
		if t.nameWord() && !t.titleWord() && !t.in(vOrgHeads) {
			if t.in(vTitleMods) && i-2 >= 0 {
				// "Minister of Mines and Energy Subroto": part of a title; but
				// "First National Supermarkets" holds no title to be part of.
				l := np[i-2]
				if l.titleWord() || l.kind == 'w' && (l.key == "of" || l.key == "for" || l.in(vTitleMods) && attrHasTitle(np[:i-2])) {
					break
				}
			}
			i--
			continue
		}
		if !t.cap && t.in(vParticles) && i < len(np) {
			i--
			continue
		}
		break
	}
	run := np[i:]
	for len(run) > 0 && !run[0].cap {
		run = run[1:] // a name does not start with a particle
	}
	// "Engineer Eric Bodenstab": a capitalised role word before a full name
	// says what he is ("Star Jones" keeps her name, "Star Wars DVD" is no one's).
	for len(run) > 2 && run[0].in(vRole) && attrPersonName(run[1:]) {
		run = run[1:]
	}
	if len(run) == 1 && (attrGenericNoun(run[0].key) || run[0].in(vRole) || run[0].in(vVerbs)) {
		return nil // "Analysts said", "Police said"
	}
	return run
}

// attrDateWord: a month name used as a date ("in December", "May 5"), not a name.
func attrDateWord(toks []attrTok, j int) bool {
	t := toks[j]
	if t.kind != 'w' || !t.in(vMonths) || len(t.key) < 3 {
		return false
	}
	if j > 0 && toks[j-1].kind == 'w' && toks[j-1].in(vDateBefore) {
		return true
	}
	if j+1 < len(toks) && toks[j+1].kind == 'w' && toks[j+1].text[0] >= '0' && toks[j+1].text[0] <= '9' {
		return true
	}
	return j > 0 && toks[j-1].kind == 'w' && toks[j-1].text[0] >= '0' && toks[j-1].text[0] <= '9'
}

// attrPersonName: words written like a person's name: "Eric Bodenstab",
// "Jing Wang", "Ryan O'Neill", "Michael de Groote", not "Wars DVD".
func attrPersonName(toks []attrTok) bool {
	for _, t := range toks {
		if t.kind != 'w' {
			return false
		}
		if t.in(vParticles) && !t.cap {
			continue
		}
		rs := []rune(t.text)
		if len(rs) < 2 || !unicode.IsUpper(rs[0]) || strings.ContainsAny(t.text, "0123456789") {
			return false
		}
		if unicode.IsUpper(rs[1]) && rs[1] != '\'' && !(len(rs) == 2 && rs[1] == '.') {
			return false
		}
	}
	return true
}

// attrHasTitle: a title word, or "of"/"for" that may follow one, among toks.
func attrHasTitle(toks []attrTok) bool {
	for _, t := range toks {
		if t.titleWord() || t.is("of") || t.is("for") {
			return true
		}
	}
	return false
}

// attrNPBack collects the noun phrase that ends at token e (inclusive) and
// returns its first index.
func attrNPBack(toks []attrTok, e int) int {
	j := e
	for j >= 0 {
		t := toks[j]
		right := func() attrTok {
			if j+1 <= e {
				return toks[j+1]
			}
			return attrTok{}
		}
		switch {
		case t.kind == 's':
			if j == e {
				return j + 1
			}
		case t.kind != 'w':
			return j + 1
		case t.key == "the" || t.key == "a" || t.key == "an":
			// "Member of the Scientific Council …": the phrase goes on before "of the".
			if t.key == "the" && j >= 2 && (toks[j-1].is("of") || toks[j-1].is("for")) && (toks[j-2].nameWord() || toks[j-2].titleWord()) {
				j -= 2
				continue
			}
			return j
		case j == e && (t.key == "he" || t.key == "she" || t.key == "it") && !t.cap || j == e && (t.text == "He" || t.text == "She" || t.text == "It"):
			return j
		case attrDateWord(toks, j):
			return j + 1
		case t.nameWord() || t.titleWord():
		case !t.cap && (t.in(vRole) || t.in(vOrgHeads) || t.in(vGeneric)) && !t.in(vFunction):
		case t.cap && t.in(vQuantifiers), !t.cap && t.in(vQuantifiers):
		case t.key == "and" && j < e && j > 0 && right().cap && toks[j-1].nameWord():
		case !t.cap && t.in(vParticles) && j < e && right().cap:
		case !t.cap && (t.key == "of" || t.key == "for" || t.key == "in" || t.key == "at") && j < e && j > 0:
			r := right()
			if !(r.cap || r.is("the") && j+2 <= e && toks[j+2].cap) {
				return j + 1
			}
			l := toks[j-1]
			if !(l.nameWord() || l.titleWord() || l.kind == 'w' && (l.in(vRole) || l.in(vOrgHeads) || l.in(vGeneric))) {
				return j + 1
			}
		case !t.cap && !t.in(vFunction) && j < e && attrModifierChain(toks, j+1, e):
			// "the Russian ceasefire monitoring center": lower-case words before a head noun.
		default:
			return j + 1
		}
		j--
	}
	return 0
}

// attrModifierChain: toks[k..e] is lower-case modifiers ending in a head noun.
func attrModifierChain(toks []attrTok, k, e int) bool {
	for i := k; i <= e; i++ {
		t := toks[i]
		if t.kind != 'w' {
			return false
		}
		if t.cap {
			if !t.nameWord() {
				return false
			}
			continue
		}
		if t.in(vRole) || t.in(vOrgHeads) || t.in(vGeneric) {
			return true
		}
		if t.in(vFunction) || t.in(vVerbs) || t.in(vParticiples) {
			return false // "Joe Biden said voters …": the phrase ends at the verb
		}
	}
	return false
}

// attrNPPossessed is attrNPForward that reads on through a possessive:
// "Johnson's critics" is the critics, not Johnson. It returns s when the
// possessed noun phrase cannot be read, so that the owner is never taken for it.
func attrNPPossessed(toks []attrTok, s int) int {
	e := attrNPForward(toks, s, true)
	if e > s && e < len(toks) && toks[e].kind == 's' {
		if e2 := attrNPForward(toks, e+1, true); e2 > e+1 {
			return e2
		}
		// "CNN's projections", "WHO's latest statistics"
		for k := e + 1; k < len(toks) && k <= e+3 && toks[k].kind == 'w' && !toks[k].cap && !toks[k].in(vFunction); k++ {
			if toks[k].in(vDocNouns) || toks[k].in(vVoiceNouns) {
				return k + 1
			}
		}
		return s
	}
	return e
}

// attrNPForward collects a noun phrase starting at s; it returns its end
// (exclusive). With plural, "X and Y" is one phrase.
func attrNPForward(toks []attrTok, s int, plural bool) int {
	i := s
	if i < len(toks) && toks[i].kind == 'w' && (toks[i].key == "the" || toks[i].key == "a" || toks[i].key == "an") {
		i++
	}
	if i < len(toks) && toks[i].kind == 'w' && (toks[i].key == "he" || toks[i].key == "she" || toks[i].key == "it") {
		return i + 1
	}
	for i < len(toks) {
		t := toks[i]
		switch {
		case attrDateWord(toks, i):
			return i
		case t.kind == 's':
			if i == s || i+1 >= len(toks) || !toks[i+1].cap {
				return i
			}
		case t.key == "the" && i > s && (toks[i-1].is("of") || toks[i-1].is("for")) && i+1 < len(toks) && toks[i+1].cap:
		case t.kind != 'w':
			return i
		case t.nameWord() || t.titleWord():
		case !t.cap && (t.in(vRole) || t.in(vOrgHeads) || t.in(vGeneric)) && !t.in(vFunction):
		case t.in(vQuantifiers) && i == s:
		case !t.cap && t.in(vParticles) && i+1 < len(toks) && toks[i+1].cap:
		case plural && t.key == "and" && i > s && i+1 < len(toks) && toks[i+1].cap:
		case !t.cap && (t.key == "of" || t.key == "for") && i > s && i+1 < len(toks) &&
			(toks[i+1].cap || toks[i+1].is("the") && i+2 < len(toks) && toks[i+2].cap):
		case !t.cap && !t.in(vFunction) && attrModifierChain(toks, i, min(len(toks)-1, i+4)):
		default:
			return i
		}
		i++
	}
	return i
}

// ---- entities ---------------------------------------------------------------

// entities collects the names of the document: people with their titles and
// roles, organisations, and words used as places.
func (a *attribution) entities() {
	type form struct {
		toks  []attrTok
		role  []attrTok
		org   bool
		sent  int
		title bool
	}
	var forms []form
	for si, s := range a.ss {
		toks := s.toks
		for i := attrDateline(toks); i < len(toks); i++ {
			t := toks[i]
			if t.kind == 'w' && t.in(vPlaces) && !t.cap && i+1 < len(toks) {
				e := i + 1
				if toks[e].is("the") {
					e++
				}
				k := e
				for k < len(toks) && toks[k].nameWord() {
					k++
				}
				if k > e {
					a.place[strings.Join(attrKeys(toks[e:k]), " ")] = true
				}
			}
			startable := t.nameWord() || t.titleWord() ||
				t.kind == 'w' && !t.cap && t.in(vRole)
			if !startable || i == 0 && t.cap && t.in(vVerbs) || attrDateWord(toks, i) {
				continue // "Said Mr Fogg: …"
			}
			e := attrNPForward(toks, i, true)
			if e <= i {
				continue
			}
			np := attrAnalyze(toks[i:e])
			if np.kind == npGeneric {
				// "Putin and Erdogan": take the first; the scan goes on after "and".
				for k := i + 1; k < e; k++ {
					if toks[k].is("and") {
						e = k
						np = attrAnalyze(toks[i:e])
						break
					}
				}
			}
			switch np.kind {
			case npName:
				f := form{toks: np.name, role: np.role, sent: si}
				for _, r := range np.role {
					if r.titleWord() || r.in(vRole) {
						f.title = true
					}
				}
				// Appositive: "Ali Bakeer, an Ankara-based political analyst, said".
				if e+1 < len(toks) && toks[e].punct(",") && (toks[e+1].is("a") || toks[e+1].is("an") || toks[e+1].is("the")) {
					k := e + 1
					verb := false
					for k < len(toks) && !toks[k].punct(",.;:)") && toks[k].kind != 'q' {
						verb = verb || toks[k].kind == 'w' && !toks[k].cap && toks[k].in(vVerbs)
						k++
					}
					// only a closed appositive without a verb of its own: not ", a KLM spokeswoman said in …"
					if app := toks[e+2 : k]; k < len(toks) && toks[k].punct(",)") && !verb && len(app) <= 14 {
						for _, r := range app {
							if r.kind == 'w' && !r.cap && r.in(vRole) {
								f.role, f.title = app, true
								break
							}
						}
					}
				}
				forms = append(forms, f)
			case npOrg:
				forms = append(forms, form{toks: np.name, org: true, sent: si})
			}
			i = e - 1
		}
	}
	// Longest names first, so that short forms join the full one.
	order := make([]int, len(forms))
	words := make([]int, len(forms)) // len(attrKeys(forms[i].toks)), counted once
	for i := range order {
		order[i] = i
		for _, t := range forms[i].toks {
			if t.kind == 'w' {
				words[i]++
			}
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return words[order[x]] > words[order[y]] })
	for _, fi := range order {
		f := forms[fi]
		id := a.entityFor(attrKeys(f.toks), f.org)
		e := a.ents[id]
		e.forms[attrJoin(f.toks)]++
		a.sight(e, f.sent)
		if f.title {
			e.person = true
			// Every word tells who "the minister" or "the candidate" may be ...
			for _, r := range f.role {
				if r.kind == 'w' && !r.in(vFunction) && !e.roles[r.key] {
					if e.roles == nil {
						e.roles = map[string]bool{}
					}
					e.roles[r.key] = true
					a.fileWord(r.key, id, false) // for resolveDesc
				}
			}
			// ... but only a title or office is shown as the role.
			if role := attrCleanRole(f.role); len(role) > 0 {
				if rs := attrJoin(role); attrRoleBetter(role, rs, e.role) {
					e.role = rs
				}
			}
		}
	}
	for _, e := range a.ents {
		sort.Ints(e.seen)
		e.place = !e.person && a.place[strings.Join(e.keys, " ")]
		a.setName(e)
	}
	// "McDonnell Douglas" is the company "McDonnell Douglas Corp".
	for _, e := range a.ents {
		if e.org && len(e.keys) > 1 && attrOrgHeads[e.keys[len(e.keys)-1]] {
			if id, ok := a.byKey[strings.Join(e.keys[:len(e.keys)-1], " ")]; ok && !a.ents[id].person {
				a.ents[id].org = true
			}
		}
	}
}

// attrCleanRole returns the title or office that role holds, or nil. A role
// is a noun phrase headed by a title or role word ("Russian Foreign Minister",
// "chief executive of Hong Kong", "political analyst"); honorifics at its end
// are dropped ("Manchester United manager Sir", "… Council Prof.Dr."), and a
// relation ("Russian counterpart") or a relative description ("only candidate
// wearing a facemask") is none.
func attrCleanRole(role []attrTok) []attrTok {
	for len(role) > 0 && attrHonorific(role[len(role)-1]) {
		role = role[:len(role)-1]
	}
	head := -1
	for i, t := range role {
		if t.kind != 'w' {
			continue
		}
		if t.in(vRelativeWords) {
			return nil
		}
		if !attrHonorific(t) && (t.titleWord() || t.in(vRole)) {
			head = i
		}
	}
	if head < 0 || role[head].in(vRelational) || attrRelational[attrRoleBase(role[head].key)] {
		return nil
	}
	if head+1 < len(role) {
		// What follows the head must complete the title ("of Hong Kong",
		// "responsible for defence"), not describe what the person does.
		n := role[head+1]
		if n.kind == 'w' && !n.cap && (n.in(vVerbs) || n.key == "who" || n.key == "which" || n.key == "that" ||
			strings.HasSuffix(n.key, "ing") && !n.in(vVocabulary)) {
			return nil
		}
	}
	return role
}

// attrHonorific: "Mr", "Dr.", "Prof.Dr.".
func attrHonorific(t attrTok) bool {
	if t.kind != 'w' {
		return false
	}
	return attrDottedIn(t.key, attrHonorifics) && t.key != ""
}

// attrRoleBetter: a role that says what someone is ("Foreign Secretary") beats
// an honorific ("Mr"); then the longer one wins.
func attrRoleBetter(role []attrTok, rs, old string) bool {
	informative := func(ks []string) bool {
		for _, k := range ks {
			if !attrHonorifics[k] {
				return true
			}
		}
		return false
	}
	ni, oi := informative(attrKeys(role)), informative(strings.Fields(foldName(strings.ReplaceAll(old, ".", ""))))
	if ni != oi {
		return ni
	}
	return len(rs) > len(old)
}

// setName picks the display name: most words, then most often written, then first.
func (a *attribution) setName(e *attrEnt) {
	best, bestN, bestC := "", -1, -1
	if len(e.forms) == 1 {
		for f := range e.forms {
			best = f // the only one: nothing to sort or count
		}
	} else {
		names := make([]string, 0, len(e.forms))
		for f := range e.forms {
			names = append(names, f)
		}
		sort.Strings(names)
		for _, f := range names {
			n := countFields(f)
			if n > bestN || n == bestN && e.forms[f] > bestC {
				best, bestN, bestC = f, n, e.forms[f]
			}
		}
	}
	if best != "" {
		if e.named && e.name == best {
			return // its keys are best's already, and filed
		}
		e.name, e.named = best, true
		e.keys = strings.Fields(foldName(strings.ReplaceAll(best, "’s", "")))
		a.file(e)
	}
}

// file files e under the name it now has (its keys), so that nameCands and
// resolveDesc find it among the entities a name or a description may denote.
// It stays filed under the names it had before: the callers check anyway.
func (a *attribution) file(e *attrEnt) {
	var buf [128]byte
	joined := attrJoinKeys(buf[:0], e.keys)
	if len(e.keys) == 0 || e.filed && string(joined) == e.filedAs {
		return
	}
	e.filed, e.filedAs = true, string(joined)
	add := func(ids []int) []int {
		if len(ids) == 0 || ids[len(ids)-1] != e.id {
			ids = append(ids, e.id)
		}
		return ids
	}
	for _, k := range e.keys {
		a.fileWord(k, e.id, true)
	}
	last := e.keys[len(e.keys)-1]
	if attrCorporate[last] {
		a.corporate = add(a.corporate)
	}
	sk := surnameKey(last)
	a.bySurname[sk] = add(a.bySurname[sk])
	// Filed under the deletions of its surname only when a fuzzy lookup needs
	// them (fileTypos): few documents make one, and each surname has many.
	a.typos = append(a.typos, attrTypo{sk, e.id})
}

// attrWordFiling is an entity to be filed under a word in byWord: once, only
// when it is not the last filed there already.
type attrWordFiling struct {
	word string
	id   int
	once bool
}

// fileWord files entity id under word w in byWord, when resolveDesc first
// needs it (fileWords): most documents describe no one ("the minister").
func (a *attribution) fileWord(w string, id int, once bool) {
	a.words = append(a.words, attrWordFiling{w, id, once})
}

// fileWords makes the filings of a.words, in the order they were asked for.
func (a *attribution) fileWords() {
	if len(a.words) > 0 && a.byWord == nil {
		a.byWord = map[string][]int{}
	}
	for _, f := range a.words {
		ids := a.byWord[f.word]
		if !f.once || len(ids) == 0 || ids[len(ids)-1] != f.id {
			a.byWord[f.word] = append(ids, f.id)
		}
	}
	a.words = a.words[:0]
}

// attrTypo is a surname key filed for an entity but not yet under its deletions.
type attrTypo struct {
	key string
	id  int
}

// attrTypoLink is one entity filed under a deletion: a chain per deletion
// rather than a slice, which would be one more allocation for each.
type attrTypoLink struct {
	id   int
	next int32 // the entry filed before it under the same deletion, -1 for none
}

// fileTypos files the entities of a.typos under the deletions of their
// surname keys, in the order file met them.
func (a *attribution) fileTypos() {
	if len(a.typos) == 0 {
		return
	}
	if a.byTypo == nil {
		a.byTypo = make(map[uint64]int32, 8*len(a.typos))
	}
	for _, t := range a.typos {
		a.hashes = regDeletions(regHashSeed, t.key, a.hashes[:0])
		for _, h := range a.hashes {
			last, ok := a.byTypo[h]
			if ok && a.typoLinks[last].id == t.id {
				continue
			}
			if !ok {
				last = -1
			}
			a.byTypo[h] = int32(len(a.typoLinks))
			a.typoLinks = append(a.typoLinks, attrTypoLink{id: t.id, next: last})
		}
	}
	a.typos = a.typos[:0]
}

// typoIDs appends to out the entities filed under deletion h, newest first.
func (a *attribution) typoIDs(h uint64, out []int) []int {
	l, ok := a.byTypo[h]
	for ok && l >= 0 {
		out = append(out, a.typoLinks[l].id)
		l = a.typoLinks[l].next
	}
	return out
}

// sight records that sentence si names e.
func (a *attribution) sight(e *attrEnt, si int) {
	e.seen = append(e.seen, si)
	p := a.ss[si].piece
	if ids := a.inPiece[p]; len(ids) == 0 || ids[len(ids)-1] != e.id {
		a.inPiece[p] = append(ids, e.id)
	}
}

// nameCands returns, in order, the entities a person named keys may be
// (nameCompatible with fuzzy): those whose surname is keys' (or one edit
// away from it, fuzzy), and maybe a few more. Any entity it leaves out fails
// nameCompatible(keys, e.keys, fuzzy).
func (a *attribution) nameCands(keys []string, fuzzy bool) []int {
	if len(keys) == 0 {
		return nil
	}
	qs := surnameKey(keys[len(keys)-1])
	cands := append([]int(nil), a.bySurname[qs]...)
	if fuzzy && len(qs) >= 5 {
		a.fileTypos()
		a.hashes = regDeletions(regHashSeed, qs, a.hashes[:0])
		for _, h := range a.hashes {
			cands = a.typoIDs(h, cands)
		}
	}
	sort.Ints(cands) // an entity filed again comes out of order
	return slices.Compact(cands)
}

// entityFor finds or creates the entity for a name given as folded words.
// Multi-word names merge by surname and compatible given names ("Tayyip
// Erdogan" into "Recep Tayyip Erdoğan"); a lone surname joins the one person
// who bears it.
func (a *attribution) entityFor(keys []string, org bool) int {
	var buf [128]byte
	if id, ok := a.byKey[string(attrJoinKeys(buf[:0], keys))]; ok {
		return id
	}
	joined := strings.Join(keys, " ")
	if !org {
		var cands []int
		for _, id := range a.nameCands(keys, false) {
			if e := a.ents[id]; !e.org && nameCompatible(keys, e.keys, false) {
				cands = append(cands, id)
			}
		}
		if len(cands) == 1 {
			a.byKey[joined] = cands[0]
			return cands[0]
		}
	}
	e := &attrEnt{id: len(a.ents), name: joined, keys: keys, org: org, forms: map[string]int{}}
	a.ents = append(a.ents, e)
	a.byKey[joined] = e.id
	a.file(e)
	return e.id
}

// lookupPerson finds the entity a name refers to in sentence si: the same
// full name, else the one person in the document it can be short for,
// allowing one typo in the surname of someone known to be a person
// ("Hennigsen"). When it can be short for several ("Biden" after "Joe Biden"
// and "Hunter Biden"), recent decides, and when it cannot the name is left
// unresolved (-1) rather than guessed.
func (a *attribution) lookupPerson(name []attrTok, si int) int {
	keys := attrKeys(name)
	if len(keys) == 0 {
		return -1
	}
	var buf [128]byte
	id, ok := a.byKey[string(attrJoinKeys(buf[:0], keys))]
	if ok && len(a.ents[id].keys) > 1 {
		return id
	}
	var cands []int
	for _, fuzzy := range []bool{false, true} {
		for _, cid := range a.nameCands(keys, fuzzy) {
			e := a.ents[cid]
			if e.org || len(e.keys) < 2 || fuzzy && !e.person && !e.speaker {
				continue
			}
			if nameCompatible(keys, e.keys, fuzzy) {
				cands = append(cands, cid)
			}
		}
		if len(cands) > 0 {
			break
		}
	}
	if len(cands) == 1 {
		return cands[0]
	}
	if len(cands) > 1 {
		return a.recent(cands, si)
	}
	if ok {
		return id
	}
	id = a.entityFor(keys, false)
	e := a.ents[id]
	e.forms[attrJoin(name)]++
	a.sight(e, si)
	a.setName(e)
	return id
}

// recent picks among entities the one that spoke last before sentence si in
// its piece; when none has spoken there, the one named last before si; -1
// when none of them is, or two were named last together.
func (a *attribution) recent(cands []int, si int) int {
	for k := si - 1; k >= 0 && a.ss[k].piece == a.ss[si].piece; k-- {
		for _, c := range cands {
			if a.ss[k].speaker == c {
				return c
			}
		}
	}
	best, bestAt := -1, -1
	for _, c := range cands {
		for _, at := range a.ents[c].seen {
			if at <= si && a.ss[at].piece == a.ss[si].piece && at > bestAt {
				best, bestAt = c, at
			} else if at == bestAt && c != best {
				best = -2 // named together: ambiguous
			}
		}
	}
	if best < 0 {
		return -1
	}
	return best
}

// nameCompatible reports whether name q (folded words) can denote the person
// named full: same surname (one typo allowed when fuzzy and long), and every
// given name of q matches one of full's (one edit or a transliteration apart).
func nameCompatible(q, full []string, fuzzy bool) bool {
	if len(q) == 0 || len(full) == 0 || len(q) > len(full) {
		return false
	}
	qs, fs := surnameKey(q[len(q)-1]), surnameKey(full[len(full)-1])
	if qs != fs && !(fuzzy && len(qs) >= 5 && withinOneEdit(qs, fs)) {
		return false
	}
	used := make([]bool, len(full)-1)
	for _, g := range q[:len(q)-1] {
		found := false
		for k, h := range full[:len(full)-1] {
			if !used[k] && givenMatch(g, h) {
				used[k], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func surnameKey(s string) string {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "an-", "ar-", "ash-", "at-", "az-"} {
		if strings.HasPrefix(s, p) && len(s) > len(p)+2 {
			return s[len(p):]
		}
	}
	return s
}

// givenMatch reports whether two given names may be one person's: equal, an
// initial, a transliteration ("Sergei"/"Sergey", "Mohammad"/"Muhammed") or a
// typo ("Micheal", "Steve"/"Steven"). Family members share a surname, so names
// that differ the way relatives' names do stay apart: a feminine ending
// ("Mario"/"Maria", "Daniel"/"Daniela", "Louis"/"Louise") or a consonant
// added inside ("Ivana"/"Ivanka").
func givenMatch(a, b string) bool {
	a, b = strings.TrimSuffix(a, "."), strings.TrimSuffix(b, ".")
	if a == b {
		return true
	}
	if len(a) == 1 && strings.HasPrefix(b, a) || len(b) == 1 && strings.HasPrefix(a, b) {
		return true // an initial
	}
	if givenVariant(a, b) {
		return false
	}
	if len(a) >= 4 && len(b) >= 4 && withinOneEdit(a, b) {
		return true
	}
	sa, sb := consonantSkeleton(a), consonantSkeleton(b)
	return len(sa) >= 3 && sa == sb
}

// givenVariant: a and b are different names of one family of names (see givenMatch).
func givenVariant(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if (a[len(a)-1] == 'a') != (b[len(b)-1] == 'a') || a == b+"e" {
		return true
	}
	if len(a) != len(b)+1 {
		return false
	}
	// one letter more inside: a consonant that does not double its neighbour
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	c := a[i]
	return i < len(b) && a[i+1:] == b[i:] && strings.IndexByte("aeiouy", c) < 0 &&
		!(i > 0 && a[i-1] == c) && a[i+1] != c
}

// consonantSkeleton drops vowels and doubled letters: "Sergei"/"Sergey" and
// "Mohammad"/"Muhammed" share one.
func consonantSkeleton(s string) string {
	var b strings.Builder
	var last rune
	for i, r := range s {
		if strings.ContainsRune("aeiouy'-", r) && i > 0 {
			continue
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbouring letters.
func withinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if i == len(rb) {
		return true
	}
	if len(ra) == len(rb) {
		if string(ra[i+1:]) == string(rb[i+1:]) {
			return true
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}

func (a *attribution) lookupOrg(name []attrTok) int {
	keys := attrKeys(name)
	var buf [128]byte
	if id, ok := a.byKey[string(attrJoinKeys(buf[:0], keys))]; ok {
		if e := a.ents[id]; !e.person && !e.speaker {
			e.org = true // named as an organisation here ("a KLM spokeswoman")
		}
		return id
	}
	id := a.entityFor(keys, true)
	a.ents[id].forms[attrJoin(name)]++
	a.setName(a.ents[id])
	return id
}

// personLike: an entity "he" or "she" may refer to once it is a subject: one
// with a title or role, one who spoke, or a name made of name-like words (not
// "Star Wars DVD").
func (a *attribution) personLike(id int) bool {
	e := a.ents[id]
	if e.person || e.speaker {
		return true
	}
	if e.org || e.place {
		return false
	}
	for _, w := range strings.Fields(e.name) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !attrParticles[foldName(w)] {
			return false
		}
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w || strings.ContainsAny(w, "0123456789") {
			return false
		}
	}
	return true
}
