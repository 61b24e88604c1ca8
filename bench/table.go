package bench

import (
	"fmt"
	"io"
	"strings"
)

// A metric is one line of the table: its name and its value at one size.
type metric struct {
	name  string
	value func(Result) string
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func lat(l Latency) string { return fmt.Sprintf("%.2f / %.2f / %.2f", l.P50, l.P95, l.P99) }

// metrics are the table's lines, in order.
var metrics = []metric{
	{"sentences indexed", func(r Result) string { return fmt.Sprint(r.Sentences) }},
	{"distinct sentences (copies of the most repeated article)", func(r Result) string {
		return fmt.Sprintf("%d (%d×)", r.Distinct, r.Copies)
	}},
	{"documents", func(r Result) string { return fmt.Sprint(r.Documents) }},
	{"unique terms", func(r Result) string { return fmt.Sprint(r.UniqueTerms) }},
	{"actors", func(r Result) string { return fmt.Sprint(r.Actors) }},
	{"build, files to ready index (s)", func(r Result) string { return fmt.Sprintf("%.1f", r.BuildSeconds) }},
	{"build throughput (sentences/s)", func(r Result) string { return fmt.Sprintf("%.0f", r.BuildRate) }},
	{"build CPU, user + system (s)", func(r Result) string { return fmt.Sprintf("%.1f", r.BuildCPU) }},
	{"build peak RSS", func(r Result) string { return mib(r.BuildPeakRSS) + " (" + r.BuildIn + ")" }},
	{"build peak anonymous memory (sampled; RSS less mapped files)", func(r Result) string { return mib(r.BuildPeakAnon) }},
	{"index on disk", func(r Result) string { return mib(r.IndexBytes) }},
	{"reopen + first answer, cold cache (ms)", func(r Result) string { return fmt.Sprintf("%.0f", r.ReopenColdMS) }},
	{"reopen + first answer, warm cache (ms)", func(r Result) string { return fmt.Sprintf("%.0f", r.ReopenWarmMS) }},
	{"ask p50 / p95 / p99 (ms)", func(r Result) string { return lat(r.Ask) }},
	{"ask CPU time p50 / p95 / p99 (ms)", func(r Result) string { return lat(r.AskCPU) }},
	{"ask, 2 concurrent askers p50 / p95 / p99 (ms)", func(r Result) string { return lat(r.Ask2) }},
	{"answers/s, 1 asker / 2 askers", func(r Result) string {
		return fmt.Sprintf("%.0f / %.0f", r.AskPerSecond, r.Ask2PerSecond)
	}},
	{"questions timed (each asker)", func(r Result) string { return fmt.Sprint(r.Ask.N) }},
	{"statements p50 / p95 / p99 (ms)", func(r Result) string { return lat(r.Statements) }},
	{"statements CPU time p50 / p95 / p99 (ms)", func(r Result) string { return lat(r.StatementsCPU) }},
	{"actors timed", func(r Result) string { return fmt.Sprint(r.Statements.N) }},
	{"serving peak RSS", func(r Result) string {
		s := mib(r.ServePeakRSS)
		if r.ServePeakSinceStart {
			s += " (since start)"
		}
		return s
	}},
	{"SQuAD P@1 / MRR@10 / R@5", func(r Result) string {
		return fmt.Sprintf("%.3f / %.3f / %.3f", r.SQuAD.PAt1, r.SQuAD.MRRAt10, r.SQuAD.RAt5)
	}},
	{"SQuAD questions scored", func(r Result) string { return fmt.Sprint(r.SQuAD.Questions) }},
	{"machine load average, start / end", func(r Result) string { return fmt.Sprintf("%.1f / %.1f", r.Load[0], r.Load[1]) }},
}

// WriteTable writes results as a Markdown table: one line a metric, one column a size.
func WriteTable(w io.Writer, results []Result) error {
	var b strings.Builder
	b.WriteString("| metric |")
	for _, r := range results {
		fmt.Fprintf(&b, " %s |", r.Name)
	}
	b.WriteString("\n|---|")
	for range results {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, m := range metrics {
		fmt.Fprintf(&b, "| %s |", m.name)
		for _, r := range results {
			fmt.Fprintf(&b, " %s |", m.value(r))
		}
		b.WriteString("\n")
	}
	for _, r := range results {
		for _, l := range []struct {
			what  string
			slows []Slow
		}{{"questions", r.SlowestAsks}, {"statements lists (actors)", r.SlowestStatements}} {
			if len(l.slows) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\nslowest %s at %s, 1 asker:\n", l.what, r.Name)
			for _, s := range l.slows {
				fmt.Fprintf(&b, "  %7.2f ms  %s\n", s.MS, s.Input)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
