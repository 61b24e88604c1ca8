package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/retrieval"
)

const testToken = "test-token.SECRET-never-logged"

// sharedCorpus is the team corpus, as the repository's CI sees it.
const sharedCorpus = "../../shared/corpus"

// copyCorpus builds a corpus in a temporary directory from the team corpus
// and this package's fixtures, so that a test may change it.
func copyCorpus(t *testing.T, dirs ...string) string {
	t.Helper()
	dst := t.TempDir()
	for _, dir := range append([]string{sharedCorpus}, dirs...) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			copyFile(t, filepath.Join(dir, e.Name()), filepath.Join(dst, e.Name()))
		}
	}
	return dst
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// gates let a test hold a command at its start (see Bot.hook) until released.
type gates struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

func (g *gates) hold(key string) (release func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]chan struct{}{}
	}
	ch := make(chan struct{})
	g.m[key] = ch
	return sync.OnceFunc(func() { close(ch) })
}

func (g *gates) hook(ctx context.Context, req Request) {
	key := req.Question
	if req.Command == CmdReload {
		key = "/reload"
	}
	g.mu.Lock()
	ch := g.m[key]
	g.mu.Unlock()
	if ch != nil {
		select {
		case <-ch:
		case <-ctx.Done():
		}
	}
	if strings.Contains(req.Question, "please panic") {
		panic("test panic: " + req.Question)
	}
}

type harness struct {
	f      *fakeDiscord
	bot    *Bot
	eng    *answer.Engine
	corpus string
	logs   *lockedBuffer
	gates  *gates
	users  atomic.Int64
	stop   func()
}

