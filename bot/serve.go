package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/corpusbot/corpusbot/answer"
)

// Config configures the Discord front.
type Config struct {
	// Token is the bot token (the "Bot " prefix is optional). It is sent to
	// Discord and nowhere else: Config's String and LogValue leave it out.
	Token string
	// GuildID, when set, registers the commands in that guild only, where they
	// appear at once; otherwise they are registered globally.
	GuildID string
	// ModeratorRoles are role ids whose members may /reload, besides members
	// with the Manage Server or Administrator permission.
	ModeratorRoles []string
	// Top is how many sentences an answer cites; 0 for the engine's default.
	Top int
	// DeferAfter is how long a command may work before the bot defers its reply
	// (Discord drops an interaction not answered within 3 s). Default 2 s.
	DeferAfter time.Duration
	// RateBurst commands a user may send at once, then one per RateEvery.
	// Defaults 5 and 4 s; a negative RateBurst turns the limit off.
	RateBurst int
	RateEvery time.Duration
	// ShardID and ShardCount split the bot's guilds over processes, as Discord
	// requires past 2,500 guilds: this process is shard ShardID of ShardCount
	// (the default, 0 of 1, is one process for all). Discord sends each
	// shard the events of the guilds whose id maps to it, and direct messages
	// to shard 0, which also registers the commands.
	ShardID, ShardCount int
	// Logger receives the bot's structured logs; slog.Default() when nil.
	Logger *slog.Logger
}

func (c Config) String() string {
	return fmt.Sprintf("bot.Config{GuildID:%q ModeratorRoles:%q Top:%d DeferAfter:%s RateBurst:%d RateEvery:%s Shard:%d/%d Token:[redacted]}",
		c.GuildID, c.ModeratorRoles, c.Top, c.DeferAfter, c.RateBurst, c.RateEvery, c.ShardID, c.ShardCount)
}

// LogValue keeps the token out of structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("guild", c.GuildID), slog.Any("moderator_roles", c.ModeratorRoles), slog.Int("shard", c.ShardID), slog.Int("shards", c.ShardCount),
		slog.Int("top", c.Top), slog.Duration("defer_after", c.DeferAfter),
		slog.Int("rate_burst", c.RateBurst), slog.Duration("rate_every", c.RateEvery))
}

const (
	defaultDeferAfter = 2 * time.Second
	defaultRateBurst  = 5
	defaultRateEvery  = 4 * time.Second
	// workTimeout stays inside the 15 minutes an interaction token lasts.
	workTimeout         = 14 * time.Minute
	autocompleteTimeout = 2 * time.Second
	// shutdownGrace is how long in-flight commands may finish after shutdown begins.
	shutdownGrace = 10 * time.Second
)

// Intents the bot asks for. None is privileged: Discord delivers the content
// of messages that mention the bot, and of DMs, without MESSAGE_CONTENT.
const intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Bot is the Discord front: slash commands, buttons, mentions and DMs, all
// answered through the command layer.
type Bot struct {
	cfg     Config
	cmds    *Commands
	eng     *answer.Engine
	session *discordgo.Session
	log     *slog.Logger
	limit   *limiter

	work context.Context // the context commands run under: it outlives Run's by a grace period

	mu       sync.Mutex
	appID    string
	selfID   string
	closing  bool
	inflight sync.WaitGroup

	// hook, when set (by tests), runs before each command's work.
	hook func(ctx context.Context, req Request)
}

// New prepares a bot; Run connects it.
func New(cfg Config, eng *answer.Engine) (*Bot, error) {
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("discord: no bot token")
	}
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	if cfg.DeferAfter <= 0 {
		cfg.DeferAfter = defaultDeferAfter
	}
	if cfg.RateBurst == 0 {
		cfg.RateBurst = defaultRateBurst
	}
	if cfg.RateEvery <= 0 {
		cfg.RateEvery = defaultRateEvery
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.ShardCount == 0 {
		cfg.ShardCount = 1
	}
	if cfg.ShardCount < 0 || cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard %d of %d: want 0 <= shard id < shard count", cfg.ShardID, cfg.ShardCount)
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	// The default HTTP client and websocket dialer are kept: both honour
	// HTTPS_PROXY, NO_PROXY and SSL_CERT_FILE.
	s.Identify.Intents = intents
	s.StateEnabled = false // only READY's user and application are needed, and discordgo keeps those regardless
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	return &Bot{
		cfg:     cfg,
		cmds:    NewCommands(eng, cfg.Top),
		eng:     eng,
		session: s,
		log:     cfg.Logger,
		limit:   newLimiter(cfg.RateBurst, cfg.RateEvery),
	}, nil
}

// Serve runs a bot until ctx is done.
func Serve(ctx context.Context, cfg Config, eng *answer.Engine) error {
	b, err := New(cfg, eng)
	if err != nil {
		return err
	}
	return b.Run(ctx)
}

