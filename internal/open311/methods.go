package open311

import (
	"context"
	"database/sql"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/citizen"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// discovery: GET discovery.{xml,json}.
func (h *Handler) discovery(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	ctx := r.Context()
	settings, err := h.settings(ctx)
	if err != nil {
		return err
	}
	changed, err := h.Stores.Catalog.ChangesetOf(ctx)
	if err != nil {
		return err
	}
	typ := h.Type
	if typ != "test" {
		typ = "production"
	}
	base := h.baseURL(settings)
	d := Discovery{
		Changeset: Time(p.loc, changed),
		Contact: i18n.T(p.lang, "o311.contact", settings["office_name"], settings["city_name"], settings["call_center_email"],
			settings["call_center_phone"]),
		KeyService: i18n.T(p.lang, "o311.key_service", settings["office_name"], settings["call_center_email"]),
		Endpoints: []Endpoint{{Specification: Specification, URL: base + Prefix, Changeset: Time(p.loc, changed), Type: typ,
			Formats: []string{MimeXML, MimeJSON}}},
	}
	return write(w, format, http.StatusOK, d, d)
}

func serviceJSON(s store.Service) ServiceJSON {
	typ := s.Type
	if typ == "" {
		typ = store.ServiceRealtime
	}
	return ServiceJSON{ServiceCode: s.Code, ServiceName: s.Name, Description: s.Description, Metadata: len(s.Attributes) > 0,
		Type: typ, Keywords: strings.Join(s.Keywords, ", "), Group: s.Group}
}

// services: GET services.{fmt}.
func (h *Handler) services(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	all, err := h.Stores.Catalog.Open311Services(r.Context())
	if err != nil {
		return err
	}
	out := make([]ServiceJSON, 0, len(all))
	for _, s := range all {
		out = append(out, serviceJSON(s))
	}
	return write(w, format, http.StatusOK, out, servicesXML{Services: out})
}

// definition: GET services/{service_code}.{fmt}.
func (h *Handler) definition(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	s, err := h.Stores.Catalog.Open311Service(r.Context(), nameOf(r))
	if err != nil {
		return err
	}
	d := DefinitionJSON{ServiceCode: s.Code, Attributes: []AttributeJSON{}}
	for _, a := range s.Attributes {
		aj := AttributeJSON{Variable: a.Variable, Code: a.Code, Datatype: a.Datatype, Required: a.Required,
			DatatypeDescription: strp(a.DatatypeDescription), Order: a.Order, Description: a.Description}
		for _, v := range a.Values {
			aj.Values = append(aj.Values, ValueJSON(v))
		}
		d.Attributes = append(d.Attributes, aj)
	}
	return write(w, format, http.StatusOK, d, d)
}

// MaxForm bounds a POSTed form.
const MaxForm = 64 << 10

// createRequest: POST requests.{fmt}.
func (h *Handler) createRequest(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.form(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	key, err := h.key(ctx, p)
	if err != nil {
		return err
	}
	once, err := h.idempotent(r, key, p)
	if err != nil {
		return err
	}
	if done, err := once.Replay(w, r); done || err != nil {
		return err
	}
	code := p.str("service_code")
	if code == "" {
		return fieldProblem(p.lang, "service_code", "err.field.required")
	}
	svc, err := h.Stores.Catalog.Open311Service(ctx, code)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return aduan.Errorf(aduan.ENOTFOUND, "o311.err.service_unknown", code)
		}
		return err
	}
	in, src, err := h.parseRequest(p, svc)
	if err != nil {
		return err
	}
	src.KeyID, src.ClientIP = key.ID, clientIP(r)
	actor := aduan.Actor{System: true, Name: "open311:" + key.Name}
	answer := func(c *aduan.Complaint) []CreatedJSON {
		out := CreatedJSON{AccountID: strp(src.AccountID)}
		switch svc.Type {
		case store.ServiceBatch:
			out.Token = strp(src.Token)
		case store.ServiceBlackbox:
		default:
			out.ServiceRequestID = strp(c.Number)
		}
		notice := svc.Notice
		if notice == "" {
			notice = defaultNotice(p.lang, svc.Type, c.Number, in.Citizen != nil && in.Citizen.Phone != "")
		}
		out.ServiceNotice = strp(notice)
		return []CreatedJSON{out}
	}
	c, err := h.Stores.Complaints.CreateComplaint(ctx, actor, in, func(ctx2 context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
		src.ComplaintID = c.ID
		if err := h.Stores.Requests.InsertComplaintSource(ctx2, tx, src); err != nil {
			return err
		}
		if err := h.Stores.Requests.InsertDescriptionNotesTx(ctx2, tx, c, actor.Name, src.Continued); err != nil {
			return err
		}
		if once == nil {
			return nil
		}
		out := answer(c)
		ct, body, err := encode(format, out, createdXML{Requests: out})
		if err != nil {
			return err
		}
		return once.Save(ctx2, tx, http.StatusOK, ct, c.ID, body)
	})
	if err != nil {
		return once.Settle(w, r, renameFields(err))
	}
	h.Log.Info("open311: request filed", "client", key.Name, "complaint", c.Number, "service", svc.Code)
	if once != nil {
		return once.Write(w)
	}
	out := answer(c)
	return write(w, format, http.StatusOK, out, createdXML{Requests: out})
}

