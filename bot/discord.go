package bot

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what one message may carry. Lengths count UTF-16 code
// units, which is never less than the characters Discord counts.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedsTotal = 6000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthor      = 256
	maxRows        = 5
	maxRowButtons  = 5
	maxLabel       = 80
	maxCustomID    = 100
	maxChoices     = 25
	maxChoice      = 100

	embedColor     = 0x3b6ea5
	maxContextRows = maxRows - 1 // one row is kept for Prev/Next
)

// message is a rendered reply, before it becomes one of discordgo's several
// request shapes (callback, webhook edit, follow-up, channel message).
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	ephemeral  bool
}

// render turns a Result into a Discord message within Discord's limits:
// failures as a short private note, everything else as one embed with
// numbered citations, Prev/Next buttons and a Show context button per citation.
func render(r *Result) message {
	if r.Failed {
		return fitted(message{content: clip("⚠️ "+escape(r.Text), maxContent), ephemeral: true})
	}
	e := &discordgo.MessageEmbed{Title: clip(escape(oneLine(r.Title)), maxTitle), Color: embedColor}

	var head []string
	if r.Text != "" {
		head = append(head, escape(r.Text))
	}
	if r.Context != nil {
		head = append(head, boldSentence(r.Context.Paragraph, r.Context.Sentence))
	}
	desc := strings.Join(head, "\n\n")
	if len(r.Items) > 0 || len(r.Rows) > 0 {
		desc = clip(desc, maxDescription/4)
	}
	var rows []string
	for _, row := range r.Rows {
		rows = append(rows, escape(row))
	}
	parts := []string{}
	if desc != "" {
		parts = append(parts, desc)
	}
	if len(r.Items) > 0 {
		room := maxDescription - width(desc) - 2
		if len(rows) > 0 {
			room -= maxDescription / 4
		}
		parts = append(parts, citeBlocks(r.Items, room))
	}
	if len(rows) > 0 {
		room := maxDescription - width(strings.Join(parts, "\n\n")) - 2
		parts = append(parts, clip(strings.Join(rows, "\n"), room))
	}
	e.Description = clip(strings.Join(parts, "\n\n"), maxDescription)

	m := message{embeds: []*discordgo.MessageEmbed{e}}
	var footer []string
	if r.Note != "" {
		footer = append(footer, r.Note) // footers show no Markdown, so nothing to escape
	}
	if r.Pages > 1 {
		footer = append(footer, fmt.Sprintf("Page %d of %d", r.Page, r.Pages))
		row, ok := pagingRow(r)
		if ok {
			m.components = append(m.components, row)
		} else {
			footer = append(footer, "the query is too long for page buttons: narrow it with since and until")
		}
	}
	if len(footer) > 0 {
		// Title, description and footer together stay under the 6,000 across embeds.
		e.Footer = &discordgo.MessageEmbedFooter{Text: clip(strings.Join(footer, " · "), maxEmbedsTotal-maxTitle-maxDescription)}
	}
	m.components = append(m.components, contextRows(r.Items)...)
	return fitted(m)
}

// citeBlocks writes each citation as its text then its citation line, sharing
// room evenly so that every citation shows, trimmed if it must be.
func citeBlocks(items []Cite, room int) string {
	sep := "\n\n"
	share := (room - width(sep)*(len(items)-1)) / len(items)
	blocks := make([]string, 0, len(items))
	for _, c := range items {
		line := "*" + clip(escape(c.Line), max(share/2, 16)) + "*"
		left := share - width(line) - 1
		body := escape(c.Text)
		if c.Before != "" || c.After != "" {
			ctx := strings.TrimSpace(escape(c.Before) + " **" + body + "** " + escape(c.After))
			if width(ctx) <= left {
				body = ctx
			}
		}
		blocks = append(blocks, clip(body, max(left, 1))+"\n"+line)
	}
	return strings.Join(blocks, sep)
}

// boldSentence escapes a paragraph and bolds the sentence in it.
func boldSentence(paragraph, sentence string) string {
	i := strings.Index(paragraph, sentence)
	if sentence == "" || i < 0 {
		return escape(paragraph)
	}
	return escape(paragraph[:i]) + "**" + escape(sentence) + "**" + escape(paragraph[i+len(sentence):])
}

