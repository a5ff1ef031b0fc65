package store

import (
	"testing"

	"github.com/alexedwards/argon2id"
)

// An unknown user name costs the same time as a known one only if the
// dummy hash has the parameters real hashes get.
func TestDummyHashHasTheParams(t *testing.T) {
	p, _, _, err := argon2id.DecodeHash(dummyHash)
	if err != nil {
		t.Fatal(err)
	}
	if *p != *argonParams {
		t.Errorf("dummy hash made with %+v, passwords with %+v", *p, *argonParams)
	}
}
