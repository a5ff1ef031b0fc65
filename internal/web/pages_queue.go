package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
)

type queueData struct {
	Items      []*aduan.Complaint
	Next       string
	Q          url.Values
	Statuses   []aduan.Status
	Channels   []aduan.Channel
	Agencies   []aduan.Agency
	Categories []aduan.Category
	Kecamatan  []aduan.Kecamatan
	Actor      aduan.Actor
	Error      string
	MaxID      int64
	// Self is this page with its filters (for the live refresh); Refresh is
	// the same from the newest complaint on. Built in Go: html/template
	// would escape a query string written after a literal "?".
	Self, Refresh string
}

// queueFilter reads the queue's filter form. Bad values are ignored with a
// message rather than failing the page: the operator is mid-call.
func queueFilter(q url.Values, lang i18n.Lang, loc *time.Location) (aduan.ComplaintFilter, string) {
	f := aduan.ComplaintFilter{Limit: 50, KecamatanCode: q.Get("kecamatan"), Query: q.Get("q"), Channel: aduan.Channel(q.Get("channel"))}
	var bad []string
	num := func(name string) int64 {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			bad = append(bad, name)
			return 0
		}
		return n
	}
	f.AgencyID, f.CategoryID, f.Before = num("agency"), num("category"), num("cursor")
	switch st := q.Get("status"); st {
	case "", "all":
	case "open":
		t := true
		f.Open = &t
	case "overdue":
		t := true
		f.Open, f.Overdue = &t, true
	default:
		for _, s := range strings.Split(st, ",") {
			if aduan.Status(s).Valid() {
				f.Statuses = append(f.Statuses, aduan.Status(s))
			} else {
				bad = append(bad, "status")
			}
		}
	}
	if p := aduan.Priority(q.Get("priority")); p != "" {
		if p.Valid() {
			f.Priority = p
		} else {
			bad = append(bad, "priority")
		}
	}
	f.Offset = int(min(num("offset"), 1_000_000))
	// A column sort (the headers' links): a name of aduan.QueueSorts,
	// "-" before it for the reverse; "new" is the arrival order, read by
	// Queue itself.
	if st := q.Get("sort"); st != "" && st != "new" {
		name, desc := strings.CutPrefix(st, "-")
		if slices.Contains(aduan.QueueSorts, name) {
			f.Sort, f.Desc = name, desc
		} else {
			bad = append(bad, "sort")
		}
	}
	if f.Channel != "" && !f.Channel.Valid() {
		bad, f.Channel = append(bad, "channel"), ""
	}
	day := func(name string, end bool) *time.Time {
		s := q.Get(name)
		if s == "" {
			return nil
		}
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			bad = append(bad, name)
			return nil
		}
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return &t
	}
	f.From, f.To = day("from", false), day("to", true)
	msg := ""
	if len(bad) > 0 {
		msg = i18n.T(lang, "err.bad_param", strings.Join(bad, ", "))
	}
	return f, msg
}

// Queue lists complaints by state with their deadlines counting down.
func (w *Web) Queue(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	lang := langOf(r)
	q := r.URL.Query()
	if !q.Has("status") && actor.Role.CallCenter() {
		q.Set("status", "open")
	}
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	f, msg := queueFilter(q, lang, cityLoc)
	// The rows' live refresh names this page view: a rahasia complaint it
	// showed is not read again by each refresh (Store: ComplaintFilter.View).
	f.View = q.Get("view")
	view := f.View
	if view == "" {
		view = reqctx.RequestID(r.Context())
	}
	// The work queue's order is urgency (the store's urgencyOrder), paged
	// by offset; ?sort=new lists by arrival, paged by keyset on the ID.
	var list []*aduan.Complaint
	var next int64
	byArrival := q.Get("sort") == "new"
	if byArrival {
		list, next, err = w.Stores.Complaints.ListComplaints(r.Context(), actor, f)
	} else {
		var offset int
		list, offset, err = w.Stores.Complaints.ListComplaintsByUrgency(r.Context(), actor, f)
		next = int64(offset)
	}
	if err != nil {
		return err
	}
	d := &queueData{Items: list, Q: q, Statuses: aduan.Statuses, Channels: aduan.Channels, Actor: actor, Error: msg}
	for _, c := range list {
		if c.ID > d.MaxID {
			d.MaxID = c.ID
		}
	}
	sq := url.Values{}
	for k, v := range q {
		sq[k] = v
	}
	sq.Set("view", view)
	d.Self = "/queue?" + sq.Encode()
	q.Del("view")
	rq := url.Values{}
	for k, v := range q {
		if k != "cursor" && k != "offset" {
			rq[k] = v
		}
	}
	d.Refresh = "/queue?" + rq.Encode()
	if next != 0 {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		if byArrival {
			nq.Set("cursor", strconv.FormatInt(next, 10))
		} else {
			nq.Set("offset", strconv.FormatInt(next, 10))
		}
		d.Next = "?" + nq.Encode()
	}
	if d.Agencies, err = w.Stores.RefData.Agencies(r.Context()); err != nil {
		return err
	}
	if d.Categories, err = w.Stores.RefData.Categories(r.Context()); err != nil {
		return err
	}
	if d.Kecamatan, err = w.Stores.RefData.Kecamatans(r.Context()); err != nil {
		return err
	}
	page := "queue"
	if actor.Role.AgencyBound() && r.URL.Path == "/pd" {
		page = "inbox"
	}
	return w.render(rw, r, http.StatusOK, page, &Page{Title: i18n.T(lang, "web.nav.queue"), Data: d})
}

