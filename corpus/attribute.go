package corpus

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Attribution reads each sentence's grammar shallowly: it masks quoted words (a
// name inside a quotation never speaks), looks for a speech verb with its subject
// ("X said", "said X", "X, an analyst, told"), "according to X", "X: …" headlines
// and "… – X" headline credits, then resolves pronouns and descriptions ("he", "the
// minister") to the people named in the same piece. Quotations that run on, and a
// paragraph introduced by a colon, inherit the speaker of the sentence that opened
// them. Only generic vocabulary lives here: speech verbs, titles, function words.

// attribute finds the statements in d and sets Sentence.Speaker and Quote.
func attribute(d *Document) {
	for i := range d.Sentences {
		d.Sentences[i].Speaker, d.Sentences[i].Quote = "", false
	}
	d.Statements = nil
	if len(d.Sentences) == 0 {
		return
	}
	a := newAttribution(d)
	a.entities()
	a.resolve()
	a.propagate()
	a.assemble()
}

// ---- vocabulary -------------------------------------------------------------

func attrWordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// attrVerbs are finite forms of verbs that report speech. A few need a particle
// after them (attrVerbOK).
var attrVerbs = attrWordSet(`said says say told tells added adds warned warns stressed stresses
insisted insists denied denies claimed claims stated noted notes urged urges assured assures
described describes reasoned explained explains emphasized emphasised emphasizes emphasises
suggested suggests argued argues announced announces reported declared declares acknowledged
admitted admits replied replies responded wrote writes maintained maintains conceded concedes
cautioned predicted predicts indicated indicates commented complained confirmed confirms observed
remarked recalled recalls reiterated reiterates vowed vows promised promises threatened accused
accuses alleged alleges proposed expressed concluded asserted asserts contended countered
demanded disclosed revealed hinted signalled signaled objected protested repeated testified
recommended advised tweeted estimated forecast continued continues spoke speaks pointed called
quipped joked acknowledges announced`)

// attrParticiples continue a sentence's statement: "…, saying that …".
var attrParticiples = attrWordSet(`saying adding telling noting stressing arguing insisting warning
explaining claiming emphasizing emphasising urging asserting declaring denying acknowledging
admitting suggesting reiterating complaining cautioning`)

// attrAux may stand between a subject and its speech verb.
var attrAux = attrWordSet(`has had have also then later previously further again earlier
repeatedly recently reportedly once separately publicly privately today yesterday subsequently
initially originally already just firmly flatly simply last week this`)

var attrNegation = attrWordSet(`not never n't no nor`)
var attrBe = attrWordSet(`was were is are be been being am`)
var attrModal = attrWordSet(`would will could can may might should must did does do shall`)

// attrTitles precede a person's name ("Foreign Minister Sergei Lavrov", "Mr Smith").
var attrTitles = attrWordSet(`president vice prime minister secretary deputy chancellor premier
king queen prince princess crown emir sheikh sultan pope cardinal archbishop bishop rev reverend
imam ayatollah rabbi patriarch senator sen rep representative congressman congresswoman governor
gov mayor councillor councilman general gen lt lieutenant colonel col major maj captain capt
admiral adm commander marshal sergeant sgt brigadier brig chairman chairwoman chairperson chair
chief ceo cfo coo director manager head leader spokesman spokeswoman spokesperson ambassador envoy
consul commissioner attorney judge justice prosecutor inspector superintendent officer dr prof
professor mr mrs ms miss mx sir dame lord lady baron baroness editor editor-in-chief analyst
counterpart member mp mep speaker secretary-general director-general treasurer comptroller
economist strategist coach dean founder co-founder partner vice-president vice-chairman
undersecretary under-secretary assistant adviser advisor aide official researcher expert lawyer
commentator journalist correspondent diplomat consultant scientist author activist campaigner
lawmaker legislator politician candidate nominee president-elect fm pm negotiator executive
economist chief-executive democrat republican tory boss skipper striker midfielder defender goalkeeper winger player owner
singer actor actress presenter host writer novelist musician rapper producer`)

// attrTitleMods build titles out of ordinary words ("Secretary of State",
// "Minister for Foreign Affairs"): after a title they are part of it, not a name.
var attrTitleMods = attrWordSet(`state foreign defence defense interior finance economy trade
energy health justice home shadow general public affairs security treasury labour labor
environment education transport agriculture culture development international national
executive operating financial senior junior acting former first second chief deputy vice
assistant associate principal managing permanent special high supreme grand royal exchequer
commerce industry mines budget services welfare housing planning communications information
tourism fisheries works resources technology science employment immigration sport sports
economic economics management`)

// attrRoleNouns name what a person is; with "the" they refer back to someone.
var attrRoleNouns = attrWordSet(`president minister secretary premier chancellor king queen prince
emir sheikh sultan pope senator governor mayor general commander chairman chairwoman chief
director manager leader spokesman spokeswoman spokesperson ambassador envoy commissioner attorney
judge prosecutor officer professor analyst economist strategist expert researcher lawyer adviser
advisor aide official diplomat consultant commentator journalist correspondent editor scientist
author activist campaigner lawmaker legislator politician candidate coach counterpart founder
executive head negotiator representative mp chairperson boss skipper striker midfielder defender
goalkeeper winger player owner singer actor actress star presenter host writer novelist musician
rapper producer chef designer architect teacher doctor surgeon nurse pilot historian
philosopher spokesperson president-elect`)

