package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalRoutingDetails: a city's file with its own extra fields is read
// (one warning naming them), and --details prints each agency miss with
// its id, gold agency, top three and confidence, then the confusion by
// gold agency; `library import --starter` loads the folder once.
func TestEvalRoutingDetails(t *testing.T) {
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
	os.WriteFile(set, []byte(`{"id": "L-1", "teks": "jalan depan rumah berlubang besar", "instansi": "DPUPR", "kategori": "JALAN_RUSAK", "sumber": "LAPOR", "tanggal": "2026-01-02"}
{"id": 2, "teks": "jalan depan rumah berlubang besar", "instansi": "DLHK", "kategori": "SAMPAH", "sumber": "telepon"}
{"teks": "jalan depan rumah berlubang besar", "instansi": "DLHK"}
`), 0o600)
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"eval", "routing", "--details", set}, env, &out, &errb); err != nil {
		t.Fatalf("eval: %v %s", err, errb.String())
	}
	if got := errb.String(); strings.Count(got, "diabaikan") != 1 || !strings.Contains(got, "sumber, tanggal") {
		t.Errorf("warning %q, want one naming sumber, tanggal", got)
	}
	o := out.String()
	for _, want := range []string{"Instansi meleset (2)", "  2\tDLHK\tDPUPR", "  -\tDLHK\tDPUPR", "Ringkasan per instansi", "  DLHK\t2\tDPUPR×2"} {
		if !strings.Contains(o, want) {
			t.Errorf("details lack %q:\n%s", want, o)
		}
	}
	if strings.Contains(o, "L-1\t") {
		t.Errorf("a line routed right is listed as a miss:\n%s", o)
	}

	for i, want := range []string{" baru, 0 diubah, 0 tetap", "0 baru, 0 diubah, "} {
		out.Reset()
		if err := run(ctx, []string{"library", "import", "--starter"}, env, &out, &errb); err != nil {
			t.Fatalf("import --starter: %v", err)
		}
		if !strings.Contains(out.String(), want) || i == 0 && strings.HasPrefix(out.String(), "Impor selesai: 0 ") {
			t.Errorf("import --starter #%d: %q", i+1, out.String())
		}
	}
}
