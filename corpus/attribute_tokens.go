package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ---- quotations -------------------------------------------------------------

type attrSpan struct{ start, end, run int }

func attrIsOpenQuote(r rune) bool  { return r == '“' || r == '„' || r == '«' || r == '‟' }
func attrIsCloseQuote(r rune) bool { return r == '”' || r == '»' }

// attrQuotes marks the quoted byte spans of the sentences of one paragraph. Runs
// are numbered from *next; carry is the run left open by the previous paragraph,
// continued when this paragraph opens with a quotation mark. A closing mark with
// no opening one quotes everything back to the last closing mark (scrapes lose
// opening marks). It returns the run still open at the end, or -1.
func attrQuotes(texts []string, next *int, carry int) ([][]attrSpan, int) {
	spans := make([][]attrSpan, len(texts))
	add := func(k, s, e, run int) {
		if s >= e {
			return
		}
		if n := len(spans[k]); n > 0 && spans[k][n-1].run == run && spans[k][n-1].end >= s {
			if e > spans[k][n-1].end {
				spans[k][n-1].end = e
			}
			return
		}
		spans[k] = append(spans[k], attrSpan{s, e, run})
	}
	newRun := func() int { *next++; return *next - 1 }
	depth, run := 0, -1
	openAt := 0           // where the open run started
	freeK, freeAt := 0, 0 // just after the last closing mark
	first := true
	for k, t := range texts {
		if depth > 0 {
			openAt = 0
		}
		for i, r := range t {
			isFirst := first
			if first && !unicode.IsSpace(r) {
				first = false
			}
			opening, closing := false, false
			w := 0
			switch {
			case attrIsOpenQuote(r):
				opening, w = true, utf8.RuneLen(r)
			case attrIsCloseQuote(r):
				closing, w = true, utf8.RuneLen(r)
			case r == '"':
				// Only a straight quote looks at its neighbours, to tell which way it faces.
				w = 1
				prev, _ := utf8.DecodeLastRuneInString(t[:i])
				nxt, _ := utf8.DecodeRuneInString(t[i+w:])
				openLike := i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
				closeLike := i+w == len(t) || unicode.IsSpace(nxt) || unicode.IsPunct(nxt)
				if depth == 0 {
					opening = openLike || !closeLike
					closing = !opening
				} else if openLike && !closeLike {
					continue // a quotation resumed after a break: still the same one
				} else {
					closing = true
				}
			default:
				continue
			}
			switch {
			case opening && depth == 0:
				depth = 1
				if isFirst && carry >= 0 {
					run = carry
				} else {
					run = newRun()
				}
				openAt = i
			case opening:
				depth++
			case closing && depth > 0:
				depth--
				if depth == 0 {
					add(k, openAt, i+w, run)
					freeK, freeAt = k, i+w
				}
			case closing:
				// Orphan closing mark: the opening one was lost.
				r0 := newRun()
				if freeK == 0 && freeAt == 0 && carry >= 0 {
					r0 = carry
				}
				for kk := freeK; kk <= k; kk++ {
					s, e := 0, len(texts[kk])
					if kk == freeK {
						s = freeAt
					}
					if kk == k {
						e = i + w
					}
					add(kk, s, e, r0)
				}
				freeK, freeAt = k, i+w
			}
		}
		if depth > 0 {
			add(k, openAt, len(t), run)
		}
	}
	if depth > 0 {
		return spans, run
	}
	return spans, -1
}

// attrSingleQuotes adds ‘…’ spans outside double quotations: an opening mark
// at the start of a word, closed by the next ’ that does not join two letters.
func attrSingleQuotes(t string, spans []attrSpan, next *int) []attrSpan {
	if !strings.ContainsRune(t, '‘') {
		return spans // nothing opens one
	}
	var extra []attrSpan
	si := 0 // spans are sorted by start
	open := -1
	for i := 0; i < len(t); {
		r, w := utf8.DecodeRuneInString(t[i:])
		for si < len(spans) && spans[si].end <= i {
			si++
		}
		inside := si < len(spans) && spans[si].start <= i
		switch {
		case inside:
		case r == '‘' && open < 0:
			prev, _ := utf8.DecodeLastRuneInString(t[:i])
			if i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/“\"", prev) {
				open = i
			}
		case r == '’' && open >= 0:
			n, _ := utf8.DecodeRuneInString(t[i+w:])
			if i+w == len(t) || !unicode.IsLetter(n) {
				extra = append(extra, attrSpan{open, i + w, *next})
				*next++
				open = -1
			}
		}
		i += w
	}
	if len(extra) == 0 {
		return spans
	}
	spans = append(spans, extra...)
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	return spans
}

// ---- tokens -----------------------------------------------------------------

