package bot

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/retrieval"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line    string
		want    Request
		wantErr bool
	}{
		{"what did Lavrov say about Nusra?", Request{Command: CmdAsk, Question: "what did Lavrov say about Nusra?"}, false},
		{"/ask what did Lavrov say?", Request{Command: CmdAsk, Question: "what did Lavrov say?"}, false},
		{"/ASK  spaced ", Request{Command: CmdAsk, Question: "spaced"}, false},
		{"/statements Lavrov about=Nusra since=2016-01-01", Request{Command: CmdStatements, Actor: "Lavrov", About: "Nusra", Since: "2016-01-01"}, false},
		{"/statements Sergei Lavrov about=Nusra Front until=2016 page=2", Request{Command: CmdStatements, Actor: "Sergei Lavrov", About: "Nusra Front", Until: "2016", Page: 2}, false},
		{`/statements actor="Sergei Lavrov" about="the ceasefire"`, Request{Command: CmdStatements, Actor: "Sergei Lavrov", About: "the ceasefire"}, false},
		{"/statements about=“curly quotes” Lavrov", Request{Command: CmdStatements, About: "curly quotes Lavrov"}, false},
		{"/statements Lavrov colour=red", Request{}, true},
		{"/statements Lavrov page=zero", Request{}, true},
		{`/statements "unclosed`, Request{}, true},
		{"/actors", Request{Command: CmdActors}, false},
		{"/actors 3", Request{Command: CmdActors, Page: 3}, false},
		{"/actors page=2", Request{Command: CmdActors, Page: 2}, false},
		{"/actors x", Request{}, true},
		{"/source 001_x.txt 12", Request{Command: CmdSource, Doc: "001_x.txt", Sentence: 12}, false},
		{"/source my file.txt 0", Request{Command: CmdSource, Doc: "my file.txt", Sentence: 0}, false},
		{"/source 001_x.txt", Request{}, true},
		{"/source 001_x.txt -1", Request{}, true},
		{"/reload", Request{Command: CmdReload}, false},
		{"/help", Request{Command: CmdHelp}, false},
		{"/frobnicate", Request{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLine(tt.line)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseLine(%q) error %v, want error %v", tt.line, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLine(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestChat(t *testing.T) {
	ctx := context.Background()
	store, _, err := retrieval.OpenStore(ctx, t.TempDir(), copyCorpus(t, "testdata/corpus"), retrieval.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	eng := answer.New(store)
	question := "what did Varga say about the northern harbour?"
	in := strings.Join([]string{
		"/help",
		question,
		"/statements Varga",
		"/next",
		"/prev",
		"/statements Varga since=yesterday",
		"/bogus",
		"",
		"/quit",
		"/help",
	}, "\n")
	var out strings.Builder
	if err := Chat(ctx, eng, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()

	a, err := eng.Ask(ctx, question, 0)
	if err != nil || len(a.Items) == 0 {
		t.Fatalf("the engine cites nothing for %q (%v); the test needs citations", question, err)
	}
	st, err := eng.Statements(ctx, answer.StatementsQuery{Actor: "Varga"})
	if err != nil || len(st.Items) <= statementsPerPage {
		t.Fatalf("the engine finds %d statements by Varga (%v); the test needs more than a page", len(st.Items), err)
	}
	pages := (len(st.Items) + statementsPerPage - 1) / statementsPerPage
	for _, want := range []string{
		"/statements actor [about] [since] [until]",
		"# " + question,
		cites(a.Items)[0].Line,
		cites(st.Items)[0].Line,
		cites(st.Items)[statementsPerPage].Line,
		fmt.Sprintf("page 1 of %d: /next", pages),
		fmt.Sprintf("page 2 of %d: /prev", pages),
		"! since: \"yesterday\" is not a date",
		"! unknown command /bogus",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("chat output lacks %q", want)
		}
	}
	if strings.Count(got, "corpusbot: the corpus, cited") != 1 {
		t.Errorf("want /help answered once (input after /quit ignored):\n%s", got)
	}
	if strings.Contains(got, `\*`) || strings.Contains(got, `\_`) {
		t.Error("the terminal output carries Markdown escapes")
	}
}

func TestConfigHidesToken(t *testing.T) {
	cfg := Config{Token: "SECRET", GuildID: "1"}
	var logs strings.Builder
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "cfg", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%v", &cfg), logs.String()} {
		if strings.Contains(s, "SECRET") || !strings.Contains(s, "1") {
			t.Errorf("config shown as %q", s)
		}
	}
}
