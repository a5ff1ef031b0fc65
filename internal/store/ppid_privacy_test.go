package store_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestInfoRequesterRetentionAndErasure: the personal-data period and the
// erasure request cover public-information requesters as they cover
// callers. Retention takes the identity (name, address, phone, e-mail, the
// sealed ID number, the same written in the texts) of requests whose
// procedure is over and that were last changed before the period, and
// leaves a running one; the dry run counts the same. An erasure request
// from the requester's phone anonymises their decided request and keeps
// the running one, saying why. What was asked and decided stays.
func TestInfoRequesterRetentionAndErasure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		if err := f.st.RefData().SetSettings(ctx, f.admin, map[string]string{"retention_personal_days": "30"}); err != nil {
			t.Fatal(err)
		}
		decide := func(r *aduan.InfoRequest) {
			t.Helper()
			if _, _, err := p.Act(ctx, f.utama, r.ID, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoGranted,
				Answer: "Data terlampir; hubungi Budi Santoso di 0812-3456-7001 bila ada pertanyaan."}, nil); err != nil {
				t.Fatal(err)
			}
		}
		budi, err := p.Register(ctx, f.op, goodInfoRequest(), nil)
		if err != nil {
			t.Fatal(err)
		}
		decide(budi)
		budi2, err := p.Register(ctx, f.op, goodInfoRequest(), nil) // still running
		if err != nil {
			t.Fatal(err)
		}
		sari := goodInfoRequest()
		sari.Name, sari.Phone, sari.Email, sari.IDNumber = "Sari Dewi", "0813-1111-2222", "sari@example.org", "3276019999990002"
		rs, err := p.Register(ctx, f.op, sari, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.now = f.now.AddDate(0, 0, 20)
		// Decided 20 days on: only 30 days before the run below.
		decide(rs)
		f.now = f.now.AddDate(0, 0, 30)

		dry, err := f.st.Privacy().Retention(ctx, f.koord, true, nil)
		if err != nil || dry.Counts.InfoRequests != 1 {
			t.Fatalf("dry run: %+v %v, want Budi's decided request", dry, err)
		}
		run, err := f.st.Privacy().Retention(ctx, aduan.System, false, nil)
		if err != nil || run.Counts.InfoRequests != 1 {
			t.Fatalf("run: %+v %v", run, err)
		}
		got, err := p.Request(ctx, aduan.System, budi.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "" || got.Address != "" || got.Phone != "" || got.Email != "" || got.IDNumber != "" ||
			strings.Contains(got.Answer, "Budi") || strings.Contains(got.Answer, "3456") || got.Decision != aduan.InfoGranted || !strings.Contains(got.Information, "bansos") {
			t.Errorf("after retention: %+v", got)
		}
		if n := count(t, f.st, "info_request_ids"); n != 2 {
			t.Errorf("%d ID numbers kept, want the 2 of the requests not anonymised", n)
		}
		if got, _ := p.Request(ctx, aduan.System, budi2.ID); got.Name != "Budi Santoso" || got.IDNumber == "" {
			t.Errorf("the running request lost its requester: %+v", got)
		}
		if got, _ := p.Request(ctx, aduan.System, rs.ID); got.Name != "Sari Dewi" {
			t.Errorf("a recent request lost its requester")
		}

		// Sari asks to be erased: her decided request goes at once.
		er, err := f.st.Privacy().CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestErasure, Phone: "0813-1111-2222",
			Requester: "yang bersangkutan", Via: "surat", ReceivedAt: f.st.Now()})
		if err != nil {
			t.Fatal(err)
		}
		done, err := f.st.Privacy().Erase(ctx, f.koord, er.ID, er.Version, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(done.Outcome.Anonymised) != 1 || done.Outcome.Anonymised[0] != rs.Number {
			t.Errorf("Sari's erasure: %+v", done.Outcome)
		}
		if got, _ := p.Request(ctx, aduan.System, rs.ID); got.Name != "" || got.IDNumber != "" {
			t.Errorf("after erasure: %q %q", got.Name, got.IDNumber)
		}
		// Budi too: his running request keeps him, and the outcome says so.
		er, err = f.st.Privacy().CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestErasure, Phone: "0812-3456-7001",
			Requester: "yang bersangkutan", Via: "surat", ReceivedAt: f.st.Now()})
		if err != nil {
			t.Fatal(err)
		}
		done, err = f.st.Privacy().Erase(ctx, f.koord, er.ID, er.Version, nil)
		if err != nil {
			t.Fatal(err)
		}
		o := done.Outcome
		if len(o.Kept) != 1 || o.Kept[0].Number != budi2.Number || o.Kept[0].Reason != store.KeepReasonInfoOpen || !o.IdentityKept {
			t.Errorf("Budi's erasure: %+v", o)
		}
		if got, _ := p.Request(ctx, aduan.System, budi2.ID); got.Name != "Budi Santoso" {
			t.Errorf("the running request lost its requester on erasure")
		}
	})
}
