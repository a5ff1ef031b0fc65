package api

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

func (f *apirepFakePPID) AuditRegister(_ context.Context, _ aduan.Actor, book, format string, year, rows int) error {
	f.audited = append(f.audited, fmt.Sprintf("%s %s %d %d", book, format, year, rows))
	return nil
}

func (f *apirepFakeLapor) Import(_ context.Context, actor aduan.Actor, file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error) {
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	if f.imported == nil {
		apirepUnexpected(f.t, "Lapor.Import")
	}
	return f.imported(file, rows, rowErrs)
}

// TestBooksRegisterAndLaporImportHandlers checks the PPID's registers as
// JSON (GET /api/v1/ppid/registers/{book}) and the LAPOR! export's import
// (POST /api/v1/lapor/import) over fakes: the year's requests listed and
// the read audited, an unknown book or a year that is none refused with
// nothing read, a store fault a 500 without SQL; an export's rows
// registered or refused one by one, a role that takes no complaints and
// a mapping that cannot be read refused with nothing registered.
func TestBooksRegisterAndLaporImportHandlers(t *testing.T) {
	ppidOfficer := &aduan.User{ID: 12, Name: "Dewi PPID", Role: aduan.RolePPIDUtama, Active: true}
	kasi := &aduan.User{ID: 3, Name: "Kasi", Role: aduan.RoleKasiKabid, Active: true}
	var audited *apirepFakePPID
	csv := "No. Tracking,Judul,Isi Laporan,Kategori,Tanggal Disposisi\n" +
		"LAP-1,Jalan rusak,Jalan berlubang di Jl. Kenari,Jalan,2026-03-01 08:00\n" +
		"LAP-2,,,Jalan,2026-03-01 09:00\n"
	cases := []apirepCase{
		{name: "the requests register of a year lists its requests and the read is audited", method: "GET",
			path: "/api/v1/ppid/registers/permohonan?year=2026", user: ppidOfficer,
			ppid: func(f *apirepFakePPID) {
				audited = f
				f.requests = func(_ aduan.Actor, fl store.InfoFilter) ([]*aduan.InfoRequest, error) {
					if fl.From == nil || fl.From.Year() != 2026 || fl.Objected {
						t.Errorf("filter %+v", fl)
					}
					return []*aduan.InfoRequest{{ID: 3, Number: "PPID-2026-000003", Status: aduan.InfoReceived, ReceivedAt: apirepNow, Information: "Anggaran PJU 2025"}}, nil
				}
			},
			status: 200, want: []string{"PPID-2026-000003", "Anggaran PJU 2025"}},
		{name: "a book that is none is a 404 and nothing is read", method: "GET", path: "/api/v1/ppid/registers/buku-tamu?year=2026",
			user: ppidOfficer, status: 404},
		{name: "a year out of range is refused and nothing is read", method: "GET", path: "/api/v1/ppid/registers/permohonan?year=1999",
			user: ppidOfficer, status: 400},
		{name: "a register the store fails to read is a 500 without SQL", method: "GET", path: "/api/v1/ppid/registers/keberatan?year=2026",
			user: ppidOfficer,
			ppid: func(f *apirepFakePPID) {
				f.requests = func(aduan.Actor, store.InfoFilter) ([]*aduan.InfoRequest, error) {
					return nil, errors.New(`pq: relation "info_requests" does not exist`)
				}
			},
			status: 500, want: []string{`"internal"`}, notWant: []string{"pq:", "relation"}},
		{name: "an export's rows are registered, the unreadable one refused with its reason", method: "POST",
			path: "/api/v1/lapor/import?name=export.csv", body: csv,
			lapor: func(f *apirepFakeLapor) {
				f.imported = func(file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error) {
					if file != "export.csv" || len(rows)+len(rowErrs) != 2 {
						t.Errorf("imported %s: %d rows, %d refused", file, len(rows), len(rowErrs))
					}
					return []store.LaporImportResult{{Row: 2, TrackingID: "LAP-1", Number: "ADU-2026-000051"},
						{Row: 3, TrackingID: "LAP-2", Err: aduan.Errorf(aduan.EINVALID, "err.field.required")}}, nil
				}
			},
			status: 200, want: []string{`"created":1`, `"refused":1`, "ADU-2026-000051", "LAP-2"}},
		{name: "an export without the tracking column is refused, naming it, and nothing is registered", method: "POST",
			path: "/api/v1/lapor/import?name=export.csv", body: "Judul,Isi Laporan\nJalan rusak,Berlubang\n",
			status: 400, want: []string{"No. Tracking"}},
		{name: "a kasi takes no complaints: the import is refused and nothing registered", method: "POST",
			path: "/api/v1/lapor/import?name=export.csv", body: csv, user: kasi, status: 403, want: []string{`"forbidden"`}},
		{name: "an import the store fails is a 500 without SQL", method: "POST", path: "/api/v1/lapor/import?name=export.csv", body: csv,
			lapor: func(f *apirepFakeLapor) {
				f.imported = func(string, []lapor.Intake, []lapor.RowError) ([]store.LaporImportResult, error) {
					return nil, errors.New(`pq: duplicate key value violates unique constraint "lapor_reports_pkey"`)
				}
			},
			status: 500, notWant: []string{"pq:", "constraint"}},
	}
	apirepServe(t, cases, func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{"GET /api/v1/ppid/registers/{book}": a.InfoRegister, "POST /api/v1/lapor/import": a.ImportLapor}
	})
	if audited == nil || len(audited.audited) != 1 || audited.audited[0] != "permohonan json 2026 1" {
		t.Errorf("register reads audited: %v", audited)
	}
}
