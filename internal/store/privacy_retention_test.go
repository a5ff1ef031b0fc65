package store_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// privacyWorld is a store with three callers: Ani (two complaints, both
// closed three years ago, an SMS in and out, a photo), Budi (an old
// complaint still open) and Citra (closed last month).
type privacyWorld struct {
	*fixture
	clock                *time.Time
	ani, budi, citra     *aduan.Complaint
	ani2                 *aduan.Complaint
	files                *attach.Local
	monthFrom, monthTo   time.Time
	photoKey             string
	secrets, keptSecrets []string
}

func newPrivacyWorld(t *testing.T, d store.Dialect) *privacyWorld {
	t.Helper()
	f := newFixture(t, d)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, aduan.WIB)
	clock := now
	w := &privacyWorld{fixture: f, clock: &clock}
	f.st.Now = func() time.Time { return *w.clock }
	past := time.Date(2023, 11, 14, 10, 0, 0, 0, aduan.WIB)
	w.monthFrom, w.monthTo = time.Date(2023, 11, 1, 0, 0, 0, 0, aduan.WIB), time.Date(2023, 12, 1, 0, 0, 0, 0, aduan.WIB)
	w.files = &attach.Local{Dir: t.TempDir()}
	addr := "Jl. Kenanga 3 RT 04"
	mk := func(at time.Time, name, phone, email, text string, close bool) *aduan.Complaint {
		*w.clock = at
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{
			Text: text, Address: "Jl. Raya Bogor", KelurahanCode: f.kel, CategoryID: f.category.ID,
			Citizen: &aduan.CitizenInput{Name: name, Phone: phone, Email: email, Address: addr},
		})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		addr = "Jl. Mawar 1"
		if close {
			*w.clock = at.Add(20 * time.Minute)
			c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Terima kasih Bu " + strings.Fields(name)[0] + ", laporan sudah kami catat.", Source: aduan.SourceDirect})
			if err != nil {
				t.Fatalf("answer: %v", err)
			}
			*w.clock = at.Add(30 * time.Minute)
			if c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{Note: "selesai, " + name + " puas"}); err != nil {
				t.Fatalf("close: %v", err)
			}
		}
		return c
	}
	w.ani = mk(past, "Ani Suryani", "0812-3456-7890", "ani.suryani@example.id", "Jalan berlubang di depan rumah Ani Suryani, hubungi +62 812-3456-7890 atau ani.suryani@example.id.", true)
	w.ani2 = mk(past.Add(time.Hour), "Ani Suryani", "081234567890", "", "Lampu PJU mati, kata Bu Suryani.", true)
	// A third complaint from her number through the public form, where
	// someone typed another name: kept as a stated identity.
	*w.clock = past.Add(90 * time.Minute)
	web, err := f.st.Complaints().CreateComplaint(ctx, aduan.System, aduan.NewComplaint{Channel: aduan.ChannelWeb, Text: "Trotoar rusak, dari Ani Wibowo.", KelurahanCode: f.kel,
		Citizen: &aduan.CitizenInput{Name: "Ani Wibowo", Phone: "081234567890", Address: "Gg. Sawo 2"}})
	if err != nil {
		t.Fatal(err)
	}
	if web, _, err = f.st.Complaints().ApplyAction(ctx, f.op, web.ID, web.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah diteruskan.", Source: aduan.SourceDirect, CategoryID: f.category.ID}); err != nil {
		t.Fatal(err)
	}
	if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, web.ID, web.Version, aduan.ActionClose, aduan.ActionInput{}); err != nil {
		t.Fatal(err)
	}
	w.budi = mk(past.Add(2*time.Hour), "Budi Hartono", "0813-9999-1111", "", "Sampah menumpuk di Jl. Melati, pelapor Budi Hartono.", false)
	w.citra = mk(now.AddDate(0, -1, 0), "Citra Lestari", "0857-2222-3333", "", "Saluran air tersumbat, Citra Lestari.", true)
	*w.clock = past.Add(40 * time.Minute)
	// An SMS from Ani, one to her, and one from her number that no
	// complaint holds; a photo she sent.
	err = f.st.WriteTx(ctx, func(tx *sql.Tx) error {
		for _, m := range []*channel.Message{
			{ComplaintID: w.ani.ID, Channel: channel.SMS, Direction: channel.In, From: "6281234567890", Body: "Saya Ani Suryani, alamat Jl. Kenanga 3 RT 04", Status: channel.StatusProcessed},
			{ComplaintID: w.ani.ID, Channel: channel.SMS, Direction: channel.Out, To: "+6281234567890", Body: "Yth. Ani Suryani, pengaduan Anda selesai.", Params: []string{"Ani Suryani"}, Status: channel.StatusSent},
			{Channel: channel.SMS, Direction: channel.In, From: "6281234567890", Body: "halo, ini Ani", Status: channel.StatusProcessed, GatewayID: "x1"},
		} {
			if _, err := f.st.Messages().InsertMessage(ctx, tx, m); err != nil {
				return err
			}
		}
		// Her calls in the contact log: one that became her complaint, and
		// a missed call from her number that no complaint holds.
		for _, ct := range []string{
			`INSERT INTO contacts (kind, channel, phone, started_at, complaint_id, note, created_at) VALUES ('complaint', 'phone', '+6281234567890', 1, ` + fmt.Sprint(w.ani.ID) + `, 'Ibu Ani Suryani menelepon', 1)`,
			`INSERT INTO contacts (kind, channel, phone, started_at, note, created_at) VALUES ('missed', 'phone', '+6281234567890', 2, '', 2)`,
		} {
			if _, err := tx.ExecContext(ctx, ct); err != nil {
				return err
			}
		}
		w.photoKey = "2023/11/ani.jpg"
		if err := w.files.Put(ctx, w.photoKey, "image/jpeg", []byte("jpeg")); err != nil {
			return err
		}
		_, err := f.st.Attachments().InsertAttachment(ctx, tx, &attach.Attachment{ComplaintID: w.ani.ID, Filename: "rumah_ani_suryani.jpg", ContentType: "image/jpeg", Size: 4, Key: w.photoKey, Part: 1})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// She answered the satisfaction survey, with her details and a
	// suggestion naming her street: the scores stay, the rest goes.
	token, err := f.st.Open311().SKMLink(ctx, w.ani.ID, w.clock.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.Open311().AnswerSKM(ctx, token, aduan.SKMAnswer{Scores: [9]int{4, 3, 3, 4, 3, 3, 4, 3, 3}, Age: 52, Sex: "p", Job: "wirausaha",
		Comment: "Bu Ani Suryani puas, terima kasih."}); err != nil {
		t.Fatal(err)
	}
	*w.clock = now
	// The audit log's snapshots go after two years here.
	if err := f.st.RefData().SetSettings(ctx, f.admin, map[string]string{"retention_audit_days": "730"}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.RefData().SetSettings(ctx, f.admin, map[string]string{"retention_audit_days": "-1"}); aduan.ErrorCode(err) != aduan.EINVALID {
		t.Errorf("a negative period: %v", err)
	}
	w.secrets = []string{"Suryani", "81234567890", "812-3456", "ani.suryani@", "Kenanga", "Wibowo", "Sawo", "wirausaha"}
	w.keptSecrets = []string{"Budi Hartono", "81399991111", "Citra Lestari"}
	return w
}

// everything dumps every text the database holds about complaints and
// people, for looking for a name in.
func everything(t *testing.T, st *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT COALESCE(name, '') || ' ' || COALESCE(phone, '') || ' ' || email || ' ' || address FROM citizens`,
		`SELECT text || ' ' || address || ' ' || answer || ' ' || agency_answer || ' ' || return_reason FROM complaints`,
		`SELECT details FROM complaint_events`,
		`SELECT to_addr || ' ' || from_addr || ' ' || subject || ' ' || body || ' ' || params FROM messages`,
		`SELECT before_json || ' ' || after_json FROM audit_log WHERE entity <> 'privacy'`,
		`SELECT filename FROM attachments`,
		`SELECT name || ' ' || email || ' ' || address FROM stated_identities`,
		`SELECT term FROM search_terms`,
		`SELECT phone || ' ' || note FROM contacts`,
		`SELECT comment || ' ' || job || ' ' || COALESCE(CAST(age AS TEXT), '') FROM skm_responses`,
	} {
		rows, err := st.DB().Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s)
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String()
}

func (w *privacyWorld) figures(t *testing.T) string {
	t.Helper()
	m, err := w.st.Reports().MonthlyData(ctx, w.koord, w.monthFrom, w.monthTo, report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := w.st.Reports().PublicFigures(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"monthly": m, "public": pub})
	return string(b)
}

func TestRetentionDryRunThenRunKeepsFiguresAndErasesIdentity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		w := newPrivacyWorld(t, d)
		p := w.st.Privacy()
		before := w.figures(t)
		all := everything(t, w.st)
		for _, s := range w.secrets {
			if !strings.Contains(all, s) {
				t.Fatalf("setup: %q not stored", s)
			}
		}
		// An operator may not run retention, nor see its counts.
		if _, err := p.Retention(ctx, w.op, true, w.files); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("operator dry run: %v", err)
		}
		dry, err := p.Retention(ctx, w.koord, true, w.files)
		if err != nil {
			t.Fatal(err)
		}
		// Ani only: Budi's complaint is open, Citra's closed last month.
		if dry.Counts.Citizens != 1 || dry.Counts.Complaints != 3 {
			t.Errorf("dry run: %+v, want 1 citizen and 3 complaints", dry.Counts)
		}
		if dry.Counts.Messages != 3 || dry.Counts.Photos != 1 || dry.Counts.Audit == 0 {
			t.Errorf("dry run: %+v, want 3 messages, 1 photo and some audit records", dry.Counts)
		}
		if after := everything(t, w.st); after != all {
			t.Error("the dry run changed something")
		}
		run, err := p.Retention(ctx, aduan.System, false, w.files)
		if err != nil {
			t.Fatal(err)
		}
		if run.Counts != dry.Counts || run.FilesLeft != 0 {
			t.Errorf("run %+v (files left %d), dry run %+v: they must agree", run.Counts, run.FilesLeft, dry.Counts)
		}
		if got := w.figures(t); got != before {
			t.Errorf("figures of the period changed:\nbefore %s\nafter  %s", before, got)
		}
		all = everything(t, w.st)
		for _, s := range w.secrets {
			if strings.Contains(all, s) {
				i := strings.Index(all, s)
				t.Errorf("%q still stored: …%s…", s, all[max(0, i-80):min(len(all), i+40)])
			}
		}
		for _, s := range w.keptSecrets {
			if !strings.Contains(all, s) {
				t.Errorf("%q went, but their complaint is open or recent", s)
			}
		}
		if _, err := w.files.Get(ctx, w.photoKey); err == nil {
			t.Error("the photo's file is still stored")
		}
		// Search and the list find nothing of her.
		list, _, err := w.st.Complaints().ListComplaints(ctx, w.koord, aduan.ComplaintFilter{Query: "Suryani"})
		if err != nil || len(list) != 0 {
			t.Errorf("search for her name: %d complaints, %v", len(list), err)
		}
		if _, err := w.st.Citizens().CitizenByPhone(ctx, w.op, "081234567890"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("her number still finds a citizen: %v", err)
		}
		// The complaints stay, closed, with their events.
		c, err := w.st.Complaints().Complaint(ctx, w.koord, w.ani.ID)
		if err != nil || c.Status != aduan.StatusClosed || !strings.Contains(c.Text, "Jalan berlubang") {
			t.Errorf("complaint after: %v %+v", err, c)
		}
		// The run is audited as the system's.
		entries, err := w.st.Audit(ctx, w.koord, aduan.AuditFilter{Action: "privacy.retention"})
		if err != nil || len(entries) != 1 || entries[0].ActorName != aduan.System.Name {
			t.Errorf("audit of the run: %v %+v", err, entries)
		}
		// A second run finds nothing more.
		again, err := p.Retention(ctx, aduan.System, true, w.files)
		if err != nil || again.Counts != (store.RetentionCounts{}) {
			t.Errorf("second dry run: %+v %v", again.Counts, err)
		}
	})
}

func TestAuditAndEventsRedactOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.complaint(t, "081234567890")
		// Only the text columns may change, and only with the redaction mark.
		for _, q := range []string{
			"UPDATE audit_log SET before_json = 'x'",
			"UPDATE audit_log SET actor_name = 'x', redacted_at = 1",
			"UPDATE complaint_events SET at = 1, details = '{}'",
			"DELETE FROM audit_log", "DELETE FROM complaint_events",
		} {
			if _, err := f.st.DB().Exec(q); err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
		for _, q := range []string{"UPDATE audit_log SET before_json = '', redacted_at = 1", "UPDATE complaint_events SET details = '{}'"} {
			if _, err := f.st.DB().Exec(q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	})
}
