package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/corpusbot/corpusbot/answer"
	"github.com/corpusbot/corpusbot/bot"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "")
	var sf storeFlags
	sf.register(fs, e)
	roles := fs.String("moderator-roles", e.getenv("CORPUSBOT_MODERATOR_ROLES"), "comma-separated role ids allowed to /reload, besides Manage Server (default from $CORPUSBOT_MODERATOR_ROLES)")
	top := fs.Int("top", answer.DefaultTop, fmt.Sprintf("how many sentences an answer cites (1 to %d)", answer.MaxTop))
	watch := fs.Bool("watch", false, "reload when the corpus folder changes")
	shard := fs.Int("shard-id", 0, "this process's shard, from 0 (with -shard-count)")
	shards := fs.Int("shard-count", 1, "how many processes share the bot's guilds (Discord sharding); shard 0 registers the commands and gets direct messages")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments")
	}
	if *top < 1 || *top > answer.MaxTop {
		return usagef("-top must be between 1 and %d", answer.MaxTop)
	}
	if *shards < 1 || *shard < 0 || *shard >= *shards {
		return usagef("-shard-id must be from 0 to -shard-count minus 1, and -shard-count at least 1")
	}
	token, err := discordToken(e)
	if err != nil {
		return err
	}
	st, rep, err := sf.open(ctx, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	e.log.Info("index ready", "documents", rep.Documents, "sentences", rep.Sentences, "actors", rep.Actors, "reopened", rep.Reopened, "took", rep.Took)
	if *watch {
		go watchCorpus(ctx, e, st)
	}
	cfg := bot.Config{
		Token:          token,
		GuildID:        e.getenv("DISCORD_GUILD_ID"),
		ModeratorRoles: splitList(*roles),
		Top:            *top,
		ShardID:        *shard,
		ShardCount:     *shards,
		Logger:         e.log,
	}
	return bot.Serve(ctx, cfg, answer.New(st))
}

// discordToken reads the bot token from DISCORD_TOKEN, or from the file
// DISCORD_TOKEN_FILE names (as container secrets are mounted).
func discordToken(e *env) (string, error) {
	if t := strings.TrimSpace(e.getenv("DISCORD_TOKEN")); t != "" {
		return t, nil
	}
	path := e.getenv("DISCORD_TOKEN_FILE")
	if path == "" {
		return "", usagef("set DISCORD_TOKEN, or DISCORD_TOKEN_FILE to a file holding the token")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", fmt.Errorf("DISCORD_TOKEN_FILE %s is empty", path)
	}
	return t, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func runChat(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "chat", "")
	var sf storeFlags
	sf.register(fs, e)
	watch := fs.Bool("watch", false, "reload when the corpus folder changes")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("chat takes no arguments: type questions at its prompt")
	}
	st, _, err := sf.open(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if *watch {
		go watchCorpus(ctx, e, st)
	}
	return bot.Chat(ctx, answer.New(st), e.stdin, e.stdout)
}
