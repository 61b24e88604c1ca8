package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Mention is one statement's speaker as the index keeps it: the registry is
// rebuilt from the mentions of every document.
type Mention struct {
	Speaker string // as named in its document (Statement.Speaker)
	Doc     string // Document.ID
	Date    Date   // Statement.Date(): when it was said, else its piece's date
	Quote   bool
	Role    string // the title or role the document gives the speaker ("Russian Foreign Minister"), may be ""
}

// Mentions returns one Mention per statement of d.
func Mentions(d *Document) []Mention {
	if len(d.Statements) == 0 {
		return nil
	}
	roles := speakerRoles(d)
	out := make([]Mention, len(d.Statements))
	for i, st := range d.Statements {
		out[i] = Mention{Speaker: st.Speaker, Doc: d.ID, Date: st.Date(), Quote: st.Quote, Role: roles[st.Speaker]}
	}
	return out
}

// Actor is someone (or some organisation) who speaks in the corpus.
type Actor struct {
	Name       string   // canonical: the actors file's name, else the fullest form found
	Aliases    []string // the other names it goes by, sorted
	Role       string   // from the actors file, else the role the documents give most often
	Statements int
	First      Date // earliest dated statement; zero when none is dated
	Last       Date
}

// ActorEntry is one line of the optional actors file.
type ActorEntry struct {
	Name    string
	Aliases []string
	Role    string
}

// ReadActors reads an actors file. It is plain UTF-8 text, one actor a line:
//
//	# comment lines and blank lines are ignored
//	Canonical Name | alias; alias; … | role
//	Sergey Lavrov | Sergei Lavrov; Lavrov; Russian FM | Russian Foreign Minister
//	Recep Tayyip Erdoğan | Erdogan
//	Gallup
//
// Aliases and role are optional. An entry's name becomes the canonical name of
// every actor whose names match it or one of its aliases (case and diacritics
// ignored), and those actors merge into one.
func ReadActors(path string) ([]ActorEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("actors file: %w", err)
	}
	defer f.Close()
	var out []ActorEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) > 3 {
			return nil, fmt.Errorf("%s:%d: want \"Name | alias; alias | role\", got %d fields", path, n, len(parts))
		}
		e := ActorEntry{Name: strings.TrimSpace(parts[0])}
		if e.Name == "" {
			return nil, fmt.Errorf("%s:%d: an entry needs a name", path, n)
		}
		if len(parts) > 1 {
			for _, a := range strings.Split(parts[1], ";") {
				if a = strings.TrimSpace(a); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
		}
		if len(parts) > 2 {
			e.Role = strings.TrimSpace(parts[2])
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("actors file %s: %w", path, err)
	}
	return out, nil
}

// Registry groups the speakers of a corpus into actors. It is deterministic:
// the same mentions and entries, in any order, give the same registry.
type Registry struct {
	actors []Actor
	raw    map[string]int // raw speaker -> actor
	names  [][]string     // per actor: its raw speakers, canonical name and aliases
	keys   [][][]string   // per actor: regKeys of each of its names

	// Lookup's indexes, so that a name is compared only with the actors that
	// may bear it.
	byName     map[string]int   // canonical name -> first actor so named
	exact      map[string][]int // a name's joined keys -> actors, ascending
	vocab      []string         // every word of every name, once
	wordActors [][]int          // per vocab word: actors whose names hold it, ascending
	bySurname  map[string][]int // surnameKey -> vocab words

	typoOnce sync.Once
	typo     *regTypoIndex // built on the first lookup that needs it
}

type regName struct {
	raw     string
	keys    []string // folded words
	joined  string   // keys joined by spaces
	org     bool
	count   int
	first   Date
	last    Date
	roles   map[string]int
	cluster int
}

