package store

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The statement cache must be invisible: the same query nested inside its
// own open rows, more distinct statements than the cache holds, and a
// schema change under a cached statement all give the answers SQLite
// gives without it.
func TestStatementCacheIsInvisible(t *testing.T) {
	db, err := openSQLite(filepath.Join(t.TempDir(), "c.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := db.Exec(`INSERT INTO t (id, v) VALUES ($1, $2)`, i, string(rune('a'+i-1))); err != nil {
			t.Fatal(err)
		}
	}

	// Nested: while the outer rows are open on a transaction's connection,
	// the same statement runs again on it.
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	const q = `SELECT id, v FROM t WHERE id >= $1 ORDER BY id`
	outer, err := tx.Query(q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var id int
		var v string
		outer.Scan(&id, &v)
		var inner []string
		rows, err := tx.Query(q, id)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var j int
			var w string
			rows.Scan(&j, &w)
			inner = append(inner, w)
		}
		rows.Close()
		got = append(got, v+":"+strings.Join(inner, ""))
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	tx.Rollback()
	if want := []string{"a:abc", "b:bc", "c:c"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("nested queries gave %v, want %v", got, want)
	}

	// More statements than the cache keeps: each still answers right.
	for i := 0; i < stmtCacheSize+50; i++ {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) + ` + strconv.Itoa(i) + ` FROM t`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3+i {
			t.Fatalf("statement %d: %d, want %d", i, n, 3+i)
		}
	}

	// A schema change under a cached statement.
	var v string
	if err := db.QueryRow(`SELECT * FROM t WHERE id = $1`, 2).Scan(new(int), &v); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	var w string
	if err := db.QueryRow(`SELECT * FROM t WHERE id = $1`, 2).Scan(new(int), &v, &w); err != nil {
		t.Fatalf("after ALTER TABLE: %v", err)
	}
	if v != "b" || w != "x" {
		t.Errorf("after ALTER TABLE: %q %q", v, w)
	}

	// A failing statement leaves the cached one usable.
	if _, err := db.Exec(`INSERT INTO t (id, v) VALUES ($1, $2)`, 1, "dup"); err == nil {
		t.Fatal("duplicate key accepted")
	}
	if _, err := db.Exec(`INSERT INTO t (id, v) VALUES ($1, $2)`, 4, "d"); err != nil {
		t.Fatalf("after a failed insert: %v", err)
	}
}
