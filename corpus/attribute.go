package corpus

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Attribution reads each sentence's grammar shallowly: it masks quoted words (a
// name inside a quotation never speaks), looks for a speech verb with its subject
// ("X said", "said X", "X, an analyst, told"), "according to X", "X: …" headlines
// and "… – X" headline credits, then resolves pronouns and descriptions ("he", "the
// minister") to the people named in the same piece. Quotations that run on, and a
// paragraph introduced by a colon, inherit the speaker of the sentence that opened
// them. Only generic vocabulary is used (attribute_words.go): speech verbs, titles,
// function words. speakers.go reads names and titles and tells who is who;
// attribute_tokens.go marks quotations; saiddate.go dates the sayings.

// attribute finds the statements in d and sets Sentence.Speaker and Quote.
func attribute(d *Document) {
	for i := range d.Sentences {
		d.Sentences[i].Speaker, d.Sentences[i].Quote = "", false
	}
	d.Statements, d.roles = nil, rolesMemo{}
	if len(d.Sentences) == 0 {
		return
	}
	a := newAttribution(d)
	a.entities()
	// Mentions wants the roles speakerRoles finds, from the entities as
	// entities finds them, before resolve adds to them: kept now, they need
	// not be found again, which would cost as much as the attribution.
	re := a.roleEntities()
	a.resolve()
	a.propagate()
	a.assemble()
	if len(d.Statements) > 0 {
		d.roles = rolesMemo{statements: d.Statements, roles: re.roles(d.Statements)}
	}
}

// ---- the attribution of one document ----------------------------------------

type attrSent struct {
	i      int // index in Document.Sentences
	toks   []attrTok
	para   int
	piece  int
	kind   Kind
	allQ   bool // nothing but quotation
	qWords int
	maxQ   int   // words in its longest quotation
	runs   []int // quotation runs it holds
	colon  bool  // ends with a colon

	speaker  int  // entity, -1 when none
	blocked  bool // an attribution we could not resolve: inherits nothing
	explicit bool
	subj     int // entity of the main subject, -1 when none
	quote    bool
	group    int // statement group
	said     Date
	// extra statements in a headline holding several ("X: …; Y: …")
	extra []attrExtra
}

type attrExtra struct {
	speaker    int
	start, end int // byte range in Document.Text
}

type attrEnt struct {
	id      int      // index in attribution.ents
	filed   bool     // filed under keys filedAs (attribution.file)
	named   bool     // name and keys were set by setName
	filedAs string   // joined
	name    string   // display form: the fullest seen
	keys    []string // folded words of name
	org     bool
	place   bool
	person  bool           // a title, a role or a pronoun pointed at it
	forms   map[string]int // names as written
	roles   map[string]bool
	role    string // the longest role seen
	seen    []int  // sentences (attrSent index) mentioning it
	speaker bool
}

type attribution struct {
	d     *Document
	ss    []*attrSent
	ents  []*attrEnt
	byKey map[string]int // joined folded keys of a form -> entity

	// Entities by the names and roles they have had, so that a name or a
	// description is compared only with those it may denote (file).
	bySurname map[string][]int // surnameKey of a surname -> entities
	byTypo    map[uint64]int32 // a deletion of such a surname key (regDeletions) -> its last typoLinks entry
	typoLinks []attrTypoLink   // the entities filed under each deletion, newest first
	typos     []attrTypo       // filed by surname but not yet in byTypo (fileTypos)
	byWord    map[string][]int // a word of a name, or of a role (attrEnt.roles) -> entities
	words     []attrWordFiling // filings for byWord not yet made (fileWords)
	inPiece   map[int][]int    // piece -> entities seen in it (attrEnt.seen)
	corporate []int            // entities whose name has ended in a corporate word ("Corp")
	hashes    []uint64
	place     map[string]bool
	next      int // quotation run numbering
}

func newAttribution(d *Document) *attribution {
	a := &attribution{d: d, byKey: map[string]int{}, place: map[string]bool{},
		bySurname: map[string][]int{}, inPiece: map[int][]int{}}
	var para []*attrSent
	var texts []string
	carry := -1
	// The sentences share one array rather than take one allocation each.
	n := 0
	for _, sn := range d.Sentences {
		if sn.Kind.Searchable() {
			n++
		}
	}
	sents := make([]attrSent, 0, n)
	flush := func() {
		if len(para) == 0 {
			return
		}
		spans, open := attrQuotes(texts, &a.next, carry)
		carry = open
		for k, s := range para {
			sp := attrSingleQuotes(texts[k], spans[k], &a.next)
			s.toks = attrTokens(texts[k], sp)
			for _, x := range sp {
				if len(s.runs) == 0 || s.runs[len(s.runs)-1] != x.run {
					s.runs = append(s.runs, x.run)
				}
			}
			s.allQ = len(s.toks) > 0
			for _, t := range s.toks {
				if t.kind == 'q' {
					s.qWords += int(t.words)
					s.maxQ = max(s.maxQ, int(t.words))
				}
				if t.kind == 'w' || t.kind == 's' {
					s.allQ = false
				}
			}
			if s.allQ && s.qWords == 0 {
				s.allQ = false
			}
			if n := len(s.toks); n > 0 && s.toks[n-1].punct(":") {
				s.colon = true
			}
		}
		para, texts = nil, nil
	}
	for i := range d.Sentences {
		sn := &d.Sentences[i]
		if !sn.Kind.Searchable() {
			continue
		}
		sents = append(sents, attrSent{i: i, para: sn.Para, piece: sn.Piece, kind: sn.Kind, speaker: -1, subj: -1, group: -1})
		s := &sents[len(sents)-1] // sents has room for all: it never moves
		if len(para) > 0 && para[0].para != s.para {
			flush()
		}
		para = append(para, s)
		texts = append(texts, sn.Text)
		a.ss = append(a.ss, s)
	}
	flush()
	a.demoteLeads()
	return a
}