// defaultNotice is the service_notice of a service without its own: a
// batch or blackbox answer does not name the number (the client learns it
// from the token, or not at all), and an answer by SMS is promised only to
// a caller who gave a phone number.
func defaultNotice(lang i18n.Lang, typ, number string, phone bool) string {
	numbered := typ != store.ServiceBatch && typ != store.ServiceBlackbox
	switch {
	case numbered && phone:
		return i18n.T(lang, "o311.notice", number)
	case numbered:
		return i18n.T(lang, "o311.notice.no_phone", number)
	case phone:
		return i18n.T(lang, "o311.notice.unnumbered")
	}
	return i18n.T(lang, "o311.notice.unnumbered_no_phone")
}

// idempotent reads the Idempotency-Key of a POSTed request (nil without
// one). Keys are per Open311 key; the request is named by its path and its
// parameters other than api_key, in a canonical order, so that a client
// that sends them again in another order or with the api_key moved between
// query and form is still the same request.
func (h *Handler) idempotent(r *http.Request, key *store.Open311Key, p *params) (*idem.Once, error) {
	k, err := idem.ParseKey(r.Header.Values(idem.KeyHeader))
	if err != nil || k == "" {
		return nil, err
	}
	v := url.Values{}
	for name, vals := range p.v {
		if name != "api_key" {
			v[name] = vals
		}
	}
	return h.Stores.Once("open311:"+strconv.FormatInt(key.ID, 10), k, idem.Fingerprint(r.Method, r.URL.Path, []byte(v.Encode()))), nil
}