// Inbox is the agency's inbox: what waits for the agency first, on a phone.
func (w *Web) Inbox(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if !actor.Role.AgencyBound() {
		http.Redirect(rw, r, "/queue", http.StatusSeeOther)
		return nil
	}
	lang := langOf(r)
	ctx := r.Context()
	// As the queue's, the inbox's live refresh names its page view.
	view := r.URL.Query().Get("view")
	waiting, _, err := w.Stores.Complaints.ListComplaints(ctx, actor, aduan.ComplaintFilter{Statuses: []aduan.Status{aduan.StatusForwarded, aduan.StatusAcknowledged, aduan.StatusPromised}, Limit: 100, View: view})
	if err != nil {
		return err
	}
	recent, _, err := w.Stores.Complaints.ListComplaints(ctx, actor, aduan.ComplaintFilter{Statuses: []aduan.Status{aduan.StatusAgencyAnswered, aduan.StatusAnswerReceived, aduan.StatusRelayed, aduan.StatusClosed, aduan.StatusReturned}, Limit: 30, View: view})
	if err != nil {
		return err
	}
	var agency string
	if a, err := w.Stores.RefData.Agency(ctx, actor.AgencyID); err == nil {
		agency = a.Name
	}
	return w.render(rw, r, http.StatusOK, "inbox", &Page{Title: i18n.T(lang, "web.nav.inbox"),
		Data: map[string]any{"Waiting": waiting, "Recent": recent, "Agency": agency, "Actor": actor, "View": cmp.Or(view, reqctx.RequestID(ctx))}})
}

// QueueNext takes the next complaint to work on ("Ambil berikutnya"): the
// first of the work queue in urgency order (most overdue, then due
// soonest, darurat first), with the queue's filters as given; an empty
// queue says so on the queue.
func (w *Web) QueueNext(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	q := r.URL.Query()
	if !q.Has("status") {
		q.Set("status", "open")
	}
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	f, _ := queueFilter(q, langOf(r), cityLoc)
	f.Limit = 1
	list, _, err := w.Stores.Complaints.ListComplaintsByUrgency(r.Context(), actor, f)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return redirect(rw, r, "/queue", "web.ok.queue_empty")
	}
	http.Redirect(rw, r, "/complaints/"+strconv.FormatInt(list[0].ID, 10), http.StatusSeeOther)
	return nil
}

// SortHref is the queue, with its filters, sorted by column key: ascending
// first, reversed when it is the sort already; back to the first page.
func (d *queueData) SortHref(key string) string {
	q := url.Values{}
	for k, v := range d.Q {
		if k != "offset" && k != "cursor" && k != "view" {
			q[k] = v
		}
	}
	if d.Q.Get("sort") == key || (key == "due" && d.Q.Get("sort") == "") {
		key = "-" + key
	}
	q.Set("sort", key)
	return "/queue?" + q.Encode()
}

// AriaSort is the aria-sort of column key's header: ascending or
// descending when the queue is sorted by it (urgency is the due column
// ascending), "none" otherwise.
func (d *queueData) AriaSort(keys ...string) string {
	st := d.Q.Get("sort")
	for _, key := range keys {
		switch {
		case st == key || (key == "due" && st == ""):
			return "ascending"
		case st == "-"+key:
			return "descending"
		}
	}
	return "none"
}

// ColumnSort is the current column sort's name (for the filter form to
// keep it), "" for urgency or arrival.
func (d *queueData) ColumnSort() string {
	st := strings.TrimPrefix(d.Q.Get("sort"), "-")
	if slices.Contains(aduan.QueueSorts, st) {
		return d.Q.Get("sort")
	}
	return ""
}

// DateOf writes a day (a promise's, midnight in the city's zone) the
// reader's way: 12 Desember 2026; "" for none.
func (p *Page) DateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return i18n.Date(p.Lang, p.local(*t))
}

// SortMark is the arrow after column key's header link when the queue is
// sorted by it (hidden from screen readers: aria-sort says it).
func (d *queueData) SortMark(key string) template.HTML {
	switch d.AriaSort(key) {
	case "ascending":
		return ` <span aria-hidden="true">▲</span>`
	case "descending":
		return ` <span aria-hidden="true">▼</span>`
	}
	return ""
}