// demoteLeads lower-cases the first word of a sentence when its capital comes
// from its position alone, so that it cannot start a name ("Afterwards Trump"
// is Trump). Such a word is a sentence adverb or connective, or, right before
// a capitalised word that the document also writes without it, a compound
// adjective or a word the document writes lower-case elsewhere and never
// capitalises inside a sentence ("Overnight Trump", "Financially-strapped
// Ivory Coast", but not "Computer Power Inc"). Titles, office and
// organisation nouns keep their capital: their own rules read them ("Police
// said" is generic, "Foreign Minister X" a title).
func (a *attribution) demoteLeads() {
	// The leads that may be demoted, found first, so that the document's words
	// are counted only for those the decisions ask about: their own and the
	// word after them (a count over every word of the document would cost
	// more than the rest of this).
	type lead struct {
		s *attrSent
		k int
	}
	var leads []lead
	var need attrKeySet
	for _, s := range a.ss {
		if s.kind == Headline {
			continue // title case tells nothing
		}
		k := attrLead(s.toks)
		if k < 0 {
			continue
		}
		t := s.toks[k]
		if !t.cap || t.in(vVocabulary) || !attrPlainCapital(t.text) || t.in(vFunction) && !t.in(vSentenceAdverbs) {
			continue
		}
		leads = append(leads, lead{s, k})
		need.add(t.key)
		if k+1 < len(s.toks) {
			need.add(s.toks[k+1].key)
		}
	}
	if len(leads) == 0 {
		return
	}
	lower, midCap, place := map[string]bool{}, map[string]bool{}, map[string]bool{}
	capped, cappedAfter := map[string]int{}, map[[2]string]int{}
	for _, s := range a.ss {
		if s.kind == Headline {
			continue
		}
		first := -2 // attrLead(s.toks) once needed
		for k, t := range s.toks {
			switch {
			case t.kind != 'w' || !need.has(t.key):
			case !t.cap:
				lower[t.key] = true
			default:
				if first == -2 {
					first = attrLead(s.toks)
				}
				if k != first {
					midCap[t.key] = true
				}
				capped[t.key]++
				if k > 0 && s.toks[k-1].kind == 'w' {
					if need.has(s.toks[k-1].key) {
						cappedAfter[[2]string{s.toks[k-1].key, t.key}]++
					}
					if s.toks[k-1].in(vPlaces) && !s.toks[k-1].cap {
						place[t.key] = true
					}
				}
			}
		}
	}
	for _, l := range leads {
		s, k := l.s, l.k
		t := &s.toks[k]
		switch {
		case t.in(vSentenceAdverbs):
			t.lead = true
		case midCap[t.key]:
			continue
		case attrAdverbShaped(t.key):
			t.lead = true
		case (lower[t.key] || attrLowerCompound(t.text)) && k+1 < len(s.toks) && s.toks[k+1].cap &&
			capped[s.toks[k+1].key] > cappedAfter[[2]string{t.key, s.toks[k+1].key}] &&
			!attrOrgLike(s.toks[k+1:], place):
			t.lead = true // glued to a name: "Overnight Trump said"
		default:
			continue
		}
		t.cap = false
	}
}

// attrKeySet is a set of keys that tells most other keys apart by their
// length and first byte, without hashing them.
type attrKeySet struct {
	lens  uint64    // bit n: a key of n bytes (63: of 63 or more)
	first [4]uint64 // bit b: a key that starts with byte b
	set   map[string]bool
}

func (ks *attrKeySet) add(k string) {
	if k == "" {
		return
	}
	if ks.set == nil {
		ks.set = map[string]bool{}
	}
	ks.set[k] = true
	ks.lens |= 1 << min(len(k), 63)
	ks.first[k[0]>>6] |= 1 << (k[0] & 63)
}