func pagingRow(r *Result) (discordgo.ActionsRow, bool) {
	button := func(label, placeholder string, to *Request) (discordgo.Button, bool) {
		b := discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: placeholder, Disabled: true}
		if to != nil {
			id, ok := encodeID(*to)
			if !ok {
				return b, false
			}
			b.CustomID, b.Disabled = id, false
		}
		return b, true
	}
	prev, ok1 := button("◀ Prev", idPrefixInert+"prev", r.Prev)
	next, ok2 := button("Next ▶", idPrefixInert+"next", r.Next)
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{prev, next}}, ok1 && ok2
}

func contextRows(items []Cite) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, c := range items {
		id, ok := encodeID(Request{Command: CmdSource, Doc: c.Doc, Sentence: c.Sentence})
		if !ok || seen[id] {
			continue // a document id too long for a button still has /source
		}
		seen[id] = true
		row = append(row, discordgo.Button{Label: fmt.Sprintf("Show context [%d]", c.N), Style: discordgo.SecondaryButton, CustomID: id})
		if len(row) == maxRowButtons {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			row = nil
		}
		if len(rows) == maxContextRows {
			return rows
		}
	}
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	return rows
}

// Button custom ids carry the whole request, so a page or a context survives a
// restart of the bot: "s|page|since|until|actor|about", "a|page", "c|sentence|doc".
const (
	idPrefixStatements = "s|"
	idPrefixActors     = "a|"
	idPrefixContext    = "c|"
	idPrefixInert      = "x|"
)

// encodeID encodes a paging or context request as a button custom id; false
// when it does not fit Discord's 100 characters.
func encodeID(r Request) (string, bool) {
	var id string
	switch r.Command {
	case CmdStatements:
		clean := func(s string) string { return strings.ReplaceAll(s, "|", " ") }
		id = idPrefixStatements + strings.Join([]string{strconv.Itoa(max(r.Page, 1)), r.Since, r.Until, clean(r.Actor), clean(r.About)}, "|")
	case CmdActors:
		id = idPrefixActors + strconv.Itoa(max(r.Page, 1))
	case CmdSource:
		id = idPrefixContext + strconv.Itoa(r.Sentence) + "|" + r.Doc
	default:
		return "", false
	}
	return id, width(id) <= maxCustomID
}

// decodeID reads a custom id written by encodeID.
func decodeID(id string) (Request, bool) {
	switch {
	case strings.HasPrefix(id, idPrefixStatements):
		f := strings.SplitN(id[len(idPrefixStatements):], "|", 5)
		if len(f) != 5 {
			return Request{}, false
		}
		page, err := strconv.Atoi(f[0])
		if err != nil || f[3] == "" {
			return Request{}, false
		}
		return Request{Command: CmdStatements, Page: page, Since: f[1], Until: f[2], Actor: f[3], About: f[4]}, true
	case strings.HasPrefix(id, idPrefixActors):
		page, err := strconv.Atoi(id[len(idPrefixActors):])
		return Request{Command: CmdActors, Page: page}, err == nil
	case strings.HasPrefix(id, idPrefixContext):
		n, doc, ok := strings.Cut(id[len(idPrefixContext):], "|")
		sentence, err := strconv.Atoi(n)
		if !ok || err != nil || doc == "" {
			return Request{}, false
		}
		return Request{Command: CmdSource, Doc: doc, Sentence: sentence}, true
	}
	return Request{}, false
}

// fitted enforces every limit on m, trimming rather than failing; render keeps
// within them already, and this is the guarantee for whatever it missed.
func fitted(m message) message {
	m.content = clip(m.content, maxContent)
	if len(m.embeds) > maxEmbeds {
		m.embeds = m.embeds[:maxEmbeds]
	}
	for _, e := range m.embeds {
		e.Title = clip(e.Title, maxTitle)
		e.Description = clip(e.Description, maxDescription)
		if len(e.Fields) > maxFields {
			e.Fields = e.Fields[:maxFields]
		}
		for _, f := range e.Fields {
			f.Name = clip(f.Name, maxFieldName)
			f.Value = clip(f.Value, maxFieldValue)
		}
		if e.Footer != nil {
			e.Footer.Text = clip(e.Footer.Text, maxFooter)
		}
		if e.Author != nil {
			e.Author.Name = clip(e.Author.Name, maxAuthor)
		}
	}
	// Over the total, trim the longest text until the embeds fit.
	for over := embedsWidth(m.embeds) - maxEmbedsTotal; over > 0; over = embedsWidth(m.embeds) - maxEmbedsTotal {
		longest := longestText(m.embeds)
		*longest = clip(*longest, max(width(*longest)-over, 1))
	}

	var rows []discordgo.MessageComponent
	for _, c := range m.components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok || len(rows) == maxRows {
			continue
		}
		var buttons []discordgo.MessageComponent
		for _, b := range row.Components {
			button, ok := b.(discordgo.Button)
			if !ok || width(button.CustomID) > maxCustomID || len(buttons) == maxRowButtons {
				continue
			}
			button.Label = clip(button.Label, maxLabel)
			buttons = append(buttons, button)
		}
		if len(buttons) > 0 {
			rows = append(rows, discordgo.ActionsRow{Components: buttons})
		}
	}
	m.components = rows
	return m
}

