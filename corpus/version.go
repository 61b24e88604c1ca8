package corpus

// ParserVersion names the output of this package's parsing: cleaning, kinds,
// pieces and dates, sentence splitting and attribution. Indexes record the
// version that built them and are rebuilt when it differs, since a document
// whose file did not change may still parse differently.
//
// Bump it with every change that alters what Load, ReadFile or Parse return
// for some input (a new furniture rule, a splitting fix, a new speech verb);
// changes that only make them faster or better documented leave it alone.
const ParserVersion = 3