func (ks *attrKeySet) has(k string) bool {
	if k == "" || ks.lens&(1<<min(len(k), 63)) == 0 || ks.first[k[0]>>6]&(1<<(k[0]&63)) == 0 {
		return false
	}
	return ks.set[k]
}

// attrOrgLike: the capitalised words that start toks end like an
// organisation's name ("Power Inc") or are one place ("Canada"): a common word
// before them is likely part of the name ("Computer Power Inc", "Air Canada").
func attrOrgLike(toks []attrTok, place map[string]bool) bool {
	n := 0
	for n < len(toks) && toks[n].kind == 'w' && toks[n].cap {
		n++
	}
	if n == 0 {
		return false
	}
	last := toks[n-1].key
	return attrOrgHeads[last] || attrCorporate[last] || n == 1 && place[last]
}

// attrLowerCompound: a compound adjective such as "Financially-strapped" or
// "State-owned", never a name ("Kilroy-Silk", "Jean-Pierre").
func attrLowerCompound(w string) bool {
	i := strings.IndexByte(w, '-')
	if i <= 0 || i+1 >= len(w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[i+1:])
	return unicode.IsLower(r)
}

// attrLead returns the index of the word that opens a sentence, after a
// dateline and punctuation, or -1 when a quotation opens it.
func attrLead(toks []attrTok) int {
	for i := attrDateline(toks); i < len(toks); i++ {
		switch toks[i].kind {
		case 'w':
			return i
		case 'p':
			continue
		}
		return -1
	}
	return -1
}

// attrVocabulary: a word the attribution reads by its own rules when capitalised.
func attrVocabulary(k string) bool {
	return attrTitles[k] || attrTitleMods[k] || attrRole(k) || attrOrgHeads[k] || attrGeneric[k] ||
		attrVerbs[k] || attrParticiples[k] || attrMonths[k] != 0 || attrParticles[k]
}

