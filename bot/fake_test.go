package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gorilla/websocket"
)

// fakeDiscord speaks the part of Discord's REST API and gateway the bot uses,
// on loopback. It records every request, checks each message against Discord's
// limits and rules (one callback per interaction, allowed_mentions parse []),
// and lets a test push dispatches and drop the gateway connection.
type fakeDiscord struct {
	t     testing.TB
	srv   *httptest.Server
	token string // the bot token the requests must carry
	appID string
	botID string

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change, to wake waiters
	requests   []request
	violations []string
	conn       *websocket.Conn // the live gateway connection, nil when dropped
	writeMu    sync.Mutex      // gorilla/websocket allows one writer at a time
	seq        int
	history    []dispatch // every dispatch sent, for replay on RESUME
	sessionID  string
	identifies []identify
	resumes    int
	nextID     int
	replies    map[string]*reply // by interaction id
	byToken    map[string]string // interaction token -> id
}

type dispatch struct {
	seq  int
	data []byte
}

type identify struct {
	Token   string `json:"token"`
	Intents int    `json:"intents"`
	Shard   []int  `json:"shard"`
}

// request is one REST call as the fake received it.
type request struct {
	Method, Path, Auth string
	Body               []byte
}

// reply is what the bot sent for one interaction.
type reply struct {
	Type     int         // the initial callback's type
	Initial  payload     // the initial callback's data
	Final    payload     // the message that answered: callback data, or the edit or follow-up after a deferral
	Route    string      // "callback", "edit" or "followup"
	Done     bool        // an answer (not just a deferral) has arrived
	Requests []string    // every request for this interaction, in order ("callback 5", "PATCH", ...)
	Choices  []choiceOut // autocomplete
}

