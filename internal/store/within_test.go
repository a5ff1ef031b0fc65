package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestWorkGivenAtTheCall: what runs inside CreateComplaint, ApplyAction and
// AddNote is given at the call. What it writes commits with the change;
// when one of them fails, nothing of the change is left: no complaint or
// new state, no event, no audit record, no message (also none that an
// earlier hook of the same call had written).
func TestWorkGivenAtTheCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		boom := errors.New("boom")
		// message writes one outgoing message for the complaint, as the
		// notice of an automatic closing does.
		message := func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
			_, err := f.st.Messages().InsertMessage(ctx, tx, &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, To: "+6281234500009",
				Body: "Pengaduan Anda kami terima.", Status: channel.StatusQueued})
			return err
		}
		fail := func(context.Context, *sql.Tx, *aduan.Complaint, *aduan.Event) error { return boom }
		tables := []string{"complaints", "complaint_events", "audit_log", "messages"}
		counts := func() map[string]int {
			n := map[string]int{}
			for _, tb := range tables {
				n[tb] = count(t, f.st, tb)
			}
			return n
		}
		same := func(what string, before map[string]int) {
			t.Helper()
			after := counts()
			for _, tb := range tables {
				if after[tb] != before[tb] {
					t.Errorf("%s: %s went from %d to %d rows", what, tb, before[tb], after[tb])
				}
			}
		}
		in := aduan.NewComplaint{Text: "Lampu jalan mati di depan Masjid Al-Ikhlas.", KelurahanCode: f.kel, CategoryID: f.category.ID,
			Citizen: &aduan.CitizenInput{Name: "Ani Suryani", Phone: "081234500009", Address: "Jl. Kenanga 3"}}

		before := counts()
		if _, err := f.st.Complaints().CreateComplaint(ctx, f.op, in, message, fail); !errors.Is(err, boom) {
			t.Fatalf("create with a failing hook: %v", err)
		}
		same("create", before)

		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in, message)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, f.st, "messages"); n != before["messages"]+1 {
			t.Errorf("the hook's message was not committed with the complaint: %d messages, want %d", n, before["messages"]+1)
		}

		before = counts()
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}, message, fail); !errors.Is(err, boom) {
			t.Fatalf("forward with a failing hook: %v", err)
		}
		same("forward", before)
		now, err := f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if now.Status != c.Status || now.Version != c.Version || now.AgencyID != c.AgencyID {
			t.Errorf("a failed forward changed the complaint: %s v%d agency %d, was %s v%d agency %d",
				now.Status, now.Version, now.AgencyID, c.Status, c.Version, c.AgencyID)
		}

		if _, err := f.st.Complaints().AddNote(ctx, f.op, c.ID, store.NoteInput{Kind: store.NoteText, Text: "Warga menelepon lagi."}, message, fail); !errors.Is(err, boom) {
			t.Fatalf("note with a failing hook: %v", err)
		}
		same("note", before)

		ran := 0
		counting := func(context.Context, *sql.Tx, *aduan.Complaint, *aduan.Event) error { ran++; return nil }
		got, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}, counting, message)
		if err != nil {
			t.Fatal(err)
		}
		if got.AgencyID != f.dpupr.ID || ran != 1 || count(t, f.st, "messages") <= before["messages"] {
			t.Errorf("forward with hooks: agency %d, hook ran %d times, %d messages (were %d)", got.AgencyID, ran, count(t, f.st, "messages"), before["messages"])
		}
	})
}