// attrPlainCapital: "Afterwards", "State-owned", not "IBM", "U.S." or "McDonald".
func attrPlainCapital(w string) bool {
	for i, r := range w {
		if i > 0 && !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return len(w) > 1
}

func attrAdverbShaped(k string) bool {
	if len(k) < 7 {
		return false
	}
	for _, suf := range attrAdverbSuffixes {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return false
}

// ---- resolution -------------------------------------------------------------

type attrCand struct {
	np      attrNP
	npStart int
	npEnd   int // exclusive
	verb    int // -1 for "according to"
	rank    int
	appName []attrTok // "The Shadow Secretary …, Theresa May, said": the name in the appositive
}

type attrState struct {
	focus      int  // the person "he" or "she" refers to, -1 when none or ambiguous
	focusSpoke bool // focus is the last speaker, not just the last subject
	orgFocus   int
	prev       *attrSent
}

func (a *attribution) resolve() {
	st := attrState{focus: -1, orgFocus: -1}
	piece := -1
	for si, s := range a.ss {
		if s.piece != piece {
			piece = s.piece
			st = attrState{focus: -1, orgFocus: -1}
		}
		if s.kind == Headline {
			a.headline(si, s)
			continue
		}
		main := attrMainStart(s.toks)
		cands := a.candidates(s.toks, main)
		// An unnamed speaker ("Diplomats said …, but Andriessen told …") only
		// blocks the sentence when no one named speaks in it.
		var best *attrCand
		for k := range cands {
			c := &cands[k]
			cg := c.np.kind == npGeneric && len(c.appName) == 0
			bg := best != nil && best.np.kind == npGeneric && len(best.appName) == 0
			if best == nil || cg != bg && bg ||
				cg == bg && (c.rank < best.rank || c.rank == best.rank && c.npStart < best.npStart) {
				best = c
			}
		}
		// The main subject, for "he" and for colon introductions.
		subjNP := attrNP{}
		unnamedSubj := false
		if main < len(s.toks) {
			if e := attrNPForward(s.toks, main, true); e > main {
				subjNP = attrAnalyze(s.toks[main:e])
				if e < len(s.toks) && s.toks[e].kind == 'w' && s.toks[e].cap {
					subjNP = attrNP{} // not followed by a verb: not a subject
				}
				// "The Mannesmann spokesman declined …": a later "he" is that spokesman.
				last := s.toks[e-1]
				unnamedSubj = subjNP.kind != npName && last.kind == 'w' && !last.cap && last.in(vRole)
			}
		}
		unnamed := false
		if best != nil {
			id := a.resolveNP(best.np, best.appName, si, st)
			if id >= 0 {
				s.speaker, s.explicit = id, true
				a.ents[id].speaker = true
				s.said = a.saidDate(s, best)
			} else {
				s.blocked = true
				// "…, a source at the company said": a later "he" may mean that source.
				unnamed = best.np.kind != npDesc || !best.np.orgish
			}
		}
		s.subj = a.resolveNP(subjNP, nil, si, st)
		if subjNP.kind == npGeneric && subjNP.head == "" {
			s.subj = -1
		}
		// Who "he" is now.
		switch {
		case s.speaker >= 0 && a.ents[s.speaker].org:
			st.orgFocus = s.speaker
		case s.speaker >= 0 && !a.ents[s.speaker].place:
			st.focus, st.focusSpoke = s.speaker, true
			a.ents[s.speaker].person = a.ents[s.speaker].person || best.np.kind == npPronoun
		case s.subj >= 0 && a.ents[s.subj].org:
			st.orgFocus = s.subj
		case s.subj >= 0 && !a.ents[s.subj].place && a.personLike(s.subj):
			st.focus, st.focusSpoke = s.subj, s.subj == st.focus && st.focusSpoke
		case subjNP.kind == npGeneric && main < len(s.toks) && attrPluralPeople(s.toks[main:]):
			st.focus = -1
		}
		if unnamed && s.speaker < 0 || unnamedSubj && (s.subj < 0 || a.ents[s.subj].org) && (s.speaker < 0 || a.ents[s.speaker].org) {
			st.focus = -1
		}
		st.prev = s
	}
}

// attrPluralPeople: the subject is "X and Y", two named people: "he" is ambiguous after it.
func attrPluralPeople(toks []attrTok) bool {
	for i, t := range toks {
		if t.kind != 'w' {
			return false
		}
		if t.key == "and" {
			return i > 0 && toks[i-1].cap && i+1 < len(toks) && toks[i+1].cap
		}
		if !t.cap {
			return false
		}
	}
	return false
}

// attrMainStart skips what comes before the main subject: a leading quotation,
// "But", "Meanwhile,", and an introductory phrase up to its comma.
func attrMainStart(toks []attrTok) int {
	i := attrDateline(toks)
	for i < len(toks) {
		t := toks[i]
		switch {
		case t.kind == 'q' || t.punct(",—–-:"):
			i++
			continue
		case t.kind == 'w' && (t.in(vIntroAdverbs) || t.lead):
			i++
			continue
		case t.kind == 'w' && (t.in(vFunction) && !t.in(vQuantifiers) && t.key != "the" && t.key != "a" && t.key != "an" &&
			t.key != "he" && t.key != "she" && t.key != "it" || strings.HasSuffix(t.key, "ing") && t.cap):
			// An introductory phrase: skip to its comma (outside quotations).
			for k := i + 1; k < len(toks); k++ {
				if toks[k].punct(",") {
					return k + 1
				}
			}
			return len(toks)
		}
		return i
	}
	return i
}

// attrDateline returns the index after a wire dateline that opens the
// sentence ("CHICAGO, March 9 - ", "PALO ALTO, Calif. - "), else 0.
func attrDateline(toks []attrTok) int {
	if len(toks) == 0 || toks[0].kind != 'w' || len(toks[0].text) < 2 || strings.ToUpper(toks[0].text) != toks[0].text {
		return 0
	}
	for i := 1; i < len(toks) && i < 10; i++ {
		t := toks[i]
		switch {
		case t.punct("-—–"):
			return i + 1
		case t.punct(","), t.kind == 'w' && (t.cap || unicode.IsDigit(rune(t.text[0]))):
		default:
			return 0
		}
	}
	return 0
}

// candidates finds every attribution in a sentence.
func (a *attribution) candidates(toks []attrTok, main int) []attrCand {
	var out []attrCand
	// "While X denied …", "But even before X said …": a leading subordinate clause.
	lead := 0
	for lead < len(toks) && toks[lead].kind == 'w' && (toks[lead].in(vIntroAdverbs) || toks[lead].lead || toks[lead].key == "even" || toks[lead].key == "just") {
		lead++
	}
	leadSub := lead < len(toks) && toks[lead].kind == 'w' && toks[lead].in(vSubordinators)
	firstComma := len(toks)
	for k, t := range toks {
		if t.punct(",") {
			firstComma = k
			break
		}
	}
	rankOf := func(start int) int {
		if leadSub && start < firstComma {
			return 1
		}
		return 0
	}
	for v, t := range toks {
		if t.kind != 'w' || t.cap && t.key != "according" && !(v == 0 && t.in(vVerbs)) {
			continue
		}
		switch {
		case t.in(vVerbs) && attrVerbOK(toks, v):
			// "…,” said Kamal Alam, an analyst" / "…, said the ministry."
			c, ok := attrSubjectBefore(toks, v)
			if ok {
				c.rank = rankOf(c.npStart)
			}
			if (v == 0 || toks[v-1].kind == 'q' || toks[v-1].punct(",")) && v+1 < len(toks) && (!ok || c.np.kind == npGeneric) {
				e := attrNPPossessed(toks, v+1)
				if e > v+1 && (e == len(toks) || toks[e].punct(",.;:)") || toks[e].kind == 'w' && toks[e].in(vAfterSpeaker)) {
					np := attrAnalyze(toks[v+1 : e])
					if np.kind != npNone && np.kind != npPronoun {
						c, ok = attrCand{np: np, npStart: v + 1, npEnd: e, verb: v, rank: rankOf(v)}, true
					}
				}
			}
			if ok {
				out = append(out, c)
			}
		case t.in(vParticiples) && v > 0 && toks[v-1].punct(","):
			// "Hollande pointed to …, saying that …": the subject of the clause speaks,
			// the last one before the participle ("…, but the court cleared him, saying").
			subj := main
			for k := v - 1; k > main; k-- {
				if toks[k].punct(",;") && k+1 < v {
					k2 := k + 1
					if toks[k2].kind == 'w' && (toks[k2].key == "but" || toks[k2].key == "and" || toks[k2].key == "while" || toks[k2].key == "yet") {
						k2++
					} else if !toks[k].punct(";") {
						continue
					}
					if e := attrNPForward(toks, k2, true); e > k2 && e < v && toks[e].kind == 'w' && !toks[e].cap {
						subj = k2
						break
					}
				}
			}
			if e := attrNPForward(toks, subj, true); e > subj && subj < v {
				np := attrAnalyze(toks[subj:e])
				if np.kind != npNone {
					out = append(out, attrCand{np: np, npStart: subj, npEnd: e, verb: v, rank: rankOf(subj) + 1})
				}
			}
		case t.key == "according" && v+1 < len(toks) && toks[v+1].is("to"):
			e := attrNPPossessed(toks, v+2)
			if e <= v+2 {
				continue
			}
			np := attrAnalyze(toks[v+2 : e])
			if np.kind == npGeneric && e+1 < len(toks) && (toks[e].is("from") || toks[e].is("by") || toks[e].is("of")) {
				// "according to the latest figures from Gallup"
				if e2 := attrNPForward(toks, e+1, true); e2 > e+1 {
					np = attrAnalyze(toks[e+1 : e2])
				}
			}
			if np.kind != npNone {
				out = append(out, attrCand{np: np, npStart: v + 2, npEnd: e, verb: -1, rank: 2})
			}
		}
	}
	return out
}

// attrVerbOK checks the particle a few speech verbs need ("spoke of", "called for").
func attrVerbOK(toks []attrTok, v int) bool {
	next := attrTok{}
	if v+1 < len(toks) {
		next = toks[v+1]
	}
	switch toks[v].key {
	case "continued", "continues":
		return v+1 == len(toks) || next.kind == 'q' || next.punct(",:")
	case "spoke", "speaks":
		return next.is("of") || next.is("about") || next.is("to") || next.is("on")
	case "pointed":
		return next.is("out") || next.is("to")
	case "called":
		return next.is("for") || next.is("on")
	case "say":
		return v > 0 && !toks[v-1].is("to")
	case "maintained", "maintains", "repeated", "expressed":
		// "maintained a tense relationship" is not speech; "maintained that" is.
		return v+1 == len(toks) || next.kind == 'q' || next.punct(",:") || next.is("that") ||
			toks[v].key == "repeated" && (next.is("his") || next.is("her") || next.is("its") || next.is("their")) ||
			toks[v].key == "expressed" && next.kind == 'w' && (next.in(vExpressed))
	}
	return true
}

// attrSubjectBefore finds the speaking subject before the verb at v.
func attrSubjectBefore(toks []attrTok, v int) (attrCand, bool) {
	i := v - 1
	relative := false
	for i >= 0 {
		t := toks[i]
		if t.kind != 'w' {
			break
		}
		switch {
		case t.in(vNegation) || t.in(vModal):
			return attrCand{}, false
		case t.in(vBe):
			return attrCand{}, false // "was told": the subject listens
		case !t.cap && (t.in(vAux) || len(t.key) > 4 && strings.HasSuffix(t.key, "ly")):
			i--
			continue
		case t.in(vWeekdays):
			i--
			if i >= 0 && toks[i].is("on") {
				i--
			}
			continue
		case !t.cap && (t.key == "who" || t.key == "which"):
			relative = true
			i--
			if i >= 0 && toks[i].punct(",") {
				i--
			}
		}
		break
	}
	if i < 0 {
		return attrCand{}, false
	}
	var appName []attrTok
	if toks[i].punct(",") && !relative {
		// An appositive between subject and verb: ", an analyst at …,".
		j := i - 1
		for j >= 0 && !toks[j].punct(",;:") && toks[j].kind != 'q' && i-j < 30 {
			j--
		}
		if j < 1 || !toks[j].punct(",") || j+1 >= i {
			return attrCand{}, false
		}
		app := toks[j+1 : i]
		f := app[0]
		switch {
		case f.kind == 'w' && !f.cap, f.is("a"), f.is("an"), f.is("the"), f.kind == 'w' && unicode.IsDigit(rune(f.text[0])):
		default:
			n := attrAnalyze(app)
			if n.kind != npName || len(n.role) > 0 {
				return attrCand{}, false
			}
			appName = n.name
		}
		i = j - 1
	}
	if i < 0 || toks[i].kind != 'w' && toks[i].kind != 's' {
		return attrCand{}, false
	}
	s := attrNPBack(toks, i)
	if s > i {
		return attrCand{}, false
	}
	// The subject must open a clause (a relative clause hangs on any noun).
	if s > 0 && !relative {
		b := toks[s-1]
		ok := b.kind == 'q' || b.punct(",;:—–-()") || b.kind == 'w' && b.in(vBoundaryWords) ||
			b.kind == 'w' && s-1 == 0 && b.in(vIntroAdverbs) || b.lead
		if !ok && b.kind == 'w' && !b.cap && !b.in(vFunction) && s+1 <= i && toks[s].cap && toks[s+1].cap {
			// "trade reprepresentative Clayton Yeutter said": an unknown title word.
			ok = !b.in(vVerbs) && !strings.HasSuffix(b.key, "ed")
		}
		if !ok {
			return attrCand{}, false
		}
	}
	np := attrAnalyze(toks[s : i+1])
	if np.kind == npNone {
		return attrCand{}, false
	}
	if (np.kind == npName || np.kind == npOrg) && !np.voiced {
		appName = nil // "Rep. Joe Barton, R-Texas, said": the appositive is not the name
	}
	return attrCand{np: np, npStart: s, npEnd: i + 1, verb: v, appName: appName}, true
}

// resolveNP returns the entity a speaking phrase denotes, or -1.
func (a *attribution) resolveNP(np attrNP, appName []attrTok, si int, st attrState) int {
	if len(appName) > 0 {
		return a.lookupPerson(appName, si)
	}
	switch np.kind {
	case npName:
		return a.lookupPerson(np.name, si)
	case npOrg:
		return a.lookupOrg(np.name)
	case npPronoun:
		if np.head == "it" {
			return st.orgFocus
		}
		return st.focus
	case npDesc:
		return a.resolveDesc(np, si, st)
	}
	return -1
}

// resolveDesc resolves "the minister", "the Turkish president", "the company":
// the person or organisation in focus when the description fits them, else the
// only one in the piece so far that it fits.
func (a *attribution) resolveDesc(np attrNP, si int, st attrState) int {
	if np.head == "statement" || np.head == "report" {
		// "…, the statement said" after "X said in a statement".
		if p := st.prev; p != nil && p.speaker >= 0 && a.ents[p.speaker].org {
			for _, t := range p.toks {
				if t.is(np.head) {
					return p.speaker
				}
			}
		}
		return -1
	}
	words := append(append([]string{}, np.mods...), np.head)
	fits := func(e *attrEnt) bool {
		if e.org != np.orgish {
			return false
		}
		for _, w := range words {
			if e.roles[w] || e.org && slicesContains(e.keys, w) {
				continue
			}
			// "the company" is "Hewlett Packard Co"
			if e.org && attrCompanyWords[w] && len(e.keys) > 0 && attrCorporate[e.keys[len(e.keys)-1]] {
				continue
			}
			return false
		}
		return true
	}
	focus := st.focus
	if np.orgish {
		focus = st.orgFocus
	}
	if focus >= 0 && fits(a.ents[focus]) && (np.orgish || st.focusSpoke) {
		return focus
	}
	// The only entity seen in the piece so far that fits. It is among those
	// seen in the piece, and among the bearers of each word as a role or in
	// a name, or a company ("the company" is "Hewlett Packard Co"): walk the
	// shortest of these lists, and stop at a second one.
	a.fileWords()
	lists := [][]int{a.inPiece[a.ss[si].piece]}
	for _, w := range words {
		l := [][]int{a.byWord[w]}
		if attrCompanyWords[w] {
			l = append(l, a.corporate)
		}
		if attrLen(l) < attrLen(lists) {
			lists = l
		}
	}
	found := -1
	for _, ids := range lists {
		for _, id := range ids {
			e := a.ents[id]
			if id == found || !fits(e) {
				continue
			}
			for _, at := range e.seen {
				if at <= si && a.ss[at].piece == a.ss[si].piece {
					if found >= 0 {
						return -1
					}
					found = id
					break
				}
			}
		}
	}
	return found
}

func attrLen(lists [][]int) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

func slicesContains(ss []string, w string) bool {
	for _, s := range ss {
		if s == w {
			return true
		}
	}
	return false
}

// headline reads "Lavrov: Turkey “Crossed Line”; Erdogan: Russia “Playing With
// Fire”" and "US asks Russia … – Russian FM Lavrov": a known person's words.
func (a *attribution) headline(si int, s *attrSent) {
	toks := s.toks
	known := func(np attrNP) int {
		if np.kind != npName {
			return -1
		}
		keys := attrKeys(np.name)
		for _, id := range a.nameCands(keys, false) {
			if e := a.ents[id]; !e.org && !e.place && (e.person || e.speaker) && (len(e.keys) > 1 || e.person) && nameCompatible(keys, e.keys, false) {
				return a.lookupPerson(np.name, si)
			}
		}
		return -1
	}
	// "X: …" segments, separated by ";".
	segStart := 0
	for segStart < len(toks) {
		e := attrNPForward(toks, segStart, true)
		if e == segStart || e >= len(toks) || !toks[e].punct(":") {
			break
		}
		id := known(attrAnalyze(toks[segStart:e]))
		if id < 0 {
			break
		}
		end := len(toks)
		for k := e + 1; k < len(toks); k++ {
			if toks[k].punct(";") {
				end = k
				break
			}
		}
		a.addHeadline(s, id, int(toks[segStart].start), int(toks[end-1].end))
		segStart = end + 1
	}
	if s.speaker >= 0 {
		return
	}
	// A credit after a dash at the end.
	for k := len(toks) - 2; k > 0; k-- {
		if toks[k].punct("–—-") && toks[k].kind == 'p' {
			if e := attrNPForward(toks, k+1, true); e == len(toks) {
				if id := known(attrAnalyze(toks[k+1 : e])); id >= 0 {
					a.addHeadline(s, id, 0, int(toks[len(toks)-1].end))
				}
			}
			break
		}
	}
}

func (a *attribution) addHeadline(s *attrSent, id, from, to int) {
	sn := a.d.Sentences[s.i]
	if s.speaker < 0 {
		s.speaker, s.explicit = id, true
		s.quote = s.qWords > 0
	}
	start, end := sn.Start, sn.End
	if sn.End-sn.Start == len(sn.Text) {
		start, end = sn.Start+from, sn.Start+to
	}
	s.extra = append(s.extra, attrExtra{speaker: id, start: start, end: end})
}

// ---- propagation ------------------------------------------------------------

// propagate gives the speaker of a quotation to the sentences it runs over, to
// quoted sentences and paragraphs that follow it unattributed, and to the
// paragraph after a colon that closes a statement.
func (a *attribution) propagate() {
	group := 0
	for _, s := range a.ss {
		if s.speaker >= 0 {
			s.group = group
			group++
			if !s.quote {
				s.quote = s.maxQ >= 3
			}
		}
	}
	// Sentences of one quotation share its speaker.
	byRun := map[int][]*attrSent{}
	for _, s := range a.ss {
		for _, r := range s.runs {
			byRun[r] = append(byRun[r], s)
		}
	}
	runs := make([]int, 0, len(byRun))
	for r := range byRun {
		runs = append(runs, r)
	}
	sort.Ints(runs)
	for _, r := range runs {
		ss := byRun[r]
		if len(ss) < 2 {
			continue
		}
		src := -1
		for k, s := range ss {
			if s.speaker >= 0 && s.explicit {
				if src >= 0 && ss[src].speaker != s.speaker {
					src = -2
					break
				}
				if src == -1 {
					src = k
				}
			}
		}
		if src < 0 {
			continue
		}
		for _, s := range ss {
			if s.speaker < 0 && !s.blocked && s.kind == Body && s.piece == ss[src].piece && (s.allQ || s.qWords > 0) {
				s.speaker, s.quote, s.group = ss[src].speaker, true, ss[src].group
				s.said = ss[src].said
			}
		}
	}
	// Run-on quotations and colon introductions.
	for k := 1; k < len(a.ss); k++ {
		s, p := a.ss[k], a.ss[k-1]
		if s.speaker >= 0 || s.blocked || s.kind != Body || p.piece != s.piece {
			continue
		}
		switch {
		case p.colon && (p.para != s.para || s.allQ) && a.introduces(k-1) >= 0:
			id := a.introduces(k - 1)
			src := p
			for m := k; m < len(a.ss) && a.ss[m].para == s.para; m++ {
				x := a.ss[m]
				if x.speaker >= 0 || x.blocked || x.kind != Body {
					break
				}
				x.speaker, x.quote, x.group = id, true, src.group
				if src.group < 0 {
					x.group = group
				}
				x.said = src.said
			}
			if src.group < 0 {
				group++
			}
		case s.allQ && p.speaker >= 0 && p.quote && p.kind == Body && (s.para == p.para || s.para == p.para+1 || a.adjacentParas(p, s)):
			s.speaker, s.quote, s.group, s.said = p.speaker, true, p.group, p.said
		}
	}
}

// adjacentParas: no searchable text between the paragraphs of p and s.
func (a *attribution) adjacentParas(p, s *attrSent) bool {
	for i := p.i + 1; i < s.i; i++ {
		if a.d.Sentences[i].Kind.Searchable() {
			return false
		}
	}
	return true
}

// introduces returns who speaks after the colon that ends sentence k: its own
// speaker, or its subject when that subject spoke in the sentence before
// ("Erdoğan warned …. He then applied the caution to Syria:").
func (a *attribution) introduces(k int) int {
	s := a.ss[k]
	if s.speaker >= 0 {
		return s.speaker
	}
	if s.blocked || s.subj < 0 || k == 0 {
		return -1
	}
	if p := a.ss[k-1]; p.speaker == s.subj && p.piece == s.piece {
		return s.subj
	}
	return -1
}

// ---- output -----------------------------------------------------------------

func (a *attribution) assemble() {
	d := a.d
	for _, s := range a.ss {
		if s.speaker < 0 {
			continue
		}
		sn := &d.Sentences[s.i]
		sn.Speaker, sn.Quote = a.ents[s.speaker].name, s.quote
	}
	var cur *Statement
	curGroup := -1
	flush := func() {
		if cur != nil {
			d.Statements = append(d.Statements, *cur)
			cur = nil
		}
	}
	for k, s := range a.ss {
		if s.speaker < 0 || len(s.extra) > 1 {
			flush()
			for _, x := range s.extra {
				if len(s.extra) > 1 {
					d.Statements = append(d.Statements, a.statement(s, x.speaker, x.start, x.end))
				}
			}
			continue
		}
		sn := d.Sentences[s.i]
		contiguous := k > 0 && cur != nil && a.ss[k-1].speaker >= 0 && a.ss[k-1].group == s.group
		if cur != nil && s.group == curGroup && contiguous {
			cur.Last, cur.End = s.i, sn.End
			cur.Quote = cur.Quote || s.quote
			continue
		}
		flush()
		st := a.statement(s, s.speaker, sn.Start, sn.End)
		cur, curGroup = &st, s.group
	}
	flush()
}

func (a *attribution) statement(s *attrSent, id, start, end int) Statement {
	return Statement{
		Speaker:   a.ents[id].name,
		First:     s.i,
		Last:      s.i,
		Start:     start,
		End:       end,
		Quote:     s.quote,
		Said:      s.said,
		PieceDate: a.d.Pieces[s.piece].Date,
	}
}

// speakerRoles returns, for each speaker name of d's statements, the longest
// title or role the document gives them.
func speakerRoles(d *Document) map[string]string {
	if roles, ok := d.roles.of(d); ok {
		return roles
	}
	if len(d.Sentences) == 0 {
		return nil
	}
	a := newAttribution(d)
	a.entities()
	return a.roleEntities().roles(d.Statements)
}

// roleEntities are the entities of an attribution that have a title or role,
// copied: all that speakerRoles reads of them.
type roleEntities struct {
	ents      []roleEntity     // by entity id; role "" for the others
	bySurname map[string][]int // attribution.bySurname, entities with a role only
}

type roleEntity struct {
	keys   []string
	joined string
	role   string
	org    bool
}

func (a *attribution) roleEntities() roleEntities {
	r := roleEntities{ents: make([]roleEntity, len(a.ents)), bySurname: map[string][]int{}}
	n := 0
	for id, e := range a.ents {
		if e.role != "" {
			r.ents[id] = roleEntity{keys: slices.Clone(e.keys), joined: strings.Join(e.keys, " "), role: e.role, org: e.org}
			n++
		}
	}
	if n == 0 {
		return r
	}
	for k, ids := range a.bySurname {
		for _, id := range ids {
			if r.ents[id].role != "" {
				r.bySurname[k] = append(r.bySurname[k], id)
			}
		}
	}
	return r
}

// roles returns, for each speaker of statements, the longest role of the
// entities so named or that the name may be short for (nameCands).
func (r roleEntities) roles(statements []Statement) map[string]string {
	byKeys := map[string][]int{}
	for id, e := range r.ents {
		if e.role != "" {
			byKeys[e.joined] = append(byKeys[e.joined], id)
		}
	}
	roles := map[string]string{}
	for _, st := range statements {
		if _, ok := roles[st.Speaker]; ok {
			continue
		}
		keys := strings.Fields(foldName(st.Speaker))
		role := ""
		joined := strings.Join(keys, " ")
		// The entities so named, and those the name may be short for, in order.
		var cands []int
		if len(keys) > 0 {
			cands = append(cands, r.bySurname[surnameKey(keys[len(keys)-1])]...)
		}
		cands = append(cands, byKeys[joined]...)
		sort.Ints(cands)
		for _, id := range slices.Compact(cands) {
			if e := r.ents[id]; e.role != "" && (e.joined == joined || !e.org && nameCompatible(keys, e.keys, false)) {
				if len(e.role) > len(role) {
					role = e.role
				}
			}
		}
		roles[st.Speaker] = role
	}
	return roles
}

// rolesMemo is speakerRoles of a document, found as Parse attributed it,
// valid while the document's statements are the ones it was found for.
type rolesMemo struct {
	statements []Statement
	roles      map[string]string
}

func (m rolesMemo) of(d *Document) (map[string]string, bool) {
	if len(m.statements) == 0 || len(m.statements) != len(d.Statements) || &m.statements[0] != &d.Statements[0] {
		return nil, false
	}
	return m.roles, true
}
