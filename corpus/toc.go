package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A compilation page (a live blog, a daily round-up) opens with a table of
// contents, a list of teaser lines, and then repeats each teaser as the heading
// of its own story. The repetition is what tells such a list from a page's own
// headline and standfirst: a list whose lines never come back is left alone.

const (
	tocMaxLine    = 20 // words in a teaser or heading: headlineLike's limit
	tocMinWords   = 3  // a teaser shorter than this ("Sport", "World news") is no evidence
	tocMaxTeasers = 80 // lines of one list compared with the headings below it
	tocMinMatches = 2  // one repeated line is a duplicated headline, two make a list
)

// tocHeadings finds a table of contents before the first running text of the
// page, in segments [0, cs). When at least two of its lines reappear below as
// standalone headings, each followed by running text, it marks the list as
// navigation (Furniture, never searched or used as a title) and returns those
// headings in order: each opens a story. Otherwise it changes nothing and
// returns nil.
func tocHeadings(info []segInfo, cs int, sents []Sentence) []int {
	var runs [][]int
	var run []int
	flush := func() {
		if len(run) >= tocMinMatches {
			runs = append(runs, run)
		}
		run = nil
	}
	for i := 0; i < cs; i++ {
		in := &info[i]
		if tocLine(in) {
			run = append(run, i)
			continue
		}
		if in.furniture {
			continue // a caption or a share row inside the list does not end it
		}
		flush()
		if in.body {
			break // running text: the top of the page is over
		}
	}
	flush()
	for _, run := range runs {
		if heads := tocMatch(info, cs, run, sents); heads != nil {
			return heads
		}
	}
	return nil
}

// tocLine reports a line that can be an entry of a list of teasers or the
// heading of a story: one short line, a headline or a question.
func tocLine(in *segInfo) bool {
	if in.seg.Lines != 1 || in.dateline || in.furniture || in.first == in.end || in.words > tocMaxLine {
		return false
	}
	if in.headline {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(in.folded, isCloser))
	return in.end-in.first == 1 && (last == '?' || last == '!')
}

// tocMatch matches the lines of run against the headings below it and, when
// they make a table of contents, marks the list and returns the headings.
func tocMatch(info []segInfo, cs int, run []int, sents []Sentence) []int {
	run = run[:min(len(run), tocMaxTeasers)]
	words := make([][]string, len(run))
	label := make([]bool, len(run))
	for n, i := range run {
		words[n] = tocWords(info[i].folded)
		label[n] = isLabel(&info[i])
	}
	// With no blank line or label between them, the list and the first story's
	// heading read as one run: the list ends where a line repeats one above it.
	cut := len(run)
	for n := 1; n < cut; n++ {
		for m := range n {
			if !label[m] && len(words[m]) >= tocMinWords && nearSame(words[m], words[n]) {
				cut = n
				break
			}
		}
	}
	run, words = run[:cut], words[:cut]
	// Every standalone line below the list that repeats a list line is a
	// candidate; one that repeats a label ("IN THIS ISSUE") never heads a story.
	// A line shares all but a few of its distinct words with the teaser it
	// repeats: counting shared words first spares the edit distance on pages of
	// many headings.
	has := map[string][]int{}
	distinct := make([]int, len(run))
	for n, ws := range words {
		if len(ws) < tocMinWords {
			continue
		}
		seen := map[string]bool{}
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				has[w] = append(has[w], n)
			}
		}
		distinct[n] = len(seen)
	}
	shared := make([]int, len(run))
	var cands, teaserOf []int
	for j := run[len(run)-1] + 1; j < cs; j++ {
		in := &info[j]
		if !tocLine(in) || in.seg.Bullet {
			continue
		}
		w := tocWords(in.folded)
		clear(shared)
		seen := map[string]bool{}
		for _, x := range w {
			if !seen[x] {
				seen[x] = true
				for _, n := range has[x] {
					shared[n]++
				}
			}
		}
		for n := range run {
			allowed := (max(len(words[n]), len(w)) - 1) / 5
			if shared[n] == 0 || shared[n] < max(distinct[n], len(seen))-allowed {
				continue
			}
			if nearSame(words[n], w) {
				cands = append(cands, j)
				teaserOf = append(teaserOf, n)
				break
			}
		}
	}
	// A heading heads running text; a repetition with none under it (the same
	// list again at the foot of the page) is navigation too.
	var heads, repeats []int
	matched := map[int]bool{}
	for c, j := range cands {
		next := cs
		if c+1 < len(cands) {
			next = cands[c+1]
		}
		body := false
		for k := j + 1; k < next && !body; k++ {
			body = info[k].body
		}
		switch {
		case !body:
			repeats = append(repeats, j)
		case !label[teaserOf[c]]:
			heads = append(heads, j)
			matched[teaserOf[c]] = true
		}
	}
	if len(matched) < tocMinMatches {
		return nil
	}
	// The list runs from its first label, bullet or repeated teaser to its end;
	// unbulleted lines above that (the page's own headline) are not part of it.
	start := len(run)
	for n, i := range run {
		if matched[n] || info[i].seg.Bullet || isLabel(&info[i]) {
			start = n
			break
		}
	}
	for _, i := range slices.Concat(run[start:], repeats) {
		in := &info[i]
		in.headline, in.body, in.furniture = false, false, true
		setKind(sents[in.first:in.end], Furniture)
	}
	return heads
}

// isLabel reports a section label such as "LATEST" or "TOP STORIES": a few
// words in capitals.
func isLabel(in *segInfo) bool {
	return in.words <= 4 && isAllCaps(in.folded)
}

// tocWords returns the words of a line as teasers and headings are compared:
// case, diacritics, punctuation and bullets ignored.
func tocWords(s string) []string {
	return strings.FieldsFunc(foldName(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// nearSame reports whether two lines are the same headline, perhaps edited
// between the list and the story ("Reclaim Hilltop" / "Reclaim Mountain"): one
// word inserted, deleted or replaced in six to ten, two in eleven to fifteen,
// none in five or fewer, where one word is the whole story ("Raises Rates" /
// "Lowers Rates").
func nearSame(a, b []string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	allowed := (len(a) - 1) / 5
	if len(a)-len(b) > allowed {
		return false
	}
	if allowed == 0 {
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	// Levenshtein distance over words, abandoned once every cell of a row exceeds allowed.
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
			best = min(best, cur[j])
		}
		if best > allowed {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= allowed
}
