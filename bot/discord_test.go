package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words, nothing to do.", "plain words, nothing to do."},
		{"**bold** and __under__ ~~gone~~ `code` ||spoiler||", `\*\*bold\*\* and \_\_under\_\_ \~\~gone\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"[click](https://evil.example)", `\[click\]\(https://evil.example\)`},
		{"hello @everyone and @here", "hello @\u200beveryone and @\u200bhere"},
		{"<@123> <@&456> <#789> <t:1700000000:R>", `\<@123\> \<@&456\> \<#789\> \<t:1700000000:R\>`},
		{"# Heading\n- item\n> quote\n-# small\n12. item\n+ plus", "\\# Heading\n\\- item\n\\> quote\n\\-# small\n12\\. item\n\\+ plus"},
		{"anti-aircraft #1 in 2016. Not a list", "anti-aircraft #1 in 2016. Not a list"},
		{`back\slash`, `back\\slash`},
		{"  - indented list", "  \\- indented list"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a bit too long", 10, "a bit too…"},
		{`abcdefgh\*rest`, 10, `abcdefgh…`}, // never half an escape
		{`abcdefg\\rest`, 10, `abcdefg\\…`},
		{"日本語のテキストです", 5, "日本語の…"},
		{"😀😀😀😀", 5, "😀😀…"}, // two UTF-16 units each
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		got := clip(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
		if width(got) > tt.n || !utf8.ValidString(got) {
			t.Errorf("clip(%q, %d) = %q: width %d or invalid UTF-8", tt.in, tt.n, got, width(got))
		}
	}
}

// TestRenderLimits renders results far over every Discord limit and checks
// that the message stays within all of them and keeps every citation.
func TestRenderLimits(t *testing.T) {
	long := strings.Repeat("word *with* markup_ and 😀 emoji ", 400)
	var items []Cite
	for i := 1; i <= 25; i++ {
		items = append(items, Cite{N: i, Text: long, Before: long, After: "after", Doc: fmt.Sprintf("doc%d.txt", i), Sentence: i,
			Line: fmt.Sprintf("[%d] %s — 2016 — doc%d.txt, sentence %d", i, long[:300], i, i)})
	}
	results := map[string]*Result{
		"items":  {Title: long, Text: long, Items: items, Note: long, Page: 2, Pages: 9, Prev: &Request{Command: CmdActors, Page: 1}, Next: &Request{Command: CmdActors, Page: 3}},
		"rows":   {Title: "Actors", Text: long, Rows: strings.Split(long, "*"), Items: items[:3]},
		"source": {Title: "t", Context: &Context{Paragraph: long + "The sentence." + long, Sentence: "The sentence."}, Note: long},
		"failed": {Failed: true, Text: long},
		"empty":  {},
	}
	for name, r := range results {
		m := render(r)
		if err := checkLimits(m); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name == "items" {
			for _, c := range items {
				if !strings.Contains(m.embeds[0].Description, fmt.Sprintf(`*\[%d\]`, c.N)) {
					t.Errorf("items: citation [%d] lost", c.N)
				}
			}
		}
	}
	if m := render(results["failed"]); !m.ephemeral || m.content == "" || len(m.embeds) != 0 {
		t.Errorf("failed result: ephemeral %v, content %q, %d embeds; want a private note", m.ephemeral, m.content, len(m.embeds))
	}
}

func TestFittedTrimsEverything(t *testing.T) {
	long := strings.Repeat("x", 9000)
	var embeds []*discordgo.MessageEmbed
	for range 12 {
		e := &discordgo.MessageEmbed{Title: long, Description: long, Footer: &discordgo.MessageEmbedFooter{Text: long},
			Author: &discordgo.MessageEmbedAuthor{Name: long}}
		for range 30 {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: long, Value: long})
		}
		embeds = append(embeds, e)
	}
	var rows []discordgo.MessageComponent
	for range 7 {
		var buttons []discordgo.MessageComponent
		for j := range 7 {
			buttons = append(buttons, discordgo.Button{Label: long, CustomID: fmt.Sprint(j)})
		}
		buttons = append(buttons, discordgo.Button{Label: "id too long", CustomID: long})
		rows = append(rows, discordgo.ActionsRow{Components: buttons})
	}
	m := fitted(message{content: long, embeds: embeds, components: rows})
	if err := checkLimits(m); err != nil {
		t.Fatal(err)
	}
}

