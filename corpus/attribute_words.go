package corpus

import (
	"strings"
	"time"
)

// ---- vocabulary -------------------------------------------------------------

// The attribution knows English, not the corpus: these are closed classes
// (function words, speech verbs) and open but generic ones (titles, office and
// organisation nouns). A name of a person, place or organisation never belongs here.

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
singer actor actress presenter host writer novelist musician rapper producer sheriff detective
constable magistrate`)

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
philosopher spokesperson president-elect sheriff detective constable magistrate developer engineer
programmer entrepreneur biologist ecologist physicist chemist astronomer psychologist
epidemiologist virologist physician drummer guitarist photographer filmmaker artist`)

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
commentators journalists voters students officers police reporters authorities investigators
prosecutors rescuers medics paramedics firefighters organisers organizers demonstrators villagers
neighbours neighbors relatives families friends colleagues parents children delegates
representatives spokespeople scholars historians campaigners hackers employees`)

// attrFunction are words that cannot be part of a name even when capitalised.
var attrFunction = attrWordSet(`the a an and but or nor so yet for of in on at to by with from as
if when while after before since because although though whereas unless until despite during
following under over without within between among against about into onto upon meanwhile
however moreover furthermore indeed instead thus therefore hence still also then now today
yesterday tomorrow earlier later separately this that these those it its it's their his her our
my your both many some most several other another each every all such even only just not no what
why how who whom whose which where here there one i we he she they you me us him them last next
monday tuesday wednesday thursday friday saturday sunday speaking responding asked according
incidentally additionally finally overall again once asked like unlike given amid afterwards
afterward actually did does was were is are has have had could should would shall must`)

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

var attrDateBefore = attrWordSet(`in on since until by last next early late mid from during of this
before after through till`)

var attrHonorifics = attrWordSet(`mr mrs ms miss mx dr sir dame lord lady prof professor rev`)

// attrSentenceAdverbs open a sentence and never start a name: "Afterwards Trump
// visited" is Trump. attrAdverbSuffixes catch the rest of their kind.
var attrSentenceAdverbs = attrWordSet(`afterwards afterward actually apparently basically besides
certainly clearly consequently currently eventually evidently fortunately unfortunately frankly
generally hopefully importantly interestingly ironically likewise luckily naturally notably
obviously otherwise perhaps personally possibly presumably previously recently reportedly
seemingly similarly specifically subsequently surely surprisingly thereafter typically ultimately
usually initially originally alternatively accordingly admittedly anyway elsewhere nowadays
sometimes often occasionally soon shortly already nonetheless nevertheless regardless conversely
additionally finally overall meanwhile however indeed moreover furthermore thus therefore hence
instead still also then now today yesterday tomorrow tonight earlier later separately again once
lastly incidentally overnight together so but and yet or`)

var attrAdverbSuffixes = []string{"ally", "ently", "antly", "ously", "ively", "ately", "edly",
	"ingly", "fully", "ably", "ibly", "ily", "wards"}

// attrVoiceNouns speak for someone: "a spokesman for X" and "X's spokesman"
// both give X's words. Other nouns do not ("X's lawyer", "X's critics",
// "officials at X" speak for themselves).
var attrVoiceNouns = attrWordSet(`spokesman spokeswoman spokesperson spokesmen spokeswomen
spokespeople representative`)

// attrDocNouns are what someone writes or publishes: "the WHO's report" gives
// the WHO's words, as "the report said" gives its author's.
var attrDocNouns = attrWordSet(`statement statements report reports data figures statistics
projection projections estimate estimates survey poll study analysis website tweet tweets filing
announcement letter schedule account records count tally forecast release communique`)

// attrRelational nouns say how someone relates to another, not what they are:
// "his Russian counterpart Vladimir Putin" gives Putin no role.
var attrRelational = attrWordSet(`counterpart counterparts colleague predecessor successor rival
opponent ally friend wife husband son daughter brother sister father mother`)

// attrRelativeWords make a description out of a role: "the only candidate
// wearing a facemask" says what someone did, not what they are.
var attrRelativeWords = attrWordSet(`only sole other same another youngest oldest`)

// attrGenericNoun: a noun for unnamed speakers, or the plural of a role
// ("Prosecutors", "analysts").
func attrGenericNoun(k string) bool {
	if attrGeneric[k] {
		return true
	}
	for _, suf := range []string{"s", "es"} {
		if b, ok := strings.CutSuffix(k, suf); ok && len(b) > 2 && attrRole(b) {
			return true
		}
	}
	return k == "men" || strings.HasSuffix(k, "men") && attrRole(strings.TrimSuffix(k, "men")+"man")
}

// attrRole reports a word naming what a person is ("minister", "co-chairman").
func attrRole(k string) bool { return attrRoleNouns[k] || attrRoleNouns[attrRoleBase(k)] }

// ---- token vocabulary -------------------------------------------------------

// attrVoc is the set of vocabulary classes a token's key belongs to, found
// once when the token is made (attrVocOf): the attribution asks about each
// token many times, and a bit test costs far less than a map lookup.
type attrVoc uint64

const (
	vAdjunctPreps    attrVoc = 1 << iota // attrAdjunctPreps
	vAfterSpeaker                        // attrAfterSpeaker
	vAux                                 // attrAux
	vBe                                  // attrBe
	vBoundaryWords                       // attrBoundaryWords
	vConnector                           // attrConnector
	vDateAdjunct                         // attrDateAdjunct
	vDateBefore                          // attrDateBefore
	vDatePrep                            // attrDatePrep
	vDocNouns                            // attrDocNouns
	vExpressed                           // attrExpressed
	vFunction                            // attrFunction
	vGeneric                             // attrGeneric
	vIntroAdverbs                        // attrIntroAdverbs
	vModal                               // attrModal
	vNegation                            // attrNegation
	vObjectVerbs                         // attrObjectVerbs
	vOrgHeads                            // attrOrgHeads
	vParticiples                         // attrParticiples
	vParticles                           // attrParticles
	vPlaces                              // attrPlaces
	vQuantifiers                         // attrQuantifiers
	vRelational                          // attrRelational
	vRelativeWords                       // attrRelativeWords
	vSentenceAdverbs                     // attrSentenceAdverbs
	vSubordinators                       // attrSubordinators
	vTitleMods                           // attrTitleMods
	vTitles                              // attrTitles
	vVerbs                               // attrVerbs
	vVoiceNouns                          // attrVoiceNouns
	vRoleNouns                           // attrRoleNouns
	vMonths                              // attrMonths
	vWeekdays                            // attrWeekdays
	vRole                                // attrRole(key)
	vTitleWord                           // attrTok.titleWord of a word with this key

	// vVocabulary is attrVocabulary.
	vVocabulary = vTitles | vTitleMods | vRole | vOrgHeads | vGeneric | vVerbs | vParticiples | vMonths | vParticles
)

// attrVocSets are the word sets behind the bits that are plain membership.
var attrVocSets = []struct {
	set map[string]bool
	bit attrVoc
}{
	{attrAdjunctPreps, vAdjunctPreps},
	{attrAfterSpeaker, vAfterSpeaker},
	{attrAux, vAux},
	{attrBe, vBe},
	{attrBoundaryWords, vBoundaryWords},
	{attrConnector, vConnector},
	{attrDateAdjunct, vDateAdjunct},
	{attrDateBefore, vDateBefore},
	{attrDatePrep, vDatePrep},
	{attrDocNouns, vDocNouns},
	{attrExpressed, vExpressed},
	{attrFunction, vFunction},
	{attrGeneric, vGeneric},
	{attrIntroAdverbs, vIntroAdverbs},
	{attrModal, vModal},
	{attrNegation, vNegation},
	{attrObjectVerbs, vObjectVerbs},
	{attrOrgHeads, vOrgHeads},
	{attrParticiples, vParticiples},
	{attrParticles, vParticles},
	{attrPlaces, vPlaces},
	{attrQuantifiers, vQuantifiers},
	{attrRelational, vRelational},
	{attrRelativeWords, vRelativeWords},
	{attrSentenceAdverbs, vSentenceAdverbs},
	{attrSubordinators, vSubordinators},
	{attrTitleMods, vTitleMods},
	{attrTitles, vTitles},
	{attrVerbs, vVerbs},
	{attrVoiceNouns, vVoiceNouns},
	{attrRoleNouns, vRoleNouns},
}

// attrVocab holds the membership bits of every word of attrVocSets, attrMonths and attrWeekdays.
var attrVocab = func() map[string]attrVoc {
	m := map[string]attrVoc{}
	for _, s := range attrVocSets {
		for w := range s.set {
			m[w] |= s.bit
		}
	}
	for w := range attrMonths {
		m[w] |= vMonths
	}
	for w := range attrWeekdays {
		m[w] |= vWeekdays
	}
	return m
}()

// attrVocOf returns the classes of key: its memberships, and attrRole and
// titleWord, which also read it through attrRoleBase and its dotted parts.
func attrVocOf(key string) attrVoc {
	v := attrVocab[key]
	if v&vRoleNouns != 0 {
		v |= vRole
	}
	if v&vTitles != 0 {
		v |= vTitleWord
	}
	if strings.IndexByte(key, '-') > 0 { // every prefix attrRoleBase strips ends in one
		if b := attrRoleBase(key); b != key {
			bv := attrVocab[b]
			if bv&vRoleNouns != 0 {
				v |= vRole
			}
			if bv&vTitles != 0 {
				v |= vTitleWord
			}
		}
	}
	if v&vTitleWord == 0 && strings.IndexByte(key, '.') >= 0 && attrTitleKey(key) {
		v |= vTitleWord
	}
	return v
}

func (t attrTok) in(v attrVoc) bool { return t.voc&v != 0 }