// Run connects to the gateway, registers the commands (a bulk overwrite, so
// registering again changes nothing) and answers until ctx is done; then it
// disconnects and lets commands in flight finish. A Bot runs once.
func (b *Bot) Run(ctx context.Context) error {
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	b.work = work

	s := b.session
	s.AddHandler(b.onReady)
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { b.log.Info("discord: gateway session resumed") })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { b.log.Info("discord: gateway disconnected") })
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)

	if err := s.Open(); err != nil {
		return fmt.Errorf("discord: connect to the gateway: %w", err)
	}
	s.State.RLock()
	ready := s.State.Ready
	s.State.RUnlock()
	if ready.User == nil {
		s.Close()
		return errors.New("discord: gateway sent no user in READY")
	}
	appID := ready.User.ID
	if ready.Application != nil && ready.Application.ID != "" {
		appID = ready.Application.ID
	}
	b.setIdentity(appID, ready.User.ID)

	// One registration serves every shard; the others would only repeat it.
	scope := "registered by shard 0"
	if b.cfg.ShardID == 0 {
		if _, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, definitions()); err != nil {
			s.Close()
			return fmt.Errorf("discord: register commands: %w", err)
		}
		scope = "global"
		if b.cfg.GuildID != "" {
			scope = "guild " + b.cfg.GuildID
		}
	}
	b.log.Info("discord: ready", "user", ready.User.Username, "application", appID, "commands", scope, "shard", b.cfg.ShardID, "shards", b.cfg.ShardCount)

	<-ctx.Done()
	b.log.Info("discord: shutting down")
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	err := s.Close()
	idle := make(chan struct{})
	go func() { b.inflight.Wait(); close(idle) }()
	select {
	case <-idle:
	case <-time.After(shutdownGrace):
		b.log.Warn("discord: commands still running at shutdown; cancelling them")
		stopWork()
		<-idle
	}
	if err != nil {
		return fmt.Errorf("discord: close: %w", err)
	}
	return nil
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User == nil {
		return
	}
	appID := r.User.ID
	if r.Application != nil && r.Application.ID != "" {
		appID = r.Application.ID
	}
	b.setIdentity(appID, r.User.ID)
	b.log.Info("discord: gateway session started", "user", r.User.Username)
}

func (b *Bot) setIdentity(appID, selfID string) {
	b.mu.Lock()
	b.appID, b.selfID = appID, selfID
	b.mu.Unlock()
}

func (b *Bot) self() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.selfID
}

// begin counts a handler in flight; false once shutdown has begun.
func (b *Bot) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// definitions are the slash commands as registered with Discord.
func definitions() []*discordgo.ApplicationCommand {
	manageGuild := int64(discordgo.PermissionManageGuild)
	everywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	zero := 0.0
	date := func(name, what string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name,
			Description: what + " (YYYY-MM-DD, YYYY-MM or YYYY)", MaxLength: 10}
	}
	return []*discordgo.ApplicationCommand{
		{Name: CmdAsk, Description: "Answer a question from the corpus, citing each sentence", Contexts: everywhere,
			Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "question",
				Description: "What do you want to know?", Required: true, MaxLength: 2000}}},
		{Name: CmdStatements, Description: "An actor's statements, oldest first", Contexts: everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "actor", Description: "Who said it",
					Required: true, Autocomplete: true, MaxLength: 100},
				{Type: discordgo.ApplicationCommandOptionString, Name: "about", Description: "What about (words to look for)", MaxLength: 100},
				date("since", "Said on or after"),
				date("until", "Said on or before"),
			}},
		{Name: CmdActors, Description: "Who has statements in the corpus, with counts", Contexts: everywhere},
		{Name: CmdSource, Description: "A cited sentence in its paragraph", Contexts: everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "document", Description: "Document, as the citation names it", Required: true},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "sentence", Description: "Sentence number, as the citation gives it", Required: true, MinValue: &zero},
			}},
		{Name: CmdReload, Description: "Moderators: re-read the corpus and swap in the new index", Contexts: guildOnly,
			DefaultMemberPermissions: &manageGuild},
		{Name: CmdHelp, Description: "What the bot can do", Contexts: everywhere},
	}
}

// requestFrom reads a slash command's options into a Request. Values are read
// by hand rather than with discordgo's StringValue, which panics on a type it
// does not expect.
func requestFrom(data discordgo.ApplicationCommandInteractionData) Request {
	req := Request{Command: data.Name}
	for _, o := range data.Options {
		var s string
		var n int
		switch v := o.Value.(type) {
		case string:
			s = v
		case float64:
			n = int(max(math.MinInt32, min(v, math.MaxInt32)))
			s = fmt.Sprint(v)
		}
		switch o.Name {
		case "question":
			req.Question = s
		case "actor":
			req.Actor = s
		case "about":
			req.About = s
		case "since":
			req.Since = s
		case "until":
			req.Until = s
		case "document":
			req.Doc = s
		case "sentence":
			req.Sentence = n
		}
	}
	return req
}