type choiceOut struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// payload is a message as the bot sent it, decoded loosely so that a null
// where Discord wants [] shows.
type payload struct {
	Content string `json:"content"`
	Flags   int    `json:"flags"`
	Embeds  []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Footer      *struct {
			Text string `json:"text"`
		} `json:"footer"`
		Fields []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"fields"`
		Author *struct {
			Name string `json:"name"`
		} `json:"author"`
	} `json:"embeds"`
	Components []struct {
		Type       int `json:"type"`
		Components []struct {
			Type     int    `json:"type"`
			Label    string `json:"label"`
			CustomID string `json:"custom_id"`
			Disabled bool   `json:"disabled"`
		} `json:"components"`
	} `json:"components"`
	AllowedMentions *struct {
		Parse       json.RawMessage `json:"parse"`
		RepliedUser bool            `json:"replied_user"`
	} `json:"allowed_mentions"`
	MessageReference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
	Choices []choiceOut `json:"choices"`
}

// text is everything a person would read in p.
func (p payload) text() string {
	var b strings.Builder
	b.WriteString(p.Content)
	for _, e := range p.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func (p payload) buttons() map[string]string {
	ids := map[string]string{}
	for _, row := range p.Components {
		for _, c := range row.Components {
			if !c.Disabled {
				ids[c.Label] = c.CustomID
			}
		}
	}
	return ids
}

func (p payload) ephemeral() bool { return p.Flags&64 != 0 }

func newFakeDiscord(t testing.TB, token string) *fakeDiscord {
	f := &fakeDiscord{t: t, token: token, appID: "1000", botID: "1000", changed: make(chan struct{}),
		replies: map[string]*reply{}, byToken: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", f.gateway) // discordgo dials the URL from /gateway plus "/?v=9&encoding=json"
	mux.HandleFunc("GET /api/v9/gateway", f.gatewayURL)
	mux.HandleFunc("GET /api/v9/gateway/bot", f.gatewayURL)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", f.registerCommands)
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", f.registerCommands)
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", f.callback)
	mux.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/{message}", f.webhookEdit)
	mux.HandleFunc("DELETE /api/v9/webhooks/{app}/{token}/messages/{message}", f.webhookDelete)
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", f.followup)
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", f.channelMessage)
	mux.HandleFunc("POST /api/v9/channels/{channel}/typing", func(w http.ResponseWriter, r *http.Request) {
		f.record(r)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.record(r)
		f.violate("unexpected request %s %s", r.Method, r.URL.Path)
		http.Error(w, `{"message": "404: Not Found", "code": 0}`, http.StatusNotFound)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.close)
	return f
}

func (f *fakeDiscord) close() {
	f.mu.Lock()
	if f.conn != nil {
		f.conn.Close()
		f.conn = nil
	}
	f.mu.Unlock()
	f.srv.Close()
}

// client is an HTTP client that sends what discordgo addresses to
// https://discord.com to the fake instead.
func (f *fakeDiscord) client() *http.Client {
	target, _ := url.Parse(f.srv.URL)
	return &http.Client{Timeout: 20 * time.Second, Transport: redirect{target: target, t: f.t,
		base: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

type redirect struct {
	target *url.URL
	base   http.RoundTripper
	t      testing.TB
}

func (rt redirect) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" {
		return nil, fmt.Errorf("fake discord: request to unexpected host %s", r.URL.Host)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rt.target.Scheme, rt.target.Host, ""
	return rt.base.RoundTrip(r)
}

// wsURL is the gateway address, given without a path as Discord gives it.
func (f *fakeDiscord) wsURL() string { return "ws" + strings.TrimPrefix(f.srv.URL, "http") }

// notify wakes everything waiting for a change; f.mu must be held.
func (f *fakeDiscord) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeDiscord) violate(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.violations = append(f.violations, fmt.Sprintf(format, args...))
	f.notify()
}

// record keeps r (and returns its body), checking the bot token on the way.
func (f *fakeDiscord) record(r *http.Request) []byte {
	body, _ := io.ReadAll(r.Body)
	auth := r.Header.Get("Authorization")
	f.mu.Lock()
	f.requests = append(f.requests, request{Method: r.Method, Path: r.URL.Path, Auth: auth, Body: body})
	f.notify()
	f.mu.Unlock()
	if auth != "Bot "+f.token {
		f.violate("%s %s: authorization %q, want the bot token", r.Method, r.URL.Path, auth)
	}
	return body
}

// waitFor blocks until cond (called with f.mu held) holds, failing the test
// after a long timeout that only a hang reaches.
func (f *fakeDiscord) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		f.mu.Lock()
		ok, ch := cond(), f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("fake discord: timed out waiting for %s", what)
		}
	}
}

func (f *fakeDiscord) checkClean(t testing.TB) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, v := range f.violations {
		t.Errorf("fake discord: %s", v)
	}
	f.violations = nil
}

// --- gateway ---

var upgrader = websocket.Upgrader{}

func (f *fakeDiscord) gatewayURL(w http.ResponseWriter, r *http.Request) {
	f.record(r)
	json.NewEncoder(w).Encode(map[string]any{"url": f.wsURL(), "shards": 1,
		"session_start_limit": map[string]int{"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})
}

func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.violate("gateway upgrade: %v", err)
		return
	}
	defer c.Close()
	f.write(c, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}})
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		var msg struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &msg); err != nil {
			f.violate("gateway: undecodable message %q", data)
			return
		}
		switch msg.Op {
		case 1: // heartbeat
			f.write(c, map[string]any{"op": 11})
		case 2:
			var id identify
			json.Unmarshal(msg.D, &id)
			f.mu.Lock()
			f.identifies = append(f.identifies, id)
			f.sessionID = fmt.Sprintf("session-%d", len(f.identifies))
			f.conn = c
			f.mu.Unlock()
			if id.Token != "Bot "+f.token {
				f.violate("identify with token %q", id.Token)
			}
			f.push("READY", map[string]any{
				"v": 10, "session_id": f.sessionID, "resume_gateway_url": f.wsURL(),
				"user":        map[string]any{"id": f.botID, "username": "corpusbot", "discriminator": "0", "bot": true},
				"application": map[string]any{"id": f.appID, "flags": 0},
				"guilds":      []any{}, "private_channels": []any{},
			})
		case 6:
			var res struct {
				Token     string `json:"token"`
				SessionID string `json:"session_id"`
				Seq       int    `json:"seq"`
			}
			json.Unmarshal(msg.D, &res)
			f.mu.Lock()
			ok := res.Token == "Bot "+f.token && res.SessionID == f.sessionID
			if ok {
				f.resumes++
				f.conn = c
				// Replay what was missed, as Discord does, then confirm.
				for _, d := range f.history {
					if d.seq > res.Seq {
						f.writeRaw(c, d.data)
					}
				}
			}
			f.mu.Unlock()
			if !ok {
				f.violate("resume with token %q session %q, want session %q", res.Token, res.SessionID, f.sessionID)
				f.write(c, map[string]any{"op": 9, "d": false})
				continue
			}
			f.push("RESUMED", map[string]any{})
		default:
			f.violate("gateway: unexpected op %d", msg.Op)
		}
	}
}

func (f *fakeDiscord) write(c *websocket.Conn, v any) {
	data, _ := json.Marshal(v)
	f.writeRaw(c, data)
}

func (f *fakeDiscord) writeRaw(c *websocket.Conn, data []byte) {
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	c.WriteMessage(websocket.TextMessage, data) // a dropped connection loses it; RESUME replays it
}

// push sends a dispatch (op 0) on the live connection, or keeps it for the
// replay on RESUME when the connection is down.
func (f *fakeDiscord) push(event string, d any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	data, err := json.Marshal(map[string]any{"op": 0, "t": event, "s": f.seq, "d": d})
	if err != nil {
		panic(err)
	}
	f.history = append(f.history, dispatch{seq: f.seq, data: data})
	if f.conn != nil {
		f.writeRaw(f.conn, data)
	}
	f.notify()
}

// drop cuts the gateway connection without a close frame, as a network fault would.
func (f *fakeDiscord) drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.UnderlyingConn().Close()
		f.conn = nil
	}
	f.notify()
}

// --- interactions ---

// interaction describes an INTERACTION_CREATE to push.
type interaction struct {
	Type    int // 2 command, 3 component, 4 autocomplete
	Data    map[string]any
	User    string
	Perms   int64
	Roles   []string
	DM      bool
	Message map[string]any // the message whose button was pressed
}

func command(name string, options ...any) map[string]any {
	var opts []map[string]any
	for i := 0; i+1 < len(options); i += 2 {
		o := map[string]any{"name": options[i], "value": options[i+1], "type": 3}
		if _, ok := options[i+1].(int); ok {
			o["type"] = 4
		}
		opts = append(opts, o)
	}
	return map[string]any{"id": "cmd-" + name, "name": name, "type": 1, "options": opts}
}

// interact pushes an INTERACTION_CREATE and returns its id.
func (f *fakeDiscord) interact(in interaction) string {
	f.mu.Lock()
	f.nextID++
	id := strconv.Itoa(900000 + f.nextID)
	token := "itoken-" + id
	f.byToken[token] = id
	f.replies[id] = &reply{}
	f.mu.Unlock()

	user := map[string]any{"id": in.User, "username": "user" + in.User, "discriminator": "0"}
	d := map[string]any{"id": id, "application_id": f.appID, "type": in.Type, "data": in.Data, "token": token,
		"version": 1, "channel_id": "2000", "locale": "en-GB"}
	if in.DM {
		d["user"] = user
	} else {
		roles := in.Roles
		if roles == nil {
			roles = []string{}
		}
		d["guild_id"] = "3000"
		d["member"] = map[string]any{"user": user, "roles": roles, "permissions": strconv.FormatInt(in.Perms, 10)}
	}
	if in.Message != nil {
		d["message"] = in.Message
	}
	f.push("INTERACTION_CREATE", d)
	return id
}

// answer waits for the bot's answer to interaction id.
func (f *fakeDiscord) answer(t testing.TB, id string) reply {
	t.Helper()
	var r reply
	f.waitFor(t, "the answer to interaction "+id, func() bool {
		r = *f.replies[id]
		return r.Done
	})
	return r
}

func (f *fakeDiscord) callback(w http.ResponseWriter, r *http.Request) {
	body := f.record(r)
	id, token := r.PathValue("id"), r.PathValue("token")
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &cb); err != nil {
		f.violate("callback %s: %v", id, err)
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	rep, known := f.replies[id]
	if !known || f.byToken[token] != id {
		f.mu.Unlock()
		f.violate("callback for unknown interaction %s", id)
		http.Error(w, `{"message": "Unknown interaction", "code": 10062}`, http.StatusNotFound)
		return
	}
	if rep.Type != 0 {
		f.mu.Unlock()
		f.violate("interaction %s acknowledged twice", id)
		http.Error(w, `{"message": "Interaction has already been acknowledged.", "code": 40060}`, http.StatusBadRequest)
		return
	}
	rep.Type = cb.Type
	rep.Requests = append(rep.Requests, fmt.Sprintf("callback %d", cb.Type))
	var p payload
	if len(cb.Data) > 0 && string(cb.Data) != "null" {
		json.Unmarshal(cb.Data, &p)
	}
	rep.Initial = p
	switch cb.Type {
	case 4, 7:
		rep.Final, rep.Route, rep.Done = p, "callback", true
	case 8:
		rep.Choices, rep.Route, rep.Done = p.Choices, "callback", true
	case 5, 6:
	default:
		f.violations = append(f.violations, fmt.Sprintf("interaction %s: callback type %d", id, cb.Type))
	}
	f.notify()
	f.mu.Unlock()

	switch cb.Type {
	case 4, 7:
		f.checkMessage("callback "+id, cb.Data)
	case 8:
		f.checkChoices(id, cb.Data)
	}
	w.WriteHeader(http.StatusNoContent)
}

// interactionOf finds the interaction a webhook token belongs to; f.mu held.
func (f *fakeDiscord) interactionOf(r *http.Request) (string, *reply) {
	id := f.byToken[r.PathValue("token")]
	if r.PathValue("app") != f.appID {
		f.violations = append(f.violations, fmt.Sprintf("webhook for application %s", r.PathValue("app")))
	}
	return id, f.replies[id]
}

func (f *fakeDiscord) webhookEdit(w http.ResponseWriter, r *http.Request) {
	body := f.record(r)
	f.mu.Lock()
	id, rep := f.interactionOf(r)
	if rep == nil || rep.Type == 0 || r.PathValue("message") != "@original" {
		f.mu.Unlock()
		f.violate("edit of %s before any response to interaction %s", r.PathValue("message"), id)
		http.Error(w, `{"message": "Unknown Webhook", "code": 10015}`, http.StatusNotFound)
		return
	}
	var p payload
	json.Unmarshal(body, &p)
	rep.Requests = append(rep.Requests, "PATCH")
	if p.Flags == 0 && rep.Type == 5 {
		p.Flags = rep.Initial.Flags // a deferred reply keeps the deferral's flags
	}
	rep.Final, rep.Route, rep.Done = p, "edit", true
	f.notify()
	f.mu.Unlock()
	f.checkMessage("edit "+id, body)
	fmt.Fprintf(w, `{"id": "m-%s", "channel_id": "2000"}`, id)
}

func (f *fakeDiscord) webhookDelete(w http.ResponseWriter, r *http.Request) {
	f.record(r)
	f.mu.Lock()
	_, rep := f.interactionOf(r)
	if rep != nil {
		rep.Requests = append(rep.Requests, "DELETE")
	}
	f.notify()
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (f *fakeDiscord) followup(w http.ResponseWriter, r *http.Request) {
	body := f.record(r)
	f.mu.Lock()
	id, rep := f.interactionOf(r)
	if rep == nil || rep.Type == 0 {
		f.mu.Unlock()
		f.violate("follow-up before any response to interaction %s", id)
		http.Error(w, `{"message": "Unknown Webhook", "code": 10015}`, http.StatusNotFound)
		return
	}
	var p payload
	json.Unmarshal(body, &p)
	rep.Requests = append(rep.Requests, "followup")
	rep.Final, rep.Route, rep.Done = p, "followup", true
	f.notify()
	f.mu.Unlock()
	f.checkMessage("follow-up "+id, body)
	fmt.Fprintf(w, `{"id": "f-%s", "channel_id": "2000"}`, id)
}

func (f *fakeDiscord) channelMessage(w http.ResponseWriter, r *http.Request) {
	body := f.record(r)
	f.checkMessage("message to channel "+r.PathValue("channel"), body)
	fmt.Fprintf(w, `{"id": "m-%d", "channel_id": %q}`, time.Now().UnixNano(), r.PathValue("channel"))
}

// channelMessages returns the messages the bot sent to channel.
func (f *fakeDiscord) channelMessages(channel string) []payload {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []payload
	for _, r := range f.requests {
		if r.Method == "POST" && r.Path == "/api/v9/channels/"+channel+"/messages" {
			var p payload
			json.Unmarshal(r.Body, &p)
			out = append(out, p)
		}
	}
	return out
}

func (f *fakeDiscord) requestsTo(method, prefix string) []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []request
	for _, r := range f.requests {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// checkMessage holds a message to what Discord accepts and to the bot's rule
// that nothing it says can ping anyone.
func (f *fakeDiscord) checkMessage(where string, raw []byte) {
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		f.violate("%s: %v", where, err)
		return
	}
	bad := func(format string, args ...any) { f.violate(where+": "+format, args...) }
	if p.AllowedMentions == nil || string(bytes.TrimSpace(p.AllowedMentions.Parse)) != "[]" {
		bad("allowed_mentions.parse must be [], got %+v", p.AllowedMentions)
	} else if p.AllowedMentions.RepliedUser {
		bad("replied_user pings the asker")
	}
	n := func(s string) int { return len(utf16.Encode([]rune(s))) }
	if n(p.Content) > 2000 {
		bad("content %d > 2000", n(p.Content))
	}
	if p.Content == "" && len(p.Embeds) == 0 {
		bad("empty message")
	}
	if len(p.Embeds) > 10 {
		bad("%d embeds", len(p.Embeds))
	}
	total := 0
	for _, e := range p.Embeds {
		total += n(e.Title) + n(e.Description)
		if n(e.Title) > 256 || n(e.Description) > 4096 || len(e.Fields) > 25 {
			bad("embed title %d, description %d, %d fields", n(e.Title), n(e.Description), len(e.Fields))
		}
		for _, fl := range e.Fields {
			total += n(fl.Name) + n(fl.Value)
			if n(fl.Name) > 256 || n(fl.Value) > 1024 {
				bad("field %d/%d", n(fl.Name), n(fl.Value))
			}
		}
		if e.Footer != nil {
			total += n(e.Footer.Text)
			if n(e.Footer.Text) > 2048 {
				bad("footer %d", n(e.Footer.Text))
			}
		}
	}
	if total > 6000 {
		bad("embeds total %d > 6000", total)
	}
	if len(p.Components) > 5 {
		bad("%d action rows", len(p.Components))
	}
	ids := map[string]bool{}
	for _, row := range p.Components {
		if row.Type != 1 || len(row.Components) == 0 || len(row.Components) > 5 {
			bad("action row type %d with %d components", row.Type, len(row.Components))
		}
		for _, c := range row.Components {
			if c.Type != 2 || c.CustomID == "" || n(c.CustomID) > 100 || n(c.Label) > 80 || ids[c.CustomID] {
				bad("button %+v (custom ids must be unique, 1 to 100 characters)", c)
			}
			ids[c.CustomID] = true
		}
	}
}

func (f *fakeDiscord) checkChoices(id string, raw []byte) {
	var p payload
	json.Unmarshal(raw, &p)
	if !bytes.Contains(raw, []byte(`"choices":[`)) {
		f.violate("autocomplete %s: no choices list in %s", id, raw)
	}
	if len(p.Choices) > 25 {
		f.violate("autocomplete %s: %d choices", id, len(p.Choices))
	}
	for _, c := range p.Choices {
		if c.Name == "" || len([]rune(c.Name)) > 100 || c.Value == "" || len([]rune(c.Value)) > 100 {
			f.violate("autocomplete %s: choice %+v", id, c)
		}
	}
}

func (f *fakeDiscord) registerCommands(w http.ResponseWriter, r *http.Request) {
	body := f.record(r)
	if r.PathValue("app") != f.appID {
		f.violate("commands registered for application %s", r.PathValue("app"))
	}
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		f.violate("command registration: %v", err)
		http.Error(w, `{"message": "Invalid Form Body", "code": 50035}`, http.StatusBadRequest)
		return
	}
	for i, c := range cmds {
		c["id"] = strconv.Itoa(100 + i)
		c["application_id"] = f.appID
		if len([]rune(fmt.Sprint(c["description"]))) > 100 {
			f.violate("command %s: description over 100 characters", c["name"])
		}
	}
	json.NewEncoder(w).Encode(cmds)
}
