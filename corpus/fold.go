package corpus

// FoldName lower-cases a name and drops its diacritics, as the actor registry
// compares names: "Erdoğan" and "ERDOGAN" fold alike.
func FoldName(s string) string { return foldName(s) }
