// Command corpusbot answers questions about a folder of news articles with the
// exact sentences that answer them, cited, on the command line and in Discord.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// usageError is bad usage: the command exits 2 after saying what is wrong.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every command reads and writes, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"ask", "answer questions with cited sentences", runAsk},
		{"statements", "list what an actor said, oldest first", runStatements},
		{"actors", "list the actors with statements", runActors},
		{"split", "split text on stdin into sentences, one a line", runSplit},
		{"index", "build or refresh the index and print the load report", runIndex},
		{"eval", "score the answers against the evaluation sets", runEval},
		{"bench", "measure build, reopen and answer speed at scale", runBench},
		{"import", "convert reuters|bbc|wikinews|squad data to the .jsonl corpus format", runImport},
		{"serve", "run the Discord bot", runServe},
		{"chat", "the bot's commands in a terminal", runChat},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run runs one command and returns the exit status: 0 when it did its job, 2
// for bad usage, 1 for any other error, said in one line.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "corpusbot %s: %s\n", c.name, ue.msg)
			return 2
		default:
			fmt.Fprintf(e.stderr, "corpusbot %s: %s\n", c.name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "corpusbot: unknown command %q\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: corpusbot <command> [flags] [arguments]\n\ncommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n'corpusbot <command> -h' lists a command's flags.")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parse parses flags wherever they stand among the arguments ("ask -json Q" and
// "ask Q -json" alike) and returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(e *env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: corpusbot %s [flags] %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}
