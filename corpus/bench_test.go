package corpus

import (
	"context"
	"os"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	files := realFiles(b)
	size := 0
	for _, t := range files {
		size += len(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range files {
			Parse(&Document{Text: t})
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	files := realFiles(b)
	size := 0
	for _, t := range files {
		size += len(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range files {
			Split(t)
		}
	}
}

// BenchmarkLoadBBC loads the 2,225 BBC articles when the shared data is present.
func BenchmarkLoadBBC(b *testing.B) {
	const dir = "../../shared/data/bbc-fulltext/bbc"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no BBC data:", err)
	}
	for b.Loop() {
		c, err := Load(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, d := range c.Docs {
			n += len(d.Sentences)
		}
		b.ReportMetric(float64(len(c.Docs)), "docs")
		b.ReportMetric(float64(n), "sentences")
	}
}
