// An answer library entry's page (/pustaka/{id}): the entry and its history,
// each version's changes against the one before, named in the reader's language.

package web

import (
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// fieldChange is one field that differs between two versions.
type fieldChange struct {
	Key      string // catalogue key of the field's label
	Old, New string
}

// versionView is one version with what changed since the one before.
type versionView struct {
	V       aduan.LibraryVersion
	Changes []fieldChange
	First   bool
}

type libraryEntryData struct {
	E               *aduan.LibraryEntry
	Versions        []versionView
	CanEdit         bool
	Expired         bool
	Overdue         bool
	ComplaintNumber string
	Errors          map[string]string
	Error           string
	NextDue         string
}

// LibraryEntryPage shows an entry and its history: each version, who made
// it, when, and the fields it changed with their old and new values.
func (w *Web) LibraryEntryPage(rw http.ResponseWriter, r *http.Request) error {
	return w.libraryEntryPage(rw, r, http.StatusOK, nil)
}

func (w *Web) libraryEntryPage(rw http.ResponseWriter, r *http.Request, status int, failed *libraryEntryData) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	id, err := libEntryID(r)
	if err != nil {
		return err
	}
	lib, err := w.library()
	if err != nil {
		return err
	}
	e, err := lib.LibraryEntry(ctx, actor, id)
	if err != nil {
		return err
	}
	vs, err := lib.LibraryHistory(ctx, actor, id)
	if err != nil {
		return err
	}
	ags, cats, err := w.refData(ctx)
	if err != nil {
		return err
	}
	d := &libraryEntryData{}
	if failed != nil {
		d = failed
	}
	today, err := w.today(ctx)
	if err != nil {
		return err
	}
	d.E, d.CanEdit, d.Expired, d.Overdue = e, actor.Can(aduan.PermLibraryEdit), e.Expired(today), e.ReviewOverdue(today)
	if d.NextDue == "" {
		cityLoc, err := w.zone(ctx)
		if err != nil {
			return err
		}
		d.NextDue = w.Stores.Clock.Now().In(cityLoc).AddDate(0, aduan.DefaultReviewMonths, 0).Format("2006-01-02")
	}
	if e.FromComplaintID != 0 {
		if c, err := w.Stores.Complaints.Complaint(ctx, actor, e.FromComplaintID); err == nil {
			d.ComplaintNumber = c.Number
		}
	}
	names := refNames(lang, ags, cats)
	for i, v := range vs {
		vv := versionView{V: v, First: i+1 == len(vs)}
		if i+1 < len(vs) {
			vv.Changes = diffVersions(lang, names, &vs[i+1].Entry, &v.Entry)
		}
		d.Versions = append(d.Versions, vv)
	}
	return w.render(rw, r, status, "library_entry", &Page{Title: aduan.LibraryRef(e.ID) + " · " + e.Title, Data: d})
}

// names turns the IDs a version keeps into what people read.
type names struct {
	agency   map[int64]string
	category map[int64]string
	yes, no  string
}

func refNames(lang i18n.Lang, ags []aduan.Agency, cats []aduan.Category) *names {
	n := &names{agency: map[int64]string{}, category: map[int64]string{}, yes: i18n.T(lang, "lib.web.yes"), no: i18n.T(lang, "lib.web.no")}
	for _, a := range ags {
		n.agency[a.ID] = a.Name
	}
	for _, c := range cats {
		n.category[c.ID] = c.Name
	}
	return n
}

// diffVersions lists the fields that changed from prev to cur, with both
// values as text.
func diffVersions(lang i18n.Lang, n *names, prev, cur *aduan.LibraryEntry) []fieldChange {
	val := func(e *aduan.LibraryEntry, field string) string {
		switch field {
		case "title":
			return e.Title
		case "questions":
			return strings.Join(e.Questions, "\n")
		case "answer":
			return e.Answer
		case "source_url":
			return e.SourceURL
		case "source_text":
			return e.SourceText
		case "agency_id":
			if e.AgencyID == 0 {
				return ""
			}
			return n.agency[e.AgencyID]
		case "category_ids":
			var out []string
			for _, c := range e.CategoryIDs {
				out = append(out, n.category[c])
			}
			return strings.Join(out, ", ")
		case "valid_from":
			return e.ValidFrom
		case "valid_until":
			return e.ValidUntil
		case "review_due":
			return e.ReviewDue
		case "reviewed":
			if e.ReviewedAt == nil {
				return ""
			}
			return e.ReviewedByName + ", " + i18n.DateTime(lang, *e.ReviewedAt)
		case "active":
			if e.Active {
				return n.yes
			}
			return n.no
		}
		return ""
	}
	var out []fieldChange
	for _, f := range cur.ChangedFields(prev) {
		out = append(out, fieldChange{Key: "lib.web.field." + f, Old: val(prev, f), New: val(cur, f)})
	}
	return out
}