// attributes checks attribute[CODE] and attribute[CODE][] against the
// service definition. Attributes the definition does not name are ignored,
// as clients (FixMyStreet) send their own.
func (h *Handler) attributes(p *params, svc *store.Service) []store.AttributeAnswer {
	var out []store.AttributeAnswer
	for _, a := range svc.Attributes {
		field := "attribute[" + a.Code + "]"
		var vals []string
		for _, k := range []string{field, field + "[]"} {
			for _, v := range p.v[k] {
				if v = strings.TrimSpace(v); v != "" {
					vals = append(vals, v)
				}
			}
		}
		if len(vals) == 0 {
			if a.Required && a.Variable {
				p.bad(field, "err.field.required")
			}
			continue
		}
		if a.Datatype != "multivaluelist" && len(vals) > 1 {
			p.bad(field, "o311.err.one_value")
			continue
		}
		for _, v := range vals {
			switch a.Datatype {
			case "number":
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					p.bad(field, "o311.err.number")
				}
			case "datetime":
				if _, ok := ParseTime(v); !ok {
					p.bad(field, "o311.err.datetime")
				}
			case "string":
				if strings.ContainsAny(v, "\r\n") || utf8.RuneCountInString(v) > 500 {
					p.bad(field, "o311.err.string")
				} else if controlChars(v) {
					p.bad(field, "err.field.control_chars")
				}
			case "text":
				// The answer becomes part of the complaint's text: the
				// text's rules, named by the attribute.
				if utf8.RuneCountInString(v) > aduan.MaxTextLen {
					p.bad(field, "err.field.too_long", aduan.MaxTextLen)
				} else if controlChars(v) {
					p.bad(field, "err.field.control_chars")
				}
			case "singlevaluelist", "multivaluelist":
				ok := false
				for _, x := range a.Values {
					ok = ok || x.Key == v
				}
				if !ok {
					p.bad(field, "o311.err.value", v)
				}
			}
			out = append(out, store.AttributeAnswer{Code: a.Code, Value: v})
		}
	}
	return out
}

// form parses a POSTed form (application/x-www-form-urlencoded, as the
// standard says; multipart/form-data is taken too). api_key may come in the
// query string.
func (h *Handler) form(w http.ResponseWriter, r *http.Request) (*params, error) {
	lang := reqctx.Lang(r)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, MaxForm)
	var err error
	switch ct {
	case "application/x-www-form-urlencoded", "":
		err = r.ParseForm()
	case "multipart/form-data":
		err = r.ParseMultipartForm(MaxForm)
	default:
		return nil, aduan.Errorf(aduan.EINVALID, "o311.err.content_type")
	}
	if err != nil {
		return nil, aduan.Errorf(aduan.EINVALID, "o311.err.form")
	}
	for k, vs := range r.Form {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, fieldProblem(lang, k, "err.field.encoding")
			}
		}
	}
	return &params{v: r.Form, lang: lang}, nil
}

func fieldProblem(lang i18n.Lang, field, key string, args ...any) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: field, Key: key, Args: args}}}
}

// renameFields names the complaint's fields as the client sent them.
func renameFields(err error) error {
	e, ok := aduan.AsError(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	names := map[string]string{"text": "description", "address": "address_string", "kelurahan_code": "address_id",
		"citizen.email": "email", "citizen.phone": "phone", "citizen.name": "first_name", "lat": "lat"}
	out := *e
	out.Fields = nil
	for _, f := range e.Fields {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}

func limit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// token: GET tokens/{token}.{fmt}.
func (h *Handler) token(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	tok := nameOf(r)
	number, err := h.Stores.Requests.ComplaintByToken(r.Context(), tok)
	if err != nil {
		return err
	}
	out := []TokenJSON{{ServiceRequestID: number, Token: tok}}
	return write(w, format, http.StatusOK, out, tokensXML{Requests: out})
}

// requests: GET requests.{fmt}.
func (h *Handler) requests(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	f := store.PublicFilter{Limit: 1000}
	if ids := p.list("service_request_id"); len(ids) > 0 {
		if len(ids) > 1000 {
			p.bad("service_request_id", "o311.err.too_many", 1000)
		}
		f.Numbers = ids
	} else {
		f.Codes = p.list("service_code")
		for _, st := range p.list("status") {
			switch strings.ToLower(st) {
			case "open", "closed":
			default:
				p.bad("status", "o311.err.status")
			}
		}
		if sts := p.list("status"); len(sts) == 1 {
			open := strings.EqualFold(sts[0], "open")
			f.Open = &open
		}
		from, to := h.dateRange(p)
		f.From, f.To = &from, &to
	}
	ext := p.str("extensions") == "true"
	if s := p.str("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			p.bad("page_size", "err.field.range", 1, 1000)
		}
		f.Limit = n
	}
	if s := p.str("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.bad("page", "err.field.range", 1, 1000000)
		}
		f.Offset = (n - 1) * f.Limit
	}
	if ext := p.str("extensions"); ext != "" && ext != "true" && ext != "false" {
		p.bad("extensions", "o311.err.boolean")
	}
	if err := p.errs.Err(); err != nil {
		return err
	}
	list, err := h.Stores.Requests.PublicComplaints(r.Context(), f)
	if err != nil {
		return err
	}
	return h.writeRequests(format, w, r, p, list, ext)
}

