package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// manyNamesPage is one page naming n people, each with a title, a short form,
// a namesake, a misspelling and a description ("the minister"), and n
// companies: the attribution must stay near-linear in the names of a page.
func manyNamesPage(n int) string {
	syl := []string{"ka", "ro", "mi", "ten", "vas", "lo", "dre", "pu", "shan", "gor", "bel", "ni", "tas", "ver", "zo", "quin"}
	word := func(i int) string {
		var b strings.Builder
		for k := 0; k < 4; k++ {
			b.WriteString(syl[i%len(syl)])
			i /= len(syl)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	given := []string{"Anna", "John", "Maria", "Peter", "Olga", "Samuel", "Fatima", "Chen", "Lucas", "Ines"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		g, s := given[i%len(given)], word(i)
		fmt.Fprintf(&b, "%s %s: Talks “crossed a line”\n\n", g, s)
		fmt.Fprintf(&b, "Foreign Minister %s %s said talks were over. %s added: “We are done.”\n\n", g, s, s)
		fmt.Fprintf(&b, "Analyst %s %s said so too. %s agreed, the minister said.\n\n", given[(i+3)%len(given)], s, s[:len(s)-1]+"e")
		fmt.Fprintf(&b, "“It is over,” %s said. The company said it would comment, %s Corp said.\n\n", s, word(i+7))
	}
	return b.String()
}

func BenchmarkParseManyNames(b *testing.B) {
	for _, n := range []int{500, 5000} {
		text := manyNamesPage(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				d := &Document{ID: "page", Text: text}
				Parse(d)
				Mentions(d)
			}
		})
	}
}
