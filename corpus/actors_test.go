package corpus

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

var (
	teamOnce   sync.Once
	teamCorpus *Corpus
	teamErr    error
)

func loadTeamCorpus() (*Corpus, error) {
	teamOnce.Do(func() { teamCorpus, teamErr = Load(context.Background(), "../../shared/corpus") })
	return teamCorpus, teamErr
}

func attribLoadTeam(t *testing.T) *Corpus {
	t.Helper()
	c, err := loadTeamCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) == 0 {
		t.Fatal("team corpus: no documents")
	}
	return c
}

func TestScoreStatementsOnTeamCorpus(t *testing.T) {
	c := attribLoadTeam(t)
	labels, err := ReadStatementLabels("../../shared/eval/statements.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ms []Mention
	for _, d := range c.Docs {
		ms = append(ms, Mentions(d)...)
	}
	r := NewRegistry(ms, nil)
	sc := ScoreStatements(c.Docs, r, labels)
	for _, res := range sc.Results {
		if !res.Located {
			t.Errorf("label text not found in %s: %q", res.Label.Source, res.Label.Contains)
		}
		if !res.Correct {
			t.Logf("wrong: %+v", res)
		}
	}
	t.Logf("statements.jsonl: %d labels (%d said, %d not), TP %d FP %d FN %d, precision %.3f recall %.3f",
		sc.Labels, sc.Positives, sc.Negatives, sc.TP, sc.FP, sc.FN, sc.Precision, sc.Recall)
	if sc.Positives == 0 || sc.Precision < 0.95 || sc.Recall < 0.85 {
		t.Errorf("precision %.3f recall %.3f: want >= 0.95 and >= 0.85", sc.Precision, sc.Recall)
	}
}

func TestScoreStatementsCounts(t *testing.T) {
	d := attribParsed(t, "Putin said the talks went well.\n\n"+
		"Erdogan visited Moscow on Friday.\n\n"+
		"“We agreed,” Erdogan said.", "")
	d.Source = "a.txt"
	r := NewRegistry(Mentions(d), nil)
	labels := []StatementLabel{
		{Actor: "Putin", Source: "a.txt", Contains: "talks  went\u00a0well", Said: true}, // TP (whitespace folded)
		{Actor: "Erdogan", Source: "a.txt", Contains: "talks went well", Said: true},     // FN + FP: someone else's
		{Actor: "Erdogan", Source: "a.txt", Contains: "visited Moscow", Said: true},      // FN
		{Actor: "Erdogan", Source: "a.txt", Contains: "visited Moscow", Said: false},     // TN
		{Actor: "Erdogan", Source: "a.txt", Contains: "We agreed", Said: false},          // FP
		{Actor: "Putin", Source: "b.txt", Contains: "talks went well", Said: true},       // FN, not located
	}
	sc := ScoreStatements([]*Document{d}, r, labels)
	if sc.TP != 1 || sc.FP != 2 || sc.FN != 3 || sc.Positives != 4 || sc.Negatives != 2 {
		t.Fatalf("got TP %d FP %d FN %d P %d N %d, want 1 2 3 4 2", sc.TP, sc.FP, sc.FN, sc.Positives, sc.Negatives)
	}
	if sc.Precision != 1.0/3 || sc.Recall != 0.25 {
		t.Errorf("precision %v recall %v", sc.Precision, sc.Recall)
	}
	if sc.Results[5].Located || !sc.Results[0].Located {
		t.Errorf("located flags: %+v", sc.Results)
	}
}

func TestReadStatementLabelsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"actor\":\"X\",\"source\":\"a\",\"contains\":\"b\",\"said\":true}\n{not json\n"), 0o644)
	if _, err := ReadStatementLabels(bad); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("want an error naming line 2, got %v", err)
	}
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte("{\"actor\":\"\",\"source\":\"a\",\"contains\":\"b\"}\n"), 0o644)
	if _, err := ReadStatementLabels(empty); err == nil {
		t.Error("want an error for a label without actor")
	}
	if _, err := ReadStatementLabels(filepath.Join(dir, "missing.jsonl")); err == nil {
		t.Error("want an error for a missing file")
	}
}

func attribMentions(names ...string) []Mention {
	var ms []Mention
	for i, n := range names {
		ms = append(ms, Mention{Speaker: n, Doc: "d" + string(rune('a'+i%26)), Date: Date{2016, 6, 1 + i%28}})
	}
	return ms
}