// NewRegistry builds the registry from the mentions of every document and the
// entries of an actors file (nil when there is none). Variants of a person's
// name merge: same surname with compatible given names ("Tayyip Erdogan",
// "Recep Tayyip Erdoğan"), spelling variants ("Sergei"/"Sergey"), and a lone
// surname when one person bears it, or when one of those who bear it speaks
// far more than the others (regDominant). Two full names never merge unless
// their given names match ("Joe Biden" and "Hunter Biden" stay apart).
// Organisations merge by name.
func NewRegistry(mentions []Mention, extra []ActorEntry) *Registry {
	byRaw := map[string]*regName{}
	for _, m := range mentions {
		if strings.TrimSpace(m.Speaker) == "" {
			continue
		}
		n := byRaw[m.Speaker]
		if n == nil {
			n = &regName{raw: m.Speaker, cluster: -1}
			n.keys, n.org = regKeysOrg(m.Speaker)
			n.joined = strings.Join(n.keys, " ")
			byRaw[m.Speaker] = n
		}
		n.count++
		if !m.Date.IsZero() {
			if n.first.IsZero() || m.Date.Compare(n.first) < 0 {
				n.first = m.Date
			}
			if n.last.IsZero() || m.Date.Compare(n.last) > 0 {
				n.last = m.Date
			}
		}
		if m.Role != "" {
			if n.roles == nil {
				n.roles = map[string]int{}
			}
			n.roles[m.Role]++
		}
	}
	names := make([]*regName, 0, len(byRaw))
	for _, n := range byRaw {
		if len(n.keys) > 0 {
			names = append(names, n)
		}
	}
	// Fullest names first; ties by name, so the result does not depend on input order.
	slices.SortFunc(names, func(a, b *regName) int {
		if len(a.keys) != len(b.keys) {
			return len(b.keys) - len(a.keys)
		}
		return strings.Compare(a.raw, b.raw)
	})
	// Each name is compared only with the clusters it could join: organisations
	// by their whole name; people by the surname of the cluster's first and
	// fullest name, which every joining name must fit (regCompatible), or by
	// its given names and a surname one edit away (regTypo). A one-edit pair
	// shares the surname or the surname less one letter (regDeletions).
	var clusters [][]*regName
	var hashes []uint64
	orgs := map[string]int{}                        // joined keys -> first organisation cluster
	bySurname := make(map[string][]int, len(names)) // surnameKey of the founder's surname -> person clusters
	byTypo := make(map[uint64][]int, 8*len(names))  // hash of the founder's given names and a deletion of its surname -> person clusters
	join := func(n *regName, c int) {
		n.cluster = c
		clusters[c] = append(clusters[c], n)
	}
	fresh := func(n *regName) {
		clusters = append(clusters, nil)
		c := len(clusters) - 1
		join(n, c)
		if n.org {
			orgs[n.joined] = c
			return
		}
		if len(n.keys) < 2 {
			return
		}
		last := n.keys[len(n.keys)-1]
		sk := surnameKey(last)
		bySurname[sk] = append(bySurname[sk], c)
		for _, h := range regTypoHashes(n.keys, hashes[:0]) {
			byTypo[h] = append(byTypo[h], c)
		}
	}
	var cands []int
	for _, n := range names {
		if n.org {
			if c, ok := orgs[n.joined]; ok {
				join(n, c)
			} else {
				fresh(n)
			}
			continue
		}
		last := n.keys[len(n.keys)-1]
		cands = append(cands[:0], bySurname[surnameKey(last)]...)
		if len(n.keys) >= 2 && len(last) >= 6 {
			for _, h := range regTypoHashes(n.keys, hashes[:0]) {
				cands = append(cands, byTypo[h]...)
			}
		}
		// In cluster order, as a scan of every cluster would find them: regDominant breaks ties by it.
		sort.Ints(cands)
		cands = slices.Compact(cands)
		k := 0
		for _, ci := range cands {
			if regCompatible(n.keys, clusters[ci]) {
				cands[k] = ci
				k++
			}
		}
		cands = cands[:k]
		if c := regDominant(cands, clusters, n); c >= 0 {
			join(n, c)
		} else {
			fresh(n)
		}
	}
	r := &Registry{}
	// The actors file: merge what its entries name, and name it as they say.
	type group struct {
		members []*regName
		entry   *ActorEntry
	}
	groups := make([]*group, len(clusters))
	for ci, cl := range clusters {
		groups[ci] = &group{members: cl}
	}
	// A name's groups: those of the clusters holding it, followed to the
	// group each has merged into since (owner).
	keyGroups := map[string][]int{}
	if len(extra) > 0 {
		for ci, cl := range clusters {
			for _, m := range cl {
				keyGroups[m.joined] = append(keyGroups[m.joined], ci)
			}
		}
	}
	owner := make([]int, len(clusters))
	for i := range owner {
		owner[i] = i
	}
	find := func(g int) int {
		for owner[g] != g {
			owner[g] = owner[owner[g]]
			g = owner[g]
		}
		return g
	}
	var hit []int
	for ei := range extra {
		e := &extra[ei]
		hit = hit[:0]
		for _, w := range append([]string{e.Name}, e.Aliases...) {
			for _, g := range keyGroups[strings.Join(regKeys(w), " ")] {
				hit = append(hit, find(g))
			}
		}
		sort.Ints(hit)
		hit = slices.Compact(hit)
		if len(hit) == 0 {
			groups = append(groups, &group{entry: e})
			continue
		}
		g := groups[hit[0]]
		g.entry = e
		for _, h := range hit[1:] {
			g.members = append(g.members, groups[h].members...)
			groups[h] = nil
			owner[h] = hit[0]
		}
	}
	r.actors = make([]Actor, 0, len(groups))
	for _, g := range groups {
		if g == nil {
			continue
		}
		var act Actor
		var roleCount map[string]int
		var all []string
		addName := func(s string) {
			if s != "" {
				all = append(all, s)
			}
		}
		best := (*regName)(nil)
		for _, m := range g.members {
			act.Statements += m.count
			if !m.first.IsZero() && (act.First.IsZero() || m.first.Compare(act.First) < 0) {
				act.First = m.first
			}
			if !m.last.IsZero() && (act.Last.IsZero() || m.last.Compare(act.Last) > 0) {
				act.Last = m.last
			}
			for role, c := range m.roles {
				if roleCount == nil {
					roleCount = map[string]int{}
				}
				roleCount[role] += c
			}
			if best == nil || regBetterName(m, best) {
				best = m
			}
		}
		if best != nil {
			act.Name = best.raw
		}
		if g.entry != nil {
			act.Name, act.Role = g.entry.Name, g.entry.Role
			for _, a := range g.entry.Aliases {
				addName(a)
			}
		}
		if act.Role == "" {
			act.Role = regMostFrequent(roleCount)
		}
		for _, m := range g.members {
			addName(m.raw)
		}
		sort.Strings(all)
		all = slices.Compact(all)
		for _, s := range all {
			if s != act.Name {
				act.Aliases = append(act.Aliases, s)
			}
		}
		r.actors = append(r.actors, act)
	}
	// Most statements first, then by name, then as built (a stable sort,
	// of indexes: an Actor is large to move).
	order := make([]int, len(r.actors))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &r.actors[i], &r.actors[j]
		if a.Statements != b.Statements {
			return b.Statements - a.Statements
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return i - j
	})
	sorted := make([]Actor, len(order))
	for k, i := range order {
		sorted[k] = r.actors[i]
	}
	r.actors = sorted
	r.names = make([][]string, len(r.actors))
	r.keys = make([][][]string, len(r.actors))
	r.byName = make(map[string]int, len(r.actors))
	r.raw = make(map[string]int, len(byRaw))
	r.exact = make(map[string][]int, len(byRaw))
	r.bySurname = make(map[string][]int, len(byRaw))
	vocab := make(map[string]int, len(byRaw))
	for i, a := range r.actors {
		if _, ok := r.byName[a.Name]; !ok {
			r.byName[a.Name] = i
		}
		ns := append([]string{a.Name}, a.Aliases...)
		sort.Strings(ns)
		r.names[i] = ns
		r.keys[i] = make([][]string, len(ns))
		for j, n := range ns {
			var k []string
			var joined string
			if m, ok := byRaw[n]; ok {
				r.raw[n] = i
				k, joined = m.keys, m.joined
			} else {
				k = regKeys(n)
				joined = strings.Join(k, " ")
			}
			r.keys[i][j] = k
			if ids := r.exact[joined]; len(ids) == 0 || ids[len(ids)-1] != i {
				r.exact[joined] = append(ids, i)
			}
			for _, w := range k {
				v, ok := vocab[w]
				if !ok {
					v = len(r.vocab)
					vocab[w] = v
					r.vocab = append(r.vocab, w)
					r.wordActors = append(r.wordActors, nil)
					sk := surnameKey(w)
					r.bySurname[sk] = append(r.bySurname[sk], v)
				}
				if ids := r.wordActors[v]; len(ids) == 0 || ids[len(ids)-1] != i {
					r.wordActors[v] = append(ids, i)
				}
			}
		}
	}
	return r
}

