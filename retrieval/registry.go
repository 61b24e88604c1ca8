package retrieval

import (
	"maps"
	"slices"

	"github.com/corpusbot/corpusbot/corpus"
)

// mentions returns the speakers of d's statements for the manifest, so that a
// reopened index rebuilds its registry without reading the corpus. The
// document id is the entry's, so it is not repeated in each mention.
func mentions(d *corpus.Document) []corpus.Mention {
	ms := corpus.Mentions(d)
	for i := range ms {
		ms[i].Doc = ""
	}
	return ms
}

// newRegistry builds the actor registry of an index from its manifest and the
// entries of the actors file.
func newRegistry(man *manifest, extra []corpus.ActorEntry) *corpus.Registry {
	var ms []corpus.Mention
	for _, path := range slices.Sorted(maps.Keys(man.Files)) {
		for _, e := range man.Files[path].Docs {
			for _, m := range e.Mentions {
				m.Doc = e.ID
				ms = append(ms, m)
			}
		}
	}
	return corpus.NewRegistry(ms, extra)
}

func registrySize(r *corpus.Registry) int {
	if r == nil {
		return 0
	}
	return len(r.Actors())
}