func actorNames(as []Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	sort.Strings(out)
	return out
}

func TestRegistryMerging(t *testing.T) {
	ms := attribMentions(
		"Sergey Lavrov", "Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Russian FM Lavrov",
		"Recep Tayyip Erdoğan", "Tayyip Erdogan", "Erdogan", "Recep Tayyip Erdogan",
		"Patrick Henningsen", "Patrick Henningsen", "Patrick Hennigsen",
		"Bill Clinton", "Hillary Clinton", "Clinton",
		"Russian Foreign Ministry", "the Russian Foreign Ministry", "Defense Ministry",
		"Mohammad Ballout", "Muhammad Ballout",
	)
	r := NewRegistry(ms, nil)
	groups := map[string][]string{
		"Sergey Lavrov":            {"Lavrov", "Russian FM Lavrov", "Sergei Lavrov", "Sergey Lavrov"},
		"Recep Tayyip Erdoğan":     {"Erdogan", "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Tayyip Erdogan"},
		"Patrick Henningsen":       {"Patrick Hennigsen", "Patrick Henningsen"},
		"Bill Clinton":             {"Bill Clinton"},
		"Hillary Clinton":          {"Hillary Clinton"},
		"Clinton":                  {"Clinton"},
		"Russian Foreign Ministry": {"Russian Foreign Ministry", "the Russian Foreign Ministry"},
		"Defense Ministry":         {"Defense Ministry"},
		"Mohammad Ballout":         {"Mohammad Ballout", "Muhammad Ballout"},
	}
	for canon, names := range groups {
		for _, n := range names {
			if got := r.Canonical(n); got != canon {
				t.Errorf("Canonical(%q) = %q, want %q", n, got, canon)
			}
		}
		got := r.Names(canon)
		sort.Strings(got)
		if !reflect.DeepEqual(got, names) {
			t.Errorf("Names(%q) = %q, want %q", canon, got, names)
		}
	}
	if n := len(r.Actors()); n != len(groups) {
		t.Errorf("%d actors, want %d: %q", n, len(groups), actorNames(r.Actors()))
	}
	lav := r.Lookup("Sergey Lavrov")
	if len(lav) != 1 || lav[0].Statements != 5 || lav[0].First != (Date{2016, 6, 1}) || lav[0].Last != (Date{2016, 6, 5}) {
		t.Errorf("Lavrov: %+v", lav)
	}
	if r.Actors()[0].Name != "Sergey Lavrov" {
		t.Errorf("most statements first: %q", actorNames(r.Actors()[:1]))
	}
	if got := r.Canonical("Nobody Known"); got != "Nobody Known" {
		t.Errorf("unknown speaker: %q", got)
	}
}

func TestRegistryLookup(t *testing.T) {
	r := NewRegistry(attribMentions(
		"Sergey Lavrov", "Sergey Lavrov", "Sergei Lavrov", "Recep Tayyip Erdoğan", "Erdogan", "Vladimir Putin",
		"Bill Clinton", "Hillary Clinton", "Russian Foreign Ministry", "Kamal Alam",
	), nil)
	cases := []struct {
		q    string
		want []string
	}{
		{"lavrov", []string{"Sergey Lavrov"}},
		{"SERGEI LAVROV", []string{"Sergey Lavrov"}},
		{"Lavrv", []string{"Sergey Lavrov"}},
		{"Russian FM Lavrov", []string{"Sergey Lavrov"}},
		{"Erdoğan", []string{"Recep Tayyip Erdoğan"}},
		{"erdogan", []string{"Recep Tayyip Erdoğan"}},
		{"Tayyip Erdogan", []string{"Recep Tayyip Erdoğan"}},
		{"Recep Erdogan", []string{"Recep Tayyip Erdoğan"}},
		{"Vladimir", []string{"Vladimir Putin"}},
		{"President Putin", []string{"Vladimir Putin"}},
		{"Putn", []string{"Vladimir Putin"}},
		{"Clinton", []string{"Bill Clinton", "Hillary Clinton"}},
		{"hillary", []string{"Hillary Clinton"}},
		{"foreign ministry", []string{"Russian Foreign Ministry"}},
		{"the Russian Foreign Ministry", []string{"Russian Foreign Ministry"}},
		{"Alam", []string{"Kamal Alam"}},
		{"Angela Merkel", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := actorNames(r.Lookup(c.q)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Lookup(%q) = %q, want %q", c.q, got, c.want)
		}
	}
	if got := r.Names("Clinton"); got != nil {
		t.Errorf("Names of an ambiguous name: %q", got)
	}
	if got := r.Names("lavrov"); len(got) != 2 {
		t.Errorf("Names(lavrov) = %q", got)
	}
}

func TestRegistryDeterministic(t *testing.T) {
	c := attribLoadTeam(t)
	var ms []Mention
	for _, d := range c.Docs {
		ms = append(ms, Mentions(d)...)
	}
	want := NewRegistry(ms, nil).Actors()
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5; i++ {
		rng.Shuffle(len(ms), func(a, b int) { ms[a], ms[b] = ms[b], ms[a] })
		if got := NewRegistry(ms, nil).Actors(); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled mentions give another registry:\n%+v\n%+v", got, want)
		}
	}
}