// mode is how a reply relates to the interaction that asked for it.
type mode int

const (
	modeNew     mode = iota // a new message in the channel
	modePrivate             // a new message only the asker sees
	modeUpdate              // replaces the message whose button was pressed
)

// exchange is one interaction and what has been sent for it so far.
type exchange struct {
	b            *Bot
	i            *discordgo.Interaction
	acked        bool // the initial response (answer or deferral) is sent
	mode         mode
	autocomplete bool
}

const (
	msgBroken   = "Sorry, something went wrong while answering. It has been logged; please try again."
	msgRefused  = "Only moderators can reload the corpus: it needs the Manage Server permission or a moderator role."
	msgOldClick = "That button no longer works; run the command again."
)

func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if !b.begin() {
		return
	}
	defer b.inflight.Done()
	x := &exchange{b: b, i: ic.Interaction}
	defer x.recover()

	switch x.i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		x.autocomplete = true
		b.complete(x)
	case discordgo.InteractionApplicationCommand:
		req := requestFrom(x.i.ApplicationCommandData())
		if !b.admit(x) {
			return
		}
		if req.Command == CmdReload && !b.moderator(x.i) {
			x.send(render(failure(msgRefused)))
			return
		}
		b.run(x, modeNew, req)
	case discordgo.InteractionMessageComponent:
		req, ok := decodeID(x.i.MessageComponentData().CustomID)
		if !ok {
			x.send(render(failure(msgOldClick)))
			return
		}
		if !b.admit(x) {
			return
		}
		m := modeUpdate
		if req.Command == CmdSource {
			m = modePrivate
		}
		b.run(x, m, req)
	}
}

// admit applies the per-user rate limit, answering privately when it refuses.
func (b *Bot) admit(x *exchange) bool {
	ok, wait := b.limit.allow(userOf(x.i), time.Now())
	if !ok {
		x.send(render(failure("You are sending commands faster than I can answer. Please wait %s and try again.", roundUp(wait))))
	}
	return ok
}

func roundUp(d time.Duration) string {
	return fmt.Sprintf("%ds", int(math.Ceil(d.Seconds())))
}

func userOf(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// moderator checks /reload on the server side too: default_member_permissions
// is only the default, which a guild can change.
func (b *Bot) moderator(i *discordgo.Interaction) bool {
	m := i.Member
	if m == nil {
		return false
	}
	if m.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range m.Roles {
		if slices.Contains(b.cfg.ModeratorRoles, r) {
			return true
		}
	}
	return false
}

type outcome struct {
	r   *Result
	err error
}

// run answers x with the result of req: directly when it is ready within
// DeferAfter, else by deferring first and editing the reply when it is.
func (b *Bot) run(x *exchange, m mode, req Request) {
	x.mode = m
	done := make(chan outcome, 1)
	go func() { done <- b.do(req) }()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case o := <-done:
		x.finish(req, o)
	case <-timer.C:
		x.deferReply()
		x.finish(req, <-done)
	}
}

// do runs a request, turning a panic into an error after logging it.
func (b *Bot) do(req Request) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("discord: panic in command", "command", req.Command, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			o = outcome{err: errPanic}
		}
	}()
	ctx, cancel := context.WithTimeout(b.work, workTimeout)
	defer cancel()
	if b.hook != nil {
		b.hook(ctx, req)
	}
	r, err := b.cmds.Do(ctx, req)
	if err != nil {
		b.log.Error("discord: command failed", "command", req.Command, "err", err)
	}
	return outcome{r: r, err: err}
}

func (x *exchange) deferReply() {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	switch x.mode {
	case modePrivate:
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	case modeUpdate:
		resp.Type = discordgo.InteractionResponseDeferredMessageUpdate
	}
	x.acked = true
	x.b.check("defer reply", x.i, x.b.session.InteractionRespond(x.i, resp))
}

func (x *exchange) finish(req Request, o outcome) {
	if o.err != nil {
		x.send(render(failure(msgBroken)))
		return
	}
	msg := render(o.r)
	if req.Command == CmdReload && !o.r.Failed {
		x.b.log.Info("discord: corpus reloaded", "summary", o.r.Text)
	}
	x.send(msg)
}

