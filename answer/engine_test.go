package answer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/retrieval"
)

const corpusDir = "../../shared/corpus"

// engine opens one index of the team corpus for the package's tests.
func engine(t *testing.T) *Engine {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Fatalf("the team corpus must sit at %s: %v", corpusDir, err)
	}
	st, _, err := retrieval.OpenStore(context.Background(), filepath.Join(t.TempDir(), "index"), corpusDir, retrieval.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(st)
}

func TestAskAnswers(t *testing.T) {
	eng := engine(t)
	ctx := context.Background()
	tests := []struct {
		question string
		source   string // the first item's source
		contains string // text the first item holds
		speaker  string // the first item's speaker, when it must be a statement
		date     string // the first item's date
		reply    string // text the reply holds
	}{
		{question: "what did Lavrov say about Nusra?", source: "003_14aab2ef61291580.txt", contains: "Nusra", speaker: "Sergey Lavrov", date: "2016-06-04"},
		{question: "What did Hollande say about the strikes against Daesh?", source: "000_a3c09a034ca9f054.txt", contains: "The strikes against Daesh", speaker: "Francois Hollande"},
		{question: "How many Turkish soldiers were killed near al-Bab?", source: "004_50bc96e38ec6e41a.txt", contains: "Three Turkish soldiers were killed"},
		{question: "Where did Russian paratroopers disembark?", source: "003_14aab2ef61291580.txt", contains: "port of Tartus", date: "2016-06-03"},
		{question: "Who said the Turkish leadership has crossed the line?", contains: "crossed the line", speaker: "Sergey Lavrov", reply: "Sergey Lavrov"},
		{question: "When did Toner say Russia should distinguish the terrorist groups?", contains: "carefully distinguish", speaker: "Mark Toner", date: "2016-06-03", reply: "2016-06-03"},
		{question: "Erdoğan on the territorial integrity of Syria", contains: "territorial integrity", speaker: "Recep Tayyip Erdoğan"},
		{question: `"Lavrov" AND (Nusra OR ~Turkey)^2 +al-Nusra`, source: "003_14aab2ef61291580.txt", contains: "Nusra"},
	}
	for _, tt := range tests {
		a, err := eng.Ask(ctx, tt.question, 5)
		if err != nil {
			t.Fatalf("%q: %v", tt.question, err)
		}
		if !a.Answered || len(a.Items) == 0 {
			t.Errorf("%q: not answered: %q", tt.question, a.Reply)
			continue
		}
		it := a.Items[0]
		if tt.source != "" && it.Source != tt.source {
			t.Errorf("%q: first source %s, want %s", tt.question, it.Source, tt.source)
		}
		if !strings.Contains(it.Text, tt.contains) {
			t.Errorf("%q: first answer %q does not hold %q", tt.question, it.Text, tt.contains)
		}
		if tt.speaker != "" && it.Speaker != tt.speaker {
			t.Errorf("%q: speaker %q, want %q", tt.question, it.Speaker, tt.speaker)
		}
		if tt.date != "" && it.Date.String() != tt.date {
			t.Errorf("%q: date %q, want %q", tt.question, it.Date, tt.date)
		}
		if !strings.Contains(a.Reply, tt.reply) {
			t.Errorf("%q: reply %q does not hold %q", tt.question, a.Reply, tt.reply)
		}
		for i, it := range a.Items {
			if it.N != i+1 || it.Source == "" || it.End <= it.Start || it.Copies < 1 {
				t.Errorf("%q: item %d malformed: %+v", tt.question, i, it)
			}
		}
	}
}

func TestAskSaidOnlyTheirStatements(t *testing.T) {
	eng := engine(t)
	a, err := eng.Ask(context.Background(), "What did Lavrov say about Turkey?", 10)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Answered {
		t.Fatalf("not answered: %s", a.Reply)
	}
	for _, it := range a.Items {
		if it.Speaker != "Sergey Lavrov" {
			t.Errorf("item by %q, want only Lavrov's statements: %s", it.Speaker, it.Text)
		}
	}
	if a.Items[0].Text == "Lavrov: Turkey “Crossed Line”; Erdogan: Russia “Playing With Fire”" {
		t.Errorf("a headline is cited before the sentences it sums up")
	}
}

func TestAskDeclines(t *testing.T) {
	eng := engine(t)
	for _, q := range []string{
		"What is the capital of Australia?",
		"What did Angela Merkel say about refugees in Greece?",
		"Who won the football world cup?",
		"What did Putin eat for breakfast?",
		"",
		"what is the",
		"+-&|!(){}[]^\"~*?:\\/",
		strings.Repeat("Turkey ", 2000),
		"🙂🙂🙂",
	} {
		a, err := eng.Ask(context.Background(), q, 5)
		if err != nil {
			t.Fatalf("%.40q: %v", q, err)
		}
		if a.Answered || len(a.Items) > 0 {
			t.Errorf("%.40q: answered with %d items, want a plain no", q, len(a.Items))
		}
		if a.Reply == "" {
			t.Errorf("%.40q: declined without saying why", q)
		}
	}
}