func embedsWidth(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += width(e.Title) + width(e.Description)
		for _, f := range e.Fields {
			n += width(f.Name) + width(f.Value)
		}
		if e.Footer != nil {
			n += width(e.Footer.Text)
		}
		if e.Author != nil {
			n += width(e.Author.Name)
		}
	}
	return n
}

func longestText(embeds []*discordgo.MessageEmbed) *string {
	var longest *string
	consider := func(s *string) {
		if longest == nil || width(*s) > width(*longest) {
			longest = s
		}
	}
	for _, e := range embeds {
		consider(&e.Title)
		consider(&e.Description)
		for _, f := range e.Fields {
			consider(&f.Name)
			consider(&f.Value)
		}
		if e.Footer != nil {
			consider(&e.Footer.Text)
		}
		if e.Author != nil {
			consider(&e.Author.Name)
		}
	}
	return longest
}

// width is the length of s as Discord's limits count it (UTF-16 code units).
func width(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// clip shortens s to at most n width, ending in an ellipsis when it cuts, and
// never leaves half of a Markdown escape at the cut.
func clip(s string, n int) string {
	if width(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	w := 0
	for i, r := range s {
		if w+utf16.RuneLen(r) > n-1 {
			cut := s[:i]
			if trailingBackslashes(cut)%2 == 1 {
				cut = cut[:len(cut)-1]
			}
			return cut + "…"
		}
		w += utf16.RuneLen(r)
	}
	return s
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

// escape makes corpus text and user input show literally in Discord Markdown:
// no bold, links, spoilers, headings, lists, quotes, mentions or timestamps.
func escape(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		rest := strings.TrimLeft(line, " \t")
		lead := line[:len(line)-len(rest)]
		var mark string
		switch {
		case rest == "":
		case strings.ContainsRune("#-+>", rune(rest[0])):
			// Block syntax (headings, lists, quotes, subtext) counts only at a line's start.
			mark, rest = `\`+rest[:1], rest[1:]
		default:
			if d := leadingDigits(rest); d > 0 && d < len(rest) && (rest[d] == '.' || rest[d] == ')') {
				mark, rest = rest[:d]+`\`+rest[d:d+1], rest[d+1:]
			}
		}
		lines[i] = lead + mark + inlineEscaper.Replace(rest)
	}
	return mentionBreaker.Replace(strings.Join(lines, "\n"))
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, "~", `\~`, "`", "\\`", `|`, `\|`,
	`[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`, `<`, `\<`, `>`, `\>`,
)

// mentionBreaker puts a zero-width space after the @ of mass mentions, so that
// they read as text even where allowed_mentions would not apply.
var mentionBreaker = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere")

// noMentions allows no mention to ping anyone: parse must be an empty list, not null.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (m message) flags() discordgo.MessageFlags {
	if m.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (m message) embedList() []*discordgo.MessageEmbed {
	if m.embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return m.embeds
}

func (m message) componentList() []discordgo.MessageComponent {
	if m.components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.components
}

func (m message) responseData() *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content: m.content, Embeds: m.embedList(), Components: m.componentList(),
		AllowedMentions: noMentions(), Flags: m.flags(),
	}
}

func (m message) webhookEdit() *discordgo.WebhookEdit {
	content, embeds, components := m.content, m.embedList(), m.componentList()
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
}

func (m message) followup() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{
		Content: m.content, Embeds: m.embedList(), Components: m.componentList(),
		AllowedMentions: noMentions(), Flags: m.flags(),
	}
}

func (m message) channelMessage(replyTo *discordgo.Message) *discordgo.MessageSend {
	ms := &discordgo.MessageSend{
		Content: m.content, Embeds: m.embedList(), Components: m.componentList(),
		AllowedMentions: noMentions(),
	}
	if replyTo != nil {
		ref := replyTo.Reference()
		failIfGone := false
		ref.FailIfNotExists = &failIfGone
		ms.Reference = ref
	}
	return ms
}
