package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestPrivacyRetentionCommand: the dry run counts what the run then does,
// and changes nothing.
func TestPrivacyRetentionCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Reference(ctx, st); err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return time.Now().AddDate(-3, 0, 0) }
	u := &aduan.User{Username: "operator1", Name: "Operator Satu", Role: aduan.RoleOperatorCC, Active: true}
	if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
		t.Fatal(err)
	}
	cats, err := st.RefData().Categories(ctx)
	if err != nil || len(cats) == 0 {
		t.Fatalf("categories: %v", err)
	}
	c, err := st.Complaints().CreateComplaint(ctx, u.Actor(), aduan.NewComplaint{Text: "Lampu jalan mati di Jl. Melati.", KelurahanCode: "32.76.05.1001", CategoryID: cats[0].ID,
		Citizen: &aduan.CitizenInput{Name: "Dewi Anggraini", Phone: "081298765432", Address: "Jl. Melati 9"}})
	if err != nil {
		t.Fatal(err)
	}
	if c, _, err = st.Complaints().ApplyAction(ctx, u.Actor(), c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dicatat.", Source: aduan.SourceDirect}); err != nil {
		t.Fatal(err)
	}
	if _, _, err = st.Complaints().ApplyAction(ctx, u.Actor(), c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cli := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(ctx, append([]string{"privacy", "retention", "--data", dir}, args...), func(string) string { return "" }, &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	dry := cli("--dry-run")
	if !strings.Contains(dry, "uji coba") || !strings.Contains(dry, "warga dianonimkan: 1 (pengaduan: 1)") {
		t.Errorf("dry run:\n%s", dry)
	}
	if again := cli("--dry-run"); !strings.Contains(again, "warga dianonimkan: 1 ") {
		t.Errorf("the dry run changed something:\n%s", again)
	}
	if out := cli(); !strings.Contains(out, "warga dianonimkan: 1 (pengaduan: 1)") {
		t.Errorf("run:\n%s", out)
	}
	if after := cli("--dry-run"); !strings.Contains(after, "warga dianonimkan: 0 ") {
		t.Errorf("after the run:\n%s", after)
	}
}
