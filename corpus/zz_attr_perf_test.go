package corpus

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestZZAttrPerf(t *testing.T) {
	inputs := map[string]string{
		"single quotes": strings.Repeat("‘a ", 100000),
		"names":         strings.Repeat("Mr John Smith and Jane Doe of Acme Corp said that ", 20000),
		"opens":         strings.Repeat("“He said, ", 50000),
		"closes":        strings.Repeat("it is,” he said, ", 50000),
		"sentences":     strings.Repeat("Smith said it. He added that. The minister said so. ", 20000),
		"paras":         strings.Repeat("“Quote one.\n\n", 20000),
		"caps":          strings.Repeat("Alpha Beta Gamma Delta ", 50000) + "said.",
		"colon":         strings.Repeat("He said:\n\nWhat.\n\n", 20000),
	}
	for name, text := range inputs {
		t0 := time.Now()
		d := &Document{ID: "p", Text: text}
		Parse(d)
		t1 := time.Now()
		attribute(d)
		fmt.Printf("%-14s %7d bytes parse %v attribute %v statements %d\n", name, len(text), t1.Sub(t0), time.Since(t1), len(d.Statements))
	}
}