// The team corpus's own variants merge, and its actors carry their roles.
func TestRegistryTeamCorpus(t *testing.T) {
	c := attribLoadTeam(t)
	var ms []Mention
	for _, d := range c.Docs {
		ms = append(ms, Mentions(d)...)
	}
	r := NewRegistry(ms, nil)
	for _, c := range []struct{ q, names, role string }{
		{"Lavrov", "Sergei Lavrov|Sergey Lavrov", "Russian Foreign Minister"},
		{"Erdogan", "Recep Tayyip Erdogan|Recep Tayyip Erdoğan", "Turkish President"},
		{"Henningsen", "Patrick Henningsen", "Geopolitical analyst"},
		{"Hollande", "Francois Hollande|Hollande", "French President"},
	} {
		got := r.Lookup(c.q)
		if len(got) != 1 {
			t.Errorf("Lookup(%q) = %q", c.q, actorNames(got))
			continue
		}
		if n := strings.Join(r.Names(got[0].Name), "|"); n != c.names || got[0].Role != c.role {
			t.Errorf("%s: names %q role %q, want %q %q", c.q, n, got[0].Role, c.names, c.role)
		}
	}
	for _, a := range r.Actors() {
		for _, generic := range []string{"sources", "Sources", "statement", "Analysts", "Russians"} {
			if a.Name == generic {
				t.Errorf("generic noun %q is an actor", a.Name)
			}
		}
	}
}