// request: GET requests/{service_request_id}.{fmt}; still a list.
func (h *Handler) request(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if err := h.readLimit(r, p); err != nil {
		return err
	}
	c, err := h.Stores.Requests.PublicComplaint(r.Context(), nameOf(r))
	if err != nil {
		return err
	}
	return h.writeRequests(format, w, r, p, []*store.PublicComplaint{c}, p.str("extensions") == "true")
}

// dateRange reads start_date and end_date: with the zone, at most 90 days
// apart, the last 90 days when absent.
func (h *Handler) dateRange(p *params) (time.Time, time.Time) {
	const span = 90 * 24 * time.Hour
	var from, to time.Time
	var hasFrom, hasTo bool
	if s := p.str("start_date"); s != "" {
		if from, hasFrom = parseDateParam(s, false, p.loc); !hasFrom {
			p.bad("start_date", "o311.err.datetime")
		}
	}
	if s := p.str("end_date"); s != "" {
		if to, hasTo = parseDateParam(s, true, p.loc); !hasTo {
			p.bad("end_date", "o311.err.datetime")
		}
	}
	now := h.Stores.Clock.Now()
	switch {
	case hasFrom && hasTo:
		if to.Before(from) {
			p.bad("end_date", "o311.err.date_order")
		} else if to.Sub(from) > span {
			p.bad("end_date", "o311.err.span")
		}
	case hasFrom:
		to = from.Add(span)
	case hasTo:
		from = to.Add(-span)
	default:
		to, from = now, now.Add(-span)
	}
	return from, to
}

// status maps the SOP to the standard's two statuses.
func status(c *aduan.Complaint) string {
	if citizen.Open(c) {
		return "open"
	}
	return "closed"
}

func (h *Handler) writeRequests(format string, w http.ResponseWriter, r *http.Request, p *params, list []*store.PublicComplaint, ext bool) error {
	ctx := r.Context()
	settings, err := h.settings(ctx)
	if err != nil {
		return err
	}
	services, err := h.Stores.Catalog.Open311Services(ctx)
	if err != nil {
		return err
	}
	svcByCode := map[string]store.Service{}
	for _, s := range services {
		svcByCode[s.Code] = s
	}
	out := make([]RequestJSON, 0, len(list))
	for _, c := range list {
		rq := RequestJSON{ServiceRequestID: c.Number, Status: status(c.Complaint), ServiceName: c.CategoryName, ServiceCode: c.CategoryCode,
			RequestedDatetime: Time(p.loc, c.ReceivedAt), UpdatedDatetime: Time(p.loc, c.UpdatedAt), Lat: c.Lat, Long: c.Lng}
		notes := i18n.T(p.lang, "status."+string(c.Status))
		if c.Status == aduan.StatusDuplicate {
			notes = i18n.T(p.lang, "o311.duplicate")
		}
		rq.StatusNotes = strp(notes)
		rq.Description = strp(citizen.Redact(c.Text, c.Citizen))
		rq.AgencyResponsible = strp(c.AgencyName)
		if c.AgencyName == "" {
			rq.AgencyResponsible = strp(svcByCode[c.CategoryCode].AgencyName)
		}
		if a := citizen.Answer(c.Complaint); a != "" {
			rq.ServiceNotice = strp(a)
		}
		if c.ClosedAt != nil {
			rq.UpdatedDatetime = Time(p.loc, *c.ClosedAt)
		} else if c.Clock.Deadline != nil {
			rq.ExpectedDatetime = strp(Time(p.loc, *c.Clock.Deadline))
		}
		rq.Address = strp(citizen.Place(c.Complaint, settings["city_name"]))
		rq.AddressID = strp(c.KelurahanCode)
		rq.Zipcode = strp(c.PostalCode)
		rq.MediaURL = strp(c.MediaURL)
		if ext {
			if err := h.extend(r, p, &rq, c, svcByCode[c.CategoryCode]); err != nil {
				return err
			}
		}
		out = append(out, rq)
	}
	return write(w, format, http.StatusOK, out, requestsXML{Requests: out})
}