// attrOrgHeads end the name of an organisation ("Foreign Ministry", "Acme Corp").
var attrOrgHeads = attrWordSet(`ministry department office council committee commission agency
administration government military army navy forces police party bank company corp corporation
inc co ltd plc llc ag sa nv group association union federation institute foundation center centre
organization organisation authority authorities board court parliament congress senate cabinet
kremlin pentagon embassy service bureau network times post news press television tv radio
university college school club fund trust exchange coalition alliance front movement brigade
brigades monitor observatory nations states state secretariat regime junta firm unit subsidiary
airline airlines railway railways motors industries holdings partners securities reserve treasury
ministries newspaper daily agency's fed`)

// attrGeneric are nouns for unnamed or plural speakers: never an actor.
var attrGeneric = attrWordSet(`sources source officials analysts experts observers critics
residents witnesses people diplomats reports report statement statements media figures data
survey poll study document documents letter article paper website they we you i both men women
leaders others some many most several participants members investors traders dealers economists
bankers activists protesters lawmakers officers soldiers troops rebels militants fighters citizens
users fans supporters opponents ministers executives managers politicians scientists researchers
doctors lawyers teachers workers farmers everyone someone anyone nobody spokesmen groups
governments countries states parties companies banks firms insiders aides advisers advisers
commentators journalists voters students officers police reporters`)

// attrFunction are words that cannot be part of a name even when capitalised.
var attrFunction = attrWordSet(`the a an and but or nor so yet for of in on at to by with from as
if when while after before since because although though whereas unless until despite during
following under over without within between among against about into onto upon meanwhile
however moreover furthermore indeed instead thus therefore hence still also then now today
yesterday tomorrow earlier later separately this that these those it its it's their his her our
my your both many some most several other another each every all such even only just not no what
why how who whom whose which where here there one i we he she they you me us him them last next
monday tuesday wednesday thursday friday saturday sunday speaking responding asked according
incidentally additionally finally overall again once asked like unlike given amid`)

// attrIntroAdverbs open a sentence before its subject ("Meanwhile, …").
var attrIntroAdverbs = attrWordSet(`but and yet so or meanwhile however indeed today yesterday
also then now still moreover thus separately earlier later instead incidentally additionally
finally overall again furthermore nonetheless nevertheless`)

// attrSubordinators open a clause that is not the main one ("While X denied …, Y said").
var attrSubordinators = attrWordSet(`while although though whereas as if when since because after
before unlike even once`)

// attrBoundaryWords may come right before a speaking subject.
var attrBoundaryWords = attrWordSet(`and but while as whereas although though because since when
after before so yet that then meanwhile also however indeed now thus once where`)

var attrParticles = attrWordSet(`al el bin ibn de da di del della der den van von la le du abu
bint ben dos das st mac ter ten`)

// attrAfterSpeaker may follow an inverted speaker: "…,” said Smith in a statement.
var attrAfterSpeaker = attrWordSet(`in on at during after before when while as from to with
late earlier last this yesterday today who`)

var attrPlaces = attrWordSet(`in from near across throughout inside outside into towards toward
via`)

var attrWeekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday, "sunday": time.Sunday}

var attrMonths = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
	"june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
	"december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

func attrIsWeekday(k string) bool { _, ok := attrWeekdays[k]; return ok }

// attrObjectVerbs take the listener as object: "told officials on Thursday".
var attrObjectVerbs = attrWordSet(`told tells urged assured warned reminded informed advised`)

// attrExpressed: "expressed concern" reports words; "expressed interest in buying" too.
var attrExpressed = attrWordSet(`concern concerns regret hope hopes confidence doubt doubts
surprise disappointment support opposition frustration optimism fears fear satisfaction
sympathy condolences gratitude thanks anger dismay alarm relief reservations`)

// attrDatePrep introduce the day a statement was made: "on May 31", "published May 31".
var attrDatePrep = attrWordSet(`on published dated released issued`)

var attrAdjunctPreps = attrWordSet(`on in at during after before late early from`)
var attrDateAdjunct = attrWordSet(`yesterday today tonight last this earlier morning afternoon
evening night week month year`)

var attrCompanyWords = attrWordSet(`company firm group corporation concern`)
var attrCorporate = attrWordSet(`co corp corporation inc ltd plc llc ag sa nv group company
holdings industries incorporated limited`)

var attrQuantifiers = attrWordSet(`both two three four five six seven eight nine ten many some
several all most few numerous various`)

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

// ---- quotations -------------------------------------------------------------

type attrSpan struct{ start, end, run int }

func attrIsOpenQuote(r rune) bool  { return r == '“' || r == '„' || r == '«' || r == '‟' }
func attrIsCloseQuote(r rune) bool { return r == '”' || r == '»' }

