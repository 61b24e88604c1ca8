package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// BBC reads the BBC News full-text set: src is the folder holding the category folders
// (bbc/business/001.txt, ...), or any folder above it. Every file named by digits ("NNN.txt")
// is one article "bbc/<category>/NNN", outlet "BBC News": line 1 is the headline, the rest the
// text. The set carries no dates, so articles are undated. Exact duplicates (the set has 98)
// are kept, being distinct stories' ids, and counted in Stats.Duplicates.
func BBC(ctx context.Context, src string, emit func(Article) error) (Stats, error) {
	t := newTally("bbc", emit)
	files, err := sourceFiles(ctx, src, func(p string) bool { return isNumberedTxt(filepath.Base(p)) })
	if err != nil {
		return *t.Stats, err
	}
	if len(files) == 0 {
		return *t.Stats, fmt.Errorf("no NNN.txt article files in %s", src)
	}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return *t.Stats, err
		}
		category := filepath.Base(filepath.Dir(p))
		num := strings.TrimSuffix(filepath.Base(p), ".txt")
		item := category + "/" + num + ".txt"
		t.Read++
		text, ok := t.readText(item, p)
		if !ok {
			continue
		}
		title, body := splitHeadline(text)
		if body == "" {
			t.skip(item, "no text after the headline")
			continue
		}
		if err := t.add(Article{ID: "bbc/" + category + "/" + num, Title: title, Text: body, Outlet: "BBC News"}); err != nil {
			return *t.Stats, err
		}
	}
	return *t.Stats, nil
}

func isNumberedTxt(name string) bool {
	num, ok := strings.CutSuffix(name, ".txt")
	if !ok || num == "" {
		return false
	}
	for _, c := range num {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// splitHeadline returns the first non-blank line and the text after it, without the blank
// lines around it; CRLF becomes LF and a byte-order mark is dropped.
func splitHeadline(text string) (title, body string) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimLeft(text, " \t\n")
	title, body, _ = strings.Cut(text, "\n")
	return strings.TrimSpace(title), strings.Trim(body, " \t\n")
}