// extend adds the extensions: the attribute values, this system's own
// fields, and the update history.
func (h *Handler) extend(r *http.Request, p *params, rq *RequestJSON, c *store.PublicComplaint, svc store.Service) error {
	rq.Attributes = []RequestAttribute{}
	for _, a := range c.Attributes {
		ra := RequestAttribute{Code: a.Code, Value: a.Value, Label: a.Code, Name: a.Value}
		for _, def := range svc.Attributes {
			if def.Code != a.Code {
				continue
			}
			ra.Label = def.Description
			for _, v := range def.Values {
				if v.Key == a.Value {
					ra.Name = v.Name
				}
			}
		}
		rq.Attributes = append(rq.Attributes, ra)
	}
	rq.ExtendedAttributes = &ExtendedAttributes{Channel: string(c.Channel), StatusCode: string(c.Status), KelurahanCode: c.KelurahanCode,
		Kelurahan: c.KelurahanName, Kecamatan: c.KecamatanName, Priority: string(c.Priority)}
	evs, err := h.Stores.Complaints.Events(r.Context(), aduan.System, c.ID)
	if err != nil {
		return err
	}
	rq.Notes = []Note{}
	for _, e := range citizen.PublicSteps(evs) {
		typ := string(e.Action)
		if e.Action == aduan.ActionCreate {
			typ = "submitted"
		}
		rq.Notes = append(rq.Notes, Note{Datetime: Time(p.loc, e.At), Description: i18n.T(p.lang, "action."+string(e.Action)), Type: typ})
	}
	return nil
}

// updateStatus maps the SOP to FixMyStreet's extended statuses.
func updateStatus(e store.PublicEvent) string {
	switch e.To {
	case aduan.StatusClosed:
		return "closed"
	case aduan.StatusDuplicate:
		return "duplicate"
	case aduan.StatusRecorded:
		if e.Action == aduan.ActionReopen {
			return "reopen"
		}
		return "open"
	case aduan.StatusAwaitingIdentity, aduan.StatusAwaitingPhotos:
		return "investigating"
	case aduan.StatusForwarded, aduan.StatusAcknowledged, aduan.StatusPromised, aduan.StatusReturned:
		return "in_progress"
	case aduan.StatusAnswered, aduan.StatusAgencyAnswered, aduan.StatusAnswerReceived, aduan.StatusRelayed:
		return "action_scheduled"
	}
	return "open"
}