// attrQuotes marks the quoted byte spans of the sentences of one paragraph. Runs
// are numbered from *next; carry is the run left open by the previous paragraph,
// continued when this paragraph opens with a quotation mark. A closing mark with
// no opening one quotes everything back to the last closing mark (scrapes lose
// opening marks). It returns the run still open at the end, or -1.
func attrQuotes(texts []string, next *int, carry int) ([][]attrSpan, int) {
	spans := make([][]attrSpan, len(texts))
	add := func(k, s, e, run int) {
		if s >= e {
			return
		}
		if n := len(spans[k]); n > 0 && spans[k][n-1].run == run && spans[k][n-1].end >= s {
			if e > spans[k][n-1].end {
				spans[k][n-1].end = e
			}
			return
		}
		spans[k] = append(spans[k], attrSpan{s, e, run})
	}
	newRun := func() int { *next++; return *next - 1 }
	depth, run := 0, -1
	openAt := 0           // where the open run started
	freeK, freeAt := 0, 0 // just after the last closing mark
	first := true
	for k, t := range texts {
		if depth > 0 {
			openAt = 0
		}
		for i, r := range t {
			w := utf8.RuneLen(r)
			prev, _ := utf8.DecodeLastRuneInString(t[:i])
			nxt, _ := utf8.DecodeRuneInString(t[i+w:])
			atStart := i == 0
			isFirst := first
			if !unicode.IsSpace(r) {
				first = false
			}
			opening, closing := false, false
			switch {
			case attrIsOpenQuote(r):
				opening = true
			case attrIsCloseQuote(r):
				closing = true
			case r == '"':
				openLike := atStart || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
				closeLike := i+w == len(t) || unicode.IsSpace(nxt) || unicode.IsPunct(nxt)
				if depth == 0 {
					opening = openLike || !closeLike
					closing = !opening
				} else if openLike && !closeLike {
					continue // a quotation resumed after a break: still the same one
				} else {
					closing = true
				}
			default:
				continue
			}
			switch {
			case opening && depth == 0:
				depth = 1
				if isFirst && carry >= 0 {
					run = carry
				} else {
					run = newRun()
				}
				openAt = i
			case opening:
				depth++
			case closing && depth > 0:
				depth--
				if depth == 0 {
					add(k, openAt, i+w, run)
					freeK, freeAt = k, i+w
				}
			case closing:
				// Orphan closing mark: the opening one was lost.
				r0 := newRun()
				if freeK == 0 && freeAt == 0 && carry >= 0 {
					r0 = carry
				}
				for kk := freeK; kk <= k; kk++ {
					s, e := 0, len(texts[kk])
					if kk == freeK {
						s = freeAt
					}
					if kk == k {
						e = i + w
					}
					add(kk, s, e, r0)
				}
				freeK, freeAt = k, i+w
			}
		}
		if depth > 0 {
			add(k, openAt, len(t), run)
		}
	}
	if depth > 0 {
		return spans, run
	}
	return spans, -1
}

// attrSingleQuotes adds ‘…’ spans outside double quotations: an opening mark
// at the start of a word, closed by the next ’ that does not join two letters.
func attrSingleQuotes(t string, spans []attrSpan, next *int) []attrSpan {
	var extra []attrSpan
	si := 0 // spans are sorted by start
	open := -1
	for i := 0; i < len(t); {
		r, w := utf8.DecodeRuneInString(t[i:])
		for si < len(spans) && spans[si].end <= i {
			si++
		}
		inside := si < len(spans) && spans[si].start <= i
		switch {
		case inside:
		case r == '‘' && open < 0:
			prev, _ := utf8.DecodeLastRuneInString(t[:i])
			if i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/“\"", prev) {
				open = i
			}
		case r == '’' && open >= 0:
			n, _ := utf8.DecodeRuneInString(t[i+w:])
			if i+w == len(t) || !unicode.IsLetter(n) {
				extra = append(extra, attrSpan{open, i + w, *next})
				*next++
				open = -1
			}
		}
		i += w
	}
	if len(extra) == 0 {
		return spans
	}
	spans = append(spans, extra...)
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	return spans
}

// ---- tokens -----------------------------------------------------------------

type attrTok struct {
	text       string // as written
	key        string // folded, without a final period
	start, end int    // byte offsets in the sentence text
	kind       byte   // 'w' word, 'p' punctuation, 'q' quotation, 's' possessive 's
	cap        bool   // a word that starts with a capital letter
	run        int    // quotation run of a 'q' token
	words      int    // words inside a 'q' token
}

func (t attrTok) is(k string) bool { return t.kind == 'w' && t.key == k }
func (t attrTok) punct(p string) bool {
	return t.kind == 'p' && strings.Contains(p, t.text)
}

func attrIsQuoteRune(r rune) bool {
	return attrIsOpenQuote(r) || attrIsCloseQuote(r) || r == '"' || r == '‘' || r == '’' || r == '‹' || r == '›'
}

// attrTokens tokenizes t, each quoted span becoming one 'q' token; brackets are
// dropped so that "the [Russian] ministry" reads as "the Russian ministry".
func attrTokens(t string, spans []attrSpan) []attrTok {
	var toks []attrTok
	pos := 0
	for _, s := range spans {
		if s.start < pos {
			continue
		}
		toks = attrPlain(toks, t, pos, s.start)
		words := len(strings.FieldsFunc(t[s.start:s.end], func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
		}))
		if words > 0 {
			toks = append(toks, attrTok{text: t[s.start:s.end], start: s.start, end: s.end, kind: 'q', run: s.run, words: words})
		}
		pos = s.end
	}
	return attrPlain(toks, t, pos, len(t))
}

