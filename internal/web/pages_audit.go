package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// auditRow is one line of the audit log in words: who did what to which
// complaint (or other record), with a link where it has a page.
type auditRow struct {
	aduan.AuditEntry
	Hidden bool
	// Words is what happened ("membuka pengaduan rahasia"), Object what
	// it happened to ("ADU-2026-000261"), Href its page ("" for none).
	Words, Object, Href string
}

// auditChoice is one entry of a picker: a value and its words.
type auditChoice struct{ Value, Label string }

// auditWords names an action kind in words: its own phrase when it has
// one (kasi.audit.<action>), a complaint's step by the past tense the
// timeline uses, else the kind as recorded.
func auditWords(p *Page, action string) string {
	if k := "kasi.audit." + action; i18n.Has(k) {
		return p.T(k)
	}
	if a, ok := strings.CutPrefix(action, "complaint."); ok && validAction(a) {
		return p.Done(aduan.Action(a))
	}
	return action
}

// Audit shows the audit log to the admin and the coordinator, in words:
// who did what to which complaint, filtered by pickers (the person, the
// kind of action, the days), not by internal codes.
func (w *Web) Audit(rw http.ResponseWriter, r *http.Request) error {
	actor, lang := actorOf(r), langOf(r)
	q := r.URL.Query()
	f := aduan.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Action: q.Get("action"), Limit: 100}
	f.ActorID, _ = strconv.ParseInt(q.Get("user"), 10, 64)
	if s := q.Get("cursor"); s != "" {
		f.Before, _ = strconv.ParseInt(s, 10, 64)
	}
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	zone := cityNow.Location()
	if t, err := time.ParseInLocation("2006-01-02", q.Get("from"), zone); err == nil {
		f.From = &t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("to"), zone); err == nil {
		end := t.AddDate(0, 0, 1) // the last day whole
		f.To = &end
	}
	list, err := w.Stores.Audit.Audit(r.Context(), actor, f)
	if err != nil {
		return err
	}
	page := &Page{Title: i18n.T(lang, "web.nav.audit"), Lang: lang}
	hide := func(e aduan.AuditEntry) bool {
		return e.Entity == "citizen" && !actor.Can(aduan.PermCitizenRead) || e.Entity == "complaint" && !actor.Can(aduan.PermComplaintRead)
	}
	var ids []int64
	for _, e := range list {
		if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil && e.Entity == "complaint" {
			ids = append(ids, id)
		}
	}
	numbers, err := w.Stores.Audit.ComplaintNumbers(r.Context(), ids)
	if err != nil {
		return err
	}
	rows := make([]auditRow, 0, len(list))
	for _, e := range list {
		row := auditRow{AuditEntry: e, Hidden: hide(e), Words: auditWords(page, e.Action)}
		id, _ := strconv.ParseInt(e.EntityID, 10, 64)
		switch {
		case e.Entity == "complaint" && numbers[id] != "":
			row.Object, row.Href = numbers[id], "/complaints/"+e.EntityID
		case e.Entity == "report" && id > 0:
			row.Object, row.Href = i18n.T(lang, "kasi.audit.report", e.EntityID), "/reports/"+e.EntityID
		case e.EntityID != "" && e.EntityID != "0":
			row.Object = e.Entity + " " + e.EntityID
		}
		rows = append(rows, row)
	}
	next := ""
	if len(list) == f.Limit {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Set("cursor", strconv.FormatInt(list[len(list)-1].ID, 10))
		next = "?" + nq.Encode()
	}
	// The pickers: the people who may act, and the kinds the log holds.
	users, err := w.Stores.Audit.Users(r.Context(), actor)
	if err != nil {
		return err
	}
	var people []auditChoice
	for _, u := range users {
		people = append(people, auditChoice{strconv.FormatInt(u.ID, 10), u.Name + " (" + i18n.T(lang, "role."+string(u.Role)) + ")"})
	}
	acts, err := w.Stores.Audit.AuditActions(r.Context(), actor)
	if err != nil {
		return err
	}
	var kinds []auditChoice
	for _, a := range acts {
		kinds = append(kinds, auditChoice{a, auditWords(page, a)})
	}
	page.Data = map[string]any{"Rows": rows, "Next": next, "Q": q, "People": people, "Kinds": kinds}
	return w.render(rw, r, http.StatusOK, "audit", page)
}

// validAction reports whether a names a step of the complaint workflow.
func validAction(a string) bool {
	_, ok := aduan.TransitionFor(aduan.Action(a))
	return ok
}
