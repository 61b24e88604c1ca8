package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/corpus"
)

// Intent is what a question asks for.
type Intent int

const (
	Search   Intent = iota // any sentence that answers it
	Said                   // what an actor said, optionally about a topic
	WhoSaid                // who said something: answered with the speaker
	WhenSaid               // when an actor said something: answered with the date
)

func (i Intent) String() string {
	return [...]string{"search", "said", "who-said", "when-said"}[i]
}

// MaxQuestion is the longest question accepted, in characters: longer ones are
// pasted articles, not questions, and would only slow every other user down.
const MaxQuestion = 1000

// Question is a parsed question.
type Question struct {
	Text   string // the question with odd spaces folded and control characters dropped
	Intent Intent
	Actor  string // the actor as typed, for Said and WhenSaid, and for "X on Y" (which may not be an actor)
	Topic  string // what the answer must be about
	// Loose is set for "X on Y": X is an actor only when the registry knows it.
	Loose bool
	// Problem, when set, is why the question cannot be searched, said to the user.
	Problem string
}

var speechVerbs = `say|said|says|tell|told|tells|state|stated|claim|claimed|warn|warned|think|thought|stress|stressed|argue|argued|suggest|suggested|announce|announced|report|reported|write|wrote|mean|meant`

var (
	// "what did X say about Y", "what has X said on Y", "what did X tell Z about Y"
	saidRe = regexp.MustCompile(`(?i)^(?:so\s+)?what\s+(?:did|does|do|has|have|had|is|was)\s+(.+?)\s+(?:been\s+)?(?:` + speechVerbs + `)\b\s*(.*)$`)
	// "who said Y"
	whoRe = regexp.MustCompile(`(?i)^who\s+(?:has\s+|had\s+|have\s+)?(?:` + speechVerbs + `)\b\s*(.*)$`)
	// "when did X say Y"
	whenRe = regexp.MustCompile(`(?i)^when\s+(?:did|does|has|had|was)\s+(.+?)\s+(?:` + speechVerbs + `)\b\s*(.*)$`)
	// "X on Y", "X about Y": only an actor when the registry says so
	onRe = regexp.MustCompile(`(?i)^([^\s].{0,60}?)\s+(?:on|about|regarding)\s+(.+)$`)
	// leading words that join the topic to the verb: "about", "to Putin about", "that"
	topicLeadRe    = regexp.MustCompile(`(?i)^(?:(?:about|on|of|regarding|concerning|over|that|in|to|with|the\s+subject\s+of)\s+)+`)
	questionWordRe = regexp.MustCompile(`(?i)^(?:what|who|whom|whose|when|where|why|how|which|is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\b`)
)

// ParseQuestion reads a question typed by a user.
func ParseQuestion(s string) Question {
	q := Question{Text: normalizeQuestion(s)}
	switch {
	case q.Text == "":
		q.Problem = "The question is empty: ask something like “what did Lavrov say about Nusra?”."
		return q
	case utf8.RuneCountInString(q.Text) > MaxQuestion:
		q.Problem = "The question is too long (over 1,000 characters): ask it in a sentence or two."
		return q
	case !hasLetterOrDigit(q.Text):
		q.Problem = "The question has no words to search for: ask it in words."
		return q
	}
	t := strings.TrimRight(q.Text, "?!. ")
	if m := whoRe.FindStringSubmatch(t); m != nil && strings.TrimSpace(m[1]) != "" {
		q.Intent, q.Topic = WhoSaid, cleanTopic(m[1])
		return q
	}
	if m := whenRe.FindStringSubmatch(t); m != nil && cleanActor(m[1]) != "" {
		q.Intent, q.Actor, q.Topic = WhenSaid, cleanActor(m[1]), cleanTopic(m[2])
		return q
	}
	if m := saidRe.FindStringSubmatch(t); m != nil && cleanActor(m[1]) != "" {
		q.Intent, q.Actor, q.Topic = Said, cleanActor(m[1]), cleanTopic(m[2])
		return q
	}
	if m := onRe.FindStringSubmatch(t); m != nil && cleanActor(m[1]) != "" && !questionWordRe.MatchString(m[1]) && len(strings.Fields(m[1])) <= 4 {
		q.Intent, q.Actor, q.Topic, q.Loose = Said, cleanActor(m[1]), cleanTopic(m[2]), true
		return q
	}
	return q
}

func cleanTopic(s string) string {
	return strings.TrimSpace(topicLeadRe.ReplaceAllString(strings.TrimSpace(s), ""))
}

// cleanActor drops the article and possessive forms users type around a name.
func cleanActor(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	return strings.TrimSpace(s)
}

// normalizeQuestion folds every run of spaces (NBSP and other odd ones
// included) to one space, as the corpus folds sentences, and drops control
// characters a paste can carry.
func normalizeQuestion(s string) string {
	return corpus.FoldSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, " ")))
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
