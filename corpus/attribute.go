package corpus

// attribute finds the statements in d and sets Sentence.Speaker and Quote.
func attribute(d *Document) {}