func attrPlain(toks []attrTok, t string, from, to int) []attrTok {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := from; i < to; {
		r, w := utf8.DecodeRuneInString(t[i:to])
		switch {
		case unicode.IsSpace(r) || r == '[' || r == ']' || attrIsQuoteRune(r) || r == '\u00ad':
			i += w
		case isWord(r):
			j := i + w
			for j < to {
				r2, w2 := utf8.DecodeRuneInString(t[j:to])
				if isWord(r2) {
					j += w2
					continue
				}
				if strings.ContainsRune("-'’.&", r2) && j+w2 < to {
					r3, _ := utf8.DecodeRuneInString(t[j+w2 : to])
					if isWord(r3) {
						j += w2
						continue
					}
				}
				break
			}
			word := t[i:j]
			// "Mr." and "U.S." keep their period.
			if j < to && t[j] == '.' {
				k := foldName(word)
				if attrTitles[k] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
					j++
					word = t[i:j]
				}
			}
			toks = append(toks, attrWordTok(word, i, j)...)
			i = j
		case r == '&':
			// "Transport & General Workers' Union", "Ernst & Young": part of a name.
			toks = append(toks, attrTok{text: "&", key: "&", start: i, end: i + w, kind: 'w', cap: true})
			i += w
		default:
			toks = append(toks, attrTok{text: string(r), key: string(r), start: i, end: i + w, kind: 'p'})
			i += w
		}
	}
	return toks
}

