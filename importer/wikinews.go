package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"
)

// Wikinews reads CSV files (src: one .csv file or a folder of them) with a header row naming
// the columns url, date, title and text (any order; text is required), RFC 4180 quoting with
// fields spanning lines. Each row is an article "wikinews/<last element of the URL path,
// percent-decoded>", outlet "Wikinews", dated by the date column when it is YYYY-MM-DD. Rows
// titled "TEST PAGE:..." (Wikinews test pages, not articles) and rows with empty text are
// skipped and counted; the URL's doubled slash ("org//wiki") is collapsed.
func Wikinews(ctx context.Context, src string, emit func(Article) error) (Stats, error) {
	t := newTally("wikinews", emit)
	files, err := sourceFiles(ctx, src, func(p string) bool { return strings.HasSuffix(p, ".csv") })
	if err != nil {
		return *t.Stats, err
	}
	if len(files) == 0 {
		return *t.Stats, fmt.Errorf("no .csv files in %s", src)
	}
	for _, p := range files {
		name := relName(src, p)
		text, ok := t.readText(name, p)
		if !ok {
			continue
		}
		if err := t.wikinewsFile(ctx, name, strings.TrimPrefix(text, "\ufeff")); err != nil {
			return *t.Stats, err
		}
	}
	return *t.Stats, nil
}

func (t *tally) wikinewsFile(ctx context.Context, name, text string) error {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.skip(name, "no CSV header")
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["text"]; !ok {
		t.skip(name, "no text column")
		return nil
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("%s: %w", name, err)
			}
			t.Read++
			t.skip(fmt.Sprintf("%s line %d", name, pe.StartLine), "malformed CSV row")
			continue
		}
		t.Read++
		line, _ := r.FieldPos(0)
		item := fmt.Sprintf("%s line %d", name, line)
		a := Article{
			Title:  strings.Join(strings.Fields(field(rec, "title")), " "),
			Text:   strings.TrimSpace(strings.ReplaceAll(field(rec, "text"), "\r\n", "\n")),
			URL:    strings.TrimSpace(field(rec, "url")),
			Outlet: "Wikinews",
		}
		if strings.HasPrefix(a.Title, "TEST PAGE:") {
			t.skip(item, "test page")
			continue
		}
		if a.Text == "" {
			t.skip(item, "no text")
			continue
		}
		a.URL, a.ID = wikinewsURL(a.URL)
		if d := strings.TrimSpace(field(rec, "date")); d != "" {
			if _, err := time.Parse("2006-01-02", d); err == nil {
				a.Date = d
			} else {
				t.repair(item, "date not YYYY-MM-DD: left undated")
			}
		}
		if a.ID == "" {
			t.repair(item, "no URL: no id")
		}
		if err := t.add(a); err != nil {
			return err
		}
	}
}

var doubleSlash = regexp.MustCompile(`//+`)

// wikinewsURL collapses repeated slashes in the URL's path and returns it with the article id
// taken from its last path element.
func wikinewsURL(raw string) (clean, id string) {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return raw, ""
	}
	u.Path = doubleSlash.ReplaceAllString(u.Path, "/")
	if u.RawPath != "" {
		u.RawPath = doubleSlash.ReplaceAllString(u.RawPath, "/")
	}
	last := path.Base(strings.TrimSuffix(u.Path, "/"))
	if last == "/" || last == "." {
		return u.String(), ""
	}
	return u.String(), "wikinews/" + last
}