// checkLimits reports the first Discord limit m breaks.
func checkLimits(m message) error {
	if width(m.content) > maxContent {
		return fmt.Errorf("content %d > %d", width(m.content), maxContent)
	}
	if len(m.embeds) > maxEmbeds {
		return fmt.Errorf("%d embeds", len(m.embeds))
	}
	if w := embedsWidth(m.embeds); w > maxEmbedsTotal {
		return fmt.Errorf("embeds total %d > %d", w, maxEmbedsTotal)
	}
	for _, e := range m.embeds {
		switch {
		case width(e.Title) > maxTitle:
			return fmt.Errorf("title %d", width(e.Title))
		case width(e.Description) > maxDescription:
			return fmt.Errorf("description %d", width(e.Description))
		case len(e.Fields) > maxFields:
			return fmt.Errorf("%d fields", len(e.Fields))
		case e.Footer != nil && width(e.Footer.Text) > maxFooter:
			return fmt.Errorf("footer %d", width(e.Footer.Text))
		}
		for _, f := range e.Fields {
			if width(f.Name) > maxFieldName || width(f.Value) > maxFieldValue {
				return fmt.Errorf("field %d/%d", width(f.Name), width(f.Value))
			}
		}
	}
	if len(m.components) > maxRows {
		return fmt.Errorf("%d rows", len(m.components))
	}
	for _, c := range m.components {
		row := c.(discordgo.ActionsRow)
		if len(row.Components) > maxRowButtons {
			return fmt.Errorf("%d buttons in a row", len(row.Components))
		}
		for _, b := range row.Components {
			b := b.(discordgo.Button)
			if width(b.Label) > maxLabel || width(b.CustomID) > maxCustomID || b.CustomID == "" {
				return fmt.Errorf("button label %d, custom id %q", width(b.Label), b.CustomID)
			}
		}
	}
	return nil
}

func TestCustomIDs(t *testing.T) {
	tests := []struct {
		req  Request
		fits bool
	}{
		{Request{Command: CmdStatements, Page: 2, Actor: "Sergei Lavrov", About: "Nusra Front", Since: "2016-01-01", Until: "2016-12"}, true},
		{Request{Command: CmdStatements, Page: 1, Actor: "A|B", About: "x|y"}, true},
		{Request{Command: CmdStatements, Page: 3, Actor: "Erdoğan"}, true},
		{Request{Command: CmdActors, Page: 7}, true},
		{Request{Command: CmdSource, Doc: "dir/news.jsonl#a|1", Sentence: 42}, true},
		{Request{Command: CmdStatements, Page: 1, Actor: strings.Repeat("n", 50), About: strings.Repeat("a", 50)}, false},
		{Request{Command: CmdSource, Doc: strings.Repeat("d", 99), Sentence: 1}, false},
		{Request{Command: CmdAsk, Question: "no buttons for this"}, false},
	}
	for _, tt := range tests {
		id, ok := encodeID(tt.req)
		if ok != tt.fits {
			t.Errorf("encodeID(%+v) = %q, fits %v, want %v", tt.req, id, ok, tt.fits)
			continue
		}
		if !ok {
			continue
		}
		got, ok := decodeID(id)
		want := tt.req
		want.Actor = strings.ReplaceAll(want.Actor, "|", " ")
		want.About = strings.ReplaceAll(want.About, "|", " ")
		if !ok || got != want {
			t.Errorf("decodeID(%q) = %+v, %v; want %+v", id, got, ok, want)
		}
	}
	for _, bad := range []string{"", "x|prev", "s|", "s|1|||", "s|zz||||a", "a|", "c|1|", "c|x|doc", "q|1"} {
		if r, ok := decodeID(bad); ok {
			t.Errorf("decodeID(%q) = %+v, want rejected", bad, r)
		}
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(3, 10*time.Second)
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 3 {
		if ok, _ := l.allow("u", now); !ok {
			t.Fatalf("request %d refused within the burst", i+1)
		}
	}
	ok, wait := l.allow("u", now)
	if ok || wait != 10*time.Second {
		t.Fatalf("4th request: ok %v wait %v; want refused, wait 10s", ok, wait)
	}
	if ok, _ := l.allow("other", now); !ok {
		t.Fatal("another user was limited by the first one's requests")
	}
	if ok, _ := l.allow("u", now.Add(4*time.Second)); ok {
		t.Fatal("allowed before a token refilled")
	}
	if ok, _ := l.allow("u", now.Add(10*time.Second)); !ok {
		t.Fatal("refused after a token refilled")
	}
	if ok, _ := newLimiter(-1, time.Second).allow("u", now); !ok {
		t.Fatal("a negative burst should turn the limit off")
	}
}
