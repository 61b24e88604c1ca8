package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Only absolute dates are read: a day and month without a year ("May 31") or a
// weekday ("on Friday") cannot date a document without guessing.

const (
	reMonth   = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?`
	reWeekday = `(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?`
	reOrd     = `(?:st|nd|rd|th)?`
)

var (
	reDate = regexp.MustCompile(`(?i)\b(?:` +
		reWeekday + `(\d{1,2})` + reOrd + `(?:\s+of)?\s+` + reMonth + `,?\s+(\d{4})` + // 5 June 2016, 4 June, 2016
		`|` + reWeekday + reMonth + `\s+(\d{1,2})` + reOrd + `,?\s+(\d{4})` + // September 2, 2019
		`|(\d{4})[-/](\d{1,2})[-/](\d{1,2})` + // 2016-06-04
		`|` + reMonth + `,?\s+(\d{4})` + // June 2016
		`)\b`)

	// Times and words that often stand beside a date on a dateline.
	reTime     = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?`)
	datelineOK = map[string]bool{
		"posted": true, "published": true, "updated": true, "last": true, "on": true, "at": true, "by": true,
		"date": true, "dated": true, "the": true, "of": true, "and": true, "first": true, "modified": true,
		"am": true, "pm": true, "gmt": true, "utc": true, "bst": true, "est": true, "edt": true, "cet": true, "cest": true,
		"msk": true, "pst": true, "pdt": true, "ist": true, "time": true, "local": true, "issue": true, "edition": true,
	}
)

type dateMatch struct {
	Start, End int
	Date       Date
}

// findDates returns the absolute dates written in s, in order.
func findDates(s string) []dateMatch {
	if !hasYear(s) {
		return nil // every date read has a four-digit year: skip the costly match
	}
	var out []dateMatch
	for _, m := range reDate.FindAllStringSubmatchIndex(s, -1) {
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		var y, mo, d int
		var month string
		switch {
		case sub(1) != "":
			d, month, y = atoi(sub(1)), sub(2), atoi(sub(3))
		case sub(4) != "":
			month, d, y = sub(4), atoi(sub(5)), atoi(sub(6))
		case sub(7) != "":
			y, mo, d = atoi(sub(7)), atoi(sub(8)), atoi(sub(9))
		default:
			month, y = sub(10), atoi(sub(11))
		}
		if month != "" {
			// Month names are proper nouns: "may 2016" is more likely a verb than a date.
			if !unicode.IsUpper(rune(month[0])) {
				continue
			}
			mo = monthNumber(month)
		}
		date, ok := makeDate(y, mo, d)
		if !ok {
			continue
		}
		out = append(out, dateMatch{Start: m[0], End: m[1], Date: date})
	}
	return out
}

func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func monthNumber(name string) int {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if name == full || name == full[:3] || (m == time.September && name == "sept") {
			return int(m)
		}
	}
	return 0
}

// makeDate validates a calendar date; d may be 0 for month precision.
func makeDate(y, m, d int) (Date, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 0 {
		return Date{}, false
	}
	if d > 0 && d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return Date{}, false
	}
	return Date{Year: y, Month: m, Day: d}, true
}

// validDate accepts d when it is a calendar date in the years news is dated with.
func validDate(d Date) (Date, bool) {
	if d.Month == 0 && d.Day == 0 {
		return d, d.Year >= 1800 && d.Year <= 2200
	}
	return makeDate(d.Year, d.Month, d.Day)
}

// parseLooseDate reads a metadata date: ParseDate's forms, else the first date written in s.
func parseLooseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if d, err := ParseDate(s); err == nil {
		return validDate(d)
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return validDate(Date{t.Year(), int(t.Month()), t.Day()})
		}
	}
	if ds := findDates(s); len(ds) > 0 {
		return ds[0].Date, true
	}
	return Date{}, false
}

// datelineDate reports whether the folded line is a dateline — (mostly) just a
// date, perhaps with a time, a byline name or words like "Posted on" — and its date.
// A date inside a sentence ("published May 31, 2016 in ...") is not a dateline: any
// lower-case word besides the dateline vocabulary disqualifies the line.
func datelineDate(line string) (Date, bool) {
	if len(line) > 120 {
		return Date{}, false
	}
	ds := findDates(line)
	if len(ds) == 0 {
		return Date{}, false
	}
	rest := line[:ds[0].Start] + " " + line[ds[0].End:]
	for _, d := range ds[1:] { // "Published June 3, 2016; updated June 4, 2016": the first one counts
		rest = strings.Replace(rest, line[d.Start:d.End], " ", 1)
	}
	rest = reTime.ReplaceAllString(rest, " ")
	names := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		lw := strings.ToLower(w)
		switch {
		case datelineOK[lw]:
		case unicode.IsUpper([]rune(w)[0]):
			names++
		default:
			return Date{}, false
		}
	}
	if names > 5 {
		return Date{}, false
	}
	return ds[0].Date, true
}

// leadDatelinePlace reads the place that opens a wire dateline, "MOSCOW, ":
// a capital letter, then 1 to 40 letters, full stops, apostrophes, spaces or
// hyphens, a comma and white space, as the regexp
// ^[\p{Lu}][\pL.'’ -]{1,40},\s+ matches them (unicode.IsUpper and IsLetter are
// \p{Lu} and \pL, and \s is ASCII white space but \v). It returns where the
// rest of the paragraph starts, or -1. Every paragraph is asked: a regexp
// would cost more than the rest of the dateline reading.
func leadDatelinePlace(s string) int {
	r, i := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return -1
	}
	n := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && r != '.' && r != '\'' && r != '’' && r != ' ' && r != '-' {
			break
		}
		if n++; n > 40 {
			return -1 // none of these is a comma: no shorter run ends at one
		}
		i += w
	}
	if n == 0 || i == len(s) || s[i] != ',' {
		return -1
	}
	i++
	start := i
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	if i == start {
		return -1
	}
	return i
}

// leadDatelineDate reads a wire dateline at the start of a paragraph,
// "WASHINGTON, June 4, 2016 (Reuters) — ...": a place, a full date, an optional agency, a dash.
func leadDatelineDate(para string) (Date, bool) {
	at := leadDatelinePlace(para)
	if at < 0 {
		return Date{}, false
	}
	rest := para[at:]
	ds := findDates(rest[:min(len(rest), 48)]) // the date must come first: look no further than a date is long
	if len(ds) == 0 || ds[0].Start != 0 || ds[0].Date.Day == 0 {
		return Date{}, false
	}
	tail := strings.TrimSpace(rest[ds[0].End:])
	if strings.HasPrefix(tail, "(") {
		i := strings.IndexByte(tail, ')')
		if i < 0 || i > 40 {
			return Date{}, false
		}
		tail = strings.TrimSpace(tail[i+1:])
	}
	for _, dash := range []string{"-", "–", "—", ":"} {
		if strings.HasPrefix(tail, dash) {
			return ds[0].Date, true
		}
	}
	return Date{}, false
}
