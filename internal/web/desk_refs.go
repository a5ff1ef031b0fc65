package web

import (
	"context"
	"net/http"
	"strconv"
	"sync"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// deskRefs is the reference data the intake form offers: the kecamatan and
// their kelurahan, the active categories and agencies.
type deskRefs struct {
	Kecamatan  []aduan.Kecamatan
	Kelurahan  map[string][]aduan.Kelurahan
	Categories []aduan.Category
	Agencies   []aduan.Agency
}

// lastDeskRefs keeps the desk's reference data as last read, for the one
// case where it cannot be read: a form posted while the database is away
// must still come back with what was typed in it. Pages read the database
// every time (an admin's new category is on the next desk at once, on
// every instance); this copy is only what is drawn when that fails.
type lastDeskRefs struct {
	mu   sync.Mutex
	refs *deskRefs
}

func (l *lastDeskRefs) get() *deskRefs {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.refs
}

func (l *lastDeskRefs) set(r *deskRefs) {
	l.mu.Lock()
	l.refs = r
	l.mu.Unlock()
}

// readDeskRefs reads the desk's reference data, or, when the database is
// away, gives the copy last read (an error if there is none).
func (w *Web) readDeskRefs(ctx context.Context) (*deskRefs, error) {
	r, err := w.loadDeskRefs(ctx)
	if err == nil {
		w.lastRefs.set(r)
		return r, nil
	}
	if aduan.ErrorCode(err) == aduan.EUNAVAILABLE {
		if last := w.lastRefs.get(); last != nil {
			return last, nil
		}
	}
	return nil, err
}

func (w *Web) loadDeskRefs(ctx context.Context) (*deskRefs, error) {
	r := &deskRefs{Kelurahan: map[string][]aduan.Kelurahan{}}
	var err error
	if r.Kecamatan, err = w.Stores.RefData.Kecamatans(ctx); err != nil {
		return nil, err
	}
	kels, err := w.Stores.RefData.Kelurahans(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, k := range kels {
		r.Kelurahan[k.KecamatanCode] = append(r.Kelurahan[k.KecamatanCode], k)
	}
	cats, err := w.Stores.RefData.Categories(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		if c.Active {
			r.Categories = append(r.Categories, c)
		}
	}
	ags, err := w.Stores.RefData.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range ags {
		if a.Active {
			r.Agencies = append(r.Agencies, a)
		}
	}
	return r, nil
}

// typedRefs stands in for the reference data when there is neither the
// database nor a copy (an instance that has drawn no desk since it
// started): lists of only what was picked, named by its code, so that the
// choices are on the form when it is sent again.
func typedRefs(f intakeForm) *deskRefs {
	r := &deskRefs{Kelurahan: map[string][]aduan.Kelurahan{}}
	kels := map[string]bool{}
	for _, code := range []string{f.Kelurahan, f.CitizenKel} {
		if code != "" && !kels[code] {
			kels[code] = true
			r.Kelurahan[""] = append(r.Kelurahan[""], aduan.Kelurahan{Code: code, Name: code})
		}
	}
	if len(kels) > 0 {
		r.Kecamatan = []aduan.Kecamatan{{Code: "", Name: "—"}}
	}
	if id, err := strconv.ParseInt(f.Category, 10, 64); err == nil {
		r.Categories = []aduan.Category{{ID: id, Name: f.Category}}
	}
	if id, err := strconv.ParseInt(f.Agency, 10, 64); err == nil {
		r.Agencies = []aduan.Agency{{ID: id, Name: f.Agency}}
	}
	return r
}

// intakeFormOf reads the desk's form as typed.
func intakeFormOf(r *http.Request) intakeForm {
	v := r.PostFormValue
	return intakeForm{Phone: v("phone"), Name: v("name"), Email: v("email"), Address: v("address"), CitizenKel: v("citizen_kelurahan"),
		Text: v("text"), Place: v("place"), Kelurahan: v("kelurahan"), Category: v("category"), Priority: v("priority"),
		Confidentiality: v("confidentiality"), Channel: v("channel"), ReceivedAt: v("received_at"), CallID: v("call_id"),
		Agency: v("agency"), Answer: v("answer"), Source: v("source"), SourceRef: v("source_ref"), DuplicateOf: v("duplicate_of"),
		ToldOnCall: v("told_on_call") != "", Confirm: v("confirm") != "", Token: v(formTokenField)}
}

// intakeAway answers the desk's form when the database is away before the
// session could be checked (on PostgreSQL the sessions are in it). Nothing
// can be saved, but nothing typed may be lost either: the form comes back
// filled, with the 503 and its message, as it does when the save itself
// fails. The user is unknown here, so the page shows only what the request
// brought and the public reference data: no menu, no caller's history.
func (w *Web) intakeAway(rw http.ResponseWriter, r *http.Request, cause error) error {
	if err := parseForm(rw, r); err != nil {
		return cause
	}
	lang := langOf(r)
	d, _ := w.deskData(r.Context(), intakeFormOf(r))
	if d == nil {
		return cause
	}
	_, d.Error, _ = formErrors(lang, cause)
	d.missing()
	return w.render(rw, r, statusFor(cause), "desk", &Page{Title: i18n.T(lang, "web.nav.desk"), Data: d})
}