// regDominance is how many times more statements the most quoted bearer of a
// surname must have than the next one for the bare surname to be taken as his.
const regDominance = 3

// regDominant picks the cluster a name joins among the compatible ones: the
// only one; or, for a lone surname ("Trump") that several full names bear, the
// one with at least regDominance times the statements of any other ("Donald
// Trump" over "Melania Trump"), since a corpus that quotes one Trump far more
// than the others means him when it says "Trump". Both must be known to be
// people: the surname given a title somewhere ("President Trump"), the full
// name given a role; "Fox" the network does not join "Liam Fox". Otherwise -1:
// the name stays an actor of its own, and Lookup lists the candidates.
func regDominant(cands []int, clusters [][]*regName, n *regName) int {
	if len(cands) == 1 {
		return cands[0]
	}
	if len(cands) == 0 || !regSurname(n) || len(n.roles) == 0 {
		return -1 // only a surname the documents give a title ("President Trump") is a person's
	}
	best, first, second := -1, 0, 0
	for _, c := range cands {
		total := 0
		for _, m := range clusters[c] {
			total += m.count
		}
		switch {
		case total > first:
			best, first, second = c, total, first
		case total > second:
			second = total
		}
	}
	// Only someone the documents give a title or role is known to be a person
	// ("Public Service New Mexico" is no one for "Mexico").
	titled := false
	if best >= 0 {
		for _, m := range clusters[best] {
			titled = titled || len(m.roles) > 0
		}
	}
	if titled && first >= regDominance*second {
		return best
	}
	return -1
}

