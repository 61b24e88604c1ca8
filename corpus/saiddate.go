package corpus

import (
	"strconv"
	"time"
	"unicode"
)

// ---- dates ------------------------------------------------------------------

// saidDate reads when a statement was made from the words around its verb:
// "said on Friday", "told … yesterday", "In an interview published May 31, X
// said", "last month", relative to the date of the piece.
func (a *attribution) saidDate(s *attrSent, c *attrCand) Date {
	pd := a.d.Pieces[s.piece].Date
	if pd.IsZero() {
		return Date{}
	}
	toks := s.toks
	from := c.npStart
	if c.rank == 0 && c.npStart == attrMainStart(toks) {
		from = attrDateline(toks) // an introductory phrase dates the saying
	}
	if c.verb < 0 {
		return Date{}
	}
	to := c.verb + 1
	// Adjuncts after the verb: its object for verbs that take one, then
	// prepositional phrases and date words, up to the reported clause.
	takesObject := toks[c.verb].in(vObjectVerbs)
	k := c.verb + 1
	if takesObject {
		// the listener: "told reporters", "told a joint news conference"
		for n := 0; k < len(toks) && n < 5 && toks[k].kind == 'w' && !toks[k].is("that") &&
			!toks[k].in(vDateAdjunct) && !toks[k].in(vWeekdays) && !toks[k].in(vAdjunctPreps); n++ {
			k++
		}
	}
	// Only adjuncts: "on Friday", "during a briefing on Friday", "in a statement", "yesterday".
	for k < len(toks) {
		t := toks[k]
		if t.kind != 'w' {
			break
		}
		if t.in(vDateAdjunct) || t.in(vWeekdays) || t.in(vMonths) && t.cap || unicode.IsDigit(rune(t.text[0])) {
			k++
			continue
		}
		if t.in(vAdjunctPreps) && !t.cap {
			k++
			// the preposition's object: a short noun phrase
			for n := 0; k < len(toks) && n < 4 && toks[k].kind == 'w' && !toks[k].in(vAdjunctPreps) &&
				(!toks[k].in(vFunction) || toks[k].key == "the" || toks[k].key == "a" || toks[k].key == "an" || toks[k].in(vWeekdays) || toks[k].in(vDateAdjunct)); n++ {
				k++
			}
			continue
		}
		break
	}
	to = max(to, k)
	return attrDateIn(toks[from:to], pd)
}

func attrDateIn(toks []attrTok, pd Date) Date {
	base := pd.Time()
	for i, t := range toks {
		if t.kind != 'w' {
			continue
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].key
		}
		nextTok := attrTok{}
		if i+1 < len(toks) {
			nextTok = toks[i+1]
		}
		if wd, ok := attrWeekdays[t.key]; ok && pd.Day != 0 {
			back := (int(base.Weekday()) - int(wd) + 7) % 7
			if prev == "last" && back == 0 {
				back = 7
			}
			t2 := base.AddDate(0, 0, -back)
			return Date{t2.Year(), int(t2.Month()), t2.Day()}
		}
		switch t.key {
		case "yesterday":
			if pd.Day != 0 {
				t2 := base.AddDate(0, 0, -1)
				return Date{t2.Year(), int(t2.Month()), t2.Day()}
			}
		case "today":
			if pd.Day != 0 {
				return pd
			}
		case "month":
			if pd.Month != 0 && (prev == "last" || prev == "this") {
				t2 := time.Date(pd.Year, time.Month(pd.Month), 1, 0, 0, 0, 0, time.UTC)
				if prev == "last" {
					t2 = t2.AddDate(0, -1, 0)
				}
				return Date{Year: t2.Year(), Month: int(t2.Month())}
			}
		case "year":
			if prev == "last" {
				return Date{Year: pd.Year - 1}
			}
			if prev == "this" {
				return Date{Year: pd.Year}
			}
		}
		if m, ok := attrMonths[t.key]; ok && t.cap && pd.Month != 0 {
			day := 0
			if !attrDatePrep[prev] && !(i >= 2 && toks[i-2].in(vDatePrep)) {
				continue // "in the year to March 21" dates something else
			}
			if n, err := strconv.Atoi(nextTok.key); err == nil && n >= 1 && n <= 31 {
				day = n
			} else if n, err := strconv.Atoi(prev); err == nil && n >= 1 && n <= 31 {
				day = n
			}
			if day == 0 {
				continue
			}
			y := pd.Year
			if m > pd.Month || m == pd.Month && pd.Day != 0 && day > pd.Day {
				y--
			}
			return Date{y, m, day}
		}
	}
	return Date{}
}
