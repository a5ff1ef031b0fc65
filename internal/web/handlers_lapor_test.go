package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// fakeLapor is the SP4N-LAPOR! pages' store (LaporData), one function
// per method. Register and Import refuse, as store.Lapor does, a role
// that may not record complaints; a method whose function is nil and
// that is reached otherwise fails the case with its name. Compliance,
// which every list page reads, is no report this month unless given.
type fakeLapor struct {
	t          *testing.T
	reports    func() ([]store.LaporReport, error)
	byID       func(id string) (*store.LaporReport, error)
	report     func(id string) (*store.LaporReport, []lapor.FollowUp, error)
	register   func(in lapor.Intake, source string) (*aduan.Complaint, error)
	imp        func(file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error)
	compliance func(from, to, now time.Time) (store.LaporCompliance, error)
}

func (f *fakeLapor) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *fakeLapor) Reports(context.Context, aduan.Actor) ([]store.LaporReport, error) {
	if f.reports == nil {
		f.unexpected("Reports")
	}
	return f.reports()
}

func (f *fakeLapor) ByTrackingID(_ context.Context, _ aduan.Actor, id string) (*store.LaporReport, error) {
	if f.byID == nil {
		f.unexpected("ByTrackingID")
	}
	return f.byID(id)
}

func (f *fakeLapor) Report(_ context.Context, _ aduan.Actor, id string) (*store.LaporReport, []lapor.FollowUp, error) {
	if f.report == nil {
		f.unexpected("Report")
	}
	return f.report(id)
}

func (f *fakeLapor) Register(_ context.Context, a aduan.Actor, in lapor.Intake, source string) (*aduan.Complaint, error) {
	if err := a.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	if f.register == nil {
		f.unexpected("Register")
	}
	return f.register(in, source)
}

func (f *fakeLapor) Import(_ context.Context, a aduan.Actor, file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error) {
	if err := a.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	if f.imp == nil {
		f.unexpected("Import")
	}
	return f.imp(file, rows, rowErrs)
}

func (f *fakeLapor) Compliance(_ context.Context, _ aduan.Actor, from, to, now time.Time) (store.LaporCompliance, error) {
	if f.compliance == nil {
		return store.LaporCompliance{}, nil
	}
	return f.compliance(from, to, now)
}

// laporCase is a page case with the LAPOR! store's functions.
type laporCase struct {
	pageCase
	lapor func(l *fakeLapor)
}

// laporPages is each case's pageCase with a fresh fakeLapor made for it
// and given to the console.
func laporPages(cases []laporCase) []pageCase {
	out := make([]pageCase, 0, len(cases))
	for _, c := range cases {
		pc := c.pageCase
		var fl *fakeLapor
		fake, setup := pc.fake, pc.setup
		pc.fake = func(f *fakeStores) {
			fl = &fakeLapor{t: f.t}
			if c.lapor != nil {
				c.lapor(fl)
			}
			if fake != nil {
				fake(f)
			}
		}
		pc.setup = func(w *Web) {
			w.Stores.Lapor = fl
			if setup != nil {
				setup(w)
			}
		}
		out = append(out, pc)
	}
	return out
}

// laporReport is LAPOR! report 1234567, dispositioned two working days
// before now: verified on time, its follow-up late.
func laporReport() store.LaporReport {
	disp := pageNow.AddDate(0, 0, -9)
	verified := disp.Add(24 * time.Hour)
	return store.LaporReport{ComplaintID: 7, Number: "ADU-2026-000007", Status: aduan.StatusForwarded, TrackingID: "1234567",
		Category: "PERHUBUNGAN > PARKIR LIAR", Dispositioned: disp, Source: "manual",
		Deadlines: lapor.Deadlines{VerifyDue: disp.AddDate(0, 0, 3), VerifiedAt: &verified, FollowUpDue: pageNow.Add(-time.Hour)}}
}

