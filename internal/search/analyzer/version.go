package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
)

// stemmerRevision names the revision of Stem. Bump it whenever a change to
// the Go code (rather than to the word lists) changes any term, so that
// Fingerprint changes and stored indexes are rebuilt.
const stemmerRevision = "snowball-indonesian-1"

// Fingerprint identifies the analyzer's behaviour: a digest of the embedded
// word lists and the stemmer revision. Indexes that store analysed terms
// record it and are rebuilt when it differs, because editing a list changes
// the terms of text that is already indexed (see the package doc).
func Fingerprint() string {
	h := sha256.New()
	h.Write([]byte(stemmerRevision))
	h.Write([]byte{0})
	h.Write([]byte(normalisasiTxt))
	h.Write([]byte{0})
	h.Write([]byte(stopwordsTxt))
	return hex.EncodeToString(h.Sum(nil))[:16]
}
