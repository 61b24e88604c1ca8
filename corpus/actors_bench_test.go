package corpus

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// registrySets are the mentions the registry benchmarks run on: the team
// corpus, the BBC articles when the shared data is present, the corpus in
// $CORPUSBOT_BENCH_CORPUS when set (an import of Reuters has some 10,000
// actors), and names made up from the BBC's given names and surnames, many
// people to a surname.
func registrySets(b *testing.B) map[string][]Mention {
	b.Helper()
	sets := map[string][]Mention{}
	load := func(name, dir string) {
		c, err := Load(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		var ms []Mention
		for _, d := range c.Docs {
			ms = append(ms, Mentions(d)...)
		}
		sets[name] = ms
	}
	c := attribLoadTeamB(b)
	for _, d := range c.Docs {
		sets["team"] = append(sets["team"], Mentions(d)...)
	}
	const bbc = "../../shared/data/bbc-fulltext/bbc"
	if _, err := os.Stat(bbc); err == nil {
		load("bbc", bbc)
		sets["synthetic"] = registrySynthetic(sets["bbc"], 20000)
	}
	if dir := os.Getenv("CORPUSBOT_BENCH_CORPUS"); dir != "" {
		load("env", dir)
	}
	return sets
}

func attribLoadTeamB(b *testing.B) *Corpus {
	b.Helper()
	c, err := loadTeamCorpus()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// registrySynthetic makes n full names from the given names and surnames of
// ms's two-word speakers, and adds each surname alone with a title.
func registrySynthetic(ms []Mention, n int) []Mention {
	givenSet, surSet := map[string]bool{}, map[string]bool{}
	for _, m := range ms {
		if w := strings.Fields(m.Speaker); len(w) == 2 {
			givenSet[w[0]], surSet[w[1]] = true, true
		}
	}
	sorted := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	given, sur := sorted(givenSet), sorted(surSet)
	if len(given) == 0 || len(sur) == 0 {
		return nil
	}
	var out []Mention
	for i := 0; i < n; i++ {
		g, s := given[(i*7919)%len(given)], sur[i%len(sur)]
		out = append(out, Mention{Speaker: g + " " + s, Doc: fmt.Sprint(i), Date: Date{2020, 1 + i%12, 1 + i%28}})
	}
	for i, s := range sur {
		out = append(out, Mention{Speaker: s, Doc: fmt.Sprint(i), Role: "President"})
	}
	return out
}

func BenchmarkNewRegistry(b *testing.B) {
	sets := registrySets(b)
	for _, name := range []string{"team", "bbc", "synthetic", "env"} {
		ms, ok := sets[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			var r *Registry
			for b.Loop() {
				r = NewRegistry(ms, nil)
			}
			b.ReportMetric(float64(len(ms)), "mentions")
			b.ReportMetric(float64(len(r.actors)), "actors")
		})
	}
}

// BenchmarkLookup looks up, per op, a spread of the registry's own names, their
// surnames and first names, and misspelt and unknown names.
func BenchmarkLookup(b *testing.B) {
	sets := registrySets(b)
	for _, name := range []string{"team", "bbc", "synthetic", "env"} {
		ms, ok := sets[name]
		if !ok {
			continue
		}
		r := NewRegistry(ms, nil)
		var qs []string
		for i := 0; i < len(r.actors); i += len(r.actors)/50 + 1 {
			w := strings.Fields(r.actors[i].Name)
			last := w[len(w)-1]
			qs = append(qs, r.actors[i].Name, strings.ToLower(last), w[0], "Nobody Known")
			if len(last) > 4 {
				qs = append(qs, last[:2]+last[3:], w[0]+" "+last[:3]+"x"+last[4:])
			}
		}
		r.Lookup("warm up the typo index")
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				for _, q := range qs {
					r.Lookup(q)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(qs)), "ns/lookup")
			b.ReportMetric(float64(len(r.actors)), "actors")
		})
	}
}
