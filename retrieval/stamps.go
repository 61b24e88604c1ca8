package retrieval

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
)

// stampsFile, in the index folder, remembers each corpus file's hash with the
// stamp (corpus.File.Stamp: size and time) it had when it was hashed, so that
// a scan reads only the files whose stamp moved. It is a cache of file
// contents, apart from the index versions: a file touched or copied without
// changing builds no new version, yet its new stamp is remembered here. A
// missing or unreadable file only costs reading the corpus again.
const stampsFile = "stamps.gob"

// stamped is a file's hash and the stamp it had when hashed.
type stamped struct{ Stamp, Hash string }

// readStamps returns the remembered hashes by corpus path; none when there
// is no usable stamps file.
func (s *Store) readStamps() map[string]stamped {
	b, err := os.ReadFile(filepath.Join(s.dir, stampsFile))
	if err != nil {
		return nil
	}
	var m map[string]stamped
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil {
		s.log.Warn("index: unreadable stamps file; the corpus is read again", "err", err)
		return nil
	}
	return m
}

// writeStamps replaces the stamps file.
func (s *Store) writeStamps(m map[string]stamped) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		return fmt.Errorf("encode stamps: %w", err)
	}
	if err := writeAtomic(filepath.Join(s.dir, stampsFile), b.Bytes()); err != nil {
		return fmt.Errorf("write stamps: %w", err)
	}
	return nil
}