// TestLaporPageHandlers checks the SP4N-LAPOR! pages with the stores
// replaced by fakes: the list with LAPOR!'s deadlines and this month's
// compliance, a report found by tracking ID or said not found, a report
// registered from the form or refused in Indonesian with what was typed
// kept, one report with its follow-ups to copy; roles that record no
// complaint shown nothing and recording nothing.
func TestLaporPageHandlers(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /sp4n-lapor": w.LaporPage, "POST /sp4n-lapor": w.RegisterLapor, "POST /sp4n-lapor/import": w.ImportLapor,
			"GET /sp4n-lapor/{tracking_id}": w.LaporReport}
	}
	listed := func(l *fakeLapor) {
		l.reports = func() ([]store.LaporReport, error) { return []store.LaporReport{laporReport()}, nil }
	}
	form := url.Values{"tracking_id": {" 1234567 "}, "category": {"PERHUBUNGAN > PARKIR LIAR"}, "text": {"Parkir liar di depan pasar Kemiri"},
		"name": {"Budi Santoso"}, "phone": {"0813-1111-2222"}, "dispositioned_at": {"2026-02-27T14:30"}, "anonymous": {"1"}}
	with := func(k, v string) url.Values {
		out := url.Values{}
		for key, vals := range form {
			out[key] = append([]string(nil), vals...)
		}
		out.Set(k, v)
		return out
	}
	refused := []string{"Peran Anda tidak berhak melakukan tindakan ini."}
	internal := []string{"Terjadi kesalahan pada sistem."}

	runPages(t, routes, laporPages([]laporCase{
		// The list.
		{pageCase: pageCase{name: "the operator's list shows each report against LAPOR!'s deadlines and this month's compliance", method: "GET",
			path: "/sp4n-lapor", role: aduan.RoleOperatorCC,
			status: 200, want: []string{`href="/sp4n-lapor/1234567"`, "ADU-2026-000007", "PERHUBUNGAN &gt; PARKIR LIAR", "tepat waktu", "terlambat",
				"day=2026-03-02", "3 laporan didisposisikan LAPOR! bulan ini", "Catat laporan LAPOR!"}},
			lapor: func(l *fakeLapor) {
				listed(l)
				l.compliance = func(from, to, now time.Time) (store.LaporCompliance, error) {
					if !from.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, aduan.WIB)) || !to.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, aduan.WIB)) || !now.Equal(pageNow) {
						t.Errorf("compliance of %v to %v at %v", from, to, now)
					}
					return store.LaporCompliance{Total: 3, VerifyMet: 2, VerifyLate: 1}, nil
				}
			}},
		{pageCase: pageCase{name: "an empty list says so and shows no month", method: "GET", path: "/sp4n-lapor", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Belum ada laporan LAPOR!."}, notWant: []string{"bulan ini"}},
			lapor: func(l *fakeLapor) { l.reports = func() ([]store.LaporReport, error) { return nil, nil } }},
		{pageCase: pageCase{name: "a tracking ID found goes to its report", method: "GET", path: "/sp4n-lapor?q=+1234567+", role: aduan.RoleOperatorCC,
			status: 303, check: sentTo("/sp4n-lapor/1234567")},
			lapor: func(l *fakeLapor) {
				l.byID = func(id string) (*store.LaporReport, error) {
					if id != "1234567" {
						t.Errorf("looked up %q", id)
					}
					r := laporReport()
					return &r, nil
				}
			}},
		{pageCase: pageCase{name: "a tracking ID not found is a 404 on the list, as typed", method: "GET", path: "/sp4n-lapor?q=7654321",
			role: aduan.RoleOperatorCC, status: 404, want: []string{"Laporan LAPOR! tidak ditemukan.", `name="q" value="7654321"`, "ADU-2026-000007"}},
			lapor: func(l *fakeLapor) {
				listed(l)
				l.byID = func(string) (*store.LaporReport, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.lapor")
				}
			}},
		{pageCase: pageCase{name: "what cannot be a tracking ID is not looked up", method: "GET", path: "/sp4n-lapor?q=%3Cb%3E", role: aduan.RoleOperatorCC,
			status: 404, want: []string{"Laporan LAPOR! tidak ditemukan.", `value="&lt;b&gt;"`}, notWant: []string{"<b>"}},
			lapor: listed},
		{pageCase: pageCase{name: "a kasi has no LAPOR! page", method: "GET", path: "/sp4n-lapor", role: aduan.RoleKasiKabid,
			status: 403, want: refused, notWant: []string{"1234567"}},
			lapor: listed},
		{pageCase: pageCase{name: "an agency operator has none either", method: "GET", path: "/sp4n-lapor", role: aduan.RoleOperatorPD,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a list the store fails to read is a 500 that tells nothing", method: "GET", path: "/sp4n-lapor", role: aduan.RoleOperatorCC,
			status: 500, want: internal, notWant: []string{"lapor_reports"}},
			lapor: func(l *fakeLapor) {
				l.reports = func() ([]store.LaporReport, error) {
					return nil, errors.New("Lapor.Reports(): no such table: lapor_reports")
				}
			}},

		// A report registered.
		{pageCase: pageCase{name: "a report registered goes to its page, dispositioned at the time typed in the city's zone", method: "POST",
			path: "/sp4n-lapor", form: form, role: aduan.RoleOperatorCC,
			status: 303, check: sentTo("/sp4n-lapor/1234567?ok=web.ok.lapor_registered")},
			lapor: func(l *fakeLapor) {
				l.register = func(in lapor.Intake, source string) (*aduan.Complaint, error) {
					if source != "manual" || in.TrackingID != " 1234567 " || in.Text != "Parkir liar di depan pasar Kemiri" || in.Phone != "0813-1111-2222" ||
						!in.Anonymous || in.Confidential || !in.Dispositioned.Equal(time.Date(2026, 2, 27, 14, 30, 0, 0, aduan.WIB)) {
						t.Errorf("registered from %s: %+v", source, in)
					}
					return &aduan.Complaint{ID: 12, Number: "ADU-2026-000012"}, nil
				}
			}},
		{pageCase: pageCase{name: "a disposition time that cannot be read is marked, what was typed kept, nothing registered", method: "POST",
			path: "/sp4n-lapor", form: with("dispositioned_at", "27/02/2026"), role: aduan.RoleOperatorCC,
			status: 400, want: []string{"Waktu harus berformat TTTT-BB-HH JJ:MM.", `value="27/02/2026"`, "Parkir liar di depan pasar Kemiri", `value="Budi Santoso"`}},
			lapor: listed},
		{pageCase: pageCase{name: "a tracking ID the store cannot read is marked in Indonesian with the form kept", method: "POST", path: "/sp4n-lapor",
			form: with("tracking_id", "12 34"), role: aduan.RoleOperatorCC,
			status: 400, want: []string{"Nomor tracking LAPOR! tidak terbaca", `value="12 34"`, "Parkir liar di depan pasar Kemiri"}},
			lapor: func(l *fakeLapor) {
				listed(l)
				l.register = func(lapor.Intake, string) (*aduan.Complaint, error) {
					var v aduan.Validation
					v.Add("tracking_id", "lapor.err.tracking_id")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "a report registered before names the complaint that holds it", method: "POST", path: "/sp4n-lapor", form: form,
			role:   aduan.RoleOperatorCC,
			status: 400, want: []string{"Laporan LAPOR! 1234567 sudah terdaftar sebagai pengaduan ADU-2026-000007; tidak dicatat dua kali."}},
			lapor: func(l *fakeLapor) {
				listed(l)
				l.register = func(lapor.Intake, string) (*aduan.Complaint, error) {
					return nil, &aduan.Error{Code: aduan.ECONFLICT, Key: "lapor.err.duplicate", Args: []any{"1234567", "ADU-2026-000007"},
						Fields: []aduan.FieldError{{Field: "tracking_id", Key: "lapor.err.duplicate", Args: []any{"1234567", "ADU-2026-000007"}}}}
				}
			}},
		{pageCase: pageCase{name: "a kasi registers nothing", method: "POST", path: "/sp4n-lapor", form: form, role: aduan.RoleKasiKabid,
			status: 403, want: refused, notWant: []string{"Budi Santoso"}}},
		{pageCase: pageCase{name: "a registration the store fails is a 500 that tells nothing", method: "POST", path: "/sp4n-lapor", form: form,
			role: aduan.RoleOperatorCC, status: 500, want: internal, notWant: []string{"lapor register"}},
			lapor: func(l *fakeLapor) {
				l.register = func(lapor.Intake, string) (*aduan.Complaint, error) {
					return nil, errors.New(`Lapor.Register(): lapor register "1234567": database is locked`)
				}
			}},

		// An import that is not a file.
		{pageCase: pageCase{name: "an import without its file says how to send one, nothing imported", method: "POST", path: "/sp4n-lapor/import",
			form: url.Values{"file": {"No. Tracking"}}, role: aduan.RoleOperatorCC,
			status: 400, want: []string{"Kirim berkas ekspor LAPOR! sebagai formulir multipart"}},
			lapor: listed},

		// One report.
		{pageCase: pageCase{name: "one report shows its deadlines and each follow-up to copy to LAPOR!", method: "GET", path: "/sp4n-lapor/1234567",
			role:   aduan.RoleOperatorCC,
			status: 200, want: []string{"LAPOR! <code>1234567</code>", `href="/complaints/7"`, "PERHUBUNGAN &gt; PARKIR LIAR", "Jawaban Perangkat Daerah",
				"Juru parkir liar sudah ditertibkan Dishub.", `href="/files/9/foto.jpg"`, "terlambat", "manual"}},
			lapor: func(l *fakeLapor) {
				l.report = func(id string) (*store.LaporReport, []lapor.FollowUp, error) {
					if id != "1234567" {
						t.Errorf("report %q", id)
					}
					r := laporReport()
					return &r, []lapor.FollowUp{{TrackingID: "1234567", Number: "ADU-2026-000007", Kind: lapor.FollowAnswer, At: pageNow,
						Text: "Juru parkir liar sudah ditertibkan Dishub.", Attachments: []string{"/files/9/foto.jpg"}}}, nil
				}
			}},
		{pageCase: pageCase{name: "a report without follow-ups says so", method: "GET", path: "/sp4n-lapor/1234567", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Belum ada tindak lanjut."}},
			lapor: func(l *fakeLapor) {
				l.report = func(string) (*store.LaporReport, []lapor.FollowUp, error) { r := laporReport(); return &r, nil, nil }
			}},
		{pageCase: pageCase{name: "a report not found is a 404 in Indonesian", method: "GET", path: "/sp4n-lapor/7654321", role: aduan.RoleOperatorCC,
			status: 404, want: []string{"Laporan LAPOR! tidak ditemukan."}},
			lapor: func(l *fakeLapor) {
				l.report = func(string) (*store.LaporReport, []lapor.FollowUp, error) {
					return nil, nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.lapor")
				}
			}},
		{pageCase: pageCase{name: "a kasi reads no report", method: "GET", path: "/sp4n-lapor/1234567", role: aduan.RoleKasiKabid,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a report the store fails to read is a 500 that tells nothing", method: "GET", path: "/sp4n-lapor/1234567",
			role: aduan.RoleOperatorCC, status: 500, want: internal, notWant: []string{"follow_ups"}},
			lapor: func(l *fakeLapor) {
				l.report = func(string) (*store.LaporReport, []lapor.FollowUp, error) {
					return nil, nil, errors.New("Lapor.Report(): follow_ups: bad connection")
				}
			}},
	}))
}