// regSurname: n is a surname alone, perhaps after a title ("Trump",
// "President Reagan"), written like one ("Bae", not "BAe"), not what is left
// of a longer name ("Snyder Oil Partners L.P." keys as "l.p").
func regSurname(n *regName) bool {
	if len(n.keys) != 1 {
		return false
	}
	var words []attrTok
	for _, t := range attrTokens(n.raw, nil) {
		if t.kind == 'w' {
			words = append(words, t)
		}
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	for _, w := range words[:len(words)-1] {
		if !w.titleWord() && !w.in(vRole) && !w.in(vTitleMods) && w.key != "the" {
			return false
		}
	}
	r := []rune(last.text)
	return len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1])
}

// regCompatible: a person name can join a cluster when it fits every full name
// in it (so "Clinton" does not join "Bill Clinton" with "Hillary Clinton").
func regCompatible(keys []string, cl []*regName) bool {
	for _, m := range cl {
		if len(m.keys) < 2 {
			continue
		}
		short, long := keys, m.keys
		if len(short) > len(long) {
			short, long = long, short
		}
		if !nameCompatible(short, long, false) && !regTypo(short, long) {
			return false
		}
	}
	return true
}

// regTypo: the same given names and a surname one letter apart ("Patrick
// Hennigsen", "Patrick Henningsen").
func regTypo(a, b []string) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	for i := range a[:len(a)-1] {
		if a[i] != b[i] {
			return false
		}
	}
	sa, sb := a[len(a)-1], b[len(b)-1]
	return len(sa) >= 6 && withinOneEdit(sa, sb)
}

