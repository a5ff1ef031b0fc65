package store_test

import (
	"database/sql"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// The complaint CreateComplaint returns (and gives to the hooks and the
// audit log) is built without reading it back; it must be exactly what
// reading it back gives, with every kind of input.
func TestCreatedComplaintIsAsStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		lat, lng := -6.4025, 106.7942
		recv := time.Date(2026, 11, 26, 7, 30, 15, 123456789, aduan.WIB)
		for name, in := range map[string]aduan.NewComplaint{
			"everything": {Text: "Jalan berlubang di depan pasar, membahayakan pengendara motor.", Address: "Jl. Raya Sawangan",
				KelurahanCode: f.kel, CategoryID: f.category.ID, Lat: &lat, Lng: &lng, Priority: aduan.PriorityHigh,
				Confidentiality: aduan.Confidential, ReceivedAt: &recv, Channel: aduan.ChannelSMS,
				Citizen: &aduan.CitizenInput{Name: "Budi", Phone: "0812 1111 2222", Email: "budi@example.id", Address: "Jl. Mawar 1", KelurahanCode: f.kel}},
			"bare":        {Text: "Sampah menumpuk di pinggir jalan sudah seminggu."},
			"anonymous":   {Text: "Ada pungutan liar di kantor kelurahan.", Confidentiality: aduan.Anonymous, KelurahanCode: f.kel},
			"same caller": {Text: "Lampu jalan mati lagi.", Citizen: &aduan.CitizenInput{Phone: "+6281211112222"}},
			"caller, new details": {Text: "Saluran air tersumbat.", CategoryID: f.category.ID,
				Citizen: &aduan.CitizenInput{Phone: "081211112222", Name: "Budi Santoso"}},
		} {
			c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			stored, err := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c, stored) {
				t.Errorf("%s: created\n%+v\nstored\n%+v", name, c, stored)
				if c.Citizen != nil && stored.Citizen != nil {
					t.Errorf("citizens %+v / %+v", *c.Citizen, *stored.Citizen)
				}
			}
		}
	})
}

// Reference data is cached, but a change is seen by the next write: made
// through this store, or by another process on the same database (here a
// second Store, as an aduan command or another instance would be).
func TestReferenceChangesReachTheNextWrite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, aduan.WIB) // a Friday
		f.st.Now = func() time.Time { return now }
		first := f.complaint(t, "081234567890") // loads the cache
		if first.CategoryName != f.category.Name {
			t.Fatalf("category name %q", first.CategoryName)
		}

		// The same store.
		if err := f.st.RefData().SetStandard(ctx, f.admin, first.Clock.Step, aduan.Standard{Amount: 2, Unit: aduan.UnitHour}); err != nil {
			t.Fatal(err)
		}
		if c := f.complaint(t, "081234567891"); !c.Clock.Deadline.Equal(now.Add(2 * time.Hour)) {
			t.Errorf("after SetStandard, deadline %v, want %v", c.Clock.Deadline, now.Add(2*time.Hour))
		}

		// Another process.
		other := otherStore(t, f.st)
		if err := other.RefData().SetStandard(ctx, aduan.System, first.Clock.Step, aduan.Standard{Amount: 3, Unit: aduan.UnitHour}); err != nil {
			t.Fatal(err)
		}
		if c := f.complaint(t, "081234567892"); !c.Clock.Deadline.Equal(now.Add(3 * time.Hour)) {
			t.Errorf("after another process's change, deadline %v, want %v", c.Clock.Deadline, now.Add(3*time.Hour))
		}
		cat := *f.category
		cat.Name = "Jalan Rusak dan Berlubang"
		if err := other.RefData().SaveCategory(ctx, aduan.System, &cat); err != nil {
			t.Fatal(err)
		}
		if c := f.complaint(t, "081234567893"); c.CategoryName != cat.Name {
			t.Errorf("after another process renamed the category: %q", c.CategoryName)
		}
		// A working day standard across a holiday added elsewhere: Monday
		// 30 November becomes a holiday, so one working day from Friday
		// ends on Tuesday. The call center's hours, a setting changed
		// elsewhere too, must have it close on weekends and holidays (a
		// 24/7 service knows none).
		if err := other.RefData().SetStandard(ctx, aduan.System, first.Clock.Step, aduan.Standard{Amount: 1, Unit: aduan.UnitWorkday}); err != nil {
			t.Fatal(err)
		}
		if err := other.RefData().SetSettings(ctx, aduan.System, map[string]string{"call_center_hours": "sen-jum 00:00-24:00"}); err != nil {
			t.Fatal(err)
		}
		// The settings too, which a write now reads from the cache
		// (SettingsTx): changed elsewhere, seen by the next write.
		settingIn := func() string {
			t.Helper()
			var v string
			if err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
				m, err := f.st.RefData().SettingsTx(ctx, tx)
				v = m["city_name"]
				m["city_name"] = "changed by the caller" // a copy: the cache keeps its own
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return v
		}
		was := settingIn()
		if err := other.RefData().SetSettings(ctx, aduan.System, map[string]string{"city_name": "Kota Uji Lain"}); err != nil {
			t.Fatal(err)
		}
		if got := settingIn(); got != "Kota Uji Lain" || was == got {
			t.Errorf("city_name %q, then %q after another process changed it", was, got)
		}
		if got := settingIn(); got != "Kota Uji Lain" {
			t.Errorf("city_name read again: %q", got)
		}
		// And a message template, read by every write that sends one.
		receiptIn := func() string {
			t.Helper()
			var body string
			if err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
				tpl, err := f.st.Messages().TemplateTx(ctx, tx, channel.TplReceipt)
				body = tpl.Body
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return body
		}
		receiptIn() // loads the cache
		if _, err := other.Messages().SaveTemplate(ctx, aduan.System, channel.Template{Key: channel.TplReceipt, Body: "Aduan {nomor} diterima."}); err != nil {
			t.Fatal(err)
		}
		if got := receiptIn(); got != "Aduan {nomor} diterima." {
			t.Errorf("receipt template after another process changed it: %q", got)
		}
		before := f.complaint(t, "081234567894").Clock.Deadline
		if err := other.RefData().SaveHoliday(ctx, aduan.System, aduan.Holiday{Date: "2026-11-30", Name: "Libur daerah"}); err != nil {
			t.Fatal(err)
		}
		after := f.complaint(t, "081234567895").Clock.Deadline
		if !after.After(*before) {
			t.Errorf("holiday added elsewhere not counted: deadline %v before, %v after", before, after)
		}
	})
}