// updates: GET servicerequestupdates.{fmt} (FixMyStreet), with an api_key.
// With start_date or end_date, the updates of that span, oldest first;
// without, the newest first. page_size (1–1000, default 100) and page page
// through either; without dates, cursor (the X-Next-Cursor of the last
// answer) pages on from the oldest update a client has, unshaken by new
// updates arriving meanwhile. A Link header names the next page while
// there may be one.
func (h *Handler) updates(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.query(r)
	if err != nil {
		return err
	}
	if _, err := h.key(r.Context(), p); err != nil {
		return err
	}
	q := store.PublicEventQuery{Limit: 100}
	dated := p.str("start_date") != "" || p.str("end_date") != ""
	if dated {
		q.From, q.To = h.dateRange(p)
	} else {
		q.Newest = true
	}
	if s := p.str("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			p.bad("page_size", "err.field.range", 1, 1000)
		}
		q.Limit = n
	}
	page := 1
	if s := p.str("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000000 {
			p.bad("page", "err.field.range", 1, 1000000)
		}
		page = n
	}
	if s := p.str("cursor"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 || dated {
			p.bad("cursor", "o311.err.cursor")
		}
		q.Before = n
	}
	if err := p.errs.Err(); err != nil {
		return err
	}
	q.Offset = (page - 1) * q.Limit
	evs, err := h.Stores.Requests.PublicEventsQuery(r.Context(), q)
	if err != nil {
		return err
	}
	if len(evs) == q.Limit {
		next := r.URL.Query()
		next.Del("api_key") // the client adds its own; a key never travels in a link
		if q.Before > 0 || (q.Newest && page == 1) {
			next.Del("page")
			next.Set("cursor", strconv.FormatInt(evs[len(evs)-1].ID, 10))
			w.Header().Set("X-Next-Cursor", next.Get("cursor"))
		} else {
			next.Set("page", strconv.Itoa(page+1))
		}
		w.Header().Set("Link", "<"+r.URL.Path+"?"+next.Encode()+`>; rel="next"`)
	}
	out := []UpdateJSON{}
	for _, e := range evs {
		if e.External {
			continue // the client's own updates: it has them
		}
		desc := i18n.T(p.lang, "action."+string(e.Action))
		if e.Answer != "" {
			desc += ": " + citizen.Redact(e.Answer, e.Citizen)
		}
		out = append(out, UpdateJSON{UpdateID: strconv.FormatInt(e.ID, 10), ServiceRequestID: e.Number, Status: updateStatus(e),
			UpdatedDatetime: Time(p.loc, e.At), Description: desc})
	}
	return write(w, format, http.StatusOK, out, updatesXML{Updates: out})
}

var fmsStatuses = []string{"OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING", "DUPLICATE",
	"NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION", "INTERNAL_REFERRAL", "REOPEN", "FOR_TRIAGE"}

// createUpdate: POST servicerequestupdates.{fmt} (FixMyStreet): a
// citizen's update on FixMyStreet, kept as a note on the complaint.
func (h *Handler) createUpdate(format string, w http.ResponseWriter, r *http.Request) error {
	p, err := h.form(w, r)
	if err != nil {
		return err
	}
	key, err := h.key(r.Context(), p)
	if err != nil {
		return err
	}
	for _, f := range []string{"service_request_id", "update_id", "status", "updated_datetime", "description"} {
		if p.str(f) == "" {
			p.bad(f, "err.field.required")
		}
	}
	st := strings.ToUpper(p.str("status"))
	if st != "" {
		ok := false
		for _, s := range fmsStatuses {
			ok = ok || s == st
		}
		if !ok {
			p.bad("status", "o311.err.status")
		}
	}
	if s := p.str("updated_datetime"); s != "" {
		if _, ok := ParseTime(s); !ok {
			p.bad("updated_datetime", "o311.err.datetime")
		}
	}
	desc := p.str("description")
	if utf8.RuneCountInString(desc) > aduan.MaxTextLen {
		p.bad("description", "err.field.too_long", aduan.MaxTextLen)
	}
	if len(p.str("update_id")) > 100 {
		p.bad("update_id", "err.field.too_long", 100)
	}
	if err := p.errs.Err(); err != nil {
		return err
	}
	u := &store.Open311Update{ExternalID: p.str("update_id"), Status: st, Description: desc}
	if _, err := h.Stores.Requests.AddOpen311Update(r.Context(), key, p.str("service_request_id"), u); err != nil {
		return err
	}
	out := []UpdateCreatedJSON{{UpdateID: strconv.FormatInt(u.ID, 10)}}
	return write(w, format, http.StatusOK, out, updateCreatedXML{Updates: out})
}

// printable drops control characters from text kept as sent.
func printable(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}
