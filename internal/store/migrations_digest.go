package store

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"sort"
)

// MigrationsDigest names the schema the migrations of dialect d build: two
// builds with the same migration files give the same digest. Tests use it
// to migrate a PostgreSQL template once and copy it for every test's
// database, rather than running every migration again per test.
func MigrationsDigest(d Dialect) (_ string, err error) {
	defer wrap(&err, "MigrationsDigest()")
	dir := "migrations/" + string(d)
	entries, err := fs.ReadDir(migrationsFS, dir)
	if err != nil {
		return "", err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	h := sha256.New()
	for _, e := range entries {
		body, err := migrationsFS.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return "", err
		}
		h.Write([]byte(e.Name()))
		h.Write([]byte{0})
		h.Write(body)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
