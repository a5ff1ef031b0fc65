package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalRoutingFlagsAfterFile: the command as the README writes it
// (`aduan eval routing FILE.jsonl --details`) runs with its details, as it
// does with the flags first; a wrong call's usage lists every flag.
func TestEvalRoutingFlagsAfterFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := func(k string) string {
		if k == "ADUAN_DATA_DIR" {
			return dir
		}
		return ""
	}
	ctx := context.Background()
	set := filepath.Join(dir, "set.jsonl")
	os.WriteFile(set, []byte(`{"id": "x1", "teks": "jalan depan rumah berlubang besar", "instansi": "DLHK", "kategori": "SAMPAH"}
`), 0o600)
	for _, args := range [][]string{
		{"eval", "routing", set, "--details", "--baseline"},
		{"eval", "routing", "--details", set, "--baseline"},
		{"eval", "routing", "--details", "--baseline", "--", set},
	} {
		var out, errb bytes.Buffer
		if err := run(ctx, args, env, &out, &errb); err != nil {
			t.Fatalf("%v: %v %s", args, err, errb.String())
		}
		o := out.String()
		for _, want := range []string{"Instansi meleset (1)", "  x1\tDLHK\t", "Pembanding kata kunci"} {
			if !strings.Contains(strings.ToLower(o), strings.ToLower(want)) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, o)
			}
		}
	}
	var out, errb bytes.Buffer
	err := run(ctx, []string{"eval", "routing", set, "--details", "other.jsonl"}, env, &out, &errb)
	if !errors.Is(err, errUsage) {
		t.Fatalf("two files: err %v, want usage", err)
	}
	for _, flag := range []string{"--details", "--baseline", "--json"} {
		if !strings.Contains(errb.String(), flag) {
			t.Errorf("usage %q lacks %s", errb.String(), flag)
		}
	}
}
