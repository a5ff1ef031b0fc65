// Package seal encrypts small personal values at rest (the requester's ID
// number of a public-information request) with AES-256-GCM under keys kept
// outside the database: a database dump or backup alone does not give them
// away. Each sealed value names its key, so keys can be rotated: a new key
// is put first in the key file, values sealed under an older one are still
// opened, and the store seals them again under the new one at start.
package seal

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// prefix starts every sealed value: "enc1:<key id>:<base64 of nonce and
// ciphertext>". Plain values it protects never start so (ID numbers are
// upper-case letters, digits and '/').
const prefix = "enc1:"

var keyIDRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// Keyring holds the keys: the first seals, every one opens.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
}

// ErrUnknownKey: a value was sealed under a key the key file lacks.
var ErrUnknownKey = errors.New("sealed under a key the key file lacks")

// Parse reads a key file: one key a line, "<id> <base64 of 32 bytes>";
// blank lines and lines starting with # are skipped. The first key seals.
func Parse(data []byte) (*Keyring, error) {
	k := &Keyring{aeads: map[string]cipher.AEAD{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || !keyIDRE.MatchString(f[0]) {
			return nil, fmt.Errorf("key file line %d: want \"<id> <base64 key>\"", n)
		}
		raw, err := base64.StdEncoding.DecodeString(f[1])
		if err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("key file line %d: the key is not 32 bytes in base64", n)
		}
		if _, dup := k.aeads[f[0]]; dup {
			return nil, fmt.Errorf("key file line %d: key %q given twice", n, f[0])
		}
		if err := k.add(f[0], raw); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if k.current == "" {
		return nil, errors.New("key file holds no key")
	}
	return k, nil
}

func (k *Keyring) add(id string, raw []byte) error {
	b, err := aes.NewCipher(raw)
	if err != nil {
		return err
	}
	g, err := cipher.NewGCM(b)
	if err != nil {
		return err
	}
	if k.current == "" {
		k.current = id
	}
	k.aeads[id] = g
	return nil
}

// NewKeyLine makes a fresh key as a key file's line, its id from the date.
func NewKeyLine(now time.Time) string {
	raw := make([]byte, 32)
	rand.Read(raw)
	return "k" + now.UTC().Format("20060102") + " " + base64.StdEncoding.EncodeToString(raw) + "\n"
}

// Ephemeral is a keyring of one random key held in memory only: for tests
// and tools whose values need not outlive the process.
func Ephemeral() *Keyring {
	k, err := Parse([]byte(NewKeyLine(time.Now())))
	if err != nil {
		panic(err) // a fresh key always parses
	}
	return k
}

// LoadOrCreate reads the key file at path, or, when there is none, makes
// one with a fresh key (readable by its owner only); created says which.
func LoadOrCreate(path string) (k *Keyring, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, false, fmt.Errorf("key file %s: %w", path, err)
		}
		line := "# aduan's keys for personal values sealed at rest: the first seals, all open.\n" +
			"# Keep a copy apart from the database's backups; without it they cannot be read.\n" + NewKeyLine(time.Now())
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadOrCreate(path) // another process made it first
		}
		if err != nil {
			return nil, false, fmt.Errorf("key file %s: %w", path, err)
		}
		if _, err := f.WriteString(line); err != nil {
			f.Close()
			return nil, false, fmt.Errorf("key file %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return nil, false, fmt.Errorf("key file %s: %w", path, err)
		}
		data, created = []byte(line), true
	} else if err != nil {
		return nil, false, fmt.Errorf("key file %s: %w", path, err)
	}
	k, err = Parse(data)
	if err != nil {
		return nil, false, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, created, nil
}

// Current is the id of the key that seals.
func (k *Keyring) Current() string { return k.current }

// Seal encrypts plain under the current key, bound to context (what the
// value is and whose: a sealed value copied to another row does not open).
func (k *Keyring) Seal(plain, context string) string {
	g := k.aeads[k.current]
	nonce := make([]byte, g.NonceSize())
	rand.Read(nonce)
	out := g.Seal(nonce, nonce, []byte(plain), []byte(context))
	return prefix + k.current + ":" + base64.RawStdEncoding.EncodeToString(out)
}

// KeyOf returns the id of the key a value was sealed under; ok is false
// for a value that is not sealed (stored before sealing began).
func KeyOf(v string) (id string, ok bool) {
	rest, ok := strings.CutPrefix(v, prefix)
	if !ok {
		return "", false
	}
	id, _, ok = strings.Cut(rest, ":")
	return id, ok
}

// Open decrypts a sealed value for context. A value that is not sealed is
// returned as it is: rows stored before sealing began, until the store
// seals them.
func (k *Keyring) Open(v, context string) (string, error) {
	rest, ok := strings.CutPrefix(v, prefix)
	if !ok {
		return v, nil
	}
	id, body, ok := strings.Cut(rest, ":")
	if !ok {
		return "", errors.New("seal: malformed value")
	}
	g, ok := k.aeads[id]
	if !ok {
		return "", fmt.Errorf("seal: key %q: %w", id, ErrUnknownKey)
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(raw) < g.NonceSize() {
		return "", errors.New("seal: malformed value")
	}
	plain, err := g.Open(nil, raw[:g.NonceSize()], raw[g.NonceSize():], []byte(context))
	if err != nil {
		return "", fmt.Errorf("seal: key %q: %w", id, err)
	}
	return string(plain), nil
}