func TestAskMergesCopiesAndCapsDocuments(t *testing.T) {
	eng := engine(t)
	// 003 carries the Tartus paragraph twice, verbatim.
	a, err := eng.Ask(context.Background(), "Russian paratroopers Tartus volunteers Syrian army", 10)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	perDoc := map[string]int{}
	copies := 0
	for _, it := range a.Items {
		key := strings.Join(wordsOf(it.Text), " ")
		if seen[key] {
			t.Errorf("sentence cited twice: %s", it.Text)
		}
		seen[key] = true
		perDoc[it.Source]++
		copies = max(copies, it.Copies)
	}
	if copies < 2 {
		t.Errorf("no citation counts the repeated paragraph's copies")
	}
	for doc, n := range perDoc {
		if n > perDocument {
			t.Errorf("%s cited %d times, cap %d", doc, n, perDocument)
		}
	}
}

func TestAskAddsContextToFragments(t *testing.T) {
	eng := engine(t)
	a, err := eng.Ask(context.Background(), "What did Ozcan say about Turkey withdrawing its troops from Idlib?", 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range a.Items {
		if strings.HasPrefix(it.Text, "Next month’s Ankara meeting") {
			if it.Speaker != "Nihat Ali Ozcan" {
				t.Errorf("speaker %q", it.Speaker)
			}
			return
		}
	}
	t.Errorf("the statement ending in “he added” was not found: %+v", a.Items)
}

func TestNeedsContext(t *testing.T) {
	tests := []struct {
		s             string
		before, after bool
	}{
		{"He added that the talks would go on.", true, false},
		{"“Turkey can’t totally stop this game.”", false, false},
		{"The President indicated that the US had helped by passing on details:", false, true},
		{"“Russia is doing this in patches. Every couple of months it launches an attack.", false, true},
		{"not to play with fire”.", true, false},
		{"Three Turkish soldiers were killed.", false, false},
	}
	for _, tt := range tests {
		b, a := needsContext(tt.s)
		if b != tt.before || a != tt.after {
			t.Errorf("needsContext(%q) = %v, %v; want %v, %v", tt.s, b, a, tt.before, tt.after)
		}
	}
}

func TestStatements(t *testing.T) {
	eng := engine(t)
	ctx := context.Background()
	all, err := eng.Statements(ctx, StatementsQuery{Actor: "lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Actor != "Sergey Lavrov" || len(all.Items) < 5 {
		t.Fatalf("statements of lavrov: actor %q, %d items, reply %q", all.Actor, len(all.Items), all.Reply)
	}
	for i := 1; i < len(all.Items); i++ {
		if all.Items[i-1].Date.Compare(all.Items[i].Date) > 0 {
			t.Errorf("not oldest first: %s before %s", all.Items[i-1].Date, all.Items[i].Date)
		}
	}
	about, err := eng.Statements(ctx, StatementsQuery{Actor: "Lavrov", About: "Nusra"})
	if err != nil {
		t.Fatal(err)
	}
	if len(about.Items) == 0 || len(about.Items) >= len(all.Items) {
		t.Errorf("about Nusra kept %d of %d statements", len(about.Items), len(all.Items))
	}
	for _, it := range about.Items {
		if !strings.Contains(strings.ToLower(it.Text), "nusra") {
			t.Errorf("statement about Nusra without Nusra: %s", it.Text)
		}
	}
	since, err := eng.Statements(ctx, StatementsQuery{Actor: "Lavrov", Since: all.Items[len(all.Items)-1].Date})
	if err != nil {
		t.Fatal(err)
	}
	if len(since.Items) == 0 || len(since.Items) > len(all.Items) {
		t.Errorf("since filter kept %d of %d", len(since.Items), len(all.Items))
	}
	for _, q := range []StatementsQuery{{Actor: "Angela Merkel"}, {Actor: ""}} {
		res, err := eng.Statements(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Actor != "" || len(res.Items) > 0 || res.Reply == "" {
			t.Errorf("%q: want a plain no, got %+v", q.Actor, res)
		}
	}
}

func TestCompleteActorAndSource(t *testing.T) {
	eng := engine(t)
	ctx := context.Background()
	got := eng.CompleteActor(ctx, "erdo", 25)
	if len(got) == 0 || got[0] != "Recep Tayyip Erdoğan" {
		t.Errorf("CompleteActor(erdo) = %q", got)
	}
	if n := len(eng.CompleteActor(ctx, "", 25)); n == 0 || n > 25 {
		t.Errorf("CompleteActor(\"\") gave %d names", n)
	}
	a, err := eng.Ask(ctx, "Which jets did Putin and Erdogan inspect at the airshow?", 1)
	if err != nil || len(a.Items) == 0 {
		t.Fatalf("ask: %v %+v", err, a)
	}
	p, err := eng.Source(ctx, a.Items[0].Source, a.Items[0].Sentence)
	if err != nil {
		t.Fatal(err)
	}
	if p.Sentence != a.Items[0].Text || !strings.Contains(p.Paragraph, p.Sentence) {
		t.Errorf("passage %+v does not hold the cited sentence", p)
	}
	if _, err := eng.Source(ctx, "no/such.txt", 0); err == nil {
		t.Errorf("Source of an unknown document did not fail")
	}
}
