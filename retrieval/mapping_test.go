package retrieval

import (
	"math"
	"testing"

	"github.com/corpusbot/corpusbot/corpus"
)

func TestPackHit(t *testing.T) {
	for _, h := range []Hit{
		{},
		{Doc: "a/b.txt", Source: "a/b.txt", Title: "Lavrov: no ceasefire", Date: corpus.Date{Year: 2016, Month: 6, Day: 4},
			Kind: corpus.Kind(2), Start: 123456, End: 123789, Sentence: 4000, Para: 17, Quote: true},
		{Doc: "x", Title: "Über «quotes» \x00\x1f", Said: corpus.Date{Year: 1987, Month: 3}, Start: 1 << 30, End: 1<<30 + 1, Para: -1},
		{Start: math.MaxInt, End: math.MinInt},
	} {
		b := packHit(nil, h)
		var got Hit
		if !unpackHit(string(b), &got) || got != h {
			t.Errorf("round trip of %+v gave %+v", h, got)
		}
		// Every truncation and an extra byte are rejected, without a panic.
		for n := range len(b) {
			if unpackHit(string(b[:n]), &got) {
				t.Errorf("%+v cut to %d bytes was read", h, n)
			}
		}
		if unpackHit(string(b)+"x", &got) {
			t.Errorf("%+v with a byte more was read", h)
		}
	}
	if unpackHit("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", &Hit{}) {
		t.Error("an overlong length was read")
	}
}