// regDeletions appends to out the hash (FNV-1a, continuing from h) of s and
// of every string made by deleting one letter of s: two words within one edit
// (withinOneEdit) always share one of them. Words that share none are never
// within one edit; a collision only costs a comparison.
func regDeletions(h uint64, s string, out []uint64) []uint64 {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // as withinOneEdit reads it: a bad byte is U+FFFD
	}
	out = append(out, regHash(h, s))
	for i, r := range s {
		out = append(out, regHash(regHash(h, s[:i]), s[i+utf8.RuneLen(r):]))
	}
	return out
}

const regHashSeed = 14695981039346656037

// regHash continues the FNV-1a hash h with s.
func regHash(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// regTypoHashes appends to out the hashes that pair names regTypo may pair:
// the given names of keys (all but the last word) with each deletion of the
// surname, the last word (regDeletions).
func regTypoHashes(keys []string, out []uint64) []uint64 {
	h := uint64(regHashSeed)
	for _, g := range keys[:len(keys)-1] {
		h = regHash(regHash(h, g), "\xff") // a byte no UTF-8 text holds
	}
	return regDeletions(h, keys[len(keys)-1], out)
}

// regBetterName: a full name (two words or more) beats a lone surname; among
// full names the most used wins ("Clayton Yeutter" over a one-off "U.S. Trade
// Represenative Clayton Yeutter"), then the fuller, then the first in order.
func regBetterName(m, best *regName) bool {
	mf, bf := len(m.keys) > 1, len(best.keys) > 1
	switch {
	case mf != bf:
		return mf
	case foldName(m.raw) == foldName(best.raw) && regMarked(m.raw) != regMarked(best.raw):
		// The same name with and without its diacritics: however often
		// each is written, "Erdoğan" is the name and "Erdogan" its transliteration.
		return regMarked(m.raw) > regMarked(best.raw)
	case m.count != best.count:
		return m.count > best.count
	case len(m.keys) != len(best.keys):
		return len(m.keys) > len(best.keys)
	case regMarked(m.raw) != regMarked(best.raw):
		return regMarked(m.raw) > regMarked(best.raw) // "Erdoğan" keeps its letters
	}
	return m.raw < best.raw
}

// regMarked counts the letters outside ASCII.
func regMarked(s string) int {
	n := 0
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// regMostFrequent picks the role given most often, a role that says what
// someone is ("Foreign Secretary") before a mere honorific ("Mr").
func regMostFrequent(m map[string]int) string {
	best, bc, bi := "", 0, false
	for k, c := range m {
		inf := regInformative(k)
		if inf != bi {
			if inf {
				best, bc, bi = k, c, inf
			}
			continue
		}
		if c > bc || c == bc && (len(k) > len(best) || len(k) == len(best) && k < best) {
			best, bc = k, c
		}
	}
	return best
}

func regInformative(role string) bool {
	for _, w := range strings.Fields(foldName(strings.ReplaceAll(role, ".", " "))) {
		if !attrHonorifics[w] {
			return true
		}
	}
	return false
}

// regKeys folds a name into words, dropping a leading "the" and titles
// ("Russian FM Lavrov" -> "lavrov"; "the Russian Foreign Ministry" keeps its words).
func regKeys(name string) []string {
	keys, _ := regKeysOrg(name)
	return keys
}

// regKeysOrg returns regKeys(name) and whether name is an organisation's
// (regIsOrgWords of all its words), reading name once.
func regKeysOrg(name string) (keys []string, org bool) {
	var words []attrTok
	for _, t := range attrTokens(name, nil) {
		if t.kind == 'w' {
			words = append(words, t)
		}
	}
	org = regIsOrgWords(words)
	if len(words) > 0 && words[0].key == "the" {
		words = words[1:]
	}
	if run := attrNameRun(words); len(run) > 0 && len(run) < len(words) && !regIsOrgWords(words) {
		words = run
	}
	return attrKeys(words), org
}

// regIsOrgWords: an organisation's name ends in an organisation noun or holds
// lower-case words ("Turkish military", "Russian ceasefire monitoring center").
func regIsOrgWords(words []attrTok) bool {
	if len(words) == 0 {
		return false
	}
	if words[len(words)-1].in(vOrgHeads) {
		return true
	}
	for _, w := range words {
		if !w.cap && !w.in(vParticles) {
			return true
		}
	}
	return false
}

// Actors returns every actor, most statements first.
func (r *Registry) Actors() []Actor {
	out := make([]Actor, len(r.actors))
	copy(out, r.actors)
	return out
}

// Lookup finds the actors a loosely typed name may denote: case and
// diacritics do not matter, a first name or a surname alone will do, titles
// are ignored, and one typo is forgiven when nothing matches exactly. Several
// results mean the name is ambiguous; none, that nobody by that name speaks.
func (r *Registry) Lookup(name string) []Actor {
	q := regKeys(name)
	if len(q) == 0 {
		return nil
	}
	pick := r.exact[strings.Join(q, " ")]
	if len(pick) == 0 {
		pick = r.matching(q, false)
	}
	if len(pick) == 0 {
		pick = r.matching(q, true)
	}
	out := make([]Actor, len(pick))
	for k, i := range pick {
		out[k] = r.actors[i]
	}
	return out
}

// matching returns, in order, the actors with a name that every word of q
// matches (regWordsMatch). Only the actors whose names hold a word matching
// each word of q are tried.
func (r *Registry) matching(q []string, loose bool) []int {
	var cands, set []int
	for qi, w := range q {
		set = set[:0]
		for _, v := range r.wordsMatching(w, loose) {
			set = append(set, r.wordActors[v]...)
		}
		sort.Ints(set)
		set = slices.Compact(set)
		if qi == 0 {
			cands = append([]int(nil), set...)
		} else {
			cands = regIntersect(cands, set)
		}
		if len(cands) == 0 {
			return nil
		}
	}
	out := cands[:0]
	for _, i := range cands {
		for _, k := range r.keys[i] {
			if regWordsMatch(q, k, loose) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// regIntersect keeps the elements of a (ascending) that b (ascending) holds.
func regIntersect(a, b []int) []int {
	out, j := a[:0], 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			out = append(out, x)
		}
	}
	return out
}

// wordsMatching returns the vocabulary words that w matches (regWordMatch).
func (r *Registry) wordsMatching(w string, loose bool) []int {
	if !loose {
		return r.bySurname[surnameKey(w)] // what w == n or surnameKey(w) == surnameKey(n) finds
	}
	r.typoOnce.Do(func() { r.typo = newRegTypoIndex(r.vocab) })
	x := r.typo
	cands := append([]int(nil), r.bySurname[surnameKey(w)]...)
	var hs []uint64
	if len(w) >= 4 {
		for _, d := range regDeletions(regHashSeed, w, hs[:0]) {
			cands = append(cands, x.del[d]...)
		}
	}
	if len(w) > 1 {
		a := strings.TrimSuffix(w, ".")
		cands = append(cands, x.trim[a]...)
		if len(a) == 1 {
			cands = append(cands, x.first[a[0]]...)
		}
		if len(a) >= 1 {
			cands = append(cands, x.trim[a[:1]]...)
		}
		if len(a) >= 4 {
			for _, d := range regDeletions(regHashSeed, a, hs[:0]) {
				cands = append(cands, x.del[d]...)
			}
		}
		if sk := consonantSkeleton(a); len(sk) >= 3 {
			cands = append(cands, x.skel[sk]...)
		}
	}
	sort.Ints(cands)
	cands = slices.Compact(cands)
	out := cands[:0]
	for _, v := range cands {
		if regWordMatch(w, r.vocab[v], true) {
			out = append(out, v)
		}
	}
	return out
}

// regTypoIndex finds the words that a word matches loosely (regWordMatch)
// among those of the registry's names, each by one of the ways it can match:
// one edit apart (the words share a deletion, regDeletions), an initial, or
// the same consonant skeleton. Words are given and stored without a final ".".
type regTypoIndex struct {
	del   map[uint64][]int // a deletion of a word, with or without its final "." (regDeletions)
	trim  map[string][]int // a word without its final "."
	first [256][]int       // first byte of a word without its final "."
	skel  map[string][]int // consonant skeleton of a word without its final ".", 3 letters or more
}

func newRegTypoIndex(vocab []string) *regTypoIndex {
	x := &regTypoIndex{del: make(map[uint64][]int, 8*len(vocab)), trim: make(map[string][]int, len(vocab)), skel: make(map[string][]int, len(vocab))}
	add := func(m map[string][]int, k string, v int) {
		if ids := m[k]; len(ids) == 0 || ids[len(ids)-1] != v {
			m[k] = append(ids, v)
		}
	}
	var hs []uint64
	for v, n := range vocab {
		b := strings.TrimSuffix(n, ".")
		hs = regDeletions(regHashSeed, n, hs[:0])
		if b != n {
			hs = regDeletions(regHashSeed, b, hs)
		}
		for _, d := range hs {
			if ids := x.del[d]; len(ids) == 0 || ids[len(ids)-1] != v {
				x.del[d] = append(ids, v)
			}
		}
		add(x.trim, b, v)
		if len(b) > 0 {
			x.first[b[0]] = append(x.first[b[0]], v)
		}
		if sk := consonantSkeleton(b); len(sk) >= 3 {
			add(x.skel, sk, v)
		}
	}
	return x
}

// regWordsMatch: every word of q matches a different word of name, exactly or
// (loose) one edit or a transliteration apart.
func regWordsMatch(q, name []string, loose bool) bool {
	if len(q) > len(name) {
		return false
	}
	used := make([]bool, len(name))
	for _, w := range q {
		found := false
		for k, n := range name {
			if used[k] {
				continue
			}
			if regWordMatch(w, n, loose) {
				used[k], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// regWordMatch: the word w of a query matches the word n of a name.
func regWordMatch(w, n string, loose bool) bool {
	return w == n || surnameKey(w) == surnameKey(n) || loose && (len(w) >= 4 && withinOneEdit(w, n) || givenMatch(w, n) && len(w) > 1)
}

// Names returns every name the actor goes by, raw speaker strings included, so
// that a search for the actor can match the speaker stored with each sentence.
// actor is a canonical name, or any name that Lookup resolves to one actor.
func (r *Registry) Names(actor string) []string {
	i := r.index(actor)
	if i < 0 {
		return nil
	}
	return append([]string(nil), r.names[i]...)
}

// Canonical returns the canonical name of the actor a raw speaker string
// belongs to, or speaker itself when the registry does not know it.
func (r *Registry) Canonical(speaker string) string {
	if i, ok := r.raw[speaker]; ok {
		return r.actors[i].Name
	}
	if i := r.index(speaker); i >= 0 {
		return r.actors[i].Name
	}
	return speaker
}

func (r *Registry) index(name string) int {
	if i, ok := r.byName[name]; ok {
		return i
	}
	if i, ok := r.raw[name]; ok {
		return i
	}
	found := r.Lookup(name)
	if len(found) != 1 {
		return -1
	}
	return r.byName[found[0].Name]
}

// ---- scoring labelled statements ----------------------------------------------

// StatementLabel is one line of a labelled-statements file
// (../shared/eval/statements.jsonl): the sentence of Source that contains
// Contains is a statement by Actor (Said), or names Actor without being
// their statement (!Said).
type StatementLabel struct {
	Actor    string `json:"actor"`
	Source   string `json:"source"`
	Contains string `json:"contains"`
	Said     bool   `json:"said"`
}

// ReadStatementLabels reads a labelled-statements file, one JSON object a line.
func ReadStatementLabels(path string) ([]StatementLabel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("statement labels: %w", err)
	}
	defer f.Close()
	var out []StatementLabel
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l StatementLabel
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if l.Actor == "" || l.Source == "" || l.Contains == "" {
			return nil, fmt.Errorf("%s:%d: a label needs actor, source and contains", path, n)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("statement labels %s: %w", path, err)
	}
	return out, nil
}

// LabelResult is how one label fared.
type LabelResult struct {
	Label    StatementLabel
	Located  bool     // the text was found in the source
	Speakers []string // speakers of the statements that hold the text
	Correct  bool     // said: attributed to the actor; not said: not attributed to them
}

// StatementScore is precision and recall of the attribution on labelled statements.
// A said label is a true positive when a statement by the actor holds its text,
// else a false negative, and also a false positive when the text went to
// someone else; a not-said label is a false positive when the text went to
// the actor.
type StatementScore struct {
	Labels, Positives, Negatives int
	TP, FP, FN                   int
	Precision, Recall            float64
	Results                      []LabelResult
}

// ScoreStatements scores the statements of docs against labels. An actor's
// statement is one whose speaker Registry.Lookup(label.Actor) resolves to.
func ScoreStatements(docs []*Document, r *Registry, labels []StatementLabel) StatementScore {
	bySource := map[string][]*Document{}
	for _, d := range docs {
		bySource[d.Source] = append(bySource[d.Source], d)
		if d.ID != d.Source {
			bySource[d.ID] = append(bySource[d.ID], d)
		}
	}
	var sc StatementScore
	for _, l := range labels {
		res := LabelResult{Label: l}
		want := labelFold(l.Contains)
		actorNames := map[string]bool{}
		for _, a := range r.Lookup(l.Actor) {
			actorNames[a.Name] = true
		}
		byActor, other := false, false
		for _, d := range bySource[l.Source] {
			for _, s := range d.Sentences {
				if strings.Contains(labelFold(s.Text), want) {
					res.Located = true
				}
			}
			for _, st := range d.Statements {
				hit := false
				for i := st.First; i <= st.Last && i < len(d.Sentences); i++ {
					hit = hit || strings.Contains(labelFold(d.Sentences[i].Text), want)
				}
				if !hit && st.Start < st.End && st.End <= len(d.Text) {
					hit = strings.Contains(labelFold(d.Text[st.Start:st.End]), want)
				}
				if !hit {
					continue
				}
				res.Located = true
				res.Speakers = append(res.Speakers, st.Speaker)
				if actorNames[r.Canonical(st.Speaker)] {
					byActor = true
				} else {
					other = true
				}
			}
		}
		sc.Labels++
		if l.Said {
			sc.Positives++
			switch {
			case byActor:
				sc.TP++
				res.Correct = true
			default:
				sc.FN++
				if other {
					sc.FP++
				}
			}
		} else {
			sc.Negatives++
			if byActor {
				sc.FP++
			} else {
				res.Correct = true
			}
		}
		sc.Results = append(sc.Results, res)
	}
	sc.Precision = scoreRatio(sc.TP, sc.TP+sc.FP)
	sc.Recall = scoreRatio(sc.TP, sc.TP+sc.FN)
	return sc
}

// scoreRatio is a/b, and 0 when b is 0 (no prediction or no positive label),
// so that scores always encode as JSON numbers.
func scoreRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// foldSpaces turns every run of white space (NBSP and line breaks included)
// into one space and drops zero-width characters.
func labelFold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
