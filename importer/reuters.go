package importer

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Reuters reads Reuters-21578 SGML: src is a directory holding reut2-*.sgm (any *.sgm) or one
// .sgm file. Each <REUTERS> document becomes an article "reuters-<NEWID>", outlet "Reuters",
// dated by <DATE>, titled by <TITLE>. The text is the <DATELINE> followed by the <BODY>, with
// the wire's hard line wraps joined into paragraphs (an indented line starts a paragraph) that
// are separated by blank lines, SGML entities decoded, control characters turned into spaces
// and the closing "Reuter" signature dropped. A document without <BODY> keeps the rest of its
// <TEXT> (TYPE="UNPROC" tables and stories); TYPE="BRIEF" documents hold only a headline and the
// placeholder "Blah blah blah.", and are skipped and counted, as is any document left empty.
func Reuters(ctx context.Context, src string, emit func(Article) error) (Stats, error) {
	t := newTally("reuters", emit)
	files, err := sourceFiles(ctx, src, func(p string) bool { return strings.HasSuffix(p, ".sgm") })
	if err != nil {
		return *t.Stats, err
	}
	if len(files) == 0 {
		return *t.Stats, fmt.Errorf("no .sgm files in %s", src)
	}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return *t.Stats, err
		}
		name := relName(src, p)
		text, ok := t.readText(name, p)
		if !ok {
			continue
		}
		if err := t.reutersFile(ctx, name, text); err != nil {
			return *t.Stats, err
		}
	}
	return *t.Stats, nil
}

func (t *tally) reutersFile(ctx context.Context, name, text string) error {
	docs := 0
	for off := 0; ; {
		i := strings.Index(text[off:], "<REUTERS")
		if i < 0 {
			break
		}
		start := off + i
		end := len(text)
		if j := strings.Index(text[start+1:], "<REUTERS"); j >= 0 {
			end = start + 1 + j
		}
		docs++
		t.Read++
		k := strings.Index(text[start:end], "</REUTERS>")
		if k < 0 {
			t.skip(fmt.Sprintf("%s document %d (line %d)", name, docs, 1+strings.Count(text[:start], "\n")), "unterminated <REUTERS>")
			off = end
			continue
		}
		off = start + k + len("</REUTERS>")
		if docs%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		a, reason := parseReuters(text[start : start+k])
		if reason != "" {
			item := fmt.Sprintf("%s document %d", name, docs)
			if a.ID != "" {
				item = fmt.Sprintf("%s NEWID=%s", name, strings.TrimPrefix(a.ID, "reuters-"))
			}
			t.skip(item, reason)
			continue
		}
		if err := t.add(a); err != nil {
			return err
		}
	}
	if docs == 0 {
		t.skip(name, "no <REUTERS> documents")
	}
	return nil
}

var attrRE = regexp.MustCompile(`([A-Za-z]+)="([^"]*)"`)

// parseReuters converts one document (from "<REUTERS" up to "</REUTERS>"); a non-empty reason
// means it is skipped.
func parseReuters(doc string) (Article, string) {
	a := Article{Outlet: "Reuters"}
	open, rest, ok := strings.Cut(doc, ">")
	if !ok {
		return a, "malformed <REUTERS> tag"
	}
	attrs := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(open, -1) {
		attrs[m[1]] = m[2]
	}
	if id := attrs["NEWID"]; id != "" {
		a.ID = "reuters-" + id
	} else {
		return a, "no NEWID attribute"
	}
	if d, ok := element(rest, "DATE"); ok {
		a.Date = reutersDate(d)
	}
	textOpen := strings.Index(rest, "<TEXT")
	if textOpen < 0 {
		return a, "no <TEXT>"
	}
	tag, inner, ok := strings.Cut(rest[textOpen:], ">")
	if !ok {
		return a, "no <TEXT>"
	}
	inner, _, _ = strings.Cut(inner, "</TEXT>")
	typ := ""
	for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
		if m[1] == "TYPE" {
			typ = m[2]
		}
	}
	if title, ok := element(inner, "TITLE"); ok {
		a.Title = strings.Join(strings.Fields(decodeSGML(title)), " ")
	}
	dateline, _ := element(inner, "DATELINE")
	dateline = strings.Join(strings.Fields(decodeSGML(dateline)), " ")
	body, hasBody := element(inner, "BODY")
	switch {
	case hasBody:
	case typ == "BRIEF":
		return a, "title only (TYPE=BRIEF)"
	default:
		body = removeElement(removeElement(inner, "TITLE"), "DATELINE")
	}
	text := reutersText(decodeSGML(body))
	if text == "" {
		return a, "no text"
	}
	if dateline != "" {
		text = dateline + " " + text
	}
	a.Text = text
	return a, ""
}