// TestLaporImportHandler checks the import of a LAPOR! export (a
// multipart form, which runPages does not send): each row's outcome
// shown, a mapping that cannot be read refused in Indonesian with nothing
// imported, and a kasi refused.
func TestLaporImportHandler(t *testing.T) {
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	csv := "No. Tracking,Isi Laporan,Kategori,Tanggal Disposisi,Nama Pelapor\n" +
		"1234567,Parkir liar di depan pasar,PERHUBUNGAN > PARKIR LIAR,27/02/2026 14:30,Budi\n" +
		"7654321,Jalan berlubang,PEKERJAAN UMUM,28/02/2026 08:00,\n"
	upload := func(files map[string]string) (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for field, body := range files {
			name := "ekspor.csv"
			if field == "mapping" {
				name = "pemetaan.json"
			}
			fw, err := mw.CreateFormFile(field, name)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write([]byte(body))
		}
		mw.Close()
		return &b, mw.FormDataContentType()
	}
	cases := []struct {
		name   string
		files  map[string]string
		role   aduan.Role
		lapor  func(l *fakeLapor)
		status int
		want   []string
	}{
		{name: "each row's outcome is shown, the refused with why", files: map[string]string{"file": csv}, role: aduan.RoleOperatorCC,
			lapor: func(l *fakeLapor) {
				l.imp = func(file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error) {
					if file != "ekspor.csv" || len(rows) != 2 || rows[0].TrackingID != "1234567" || rows[1].Text != "Jalan berlubang" {
						t.Errorf("imported %s: %+v %+v", file, rows, rowErrs)
					}
					return []store.LaporImportResult{{Row: 2, TrackingID: "1234567", Number: "ADU-2026-000012"},
						{Row: 3, TrackingID: "7654321", Err: aduan.Errorf(aduan.EINVALID, "lapor.err.category", "PEKERJAAN UMUM")}}, nil
				}
			},
			status: 200, want: []string{"1 laporan dicatat, 1 ditolak.", "ADU-2026-000012", `Kategori LAPOR! &#34;PEKERJAAN UMUM&#34; tidak dikenal`}},
		{name: "a mapping that cannot be read is said so, nothing imported", files: map[string]string{"file": csv, "mapping": "{bukan json"},
			role: aduan.RoleOperatorCC, status: 400, want: []string{"Berkas pemetaan kolom tidak terbaca"}},
		{name: "a kasi imports nothing", files: map[string]string{"file": csv}, role: aduan.RoleKasiKabid,
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeStores{t: t}
			fl := &fakeLapor{t: t, reports: func() ([]store.LaporReport, error) { return nil, nil }}
			if tc.lapor != nil {
				tc.lapor(fl)
			}
			w := &Web{Stores: f.stores(), Log: slog.New(slog.DiscardHandler)}
			w.Stores.Lapor = fl
			w.once.Do(func() { w.pages = pages })
			body, ctype := upload(tc.files)
			r := httptest.NewRequest("POST", "/sp4n-lapor/import", body)
			r.Header.Set("Content-Type", ctype)
			r = r.WithContext(withTestUser(r.Context(), tc.role))
			rw := httptest.NewRecorder()
			w.Handle(w.ImportLapor).ServeHTTP(rw, r)
			got := rw.Body.String()
			if rw.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rw.Code, tc.status, got)
			}
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in %s", s, got)
				}
			}
		})
	}
}