// startBot runs a real Bot over a real index of corpusDir against a fake Discord.
func startBot(t *testing.T, corpusDir string, cfg Config) *harness {
	t.Helper()
	ctx := context.Background()
	store, _, err := retrieval.OpenStore(ctx, t.TempDir(), corpusDir, retrieval.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h := &harness{f: newFakeDiscord(t, testToken), eng: answer.New(store), corpus: corpusDir, logs: &lockedBuffer{}, gates: &gates{}}
	cfg.Token = testToken
	cfg.Logger = slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.bot, err = New(cfg, h.eng)
	if err != nil {
		t.Fatal(err)
	}
	h.bot.session.Client = h.f.client()
	h.bot.session.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	h.bot.hook = h.gates.hook

	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		err := h.bot.Run(runCtx)
		if err != nil {
			h.f.violate("Run: %v", err)
		}
		done <- err
	}()
	if cfg.ShardID > 0 {
		// Only shard 0 registers: wait for the bot to say it is ready.
		for deadline := time.Now().Add(15 * time.Second); !strings.Contains(h.logs.String(), "discord: ready"); {
			if time.Now().After(deadline) {
				t.Fatalf("shard %d: not ready after 15 s; logs:\n%s", cfg.ShardID, h.logs.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	h.f.waitFor(t, "command registration", func() bool {
		if len(h.f.violations) > 0 || cfg.ShardID > 0 {
			return true
		}
		for _, r := range h.f.requests {
			if r.Method == "PUT" {
				return true
			}
		}
		return false
	})
	h.f.mu.Lock()
	failed := h.f.violations
	h.f.mu.Unlock()
	if len(failed) > 0 {
		t.Fatalf("fake discord: %v", failed)
	}
	h.stop = sync.OnceFunc(func() {
		cancel()
		<-done
		h.f.checkClean(t)
		if logs := h.logs.String(); strings.Contains(logs, "SECRET") {
			t.Errorf("the bot token reached the log:\n%s", logs)
		}
	})
	t.Cleanup(h.stop)
	return h
}

// user returns a new user id, so that tests do not share rate-limit buckets.
func (h *harness) user() string { return strconv.FormatInt(5000+h.users.Add(1), 10) }

func (h *harness) slash(t *testing.T, name string, options ...any) reply {
	t.Helper()
	return h.f.answer(t, h.f.interact(interaction{Type: 2, Data: command(name, options...), User: h.user()}))
}

func (h *harness) click(t *testing.T, customID string) reply {
	t.Helper()
	return h.f.answer(t, h.f.interact(interaction{Type: 3, User: h.user(),
		Data:    map[string]any{"custom_id": customID, "component_type": 2},
		Message: map[string]any{"id": "7000", "channel_id": "2000", "content": ""}}))
}

// public checks that r answered in public with one embed.
func public(t *testing.T, r reply) payload {
	t.Helper()
	if r.Final.ephemeral() || len(r.Final.Embeds) != 1 {
		t.Fatalf("want a public answer with one embed, got ephemeral %v, %d embeds, content %q (route %s)",
			r.Final.ephemeral(), len(r.Final.Embeds), r.Final.Content, r.Route)
	}
	return r.Final
}

// private checks that r refused or failed privately, and returns what it said.
func private(t *testing.T, r reply) string {
	t.Helper()
	if !r.Final.ephemeral() || r.Final.Content == "" {
		t.Fatalf("want an ephemeral note, got flags %d content %q, %d embeds", r.Final.Flags, r.Final.Content, len(r.Final.Embeds))
	}
	return r.Final.Content
}

// checkCites checks that every item the engine cites is in the answer,
// escaped, with its citation line and Show context button.
func checkCites(t *testing.T, p payload, items []answer.Item) {
	t.Helper()
	desc := p.Embeds[0].Description
	buttons := p.buttons()
	for _, c := range cites(items) {
		if !strings.Contains(desc, escape(c.Text)) {
			t.Errorf("citation [%d] text missing:\n%q\nin\n%s", c.N, escape(c.Text), desc)
		}
		if !strings.Contains(desc, escape(c.Line)) {
			t.Errorf("citation line missing: %q", escape(c.Line))
		}
		label := fmt.Sprintf("Show context [%d]", c.N)
		if id, _ := encodeID(Request{Command: CmdSource, Doc: c.Doc, Sentence: c.Sentence}); buttons[label] != id {
			t.Errorf("button %q = %q, want %q", label, buttons[label], id)
		}
	}
}

// TestDiscordShard runs the bot as the second of two shards: it identifies as
// such, leaves the commands to shard 0, and answers what its gateway sends.
func TestDiscordShard(t *testing.T) {
	h := startBot(t, copyCorpus(t, "testdata/corpus"), Config{ShardID: 1, ShardCount: 2})
	h.f.mu.Lock()
	ids := h.f.identifies
	h.f.mu.Unlock()
	if len(ids) != 1 || !slices.Equal(ids[0].Shard, []int{1, 2}) {
		t.Fatalf("IDENTIFYs %+v, want one with shard [1 2]", ids)
	}
	if puts := h.f.requestsTo("PUT", "/api/v9/applications/"); len(puts) != 0 {
		t.Errorf("shard 1 registered the commands: %+v", puts)
	}
	public(t, h.slash(t, CmdHelp))

	for _, cfg := range []Config{{ShardID: 2, ShardCount: 2}, {ShardID: -1}, {ShardCount: -2}} {
		cfg.Token = testToken
		if _, err := New(cfg, h.eng); err == nil {
			t.Errorf("shard %d of %d accepted", cfg.ShardID, cfg.ShardCount)
		}
	}
}

func TestDiscord(t *testing.T) {
	h := startBot(t, copyCorpus(t, "testdata/corpus"), Config{GuildID: "3000", RateBurst: 3, RateEvery: time.Hour})
	f, ctx := h.f, context.Background()

	t.Run("identify", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.identifies) != 1 {
			t.Fatalf("%d IDENTIFYs, want 1", len(f.identifies))
		}
		if got, want := f.identifies[0].Intents, 1<<9|1<<12; got != want {
			t.Errorf("intents %b, want %b (guild messages, direct messages; nothing privileged)", got, want)
		}
	})

	t.Run("register", func(t *testing.T) {
		puts := f.requestsTo("PUT", "/api/v9/applications/")
		if len(puts) != 1 || puts[0].Path != "/api/v9/applications/1000/guilds/3000/commands" {
			t.Fatalf("registration requests %+v, want one PUT to the guild's commands", puts)
		}
		var cmds []struct {
			Name                     string  `json:"name"`
			DefaultMemberPermissions *string `json:"default_member_permissions"`
			Contexts                 []int   `json:"contexts"`
			Options                  []struct {
				Name         string `json:"name"`
				Required     bool   `json:"required"`
				Autocomplete bool   `json:"autocomplete"`
			} `json:"options"`
		}
		if err := json.Unmarshal(puts[0].Body, &cmds); err != nil {
			t.Fatal(err)
		}
		byName := map[string]int{}
		for i, c := range cmds {
			byName[c.Name] = i
		}
		for _, name := range []string{CmdAsk, CmdStatements, CmdActors, CmdSource, CmdReload, CmdHelp} {
			if _, ok := byName[name]; !ok {
				t.Errorf("command /%s not registered", name)
			}
		}
		if len(cmds) != 6 {
			t.Errorf("%d commands registered, want 6", len(cmds))
		}
		reload := cmds[byName[CmdReload]]
		if reload.DefaultMemberPermissions == nil || *reload.DefaultMemberPermissions != "32" || len(reload.Contexts) != 1 {
			t.Errorf("/reload: default_member_permissions %v, contexts %v; want \"32\" (Manage Server), guild only",
				reload.DefaultMemberPermissions, reload.Contexts)
		}
		st := cmds[byName[CmdStatements]]
		if len(st.Options) != 4 || st.Options[0].Name != "actor" || !st.Options[0].Required || !st.Options[0].Autocomplete {
			t.Errorf("/statements options %+v, want actor (required, autocomplete), about, since, until", st.Options)
		}
	})

	var askReply payload
	question := "What did Varga say about the northern harbour?"
	t.Run("ask", func(t *testing.T) {
		r := h.slash(t, CmdAsk, "question", question)
		want, err := h.eng.Ask(ctx, question, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Items) == 0 {
			t.Fatalf("the engine cites nothing for %q; the test needs citations", question)
		}
		askReply = public(t, r)
		if askReply.Embeds[0].Title != escape(question) {
			t.Errorf("title %q, want the question", askReply.Embeds[0].Title)
		}
		checkCites(t, askReply, want.Items)
		if !strings.Contains(askReply.Embeds[0].Description, "900\\_varga.txt") {
			t.Errorf("no citation of the fixture file in\n%s", askReply.Embeds[0].Description)
		}
	})

	t.Run("show context button", func(t *testing.T) {
		id := askReply.buttons()["Show context [1]"]
		if id == "" {
			t.Fatal("no Show context button on the answer")
		}
		req, _ := decodeID(id)
		p, err := h.eng.Source(ctx, req.Doc, req.Sentence)
		if err != nil {
			t.Fatal(err)
		}
		r := h.click(t, id)
		if (r.Type != 4 && r.Type != 5) || !r.Final.ephemeral() || len(r.Final.Embeds) != 1 {
			t.Fatalf("context reply: type %d, flags %d, %d embeds; want a new private embed", r.Type, r.Final.Flags, len(r.Final.Embeds))
		}
		e := r.Final.Embeds[0]
		if !strings.Contains(e.Description, "**"+escape(p.Sentence)+"**") {
			t.Errorf("the cited sentence is not bold in its paragraph:\n%s", e.Description)
		}
		if e.Footer == nil || !strings.Contains(e.Footer.Text, req.Doc) {
			t.Errorf("footer %+v does not cite %s", e.Footer, req.Doc)
		}
	})

	t.Run("statements pages", func(t *testing.T) {
		want, err := h.eng.Statements(ctx, answer.StatementsQuery{Actor: "Varga"})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Items) <= statementsPerPage {
			t.Fatalf("the engine finds %d statements by Varga; the test needs more than a page", len(want.Items))
		}
		pages := (len(want.Items) + statementsPerPage - 1) / statementsPerPage
		first := public(t, h.slash(t, CmdStatements, "actor", "varga"))
		checkCites(t, first, want.Items[:statementsPerPage])
		if footer := first.Embeds[0].Footer; footer == nil || footer.Text != fmt.Sprintf("Page 1 of %d", pages) {
			t.Errorf("footer %+v, want Page 1 of %d", footer, pages)
		}
		next := first.buttons()["Next ▶"]
		if next == "" || first.buttons()["◀ Prev"] != "" {
			t.Fatalf("page 1 buttons %v: want Next only", first.buttons())
		}
		r := h.click(t, next)
		if r.Type != 7 && r.Type != 6 {
			t.Fatalf("Next: callback type %d, want 7 or 6 (update the message)", r.Type)
		}
		second := public(t, r)
		checkCites(t, second, want.Items[statementsPerPage:min(2*statementsPerPage, len(want.Items))])
		if second.Embeds[0].Footer.Text != fmt.Sprintf("Page 2 of %d", pages) || second.buttons()["◀ Prev"] == "" {
			t.Errorf("page 2: footer %q, buttons %v", second.Embeds[0].Footer.Text, second.buttons())
		}
	})

	t.Run("statements bad input", func(t *testing.T) {
		if msg := private(t, h.slash(t, CmdStatements, "actor", "Varga", "since", "last week")); !strings.Contains(msg, "since") {
			t.Errorf("bad date: %q does not say which option is wrong", msg)
		}
		r := public(t, h.slash(t, CmdStatements, "actor", "Nobody Whatsoever Zzyzx"))
		if len(r.buttons()) != 0 || r.Embeds[0].Description == "" {
			t.Errorf("unknown actor: %q", r.Embeds[0].Description)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		for _, prefix := range []string{"varg", ""} {
			data := command(CmdStatements, "actor", prefix)
			data["options"].([]map[string]any)[0]["focused"] = true
			r := f.answer(t, f.interact(interaction{Type: 4, Data: data, User: h.user()}))
			want := h.eng.CompleteActor(ctx, prefix, maxChoices)
			if r.Type != 8 || len(r.Choices) != len(want) || len(r.Choices) > 25 {
				t.Fatalf("autocomplete %q: type %d, %d choices, want %d (<= 25)", prefix, r.Type, len(r.Choices), len(want))
			}
			if prefix != "" && (len(want) == 0 || !strings.Contains(strings.ToLower(r.Choices[0].Value), "varga")) {
				t.Errorf("autocomplete %q: %+v, want Varga first", prefix, r.Choices)
			}
		}
	})

	t.Run("actors", func(t *testing.T) {
		p := public(t, h.slash(t, CmdActors))
		actors := h.eng.Actors(ctx)
		if len(actors) == 0 || !strings.Contains(p.Embeds[0].Description, escape(actorRow(actors[0]))) {
			t.Errorf("actors list %q lacks the first actor", p.Embeds[0].Description)
		}
	})

	t.Run("source", func(t *testing.T) {
		req, _ := decodeID(askReply.buttons()["Show context [1]"])
		p := public(t, h.slash(t, CmdSource, "document", req.Doc, "sentence", req.Sentence))
		if p.Embeds[0].Footer == nil || !strings.Contains(p.Embeds[0].Footer.Text, fmt.Sprintf("sentence %d", req.Sentence)) {
			t.Errorf("source footer %+v", p.Embeds[0].Footer)
		}
		if msg := private(t, h.slash(t, CmdSource, "document", "no-such-file.txt", "sentence", 3)); !strings.Contains(msg, "No such passage") {
			t.Errorf("unknown document: %q", msg)
		}
	})

	t.Run("help", func(t *testing.T) {
		p := public(t, h.slash(t, CmdHelp))
		for _, c := range []string{"/ask", "/statements", "/actors", "/source", "/reload"} {
			if !strings.Contains(p.Embeds[0].Description, c) {
				t.Errorf("help does not mention %s", c)
			}
		}
	})

	t.Run("reload refused", func(t *testing.T) {
		r := f.answer(t, f.interact(interaction{Type: 2, Data: command(CmdReload), User: h.user(), Perms: 1 << 11}))
		if msg := private(t, r); !strings.Contains(msg, "Only moderators") {
			t.Errorf("refusal %q", msg)
		}
		r = f.answer(t, f.interact(interaction{Type: 2, Data: command(CmdReload), User: h.user(), DM: true}))
		private(t, r)
	})

	t.Run("markdown and mention injection", func(t *testing.T) {
		q := "@everyone **now** <@42> [x](http://y) what about Varga?"
		p := public(t, h.slash(t, CmdAsk, "question", q))
		title := p.Embeds[0].Title
		for _, want := range []string{"@\u200beveryone", `\*\*now\*\*`, `\<@42\>`, `\[x\]\(http://y\)`} {
			if !strings.Contains(title, want) {
				t.Errorf("title %q lacks %q", title, want)
			}
		}
	})

	t.Run("mention and DM", func(t *testing.T) {
		u := h.user()
		f.push("MESSAGE_CREATE", map[string]any{"id": "8001", "channel_id": "4001", "guild_id": "3000",
			"author": map[string]any{"id": u, "username": "u"}, "content": "what did Varga say about the harbour?", "mentions": []any{}})
		f.push("MESSAGE_CREATE", map[string]any{"id": "8002", "channel_id": "4000", "guild_id": "3000",
			"author": map[string]any{"id": u, "username": "u"}, "content": "<@1000> " + question,
			"mentions": []any{map[string]any{"id": "1000", "username": "corpusbot"}}})
		f.push("MESSAGE_CREATE", map[string]any{"id": "8003", "channel_id": "5000",
			"author": map[string]any{"id": h.user(), "username": "v"}, "content": "/actors"})
		f.push("MESSAGE_CREATE", map[string]any{"id": "8004", "channel_id": "5001",
			"author": map[string]any{"id": "1000", "username": "corpusbot", "bot": true}, "content": "my own message"})
		f.waitFor(t, "replies to the mention and the DM", func() bool {
			n := 0
			for _, r := range f.requests {
				if r.Path == "/api/v9/channels/4000/messages" || r.Path == "/api/v9/channels/5000/messages" {
					n++
				}
			}
			return n == 2
		})
		got := f.channelMessages("4000")[0]
		if got.MessageReference == nil || got.MessageReference.MessageID != "8002" || len(got.Embeds) != 1 {
			t.Fatalf("mention reply %+v: want a reply to message 8002 with an embed", got)
		}
		want, _ := h.eng.Ask(ctx, question, 0)
		checkCites(t, got, want.Items)
		if dm := f.channelMessages("5000")[0]; len(dm.Embeds) != 1 || dm.Embeds[0].Title != "Actors" {
			t.Errorf("DM /actors reply %+v", dm)
		}
		if n := len(f.channelMessages("4001")) + len(f.channelMessages("5001")); n != 0 {
			t.Errorf("%d replies to messages that did not mention the bot or came from it", n)
		}
	})

	t.Run("panic recovered", func(t *testing.T) {
		if msg := private(t, h.slash(t, CmdAsk, "question", "please panic now")); msg != "⚠️ "+escape(msgBroken) {
			t.Errorf("after a panic the user got %q", msg)
		}
		if !strings.Contains(h.logs.String(), "test panic") {
			t.Error("the panic was not logged")
		}
		public(t, h.slash(t, CmdAsk, "question", question))
	})

	t.Run("rate limit", func(t *testing.T) {
		u := h.user()
		var ids []string
		for range 4 {
			ids = append(ids, f.interact(interaction{Type: 2, Data: command(CmdHelp), User: u}))
		}
		limited := 0
		for _, id := range ids {
			if r := f.answer(t, id); r.Final.ephemeral() {
				if !strings.Contains(r.Final.Content, "faster than I can answer") {
					t.Errorf("rate limit message %q", r.Final.Content)
				}
				limited++
			}
		}
		if limited != 1 {
			t.Errorf("%d of 4 commands refused with a burst of 3, want 1", limited)
		}
	})

	t.Run("gateway drop and resume", func(t *testing.T) {
		f.drop()
		r := h.slash(t, CmdAsk, "question", question) // pushed while down: replayed on RESUME
		public(t, r)
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.resumes != 1 || len(f.identifies) != 1 {
			t.Errorf("after a drop: %d resumes, %d identifies; want 1 and 1", f.resumes, len(f.identifies))
		}
	})

	t.Run("burst of 200", func(t *testing.T) {
		var ids []string
		for i := range 200 {
			var data map[string]any
			switch i % 4 {
			case 0:
				data = command(CmdAsk, "question", fmt.Sprintf("what did Varga say about the harbour? (%d)", i))
			case 1:
				data = command(CmdStatements, "actor", "Varga", "about", "harbour")
			case 2:
				data = command(CmdActors)
			case 3:
				data = command(CmdHelp)
			}
			ids = append(ids, f.interact(interaction{Type: 2, Data: data, User: h.user()}))
		}
		for _, id := range ids {
			public(t, f.answer(t, id))
		}
	})

	h.stop()
}

func TestDiscordReload(t *testing.T) {
	dir := copyCorpus(t, "testdata/corpus")
	// DeferAfter is short here, so that answers take the deferred route.
	h := startBot(t, dir, Config{ModeratorRoles: []string{"7777"}, DeferAfter: 20 * time.Millisecond, RateBurst: -1})
	f, ctx := h.f, context.Background()
	moderator := interaction{Type: 2, Data: command(CmdReload), Roles: []string{"7777"}}
	question := "What did the marmalade cartel deny?"

	t.Run("global registration", func(t *testing.T) {
		puts := f.requestsTo("PUT", "/api/v9/applications/")
		if len(puts) != 1 || puts[0].Path != "/api/v9/applications/1000/commands" {
			t.Fatalf("registration %+v, want one global PUT", puts)
		}
	})

	t.Run("slow answer defers", func(t *testing.T) {
		release := h.gates.hold("slow question about Varga")
		id := f.interact(interaction{Type: 2, Data: command(CmdAsk, "question", "slow question about Varga"), User: h.user()})
		f.waitFor(t, "the deferral", func() bool { return f.replies[id].Type != 0 })
		f.mu.Lock()
		early := *f.replies[id]
		f.mu.Unlock()
		if early.Type != 5 || early.Done {
			t.Fatalf("before the work finished: callback %d, answered %v; want a deferral (5)", early.Type, early.Done)
		}
		release()
		r := f.answer(t, id)
		if r.Route != "edit" {
			t.Fatalf("answered by %s, want an edit of the original response", r.Route)
		}
		public(t, r)
	})

	t.Run("panic after deferral", func(t *testing.T) {
		release := h.gates.hold("please panic later")
		id := f.interact(interaction{Type: 2, Data: command(CmdAsk, "question", "please panic later"), User: h.user()})
		f.waitFor(t, "the deferral", func() bool { return f.replies[id].Type == 5 })
		release()
		r := f.answer(t, id)
		if msg := private(t, r); r.Route != "followup" || !strings.Contains(msg, "went wrong") {
			t.Errorf("panic after deferral: route %s, %q", r.Route, msg)
		}
		f.waitFor(t, "the thinking message deleted", func() bool {
			reqs := f.replies[id].Requests
			return len(reqs) > 0 && reqs[len(reqs)-1] == "DELETE"
		})
	})

	t.Run("reload swaps the corpus while answering", func(t *testing.T) {
		before, err := h.eng.Ask(ctx, question, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range before.Items {
			if it.Source == "901_marmalade.txt" {
				t.Fatal("the new file is indexed before it exists")
			}
		}
		for _, name := range []string{"901_marmalade.txt", "902_empty.txt"} {
			copyFile(t, filepath.Join("testdata/reload", name), filepath.Join(dir, name))
		}

		release := h.gates.hold("/reload")
		in := moderator
		in.User = h.user()
		reload := f.interact(in)
		f.waitFor(t, "the reload's deferral", func() bool { return f.replies[reload].Type == 5 })
		// While the reload is held, other commands are answered from the old index.
		for range 3 {
			p := public(t, h.slash(t, CmdAsk, "question", question))
			if strings.Contains(p.Embeds[0].Description, "901\\_marmalade.txt") {
				t.Fatal("answered from the new corpus before the reload finished")
			}
		}
		release()
		p := public(t, f.answer(t, reload))
		summary := p.Embeds[0].Description
		for _, want := range []string{"1 added", "0 changed", "0 removed", "sentences", "actors", "Took", "Skipped 902\\_empty.txt: "} {
			if p.Embeds[0].Title != "Corpus reloaded" || !strings.Contains(summary, want) {
				t.Errorf("reload summary lacks %q:\n%s", want, summary)
			}
		}

		after := public(t, h.slash(t, CmdAsk, "question", question))
		desc := after.Embeds[0].Description
		if !strings.Contains(desc, "901\\_marmalade.txt") {
			t.Fatalf("after the reload the new file is not cited:\n%s", desc)
		}
		// The fixture's sentence is an injection attempt: it must arrive inert.
		for _, want := range []string{"@\u200beveryone", `\*\*Breaking\*\*`, `\<@123456789\>`, `\[click here\]\(https://example.com\)`, `\|\|spoiler\|\|`, `\~\~struck\~\~`, "\\`code\\`"} {
			if !strings.Contains(desc, want) {
				t.Errorf("corpus text not escaped: %q missing from\n%s", want, desc)
			}
		}
	})

	t.Run("failed reload keeps the old index", func(t *testing.T) {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		in := interaction{Type: 2, Data: command(CmdReload), User: h.user(), Perms: 1 << 5}
		r := f.answer(t, f.interact(in))
		if msg := private(t, r); !strings.Contains(msg, "Reload failed") {
			t.Errorf("failed reload said %q", msg)
		}
		p := public(t, h.slash(t, CmdAsk, "question", question))
		if !strings.Contains(p.Embeds[0].Description, "901\\_marmalade.txt") {
			t.Error("after a failed reload the old index no longer answers")
		}
	})

	h.stop()
}