type attrTok struct {
	text       string  // as written
	key        string  // folded, without a final period
	start, end int32   // byte offsets in the sentence text (int32: tokens are many, and no sentence nears 2 GiB)
	run        int32   // quotation run of a 'q' token
	words      int32   // words inside a 'q' token
	voc        attrVoc // the classes of key (attrVocOf)
	kind       byte    // 'w' word, 'p' punctuation, 'q' quotation, 's' possessive 's
	cap        bool    // a word that starts with a capital letter
	lead       bool    // opens its sentence like "Meanwhile", capitalised for that alone (demoteLeads)
}

func (t attrTok) is(k string) bool { return t.kind == 'w' && t.key == k }

func (t attrTok) punct(p string) bool {
	return t.kind == 'p' && strings.Contains(p, t.text)
}

func attrIsQuoteRune(r rune) bool {
	return attrIsOpenQuote(r) || attrIsCloseQuote(r) || r == '"' || r == '‘' || r == '’' || r == '‹' || r == '›'
}

// attrTokens tokenizes t, each quoted span becoming one 'q' token; brackets are
// dropped so that "the [Russian] ministry" reads as "the Russian ministry".
func attrTokens(t string, spans []attrSpan) []attrTok {
	// About one token in five bytes of English: room for most sentences
	// without growing, which would allocate twice as much.
	toks := make([]attrTok, 0, len(t)/5+4)
	pos := 0
	for _, s := range spans {
		if s.start < pos {
			continue
		}
		toks = attrPlain(toks, t, pos, s.start)
		words := attrCountWords(t[s.start:s.end])
		if words > 0 {
			toks = append(toks, attrTok{text: t[s.start:s.end], start: int32(s.start), end: int32(s.end), kind: 'q', run: int32(s.run), words: int32(words)})
		}
		pos = s.end
	}
	return attrPlain(toks, t, pos, len(t))
}

// attrCountWords counts the words of a quotation: runs of letters, digits,
// apostrophes and hyphens (the fields strings.FieldsFunc would build).
func attrCountWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func attrPlain(toks []attrTok, t string, from, to int) []attrTok {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := from; i < to; {
		r, w := utf8.DecodeRuneInString(t[i:to])
		switch {
		case unicode.IsSpace(r) || r == '[' || r == ']' || attrIsQuoteRune(r) || r == '\u00ad':
			i += w
		case isWord(r):
			j := i + w
			for j < to {
				r2, w2 := utf8.DecodeRuneInString(t[j:to])
				if isWord(r2) {
					j += w2
					continue
				}
				if strings.ContainsRune("-'’.&", r2) && j+w2 < to {
					r3, _ := utf8.DecodeRuneInString(t[j+w2 : to])
					if isWord(r3) {
						j += w2
						continue
					}
				}
				break
			}
			word := t[i:j]
			// "Mr." and "U.S." keep their period.
			if j < to && t[j] == '.' {
				k := foldName(word)
				if attrTitles[k] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
					j++
					word = t[i:j]
				}
			}
			toks = appendWordTok(toks, word, i, j)
			i = j
		case r == '&':
			// "Transport & General Workers' Union", "Ernst & Young": part of a name.
			toks = append(toks, attrTok{text: "&", key: "&", start: int32(i), end: int32(i + w), kind: 'w', cap: true, voc: attrVocOf("&")})
			i += w
		default:
			p := t[i : i+w]
			if r == utf8.RuneError {
				p = string(r) // as the rune reads, not the bad byte
			}
			toks = append(toks, attrTok{text: p, key: p, start: int32(i), end: int32(i + w), kind: 'p', voc: attrVocOf(p)})
			i += w
		}
	}
	return toks
}

// appendWordTok appends the tokens of word to toks: one, or two for a
// possessive.
func appendWordTok(toks []attrTok, word string, s, e int) []attrTok {
	low := foldName(word)
	if strings.HasSuffix(low, "'s") && len(low) > 2 {
		cut := len(word) - len("'s")
		if strings.HasSuffix(word, "’s") || strings.HasSuffix(word, "’S") {
			cut = len(word) - len("’s")
		}
		return append(appendWordTok(toks, word[:cut], s, s+cut),
			attrTok{text: word[cut:], key: "'s", start: int32(s + cut), end: int32(e), kind: 's', voc: attrVocOf("'s")})
	}
	first, _ := utf8.DecodeRuneInString(word)
	cap := unicode.IsUpper(first)
	// "al-Assad": a lower-case particle joined to a capitalised name.
	if !cap {
		if k := strings.IndexByte(word, '-'); k > 0 && attrParticles[low[:k]] {
			r, _ := utf8.DecodeRuneInString(word[k+1:])
			cap = unicode.IsUpper(r)
		}
	}
	key := strings.TrimSuffix(low, ".")
	return append(toks, attrTok{text: word, key: key, start: int32(s), end: int32(e), kind: 'w', cap: cap, voc: attrVocOf(key)})
}
