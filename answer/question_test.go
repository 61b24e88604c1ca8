package answer

import (
	"strings"
	"testing"
)

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		in      string
		intent  Intent
		actor   string
		topic   string
		loose   bool
		problem bool
	}{
		{in: "what did Lavrov say about Nusra?", intent: Said, actor: "Lavrov", topic: "Nusra"},
		{in: "What has Erdoğan said on the S-400?", intent: Said, actor: "Erdoğan", topic: "the S-400"},
		{in: "What did Erdogan tell Putin about Syria's territorial integrity?", intent: Said, actor: "Erdogan", topic: "Putin about Syria's territorial integrity"},
		{in: "what did the Russian Foreign Ministry say", intent: Said, actor: "the Russian Foreign Ministry"},
		{in: "Who said the Turkish leadership has crossed the line?", intent: WhoSaid, topic: "the Turkish leadership has crossed the line"},
		{in: "When did Lavrov say that the deadline was about to expire?", intent: WhenSaid, actor: "Lavrov", topic: "the deadline was about to expire"},
		{in: "Lavrov on Nusra", intent: Said, actor: "Lavrov", topic: "Nusra", loose: true},
		{in: "How many Turkish soldiers were killed near al-Bab?", intent: Search},
		{in: "Which jets did Putin and Erdogan inspect at the airshow?", intent: Search},
		{in: "What is the capital of Australia?", intent: Search},
		{in: "   ", problem: true},
		{in: "???", problem: true},
		{in: "🙂🙂", problem: true},
		{in: strings.Repeat("war ", 2600), problem: true},
	}
	for _, tt := range tests {
		q := ParseQuestion(tt.in)
		if (q.Problem != "") != tt.problem {
			t.Errorf("%.40q: problem %q, want problem=%v", tt.in, q.Problem, tt.problem)
			continue
		}
		if tt.problem {
			continue
		}
		if q.Intent != tt.intent || q.Actor != tt.actor || q.Topic != tt.topic && tt.intent != Search || q.Loose != tt.loose {
			t.Errorf("%q: got %v actor %q topic %q loose %v, want %v %q %q %v", tt.in, q.Intent, q.Actor, q.Topic, q.Loose, tt.intent, tt.actor, tt.topic, tt.loose)
		}
	}
}

func TestNormalizeQuestion(t *testing.T) {
	in := "what\u00a0did \u200bLavrov\r\n  say\x00?"
	if got, want := normalizeQuestion(in), "what did Lavrov say?"; got != want {
		t.Errorf("normalizeQuestion = %q, want %q", got, want)
	}
}