func TestReadActors(t *testing.T) {
	es, err := ReadActors("testdata/attrib/actors.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []ActorEntry{
		{Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov", "Russian FM"}, Role: "Russian Foreign Minister"},
		{Name: "Recep Tayyip Erdoğan", Aliases: []string{"Erdogan"}},
		{Name: "Angela Merkel", Aliases: []string{"Mutti"}, Role: "German Chancellor"},
	}
	if !reflect.DeepEqual(es, want) {
		t.Fatalf("got %+v\nwant %+v", es, want)
	}
	if _, err := ReadActors("testdata/attrib/bad-actors.txt"); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("want an error naming line 1, got %v", err)
	}
	if _, err := ReadActors("testdata/attrib/missing.txt"); err == nil {
		t.Error("want an error for a missing file")
	}

	r := NewRegistry(attribMentions("Sergei Lavrov", "Lavrov", "Erdogan", "Tayyip Erdogan", "Kamal Alam"), es)
	lav := r.Lookup("lavrov")
	if len(lav) != 1 || lav[0].Name != "Sergey Lavrov" || lav[0].Role != "Russian Foreign Minister" || lav[0].Statements != 2 {
		t.Errorf("Lavrov entry: %+v", lav)
	}
	if got := r.Canonical("Tayyip Erdogan"); got != "Recep Tayyip Erdoğan" {
		t.Errorf("Canonical(Tayyip Erdogan) = %q", got)
	}
	m := r.Lookup("Mutti")
	if len(m) != 1 || m[0].Name != "Angela Merkel" || m[0].Statements != 0 {
		t.Errorf("an entry without statements is still an actor: %+v", m)
	}
	if got := r.Names("Angela Merkel"); !reflect.DeepEqual(got, []string{"Angela Merkel", "Mutti"}) {
		t.Errorf("Names(Angela Merkel) = %q", got)
	}
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{"Erdoğan": "erdogan", "ŞAHİN": "sahin", "Müller": "muller", "Łukasz": "lukasz", "José": "jose", "Straße": "strasse"} {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"hennigsen", "henningsen", true}, {"lavrov", "lavrvo", true}, {"lavrov", "lavrov", true}, {"abc", "xyz", false}, {"putin", "putinas", false}} {
		if got := withinOneEdit(c.a, c.b); got != c.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// Bare surnames and relatives: "Trump" joins the Trump the corpus quotes far
// more than the others, two full names that share a surname never merge.
func TestRegistrySurnames(t *testing.T) {
	var ms []Mention
	add := func(name, role string, n int) {
		for i := 0; i < n; i++ {
			ms = append(ms, Mention{Speaker: name, Doc: name, Date: Date{2020, 10, 1 + i}, Role: role})
		}
	}
	add("Donald Trump", "President", 6)
	add("Melania Trump", "First Lady", 1)
	add("Ivanka Trump", "", 1)
	add("Ivana Trump", "", 1)
	add("Trump", "President", 2)
	add("Joe Biden", "nominee", 2)
	add("Hunter Biden", "", 1)
	add("Biden", "Vice President", 1)
	add("Liam Fox", "Tory co-chairman", 6)
	add("Chris Fox", "police chief", 1)
	add("Fox", "", 2)
	add("Snyder Oil Partners L.P.", "", 4)
	add("Harris Associates L.P.", "", 1)
	add("Mario Draghi", "ECB President", 1)
	add("Maria Draghi", "", 1)
	add("Daniel Ortega", "", 1)
	add("Daniela Ortega", "", 1)
	add("Steve Lewins", "", 1)
	add("Steven Lewins", "analyst", 2)
	add("Arsenio Yulo", "", 2)
	add("Arsenim Yulo", "", 1)
	r := NewRegistry(ms, nil)
	for _, c := range []struct{ raw, canon string }{
		{"Trump", "Donald Trump"}, // 6 statements against 1: the corpus's Trump
		{"Melania Trump", "Melania Trump"},
		{"Ivanka Trump", "Ivanka Trump"},
		{"Ivana Trump", "Ivana Trump"},
		{"Biden", "Biden"}, // 2 against 1 is not enough
		{"Hunter Biden", "Hunter Biden"},
		{"Fox", "Fox"}, // never given a title: not known to be a person
		{"Harris Associates L.P.", "Harris Associates L.P."},
		{"Maria Draghi", "Maria Draghi"},
		{"Daniela Ortega", "Daniela Ortega"},
		{"Steve Lewins", "Steven Lewins"}, // a spelling, not a relative
		{"Arsenim Yulo", "Arsenio Yulo"},
	} {
		if got := r.Canonical(c.raw); got != c.canon {
			t.Errorf("Canonical(%q) = %q, want %q", c.raw, got, c.canon)
		}
	}
	if got := actorNames(r.Lookup("trump")); !reflect.DeepEqual(got, []string{"Donald Trump"}) {
		t.Errorf("Lookup(trump) = %q", got)
	}
	if got := actorNames(r.Lookup("Hunter")); !reflect.DeepEqual(got, []string{"Hunter Biden"}) {
		t.Errorf("Lookup(Hunter) = %q", got)
	}
}

func TestGivenMatch(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"sergei", "sergey", true}, {"mohammad", "muhammed", true}, {"micheal", "michael", true},
		{"steve", "steven", true}, {"arsenio", "arsenim", true}, {"j.", "joe", true}, {"hillary", "hilary", true},
		{"joe", "hunter", false}, {"mario", "maria", false}, {"daniel", "daniela", false},
		{"alexander", "alexandra", false}, {"louis", "louise", false}, {"ivana", "ivanka", false},
		{"donald", "melania", false},
	} {
		if got := givenMatch(c.a, c.b); got != c.want {
			t.Errorf("givenMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// Lookup's indexes find what comparing the name with every name of every actor
// finds (lookupEvery), for names, words, prefixes as typed, initials and typos.
func TestRegistryLookupIndex(t *testing.T) {
	c := attribLoadTeam(t)
	var ms []Mention
	for _, d := range c.Docs {
		ms = append(ms, Mentions(d)...)
	}
	ms = append(ms, attribMentions(
		"Sergey Lavrov", "J. Smith", "John Smith", "Jon Smyth", "Ann-Marie Al-Hassan", "al-Hassan",
		"Oleksandr Petrovych", "Олександр Петрович", "Dr. Müller", "Łukasz Nowak", "Lukasz Nowak.",
		"Mohammad bin Salman", "Muhammad Salman", "Maria", "Mario", "Ivana Trump", "Ivanka Trump",
		"Abc\xffdef Ghij", "Abc\xfedef Ghij", "Ministry of Defence", "U.N. Security Council",
	)...)
	r := NewRegistry(ms, nil)
	seen := map[string]bool{}
	var qs []string
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	for _, a := range r.Actors() {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			add(n)
			add(strings.ToUpper(n))
			for l := 1; l <= len(n) && l <= 8; l++ {
				add(n[:l])
			}
			ws := strings.Fields(n)
			for _, w := range ws {
				add(w)
				add(w[:1] + ".")
				for i := 0; i < len(w); i++ {
					add(w[:i] + w[i+1:])                    // a letter missed
					add(w[:i] + "x" + w[i:])                // one too many
					add(w[:i] + "e" + w[min(i+1, len(w)):]) // one wrong
					if i+1 < len(w) {
						add(w[:i] + w[i+1:i+2] + w[i:i+1] + w[i+2:]) // two swapped
					}
				}
			}
			if len(ws) > 1 {
				add(ws[0][:1] + ". " + ws[len(ws)-1])
				add(ws[0] + "a " + ws[len(ws)-1])
				add("President " + ws[len(ws)-1] + "s")
			}
		}
	}
	add("")
	add("Nobody Known")
	for _, q := range qs {
		if got, want := fmt.Sprint(r.Lookup(q)), fmt.Sprint(lookupEvery(r, q)); got != want {
			t.Errorf("Lookup(%q) = %q, want %q", q, got, want)
		}
	}
	t.Logf("%d names looked up among %d actors", len(qs), len(r.Actors()))
}

// lookupEvery is Lookup comparing q with every name of every actor.
func lookupEvery(r *Registry, name string) []Actor {
	q := regKeys(name)
	if len(q) == 0 {
		return nil
	}
	joined := strings.Join(q, " ")
	var exact, words, typo []Actor
	for i, a := range r.Actors() {
		best := 0
		for _, n := range r.names[i] {
			k := regKeys(n)
			switch {
			case strings.Join(k, " ") == joined:
				best = max(best, 3)
			case regWordsMatch(q, k, false):
				best = max(best, 2)
			case regWordsMatch(q, k, true):
				best = max(best, 1)
			}
		}
		switch best {
		case 3:
			exact = append(exact, a)
		case 2:
			words = append(words, a)
		case 1:
			typo = append(typo, a)
		}
	}
	switch {
	case len(exact) > 0:
		return exact
	case len(words) > 0:
		return words
	}
	return typo
}

// A full name with its surname misspelt joins the person, whatever the
// slip: a letter swapped, changed (even the first), added or missed.
func TestRegistryTypos(t *testing.T) {
	r := NewRegistry(attribMentions(
		"Jonathan Abramowitz", "Jonathan Abramowitz", "Jonathan Abramowtiz",
		"Maria Kowalski", "Maria Kowalski", "Maria Cowalski",
		"Petra Lindqvist", "Petra Lindqvist", "Petra Lindqvistt",
		"Ольга Петрова", "Ольга Петрова", "Ольга Петровва",
		"Sean Ferguson", "Sean Ferguson", "Sean Fergusn",
		"Ahmed Hassan", "Ahmed Hassan", "Ahmed Hasan",
		"Anna Berg", "Anna Burg", // too short to be a slip
	), nil)
	for raw, canon := range map[string]string{
		"Jonathan Abramowtiz": "Jonathan Abramowitz", "Maria Cowalski": "Maria Kowalski",
		"Petra Lindqvistt": "Petra Lindqvist", "Ольга Петровва": "Ольга Петрова",
		"Sean Fergusn": "Sean Ferguson", "Ahmed Hasan": "Ahmed Hassan", "Anna Burg": "Anna Burg",
	} {
		if got := r.Canonical(raw); got != canon {
			t.Errorf("Canonical(%q) = %q, want %q", raw, got, canon)
		}
	}
	if n := len(r.Actors()); n != 8 {
		t.Errorf("%d actors, want 8: %q", n, actorNames(r.Actors()))
	}
}
