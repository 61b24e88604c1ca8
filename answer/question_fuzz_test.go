package answer

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseQuestion checks question parsing on any input (go test -run XXX
// -fuzz FuzzParseQuestion ./answer/), seeded with the team's questions: no
// panic; the text folded as promised; a problem, or else searchable text with
// an actor and a topic taken from it.
func FuzzParseQuestion(f *testing.F) {
	for _, q := range evalQuestions(f) {
		f.Add(q)
	}
	for _, q := range []string{
		"", "   ", "???", "🙂🙂", "what did Lavrov say about Nusra?", "Lavrov on Nusra", "who said",
		"when did 's say x", "What did  the\u00a0Kremlin\u200b tell Erdoğan about Syria's integrity?!",
		"title:foo AND bar OR -baz~2 \"quoted\" +must ^boost", "what did what say about what", "\xff\xfe bad \x00 bytes",
		strings.Repeat("what did Putin say about ", 60),
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuestion(s)
		if !utf8.ValidString(q.Text) || strings.HasPrefix(q.Text, " ") || strings.HasSuffix(q.Text, " ") ||
			strings.Contains(q.Text, "  ") {
			t.Fatalf("Text %q: not folded", q.Text)
		}
		for _, r := range q.Text {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r != ' ' && unicode.IsSpace(r) {
				t.Fatalf("Text %q keeps %q", q.Text, r)
			}
		}
		if again := ParseQuestion(q.Text); again != q {
			t.Fatalf("parsing the parsed text again gives %+v, not %+v", again, q)
		}
		_ = q.Intent.String()
		if q.Problem != "" {
			return
		}
		if q.Text == "" || utf8.RuneCountInString(q.Text) > MaxQuestion || !hasLetterOrDigit(q.Text) {
			t.Fatalf("%q accepted", q.Text)
		}
		if !strings.Contains(q.Text, q.Actor) || !strings.Contains(q.Text, q.Topic) {
			t.Fatalf("actor %q or topic %q is not from %q", q.Actor, q.Topic, q.Text)
		}
		if (q.Intent == Said || q.Intent == WhenSaid) && q.Actor == "" {
			t.Fatalf("%q: %v without an actor", q.Text, q.Intent)
		}
		if q.Intent == Search && (q.Actor != "" || q.Topic != "") {
			t.Fatalf("%q: a search with actor %q, topic %q", q.Text, q.Actor, q.Topic)
		}
	})
}
