package retrieval

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

const irregularName = "corpusbot_irregular_en"

// irregularFilter replaces the past forms of English irregular verbs by their
// base form ("began" and "begun" by "begin"), which the stemmer then treats
// like every other form of the verb: Snowball stems suffixes, so without this
// "began" would never find "begins".
type irregularFilter struct{ base map[string]string }

func newIrregularFilter(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return irregularFilter{irregularVerbs}, nil
}

func (f irregularFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if b, ok := f.base[string(t.Term)]; ok {
			t.Term = []byte(b)
		}
	}
	return input
}

// irregularVerbs maps past tense and past participle to base form. Left out:
// forms that are as often another word ("left", "ground", "bound", "wound",
// "fed" for the Fed, "bit", "born", "lay" as the past of lie), and verbs whose
// base is a stop word (be, have, do), which the analysis drops anyway. "found"
// is taken as the past of find: "founded" still stems to "found".
var irregularVerbs = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregularTable, "\n") {
		f := strings.Fields(line)
		for _, form := range f[min(1, len(f)):] {
			if form != f[0] {
				m[form] = f[0]
			}
		}
	}
	return m
}()

// irregularTable: base form, then past forms, one verb a line.
const irregularTable = `arise arose arisen
awake awoke awoken
beat beaten
become became
begin began begun
bend bent
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
cling clung
come came
creep crept
deal dealt
dig dug
draw drew drawn
dream dreamt
drink drank drunk
drive drove driven
dwell dwelt
eat ate eaten
fall fell fallen
feel felt
fight fought
find found
flee fled
fling flung
fly flew flown
forbid forbade forbidden
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
forsake forsook forsaken
freeze froze frozen
get got gotten
give gave given
go went gone
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
kneel knelt
know knew known
lay laid
lead led
lean leant
leap leapt
learn learnt
lend lent
lie lain
light lit
lose lost
make made
mean meant
meet met
mislead misled
mistake mistook mistaken
overcome overcame
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid
rebuild rebuilt
retake retook retaken
rewrite rewrote rewritten
ride rode ridden
ring rang rung
rise rose risen
run ran
say said
see saw seen
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
slay slew slain
sleep slept
slide slid
speak spoke spoken
spend spent
spin spun
spit spat
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
stride strode stridden
strike struck stricken
strive strove striven
swear swore sworn
sweep swept
swell swollen
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
tread trod trodden
undergo underwent undergone
understand understood
undertake undertook undertaken
uphold upheld
wake woke woken
wear wore worn
weave wove woven
weep wept
win won
withdraw withdrew withdrawn
withhold withheld
write wrote written`
