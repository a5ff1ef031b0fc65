package seal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSealRotate: a value sealed under the old key still opens once a new
// key is put first, new values are sealed under the new key, and a value
// opens only for the context it was sealed for.
func TestSealRotate(t *testing.T) {
	old := NewKeyLine(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	k1, err := Parse([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	v := k1.Seal("3276051234560001", "info_request_ids:7")
	if strings.Contains(v, "3276051234560001") || !strings.HasPrefix(v, "enc1:k20250101:") {
		t.Fatalf("sealed: %s", v)
	}
	if _, err := k1.Open(v, "info_request_ids:8"); err == nil {
		t.Error("opened for another row")
	}
	k2, err := Parse([]byte(NewKeyLine(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) + old))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k2.Open(v, "info_request_ids:7"); err != nil || got != "3276051234560001" {
		t.Errorf("after rotation: %q %v", got, err)
	}
	if id, _ := KeyOf(k2.Seal("X", "c")); id != "k20260601" || k2.Current() != id {
		t.Errorf("seals under %q", id)
	}
	if _, err := Ephemeral().Open(v, "info_request_ids:7"); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("another key file: %v", err)
	}
	if got, _ := k1.Open("A123456", "c"); got != "A123456" {
		t.Errorf("a plain value: %q", got)
	}
}

// TestLoadOrCreate: the first start makes the key file, owner-only; the
// next reads the same key.
func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret.keys")
	k, created, err := LoadOrCreate(path)
	if err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi.Mode(), err)
	}
	v := k.Seal("A123456", "c")
	k2, created, err := LoadOrCreate(path)
	if err != nil || created {
		t.Fatalf("second: %v %v", created, err)
	}
	if got, err := k2.Open(v, "c"); err != nil || got != "A123456" {
		t.Errorf("reopened: %q %v", got, err)
	}
	if _, err := Parse([]byte("k1 c2hvcnQ=\n")); err == nil {
		t.Error("a short key parsed")
	}
}