// send delivers m as the reply to x by whichever route x's state allows.
func (x *exchange) send(m message) {
	b, i := x.b, x.i
	if x.mode == modePrivate {
		m.ephemeral = true
	}
	if !x.acked {
		x.acked = true
		t := discordgo.InteractionResponseChannelMessageWithSource
		if x.mode == modeUpdate && !m.ephemeral {
			t = discordgo.InteractionResponseUpdateMessage
		}
		b.check("reply", i, b.session.InteractionRespond(i, &discordgo.InteractionResponse{Type: t, Data: m.responseData()}))
		return
	}
	switch {
	case x.mode == modePrivate || !m.ephemeral:
		_, err := b.session.InteractionResponseEdit(i, m.webhookEdit())
		b.check("edit reply", i, err)
	default:
		// A failure after a public deferral: say it privately, and take back
		// the public "thinking…" message when there is one.
		_, err := b.session.FollowupMessageCreate(i, true, m.followup())
		b.check("follow up", i, err)
		if x.mode == modeNew {
			b.check("delete reply", i, b.session.InteractionResponseDelete(i))
		}
	}
}

// recover answers the user after a panic in the handler itself.
func (x *exchange) recover() {
	p := recover()
	if p == nil {
		return
	}
	x.b.log.Error("discord: panic in interaction handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	if x.autocomplete {
		x.b.check("autocomplete", x.i, x.b.choices(x.i, nil))
		return
	}
	x.send(render(failure(msgBroken)))
}

// check logs a failed request to Discord, with the interaction's token (a
// credential for its webhook) cut out of the error.
func (b *Bot) check(what string, i *discordgo.Interaction, err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	if i != nil && i.Token != "" {
		msg = strings.ReplaceAll(msg, i.Token, "[token]")
	}
	b.log.Error("discord: "+what+" failed", "err", msg)
}

// complete answers autocomplete for the actor option from the actor registry.
func (b *Bot) complete(x *exchange) {
	var prefix string
	for _, o := range x.i.ApplicationCommandData().Options {
		if v, ok := o.Value.(string); ok && o.Focused {
			prefix = v
		}
	}
	ctx, cancel := context.WithTimeout(b.work, autocompleteTimeout)
	defer cancel()
	var names []string
	if b.hook != nil {
		b.hook(ctx, Request{Command: "autocomplete", Actor: prefix})
	}
	names = b.eng.CompleteActor(ctx, prefix, maxChoices)
	b.check("autocomplete", x.i, b.choices(x.i, names))
}

// choices sends autocomplete choices, always as a list ([] for none, which
// discordgo's omitempty would drop).
func (b *Bot) choices(i *discordgo.Interaction, names []string) error {
	type choice struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	resp := struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Choices []choice `json:"choices"`
		} `json:"data"`
	}{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	resp.Data.Choices = []choice{}
	seen := map[string]bool{}
	for _, n := range names {
		// A value Discord would cut is a different actor: leave it out.
		if n == "" || width(n) > maxChoice || seen[n] || len(resp.Data.Choices) == maxChoices {
			continue
		}
		seen[n] = true
		resp.Data.Choices = append(resp.Data.Choices, choice{Name: n, Value: n})
	}
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	_, err := b.session.RequestWithBucketID("POST", endpoint, resp, endpoint)
	return err
}

// onMessage answers DMs and guild messages that mention the bot, as /ask does
// (or as the /command the text starts with, in the chat syntax).
func (b *Bot) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	m := mc.Message
	if m == nil || m.Author == nil || m.Author.Bot {
		return
	}
	self := b.self()
	if m.Author.ID == self || (m.GuildID != "" && !mentions(m, self)) {
		return
	}
	if !b.begin() {
		return
	}
	defer b.inflight.Done()
	reply := func(r *Result) {
		_, err := s.ChannelMessageSendComplex(m.ChannelID, render(r).channelMessage(m))
		b.check("reply to message", nil, err)
	}
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("discord: panic in message handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			reply(failure(msgBroken))
		}
	}()

	if ok, wait := b.limit.allow(m.Author.ID, time.Now()); !ok {
		reply(failure("You are sending questions faster than I can answer. Please wait %s and try again.", roundUp(wait)))
		return
	}
	text := stripMention(m.Content, self)
	req, err := ParseLine(text)
	switch {
	case err != nil:
		reply(failure("%v", err))
		return
	case text == "":
		req = Request{Command: CmdHelp}
	case req.Command == CmdReload:
		reply(failure("Use the /reload slash command: it checks that you may."))
		return
	}

	done := make(chan outcome, 1)
	go func() { done <- b.do(req) }()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	var o outcome
	select {
	case o = <-done:
	case <-timer.C:
		b.check("typing", nil, s.ChannelTyping(m.ChannelID))
		o = <-done
	}
	if o.err != nil {
		reply(failure(msgBroken))
		return
	}
	reply(o.r)
}

func mentions(m *discordgo.Message, user string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == user {
			return true
		}
	}
	return false
}

func stripMention(content, user string) string {
	if user != "" {
		content = strings.NewReplacer("<@"+user+">", " ", "<@!"+user+">", " ").Replace(content)
	}
	return strings.TrimSpace(content)
}