// element returns the content of the first <name>...</name> in s.
func element(s, name string) (string, bool) {
	i := strings.Index(s, "<"+name+">")
	if i < 0 {
		return "", false
	}
	s = s[i+len(name)+2:]
	j := strings.Index(s, "</"+name+">")
	if j < 0 {
		return "", false
	}
	return s[:j], true
}

func removeElement(s, name string) string {
	i := strings.Index(s, "<"+name+">")
	if i < 0 {
		return s
	}
	j := strings.Index(s[i:], "</"+name+">")
	if j < 0 {
		return s
	}
	return s[:i] + s[i+j+len(name)+3:]
}

var reutersDateRE = regexp.MustCompile(`(\d{1,2})-([A-Za-z]{3})-(\d{4})`)

// reutersDate reads " 26-FEB-1987 15:01:01.79" (with the collection's stray spaces and
// trailing control-character junk) as "1987-02-26"; "" when no valid date is there.
func reutersDate(s string) string {
	m := reutersDateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mon := strings.ToUpper(m[2][:1]) + strings.ToLower(m[2][1:])
	t, err := time.Parse("2-Jan-2006", m[1]+"-"+mon+"-"+m[3])
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// decodeSGML decodes the entities of the collection (&lt; &gt; &amp; &quot; &apos; and numeric
// references) and turns control characters other than newline into spaces: the wire codes
// (&#2; &#3; &#5; &#22; &#31;) carry no text, and &#127; stands where a character was lost,
// most often a space. Literal "^M" (a carriage return printed as text) and CR are dropped.
func decodeSGML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&':
			if r, n := entity(s[i:]); n > 0 {
				writeClean(&b, r)
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		case c == '^' && i+1 < len(s) && s[i+1] == 'M' && (i+2 == len(s) || s[i+2] == '\n' || s[i+2] == '\r'):
			i += 2
		case c < utf8.RuneSelf:
			writeClean(&b, rune(c))
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			writeClean(&b, r)
			i += n
		}
	}
	return b.String()
}

func writeClean(b *strings.Builder, r rune) {
	switch {
	case r == '\n':
		b.WriteByte('\n')
	case r == '\r':
	case r == '\t':
		b.WriteByte(' ')
	case unicode.IsControl(r):
		b.WriteByte(' ')
	default:
		b.WriteRune(r)
	}
}

var namedEntities = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "quot": '"', "apos": '\''}

// entity decodes the reference at the start of s ("&lt;", "&#3;", "&#x41;") and returns its
// rune and length; n is 0 when s does not start with one.
func entity(s string) (r rune, n int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err != nil || v > unicode.MaxRune || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), end + 1
	}
	if r, ok := namedEntities[name]; ok {
		return r, end + 1
	}
	return 0, 0
}

// reutersText rejoins a wire body: lines wrapped at about 70 columns are joined with a space
// (a word hyphenated at the wrap keeps its hyphen and no space), a line starting with
// whitespace or following a blank line starts a new paragraph, paragraphs are separated by one
// blank line, and the trailing "Reuter" signature is dropped.
func reutersText(body string) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			paras = append(paras, cur.String())
			cur.Reset()
		}
	}
	for line := range strings.SplitSeq(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			flush()
			continue
		}
		if line[0] == ' ' {
			flush()
		}
		if cur.Len() > 0 {
			prev := cur.String()
			if !hyphenWrap(prev, trimmed) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(trimmed)
	}
	flush()
	for len(paras) > 0 {
		last := dropSignature(paras[len(paras)-1])
		if last != "" {
			paras[len(paras)-1] = last
			break
		}
		paras = paras[:len(paras)-1]
	}
	return strings.Join(paras, "\n\n")
}

// hyphenWrap reports whether prev ends in a word broken after its hyphen ("English-") and
// next continues it ("language"): the collection wraps only at spaces and hyphens.
func hyphenWrap(prev, next string) bool {
	if len(prev) < 2 || prev[len(prev)-1] != '-' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLetter(first)
}

// dropSignature removes a closing "Reuter" ("REUTER", "Reuter...") from the last paragraph,
// when it stands alone, is in capitals, or follows the end of a sentence ("NIL. Reuter"), but
// not when it is the last word of a sentence ("... told Reuter").
func dropSignature(p string) string {
	rest := strings.TrimRight(p, " \n.")
	const sig = "reuter"
	if len(rest) < len(sig) || !strings.EqualFold(rest[len(rest)-len(sig):], sig) {
		return p
	}
	word := rest[len(rest)-len(sig):]
	rest = rest[:len(rest)-len(sig)]
	if rest != "" && rest[len(rest)-1] != ' ' && rest[len(rest)-1] != '\n' {
		return p // part of a longer word
	}
	before := strings.TrimRight(rest, " \n")
	if before != "" && word != "REUTER" { // capitals are the signature; running text writes "Reuter"
		r, _ := utf8.DecodeLastRuneInString(before)
		if !strings.ContainsRune(`.!?"')]>`, r) && !unicode.IsDigit(r) {
			return p
		}
	}
	return before
}