func attrWordTok(word string, s, e int) []attrTok {
	low := foldName(word)
	if strings.HasSuffix(low, "'s") && len(low) > 2 {
		cut := len(word) - len("'s")
		if strings.HasSuffix(word, "’s") || strings.HasSuffix(word, "’S") {
			cut = len(word) - len("’s")
		}
		return append(attrWordTok(word[:cut], s, s+cut),
			attrTok{text: word[cut:], key: "'s", start: s + cut, end: e, kind: 's'})
	}
	first, _ := utf8.DecodeRuneInString(word)
	cap := unicode.IsUpper(first)
	// "al-Assad": a lower-case particle joined to a capitalised name.
	if !cap {
		if k := strings.IndexByte(word, '-'); k > 0 && attrParticles[low[:k]] {
			r, _ := utf8.DecodeRuneInString(word[k+1:])
			cap = unicode.IsUpper(r)
		}
	}
	return []attrTok{{text: word, key: strings.TrimSuffix(low, "."), start: s, end: e, kind: 'w', cap: cap}}
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

func attrKeys(toks []attrTok) []string {
	var ks []string
	for _, t := range toks {
		if t.kind == 'w' {
			ks = append(ks, t.key)
		}
	}
	return ks
}

func (t attrTok) titleWord() bool {
	if t.kind != 'w' {
		return false
	}
	if attrTitles[t.key] || attrTitles[attrRoleBase(t.key)] {
		return true
	}
	// "Prof.Dr."
	if strings.Contains(t.key, ".") {
		for _, p := range strings.Split(t.key, ".") {
			if p != "" && !attrTitles[p] {
				return false
			}
		}
		return true
	}
	return false
}

// nameWord: a capitalised word that may be part of a name.
func (t attrTok) nameWord() bool {
	return t.kind == 'w' && t.cap && (!attrFunction[t.key] || len(t.text) > 1 && strings.ToUpper(t.text) == t.text && t.key != "i")
}

// attrAnalyze reads a noun phrase: determiner, title or description, name.
func attrAnalyze(np []attrTok) attrNP {
	if len(np) == 0 {
		return attrNP{}
	}
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
		if t.kind == 'w' && (t.key == "and" && !titled || attrQuantifiers[t.key]) {
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
	if len(comp) > 0 && len(head) > 0 && np[len(head)].key == "for" {
		switch head[len(head)-1].key {
		case "spokesman", "spokeswoman", "spokesperson", "official", "officials", "representative", "lawyer", "attorney", "source", "sources":
			if sub := attrAnalyze(comp); sub.kind == npName || sub.kind == npOrg {
				return sub
			}
		}
	}
	// A name closes the phrase: "Russian Foreign Minister Sergei Lavrov",
	// "Member of the … Council Prof.Dr. Andrey Manoylo".
	run := attrNameRun(np)
	if len(run) > 0 && len(run) < len(np) {
		// "the … center in Syria": a name after a connector is not the speaker;
		// "Democrat Lawton Chiles of Florida": the name is before it.
		if b := np[len(np)-len(run)-1]; b.kind == 'w' && !b.cap && (b.key == "of" || b.key == "for" || b.key == "in" || b.key == "at" || b.key == "the") {
			run = nil
			if len(comp) > 0 && (np[len(head)].key == "of" || np[len(head)].key == "from") {
				if r := attrNameRun(head); len(r) > 0 && !attrOrgHeads[head[len(head)-1].key] {
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
	hasCap := false
	var mods []string
	for _, t := range head[:len(head)-1] {
		if t.kind == 'w' {
			hasCap = hasCap || t.cap
			mods = append(mods, t.key)
		}
	}
	switch {
	case attrGeneric[last.key] && !last.cap:
		if last.key == "statement" || last.key == "report" {
			return attrNP{kind: npDesc, head: last.key, orgish: true, mods: mods}
		}
		return attrNP{kind: npGeneric}
	case attrOrgHeads[last.key]:
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
	case attrRole(last.key) || last.titleWord():
		if last.key == "spokesman" || last.key == "spokeswoman" || last.key == "spokesperson" {
			// "a KLM spokeswoman", "a Brazilian Wheat Board spokesman": the organisation
			// speaks; "a company spokesman": the company in focus.
			mod := head[:len(head)-1]
			allCap := len(mod) > 0
			for _, t := range mod {
				allCap = allCap && (t.cap || t.kind == 's' || t.kind == 'w' && attrParticles[t.key])
			}
			switch {
			case allCap && mod[len(mod)-1].kind != 's':
				return attrNP{kind: npOrg, name: attrOrgName(mod)}
			case len(mod) == 1 && mod[0].kind == 'w' && attrOrgHeads[mod[0].key]:
				return attrNP{kind: npDesc, head: mod[0].key, orgish: true}
			}
		}
		switch last.key {
		case "spokesman", "spokeswoman", "spokesperson", "official", "representative":
			if len(comp) > 0 {
				if sub := attrAnalyze(comp); sub.kind == npName || sub.kind == npOrg {
					return sub
				}
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
		name[k-1].kind == 'w' && (attrParticles[name[k-1].key] || k-1 > 0 && attrConnector[name[k-1].key] && name[k-2].cap)) {
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
		if i >= 2 && np[i-2].kind == 'w' && !np[i-2].cap && attrConnector[np[i-2].key] &&
			t.nameWord() && !t.titleWord() && !attrOrgHeads[t.key] && i < len(np) {
			// "Chancellor of the Exchequer Gordon Brown": a name may follow the
			// department of a title; "Institute for Humanistic Studies" holds none.
			if !attrTitleMods[t.key] {
				i = len(np)
			}
			break
		}
		if t.nameWord() && !t.titleWord() && !attrOrgHeads[t.key] {
			if attrTitleMods[t.key] && i-2 >= 0 {
				l := np[i-2]
				if l.titleWord() || l.kind == 'w' && (attrTitleMods[l.key] || l.key == "of" || l.key == "for") {
					break
				}
			}
			i--
			continue
		}
		if !t.cap && attrParticles[t.key] && i < len(np) {
			i--
			continue
		}
		break
	}
	run := np[i:]
	for len(run) > 0 && !run[0].cap {
		run = run[1:] // a name does not start with a particle
	}
	if len(run) == 1 && (attrGeneric[run[0].key] || attrRole(run[0].key) || attrVerbs[run[0].key]) {
		return nil // "Analysts said", "Police said"
	}
	return run
}

// attrRoleBase strips "co-", "vice-", "ex-", "deputy-" from a role word.
func attrRoleBase(k string) string {
	for _, p := range []string{"co-", "vice-", "ex-", "deputy-", "acting-", "joint-"} {
		if strings.HasPrefix(k, p) {
			return k[len(p):]
		}
	}
	return k
}

var attrConnector = attrWordSet(`of for the at in and`)

// attrDateWord: a month name used as a date ("in December", "May 5"), not a name.
func attrDateWord(toks []attrTok, j int) bool {
	t := toks[j]
	if t.kind != 'w' || attrMonths[t.key] == 0 || len(t.key) < 3 {
		return false
	}
	if j > 0 && toks[j-1].kind == 'w' && attrDateBefore[toks[j-1].key] {
		return true
	}
	if j+1 < len(toks) && toks[j+1].kind == 'w' && toks[j+1].text[0] >= '0' && toks[j+1].text[0] <= '9' {
		return true
	}
	return j > 0 && toks[j-1].kind == 'w' && toks[j-1].text[0] >= '0' && toks[j-1].text[0] <= '9'
}

var attrDateBefore = attrWordSet(`in on since until by last next early late mid from during of this
before after through till`)

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
		case !t.cap && (attrRole(t.key) || attrOrgHeads[t.key] || attrGeneric[t.key]) && !attrFunction[t.key]:
		case t.cap && attrQuantifiers[t.key], !t.cap && attrQuantifiers[t.key]:
		case t.key == "and" && j < e && j > 0 && right().cap && toks[j-1].nameWord():
		case !t.cap && attrParticles[t.key] && j < e && right().cap:
		case !t.cap && (t.key == "of" || t.key == "for" || t.key == "in" || t.key == "at") && j < e && j > 0:
			r := right()
			if !(r.cap || r.is("the") && j+2 <= e && toks[j+2].cap) {
				return j + 1
			}
			l := toks[j-1]
			if !(l.nameWord() || l.titleWord() || l.kind == 'w' && (attrRole(l.key) || attrOrgHeads[l.key] || attrGeneric[l.key])) {
				return j + 1
			}
		case !t.cap && !attrFunction[t.key] && j < e && attrModifierChain(toks, j+1, e):
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
		if attrRole(t.key) || attrOrgHeads[t.key] || attrGeneric[t.key] {
			return true
		}
		if attrFunction[t.key] {
			return false
		}
	}
	return false
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
		case !t.cap && (attrRole(t.key) || attrOrgHeads[t.key] || attrGeneric[t.key]) && !attrFunction[t.key]:
		case attrQuantifiers[t.key] && i == s:
		case !t.cap && attrParticles[t.key] && i+1 < len(toks) && toks[i+1].cap:
		case plural && t.key == "and" && i > s && i+1 < len(toks) && toks[i+1].cap:
		case !t.cap && (t.key == "of" || t.key == "for") && i > s && i+1 < len(toks) &&
			(toks[i+1].cap || toks[i+1].is("the") && i+2 < len(toks) && toks[i+2].cap):
		case !t.cap && !attrFunction[t.key] && attrModifierChain(toks, i, min(len(toks)-1, i+4)):
		default:
			return i
		}
		i++
	}
	return i
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
	name    string   // display form: the fullest seen
	keys    []string // folded words of name
	org     bool
	place   bool
	person  bool           // a title, a role or a pronoun pointed at it
	forms   map[string]int // names as written
	roles   map[string]bool
	role    string // the longest role seen
	seen    []int  // sentences (attrSent index) mentioning it
	pieces  map[int]bool
	speaker bool
}

type attribution struct {
	d     *Document
	ss    []*attrSent
	ents  []*attrEnt
	byKey map[string]int // joined folded keys of a form -> entity
	place map[string]bool
	next  int // quotation run numbering
}

func newAttribution(d *Document) *attribution {
	a := &attribution{d: d, byKey: map[string]int{}, place: map[string]bool{}}
	var para []*attrSent
	var texts []string
	carry := -1
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
					s.qWords += t.words
					s.maxQ = max(s.maxQ, t.words)
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
		s := &attrSent{i: i, para: sn.Para, piece: sn.Piece, kind: sn.Kind, speaker: -1, subj: -1, group: -1}
		if len(para) > 0 && para[0].para != s.para {
			flush()
		}
		para = append(para, s)
		texts = append(texts, sn.Text)
		a.ss = append(a.ss, s)
	}
	flush()
	return a
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
			if t.kind == 'w' && attrPlaces[t.key] && !t.cap && i+1 < len(toks) {
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
				t.kind == 'w' && !t.cap && attrRole(t.key)
			if !startable || i == 0 && t.cap && attrVerbs[t.key] || attrDateWord(toks, i) {
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
					if r.titleWord() || attrRole(r.key) {
						f.title = true
					}
				}
				// Appositive: "Ali Bakeer, an Ankara-based political analyst, said".
				if e+1 < len(toks) && toks[e].punct(",") && (toks[e+1].is("a") || toks[e+1].is("an") || toks[e+1].is("the")) {
					k := e + 1
					verb := false
					for k < len(toks) && !toks[k].punct(",.;:)") && toks[k].kind != 'q' {
						verb = verb || toks[k].kind == 'w' && !toks[k].cap && attrVerbs[toks[k].key]
						k++
					}
					// only a closed appositive without a verb of its own: not ", a KLM spokeswoman said in …"
					if app := toks[e+2 : k]; k < len(toks) && toks[k].punct(",)") && !verb && len(app) <= 14 {
						for _, r := range app {
							if r.kind == 'w' && !r.cap && attrRole(r.key) {
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
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return len(attrKeys(forms[order[x]].toks)) > len(attrKeys(forms[order[y]].toks)) })
	for _, fi := range order {
		f := forms[fi]
		id := a.entityFor(attrKeys(f.toks), f.org, len(attrKeys(f.toks)) > 1 || f.title)
		e := a.ents[id]
		e.forms[attrJoin(f.toks)]++
		e.seen = append(e.seen, f.sent)
		e.pieces[a.ss[f.sent].piece] = true
		if f.title {
			e.person = true
			rs := attrJoin(f.role)
			for _, r := range f.role {
				if r.kind == 'w' && !attrFunction[r.key] {
					e.roles[r.key] = true
				}
			}
			if attrRoleBetter(f.role, rs, e.role) {
				e.role = rs
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

var attrHonorifics = attrWordSet(`mr mrs ms miss mx dr sir dame lord lady prof professor rev`)

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
	var names []string
	for f := range e.forms {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		n := len(strings.Fields(f))
		if n > bestN || n == bestN && e.forms[f] > bestC {
			best, bestN, bestC = f, n, e.forms[f]
		}
	}
	if best != "" {
		e.name = best
		e.keys = strings.Fields(foldName(strings.ReplaceAll(best, "’s", "")))
	}
}

// entityFor finds or creates the entity for a name given as folded words.
// Multi-word names merge by surname and compatible given names ("Tayyip
// Erdogan" into "Recep Tayyip Erdoğan"); a lone surname joins the one person
// who bears it.
func (a *attribution) entityFor(keys []string, org, sure bool) int {
	joined := strings.Join(keys, " ")
	if id, ok := a.byKey[joined]; ok {
		return id
	}
	if !org {
		var cands []int
		for id, e := range a.ents {
			if !e.org && nameCompatible(keys, e.keys, false) {
				cands = append(cands, id)
			}
		}
		if len(cands) == 1 {
			a.byKey[joined] = cands[0]
			return cands[0]
		}
	}
	e := &attrEnt{name: joined, keys: keys, org: org, forms: map[string]int{}, roles: map[string]bool{}, pieces: map[int]bool{}}
	a.ents = append(a.ents, e)
	id := len(a.ents) - 1
	a.byKey[joined] = id
	return id
}

// lookupPerson finds the entity a name refers to in sentence si: the same
// full name, else the one person in the document it can be short for (in the
// same piece, the most recently named, when several are), allowing one typo in
// the surname of someone known to be a person ("Hennigsen").
func (a *attribution) lookupPerson(name []attrTok, si int) int {
	keys := attrKeys(name)
	if len(keys) == 0 {
		return -1
	}
	joined := strings.Join(keys, " ")
	id, ok := a.byKey[joined]
	if ok && len(a.ents[id].keys) > 1 {
		return id
	}
	var cands []int
	for _, fuzzy := range []bool{false, true} {
		for cid, e := range a.ents {
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
		if c := a.recent(cands, si); c >= 0 {
			return c
		}
	}
	if ok {
		return id
	}
	id = a.entityFor(keys, false, false)
	e := a.ents[id]
	e.forms[attrJoin(name)]++
	e.seen = append(e.seen, si)
	e.pieces[a.ss[si].piece] = true
	a.setName(e)
	return id
}

// recent picks among entities the one named last before sentence si in its
// piece; -1 when none of them is.
func (a *attribution) recent(cands []int, si int) int {
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

func givenMatch(a, b string) bool {
	a, b = strings.TrimSuffix(a, "."), strings.TrimSuffix(b, ".")
	if a == b {
		return true
	}
	if len(a) == 1 && strings.HasPrefix(b, a) || len(b) == 1 && strings.HasPrefix(a, b) {
		return true // an initial
	}
	if len(a) >= 4 && len(b) >= 4 && withinOneEdit(a, b) {
		return true
	}
	sa, sb := consonantSkeleton(a), consonantSkeleton(b)
	return len(sa) >= 3 && sa == sb
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
	joined := strings.Join(keys, " ")
	if id, ok := a.byKey[joined]; ok {
		return id
	}
	id := a.entityFor(keys, true, false)
	a.ents[id].forms[attrJoin(name)]++
	a.setName(a.ents[id])
	return id
}

// ---- resolution -------------------------------------------------------------

type attrCand struct {
	np       attrNP
	npStart  int
	npEnd    int // exclusive
	verb     int // -1 for "according to"
	rank     int
	appName  []attrTok // "The Shadow Secretary …, Theresa May, said": the name in the appositive
	relative bool
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
		var best *attrCand
		for k := range cands {
			c := &cands[k]
			if best == nil || c.rank < best.rank || c.rank == best.rank && c.npStart < best.npStart {
				best = c
			}
		}
		// The main subject, for "he" and for colon introductions.
		subjNP := attrNP{}
		if main < len(s.toks) {
			if e := attrNPForward(s.toks, main, true); e > main {
				subjNP = attrAnalyze(s.toks[main:e])
				if e < len(s.toks) && s.toks[e].kind == 'w' && s.toks[e].cap {
					subjNP = attrNP{} // not followed by a verb: not a subject
				}
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
		case s.subj >= 0 && !a.ents[s.subj].place:
			st.focus, st.focusSpoke = s.subj, s.subj == st.focus && st.focusSpoke
		case subjNP.kind == npGeneric && main < len(s.toks) && attrPluralPeople(s.toks[main:]):
			st.focus = -1
		}
		if unnamed && s.speaker < 0 {
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
		case t.kind == 'w' && attrIntroAdverbs[t.key]:
			i++
			continue
		case t.kind == 'w' && (attrFunction[t.key] && !attrQuantifiers[t.key] && t.key != "the" && t.key != "a" && t.key != "an" &&
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
	leadSub := len(toks) > 0 && toks[0].kind == 'w' && attrSubordinators[toks[0].key]
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
		if t.kind != 'w' || t.cap && t.key != "according" && !(v == 0 && attrVerbs[t.key]) {
			continue
		}
		switch {
		case attrVerbs[t.key] && attrVerbOK(toks, v):
			// "…,” said Kamal Alam, an analyst" / "…, said the ministry."
			c, ok := attrSubjectBefore(toks, v)
			if ok {
				c.rank = rankOf(c.npStart)
			}
			if (v == 0 || toks[v-1].kind == 'q' || toks[v-1].punct(",")) && v+1 < len(toks) && (!ok || c.np.kind == npGeneric) {
				e := attrNPForward(toks, v+1, true)
				if e > v+1 && (e == len(toks) || toks[e].punct(",.;:)") || toks[e].kind == 'w' && attrAfterSpeaker[toks[e].key]) {
					np := attrAnalyze(toks[v+1 : e])
					if np.kind != npNone && np.kind != npPronoun {
						c, ok = attrCand{np: np, npStart: v + 1, npEnd: e, verb: v, rank: rankOf(v)}, true
					}
				}
			}
			if ok {
				out = append(out, c)
			}
		case attrParticiples[t.key] && v > 0 && toks[v-1].punct(","):
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
			e := attrNPForward(toks, v+2, true)
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
			toks[v].key == "expressed" && next.kind == 'w' && (attrExpressed[next.key])
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
		case attrNegation[t.key] || attrModal[t.key]:
			return attrCand{}, false
		case attrBe[t.key]:
			return attrCand{}, false // "was told": the subject listens
		case !t.cap && (attrAux[t.key] || len(t.key) > 4 && strings.HasSuffix(t.key, "ly")):
			i--
			continue
		case attrIsWeekday(t.key):
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
		ok := b.kind == 'q' || b.punct(",;:—–-()") || b.kind == 'w' && attrBoundaryWords[b.key] ||
			b.kind == 'w' && s-1 == 0 && attrIntroAdverbs[b.key]
		if !ok && b.kind == 'w' && !b.cap && !attrFunction[b.key] && s+1 <= i && toks[s].cap && toks[s+1].cap {
			// "trade reprepresentative Clayton Yeutter said": an unknown title word.
			ok = !attrVerbs[b.key] && !strings.HasSuffix(b.key, "ed")
		}
		if !ok {
			return attrCand{}, false
		}
	}
	np := attrAnalyze(toks[s : i+1])
	if np.kind == npNone {
		return attrCand{}, false
	}
	if np.kind == npName || np.kind == npOrg {
		appName = nil // "Rep. Joe Barton, R-Texas, said": the appositive is not the name
	}
	return attrCand{np: np, npStart: s, npEnd: i + 1, verb: v, appName: appName, relative: relative}, true
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
	var cands []int
	for id, e := range a.ents {
		if !fits(e) {
			continue
		}
		for _, at := range e.seen {
			if at <= si && a.ss[at].piece == a.ss[si].piece {
				cands = append(cands, id)
				break
			}
		}
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return -1
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
		for id, e := range a.ents {
			if !e.org && !e.place && (e.person || e.speaker) && (len(e.keys) > 1 || e.person) && nameCompatible(keys, e.keys, false) {
				return a.lookupPerson(np.name, si)
			}
			_ = id
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
		a.addHeadline(s, id, toks[segStart].start, toks[end-1].end)
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
					a.addHeadline(s, id, 0, toks[len(toks)-1].end)
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

// ---- dates ------------------------------------------------------------------

// saidDate reads when a statement was made from the words around its verb:
// "said on Friday", "told … yesterday", "In an interview published May 31, X
// said", "last month", relative to the date of the piece.
func (a *attribution) saidDate(s *attrSent, c *attrCand) Date {
	pd := a.d.Pieces[s.piece].Date
	if pd.IsZero() {
		return Date{}
	}
	toks := s.toks
	from := c.npStart
	if c.rank == 0 && c.npStart == attrMainStart(toks) {
		from = attrDateline(toks) // an introductory phrase dates the saying
	}
	if c.verb < 0 {
		return Date{}
	}
	to := c.verb + 1
	// Adjuncts after the verb: its object for verbs that take one, then
	// prepositional phrases and date words, up to the reported clause.
	takesObject := attrObjectVerbs[toks[c.verb].key]
	k := c.verb + 1
	if takesObject {
		// the listener: "told reporters", "told a joint news conference"
		for n := 0; k < len(toks) && n < 5 && toks[k].kind == 'w' && !toks[k].is("that") &&
			!attrDateAdjunct[toks[k].key] && !attrIsWeekday(toks[k].key) && !attrAdjunctPreps[toks[k].key]; n++ {
			k++
		}
	}
	// Only adjuncts: "on Friday", "during a briefing on Friday", "in a statement", "yesterday".
	for k < len(toks) {
		t := toks[k]
		if t.kind != 'w' {
			break
		}
		if attrDateAdjunct[t.key] || attrIsWeekday(t.key) || attrMonths[t.key] != 0 && t.cap || unicode.IsDigit(rune(t.text[0])) {
			k++
			continue
		}
		if attrAdjunctPreps[t.key] && !t.cap {
			k++
			// the preposition's object: a short noun phrase
			for n := 0; k < len(toks) && n < 4 && toks[k].kind == 'w' && !attrAdjunctPreps[toks[k].key] &&
				(!attrFunction[toks[k].key] || toks[k].key == "the" || toks[k].key == "a" || toks[k].key == "an" || attrIsWeekday(toks[k].key) || attrDateAdjunct[toks[k].key]); n++ {
				k++
			}
			continue
		}
		break
	}
	to = max(to, k)
	return attrDateIn(toks[from:to], pd)
}

func attrDateIn(toks []attrTok, pd Date) Date {
	base := pd.Time()
	for i, t := range toks {
		if t.kind != 'w' {
			continue
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].key
		}
		nextTok := attrTok{}
		if i+1 < len(toks) {
			nextTok = toks[i+1]
		}
		if wd, ok := attrWeekdays[t.key]; ok && pd.Day != 0 {
			back := (int(base.Weekday()) - int(wd) + 7) % 7
			if prev == "last" && back == 0 {
				back = 7
			}
			t2 := base.AddDate(0, 0, -back)
			return Date{t2.Year(), int(t2.Month()), t2.Day()}
		}
		switch t.key {
		case "yesterday":
			if pd.Day != 0 {
				t2 := base.AddDate(0, 0, -1)
				return Date{t2.Year(), int(t2.Month()), t2.Day()}
			}
		case "today":
			if pd.Day != 0 {
				return pd
			}
		case "month":
			if pd.Month != 0 && (prev == "last" || prev == "this") {
				t2 := time.Date(pd.Year, time.Month(pd.Month), 1, 0, 0, 0, 0, time.UTC)
				if prev == "last" {
					t2 = t2.AddDate(0, -1, 0)
				}
				return Date{Year: t2.Year(), Month: int(t2.Month())}
			}
		case "year":
			if prev == "last" {
				return Date{Year: pd.Year - 1}
			}
			if prev == "this" {
				return Date{Year: pd.Year}
			}
		}
		if m, ok := attrMonths[t.key]; ok && t.cap && pd.Month != 0 {
			day := 0
			if !attrDatePrep[prev] && !(i >= 2 && attrDatePrep[toks[i-2].key]) {
				continue // "in the year to March 21" dates something else
			}
			if n, err := strconv.Atoi(nextTok.key); err == nil && n >= 1 && n <= 31 {
				day = n
			} else if n, err := strconv.Atoi(prev); err == nil && n >= 1 && n <= 31 {
				day = n
			}
			if day == 0 {
				continue
			}
			y := pd.Year
			if m > pd.Month || m == pd.Month && pd.Day != 0 && day > pd.Day {
				y--
			}
			return Date{y, m, day}
		}
	}
	return Date{}
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
	if len(d.Sentences) == 0 {
		return nil
	}
	a := newAttribution(d)
	a.entities()
	roles := map[string]string{}
	for _, st := range d.Statements {
		if _, ok := roles[st.Speaker]; ok {
			continue
		}
		keys := strings.Fields(foldName(st.Speaker))
		role := ""
		for _, e := range a.ents {
			if e.role != "" && (strings.Join(e.keys, " ") == strings.Join(keys, " ") || !e.org && nameCompatible(keys, e.keys, false)) {
				if len(e.role) > len(role) {
					role = e.role
				}
			}
		}
		roles[st.Speaker] = role
	}
	return roles
}

// attrRole reports a word naming what a person is ("minister", "co-chairman").
func attrRole(k string) bool { return attrRoleNouns[k] || attrRoleNouns[attrRoleBase(k)] }
