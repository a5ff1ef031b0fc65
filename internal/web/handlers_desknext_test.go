package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/routing"
)

// activeRefs is the fake reference data with its category and agency
// active, as the desk lists only active ones; agency, when set, answers
// for the agency the form names.
type activeRefs struct {
	RefData
	agency func(id int64) (*aduan.Agency, error)
}

func (d activeRefs) Agency(ctx context.Context, id int64) (*aduan.Agency, error) {
	if d.agency != nil {
		return d.agency(id)
	}
	return d.RefData.Agency(ctx, id)
}

func (d activeRefs) Categories(ctx context.Context) ([]aduan.Category, error) {
	cats, err := d.RefData.Categories(ctx)
	for i := range cats {
		cats[i].Active = true
	}
	return cats, err
}

func (d activeRefs) Agencies(ctx context.Context) ([]aduan.Agency, error) {
	ags, err := d.RefData.Agencies(ctx)
	for i := range ags {
		ags[i].Active = true
	}
	return ags, err
}

// TestDeskNextStepHandler checks the step the desk takes right after
// saving (deskNextStep) with the stores, the library and the routing
// model faked: an answer from the library, a past complaint, the web or
// the operator's own words; a forward; a link as duplicate. What the step
// names is checked before anything is saved: a wrong reference comes back
// beside its field with everything typed and no complaint recorded.
func TestDeskNextStepHandler(t *testing.T) {
	typed := func(kv ...string) url.Values {
		v := url.Values{"text": {"Lampu jalan mati sejak Senin"}, "place": {"Jl. Kenari 3"}, "kelurahan": {"32.76.01.1007"},
			"name": {"Ratna Dewi"}, "phone": {"081234567890"}, "channel": {"phone"}, "category": {"3"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	answer := func(kv ...string) url.Values {
		return typed(append([]string{"next", "answer", "answer", "Laporkan ke Dishub; perbaikan 3 hari kerja."}, kv...)...)
	}
	// saved records the complaint and takes the step, which want checks.
	saved := func(want func(act aduan.Action, in aduan.ActionInput)) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
				return pageComplaint(aduan.StatusRecorded), nil
			}
			f.apply = func(_ aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
				if id != 7 || version != 3 {
					t.Errorf("step on %d at %d", id, version)
				}
				want(act, in)
				return pageComplaint(aduan.StatusAnswered), &aduan.Event{ID: 2, ComplaintID: 7, Action: act}, nil
			}
		}
	}
	answeredFrom := func(src aduan.AnswerSource, ref string) func(f *fakeStores) {
		return saved(func(act aduan.Action, in aduan.ActionInput) {
			if act != aduan.ActionAnswer || in.Source != src || in.SourceRef != ref || in.Answer != "Laporkan ke Dishub; perbaikan 3 hari kerja." {
				t.Errorf("took %s %+v", act, in)
			}
		})
	}
	entry := func(active bool) func(l *fakeLibrary) {
		return func(l *fakeLibrary) {
			l.entry = func(id int64) (*aduan.LibraryEntry, error) {
				if id != 42 {
					t.Errorf("entry %d", id)
				}
				e := libEntry()
				e.Active = active
				return e, nil
			}
		}
	}
	refs := func(agency func(id int64) (*aduan.Agency, error)) func(w *Web) {
		return func(w *Web) { w.Stores.RefData = activeRefs{RefData: w.Stores.RefData, agency: agency} }
	}
	activeAgency := refs(func(id int64) (*aduan.Agency, error) {
		if id != 2 {
			return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.agency")
		}
		return &aduan.Agency{ID: 2, Code: "DISHUB", Name: "Dinas Perhubungan", Active: true}, nil
	})
	confident := func(manual bool) func(string, string) (routing.Suggestion, routing.Info, error) {
		return func(text, _ string) (routing.Suggestion, routing.Info, error) {
			if text != "Lampu jalan mati sejak Senin" {
				t.Errorf("suggest %q", text)
			}
			return routing.Suggestion{Manual: manual, Categories: []routing.Choice{{ID: 3, Name: "Lampu jalan", Confidence: 0.9}},
				Agencies: []routing.Choice{{ID: 2, Name: "Dinas Perhubungan", Confidence: 0.8}}}, routing.Info{}, nil
		}
	}
	// kept is what a form that comes back must still hold.
	kept := []string{"Lampu jalan mati sejak Senin", `value="Ratna Dewi"`}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /desk": w.Intake}
	}
	cases := []libCase{
		// Answers.
		{pageCase: pageCase{name: "an answer from the library is taken with its entry's number", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "JWB-0042"), role: aduan.RoleOperatorCC,
			fake: answeredFrom(aduan.SourceLibrary, "JWB-0042"), status: 303, check: locationIs("/desk?saved=7&ok=web.ok.desk.done.answer")},
			lib: entry(true)},
		{pageCase: pageCase{name: "an archived library entry is refused beside its field, nothing recorded", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "JWB-0042"), role: aduan.RoleOperatorCC, status: 400,
			want: append([]string{"Rujukan folder jawaban tidak dikenal; tulis nomor entri seperti JWB-0042", "Laporkan ke Dishub; perbaikan 3 hari kerja."}, kept...)},
			lib: entry(false)},
		{pageCase: pageCase{name: "a library entry that does not exist is refused the same", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "JWB-0099"), role: aduan.RoleOperatorCC, status: 400,
			want: []string{"Rujukan folder jawaban tidak dikenal"}},
			lib: func(l *fakeLibrary) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
				}
			}},
		{pageCase: pageCase{name: "what is not an entry's number is refused without looking it up", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "lampu"), role: aduan.RoleOperatorCC, status: 400,
			want: []string{"Rujukan folder jawaban tidak dikenal"}}},
		{pageCase: pageCase{name: "a library the store fails to read is a 500 that tells nothing, nothing recorded", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "JWB-0042"), role: aduan.RoleOperatorCC, status: 500,
			want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) { return nil, failed("LibraryEntry(42)") }
			}},
		{pageCase: pageCase{name: "the operator's own answer keeps no reference", method: "POST", path: "/desk",
			form: answer("source", "direct", "source_ref", "JWB-0042"), role: aduan.RoleOperatorCC,
			fake: answeredFrom(aduan.SourceDirect, ""), status: 303, check: locationIs("/desk?saved=7&ok=web.ok.desk.done.answer")}},
		{pageCase: pageCase{name: "an answer with no source is the operator's own", method: "POST", path: "/desk",
			form: answer(), role: aduan.RoleOperatorCC,
			fake: answeredFrom(aduan.SourceDirect, ""), status: 303, check: locationIs("/desk?saved=7&ok=web.ok.desk.done.answer")}},
		{pageCase: pageCase{name: "an answer from a past complaint is taken with its number", method: "POST", path: "/desk",
			form: answer("source", "complaint", "source_ref", "ADU-2025-000003"), role: aduan.RoleOperatorCC, status: 303,
			check: locationIs("/desk?saved=7&ok=web.ok.desk.done.answer"),
			fake: func(f *fakeStores) {
				answeredFrom(aduan.SourceComplaint, "ADU-2025-000003")(f)
				f.byNumber = func(n string) (*aduan.Complaint, error) {
					if n != "ADU-2025-000003" {
						t.Errorf("looked up %q", n)
					}
					return pageComplaint(aduan.StatusClosed), nil
				}
			}}},
		{pageCase: pageCase{name: "a past complaint that is not found is refused beside its field, nothing recorded", method: "POST", path: "/desk",
			form: answer("source", "complaint", "source_ref", "ADU-2025-000404"), role: aduan.RoleOperatorCC, status: 400,
			want: append([]string{"Rujukan pengaduan tidak dikenal; tulis nomor pengaduan seperti ADU-2026-000123."}, kept...),
			fake: func(f *fakeStores) {
				f.byNumber = func(string) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			}}},
		{pageCase: pageCase{name: "an answer from the web needs its link", method: "POST", path: "/desk",
			form: answer("source", "web", "source_ref", " "), role: aduan.RoleOperatorCC, status: 400, want: []string{"Wajib diisi."}}},
		{pageCase: pageCase{name: "an answer from the web is taken with its link", method: "POST", path: "/desk",
			form: answer("source", "web", "source_ref", "https://www.depok.go.id/pju"), role: aduan.RoleOperatorCC,
			fake: answeredFrom(aduan.SourceWeb, "https://www.depok.go.id/pju"), status: 303,
			check: locationIs("/desk?saved=7&ok=web.ok.desk.done.answer")}},
		{pageCase: pageCase{name: "a source the desk does not know is refused, nothing recorded", method: "POST", path: "/desk",
			form: answer("source", "faks"), role: aduan.RoleOperatorCC, status: 400,
			want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai."}}},
		{pageCase: pageCase{name: "an answer too long is refused beside it, nothing recorded", method: "POST", path: "/desk",
			form: answer("answer", strings.Repeat("a", aduan.MaxAnswerLen+1)), role: aduan.RoleOperatorCC, status: 400,
			want: []string{"Terlalu panjang (maksimum"}}},
		{pageCase: pageCase{name: "save & answer with no answer typed opens the complaint at its answer", method: "POST", path: "/desk",
			form: typed("next", "answer", "answer", "  "), role: aduan.RoleOperatorCC, status: 303,
			check: locationIs("/complaints/7?do=answer&ok=web.ok.saved#act-answer"),
			fake: func(f *fakeStores) {
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
					return pageComplaint(aduan.StatusRecorded), nil
				}
			}}},

		// Forwarding.
		{pageCase: pageCase{name: "save & forward sends it to the agency picked", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "2"), role: aduan.RoleOperatorCC, setup: activeAgency, status: 303,
			check: locationIs("/desk?saved=7&ok=web.ok.desk.done.forward"),
			fake: saved(func(act aduan.Action, in aduan.ActionInput) {
				if act != aduan.ActionForward || in.AgencyID != 2 {
					t.Errorf("took %s %+v", act, in)
				}
			})}},
		{pageCase: pageCase{name: "an agency no longer active is refused beside its field, nothing recorded", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "2"), role: aduan.RoleOperatorCC, status: 400,
			want: append([]string{`<select name="agency" aria-invalid="true">`, "Tidak ditemukan; pilih dari daftar."}, kept...)}},
		{pageCase: pageCase{name: "an agency that does not exist is refused the same", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "9"), role: aduan.RoleOperatorCC, setup: activeAgency, status: 400,
			want: []string{`<select name="agency" aria-invalid="true">`}}},
		{pageCase: pageCase{name: "an agency that is not a number is refused the same", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "DISHUB"), role: aduan.RoleOperatorCC, status: 400,
			want: []string{`<select name="agency" aria-invalid="true">`},
			setup: refs(func(int64) (*aduan.Agency, error) {
				t.Error("looked up an agency that is not a number")
				return nil, nil
			})}},
		{pageCase: pageCase{name: "an agency the store fails to read is a 500 that tells nothing, nothing recorded", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "2"), role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked,
			setup: refs(func(int64) (*aduan.Agency, error) { return nil, failed("Agency(2)") })}},
		{pageCase: pageCase{name: "a forward with no category asks for one and picks the model's confident choice, nothing recorded", method: "POST",
			path: "/desk", form: typed("next", "forward", "agency", "2", "category", ""), role: aduan.RoleOperatorCC, setup: activeAgency,
			status: 400, want: []string{"Pilih kategori dulu", "Pilih kategori pengaduan ini.", `<option value="3" selected>Lampu jalan</option>`}},
			router: confident(false)},
		{pageCase: pageCase{name: "an unsure model picks no category", method: "POST", path: "/desk",
			form: typed("next", "forward", "agency", "2", "category", ""), role: aduan.RoleOperatorCC, setup: activeAgency, status: 400,
			want: []string{"Pilih kategori dulu"}, notWant: []string{`<option value="3" selected>`}},
			router: confident(true)},

		// Linking as a duplicate.
		{pageCase: pageCase{name: "a link as duplicate names the open complaint, checked before the save", method: "POST", path: "/desk",
			form: typed("duplicate_of", " ADU-2026-000005 "), role: aduan.RoleOperatorCC, status: 303,
			check: locationIs("/desk?saved=7&ok=web.ok.desk.done.mark_duplicate"),
			fake: func(f *fakeStores) {
				f.ref = func(ref string) (int64, error) {
					if ref != " ADU-2026-000005 " {
						t.Errorf("ref %q", ref)
					}
					return 5, nil
				}
				f.checkDup = func(draft *aduan.Complaint, target int64, confirm bool) error {
					if target != 5 || confirm || draft.CategoryID != 3 {
						t.Errorf("checked %+v against %d (%v)", draft, target, confirm)
					}
					return nil
				}
				saved(func(act aduan.Action, in aduan.ActionInput) {
					if act != aduan.ActionMarkDuplicate || in.DuplicateOf != 5 {
						t.Errorf("took %s %+v", act, in)
					}
				})(f)
			}}},
		{pageCase: pageCase{name: "a complaint to link that is not found is refused beside its field, nothing recorded", method: "POST", path: "/desk",
			form: typed("duplicate_of", "ADU-2026-000404"), role: aduan.RoleOperatorCC, status: 400,
			want: append([]string{"Tidak ditemukan; pilih dari daftar."}, kept...),
			fake: func(f *fakeStores) {
				f.ref = func(string) (int64, error) { return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint") }
			}}},
		{pageCase: pageCase{name: "a complaint to link the store fails to read is a 500 that tells nothing", method: "POST", path: "/desk",
			form: typed("duplicate_of", "ADU-2026-000005"), role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked,
			fake: func(f *fakeStores) {
				f.ref = func(string) (int64, error) { return 0, failed("ComplaintRef()") }
			}}},

		// Who may.
		{pageCase: pageCase{name: "a kasi records nothing and takes no step", method: "POST", path: "/desk",
			form: answer("source", "library", "source_ref", "JWB-0042"), role: aduan.RoleKasiKabid, status: 403, want: refused}},
	}
	// A form that comes back looks its caller up again: a new caller here.
	for i, c := range cases {
		fake := c.fake
		cases[i].fake = func(f *fakeStores) {
			f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			if fake != nil {
				fake(f)
			}
		}
	}
	runLibraryPages(t, routes, cases)
}