// otherStore opens a second Store on st's database.
func otherStore(t *testing.T, st *store.Store) *store.Store {
	t.Helper()
	var url string
	switch st.Dialect() {
	case store.SQLite:
		var file string
		if err := st.DB().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&file); err != nil {
			t.Fatal(err)
		}
		url = "sqlite:" + file
	default:
		var name string
		if err := st.DB().QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		url = dbtest.URLFor(t, name)
	}
	other, err := store.Open(ctx, store.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// A write that changed reference data and read it back through the cache,
// then failed, must leave nothing of it in the cache: the change moved
// ref_version inside the transaction, the rollback moved it back, and the
// next real change commits the same number. Without forgetting, a
// rolled-back city name would be what every later receipt was signed with.
func TestRolledBackReferenceChangeIsNotKept(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// Each change is one UPDATE of one row: it moves the number by one
		// on both databases (SQLite's triggers are per row, PostgreSQL's
		// per statement), so the failed change and the committed one
		// carry the same number.
		setCity := func(tx *sql.Tx, name string) error {
			_, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1 WHERE key = 'city_name'`, name)
			return err
		}
		city := func() string {
			var got string
			if err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
				s, err := f.st.RefData().SettingsTx(ctx, tx)
				got = s["city_name"]
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return got
		}
		if err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('city_name', 'Kota Depok')`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if got := city(); got != "Kota Depok" { // and the cache is loaded
			t.Fatalf("city %q", got)
		}

		failed := errors.New("the write fails after its change")
		err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
			if err := setCity(tx, "Kota Hantu"); err != nil {
				return err
			}
			s, err := f.st.RefData().SettingsTx(ctx, tx)
			if err != nil {
				return err
			}
			if s["city_name"] != "Kota Hantu" {
				t.Errorf("inside its own write the change reads %q", s["city_name"])
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("the failing write: %v", err)
		}
		if err := f.st.WriteTx(ctx, func(tx *sql.Tx) error { return setCity(tx, "Kota Depok Baru") }); err != nil {
			t.Fatal(err)
		}
		if got := city(); got != "Kota Depok Baru" {
			t.Errorf("after a rolled-back change and a committed one, the city is %q, want %q", got, "Kota Depok Baru")
		}
	})
}
