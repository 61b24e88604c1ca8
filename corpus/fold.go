package corpus

// FoldName lower-cases a name and drops its diacritics, as the actor registry
// compares names: "Erdoğan" and "ERDOGAN" fold alike.
func FoldName(s string) string { return foldName(s) }

// FoldSpace folds every run of spaces, odd spaces (NBSP and the like) and line
// breaks to one space, drops zero-width characters and trims the ends: how
// sentence text is cleaned, and how text from elsewhere is compared with it.
func FoldSpace(s string) string { return fold(s) }
