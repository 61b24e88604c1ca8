package retrieval

import (
	"github.com/blevesearch/bleve/v2/search/query"
	"os"
	"strconv"
)

// TEMPORARY experiment knobs (ranking helper); removed before hand-back.
var (
	knobCtx   = os.Getenv("CB_CTX")   // "", nbr, nbrpiece, para, title, nbr+title, para+title
	knobQ     = os.Getenv("CB_Q")     // must (default), flat, perterm
	knobW     = envFloat("CB_W", 0.2) // context weight
	knobVerbs = os.Getenv("CB_VERBS") != ""
	knobRep   = os.Getenv("CB_REP") != ""
)

func envFloat(k string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(k), 64); err == nil {
		return v
	}
	return def
}

func contextQuery(terms []string) query.Query {
	text := textQuery(terms)
	ctx := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := query.NewTermQuery(t)
		tq.SetField(fContext)
		tq.SetBoost(knobW)
		ctx[i] = tq
	}
	switch knobQ {
	case "flat":
		return query.NewDisjunctionQuery(append(text.(*query.DisjunctionQuery).Disjuncts, ctx...))
	case "perterm":
		qs := make([]query.Query, len(terms))
		for i := range terms {
			qs[i] = query.NewDisjunctionQuery([]query.Query{text.(*query.DisjunctionQuery).Disjuncts[i], ctx[i]})
		}
		return query.NewDisjunctionQuery(qs)
	case "two":
		return query.NewDisjunctionQuery([]query.Query{text, query.NewDisjunctionQuery(ctx)})
	}
	return &query.BooleanQuery{Must: text, Should: query.NewDisjunctionQuery(ctx)}
}
