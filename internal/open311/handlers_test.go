package open311

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/store"
)

// fakeStores is every store interface the methods consume, one function
// per method. The data methods left nil are those a case must not reach:
// calling one fails the case with the method's name (so "bad input asks
// nothing of the store" is checked by leaving them nil). The ones every
// read goes through have defaults: the city's settings, WIB, a fixed now,
// and a limiter that lets everything pass.
type fakeStores struct {
	t                *testing.T
	settings         func() (map[string]string, error)
	changeset        func() (time.Time, error)
	services         func() ([]store.Service, error)
	service          func(code string) (*store.Service, error)
	publicComplaints func(f store.PublicFilter) ([]*store.PublicComplaint, error)
	publicComplaint  func(number string) (*store.PublicComplaint, error)
	byToken          func(token string) (string, error)
	eventsQuery      func(q store.PublicEventQuery) ([]store.PublicEvent, error)
	addUpdate        func(key *store.Open311Key, number string, u *store.Open311Update) (bool, error)
	create           func(actor aduan.Actor, in aduan.NewComplaint) (*aduan.Complaint, error)
	events           func(id int64) ([]aduan.Event, error)
	keyBySecret      func(secret string) (*store.Open311Key, error)
	hit              func(bucket string, limit int) (bool, time.Duration, error)
	zone             func() (*time.Location, error)

	// What the filing's transaction hooks recorded.
	source *store.ComplaintSource
	notes  []string
}

func (f *fakeStores) stores() Stores {
	return Stores{Catalog: f, Requests: f, Complaints: f, Keys: f, Limiter: f, Clock: f}
}

func (f *fakeStores) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *fakeStores) PublicSettings(context.Context) (map[string]string, error) {
	if f.settings != nil {
		return f.settings()
	}
	return map[string]string{"public_base_url": "https://aduan.depok.go.id/", "city_name": "Kota Depok", "office_name": "Call Center Depok",
		"call_center_email": "cc@depok.go.id", "call_center_phone": "112"}, nil
}

func (f *fakeStores) ChangesetOf(context.Context) (time.Time, error) {
	if f.changeset == nil {
		f.unexpected("ChangesetOf")
	}
	return f.changeset()
}

func (f *fakeStores) Open311Services(context.Context) ([]store.Service, error) {
	if f.services == nil {
		f.unexpected("Open311Services")
	}
	return f.services()
}

func (f *fakeStores) Open311Service(_ context.Context, code string) (*store.Service, error) {
	if f.service == nil {
		f.unexpected("Open311Service")
	}
	return f.service(code)
}

func (f *fakeStores) PublicComplaints(_ context.Context, fl store.PublicFilter) ([]*store.PublicComplaint, error) {
	if f.publicComplaints == nil {
		f.unexpected("PublicComplaints")
	}
	return f.publicComplaints(fl)
}

func (f *fakeStores) PublicComplaint(_ context.Context, number string) (*store.PublicComplaint, error) {
	if f.publicComplaint == nil {
		f.unexpected("PublicComplaint")
	}
	return f.publicComplaint(number)
}

func (f *fakeStores) ComplaintByToken(_ context.Context, token string) (string, error) {
	if f.byToken == nil {
		f.unexpected("ComplaintByToken")
	}
	return f.byToken(token)
}

func (f *fakeStores) PublicEventsQuery(_ context.Context, q store.PublicEventQuery) ([]store.PublicEvent, error) {
	if f.eventsQuery == nil {
		f.unexpected("PublicEventsQuery")
	}
	return f.eventsQuery(q)
}

func (f *fakeStores) AddOpen311Update(_ context.Context, key *store.Open311Key, number string, u *store.Open311Update) (bool, error) {
	if f.addUpdate == nil {
		f.unexpected("AddOpen311Update")
	}
	return f.addUpdate(key, number, u)
}

func (f *fakeStores) InsertComplaintSource(_ context.Context, _ *sql.Tx, src *store.ComplaintSource) error {
	f.source = src
	return nil
}

func (f *fakeStores) InsertDescriptionNotesTx(_ context.Context, _ *sql.Tx, _ *aduan.Complaint, _ string, parts []string) error {
	f.notes = append(f.notes, parts...)
	return nil
}

// CreateComplaint runs the hooks as the store does, with no transaction:
// the handler's hooks only pass it on to the fake's methods.
func (f *fakeStores) CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...store.TxHook) (*aduan.Complaint, error) {
	if f.create == nil {
		f.unexpected("CreateComplaint")
	}
	c, err := f.create(actor, in)
	if err != nil {
		return nil, err
	}
	for _, h := range within {
		if err := h(ctx, nil, c, nil); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (f *fakeStores) Events(_ context.Context, _ aduan.Actor, id int64) ([]aduan.Event, error) {
	if f.events == nil {
		f.unexpected("Events")
	}
	return f.events(id)
}

func (f *fakeStores) Open311KeyBySecret(_ context.Context, secret string) (*store.Open311Key, error) {
	if f.keyBySecret == nil {
		f.unexpected("Open311KeyBySecret")
	}
	return f.keyBySecret(secret)
}

func (f *fakeStores) Hit(_ context.Context, bucket string, _ time.Duration, limit int) (bool, time.Duration, error) {
	if f.hit != nil {
		return f.hit(bucket, limit)
	}
	return true, 0, nil
}

func (f *fakeStores) Zone(context.Context) (*time.Location, error) {
	if f.zone != nil {
		return f.zone()
	}
	return aduan.WIB, nil
}

func (f *fakeStores) Now() time.Time { return fakeNow }

var fakeNow = time.Date(2026, 3, 2, 9, 0, 0, 0, aduan.WIB)

// goodKey is the fake's one live api_key, as the store answers for it and
// for any other secret.
func goodKey(secret string) (*store.Open311Key, error) {
	if secret != "rahasia-klien" {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "o311.err.key_missing")
	}
	return &store.Open311Key{ID: 4, Name: "FixMyStreet Depok", PerHour: 600}, nil
}

func pju() *store.Service {
	return &store.Service{Code: "PJU", Name: "Lampu jalan", Description: "Lampu penerangan jalan umum mati", Group: "Infrastruktur",
		Type: store.ServiceRealtime, CategoryID: 3, AgencyName: "Dinas Perhubungan",
		Attributes: []store.ServiceAttribute{{Variable: true, Code: "tiang", Datatype: "string", Required: true, Order: 1, Description: "Nomor tiang"}}}
}

func services() ([]store.Service, error) {
	return []store.Service{*pju(), {Code: "SAMPAH", Name: "Sampah", Type: store.ServiceRealtime, Group: "Kebersihan"}}, nil
}

// citizenComplaint is a public complaint whose text names its caller: what
// a GET shows of it must not.
func citizenComplaint() *store.PublicComplaint {
	lat, lng := -6.4025, 106.7942
	return &store.PublicComplaint{CategoryCode: "PJU", Complaint: &aduan.Complaint{ID: 7, Number: "ADU-2026-000007", Channel: aduan.ChannelPhone,
		Text:   "Lampu PJU mati depan rumah Bu Ratna Dewi, hubungi 0812-3456-7890 atau ratna@contoh.id",
		Status: aduan.StatusForwarded, Address: "Jl. Kenari", KelurahanCode: "32.76.01.1007", KelurahanName: "Pancoran Mas",
		KecamatanName: "Pancoran Mas", Lat: &lat, Lng: &lng, CategoryName: "Lampu jalan", AgencyName: "Dinas Perhubungan",
		ReceivedAt: fakeNow, UpdatedAt: fakeNow, CreatedAt: fakeNow,
		Citizen: &aduan.Citizen{Name: "Ratna Dewi", Phone: "+6281234567890", Email: "ratna@contoh.id", Address: "Jl. Melati 12"}}}
}

// personal is what no GET may carry of citizenComplaint's caller.
var personal = []string{"Ratna", "0812-3456-7890", "6281234567890", "ratna@contoh.id", "Melati"}

// TestOpen311Handlers checks what a GeoReport client gets back from each
// method (status, words that must and must not be there) with the stores
// replaced by fakes: no database, so the cases run in milliseconds beside
// the end-to-end tests of open311_test.go.
func TestOpen311Handlers(t *testing.T) {
	fault := errors.New("PublicComplaints(): pq: could not read block 12 of relation complaints")
	away := aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable")
	cases := []struct {
		name, method, path string
		form               url.Values
		fake               func(f *fakeStores)
		status             int
		want, notWant      []string
		check              func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder)
	}{
		// discovery
		{name: "discovery names the public address and the city's offset", method: "GET", path: "discovery.json",
			fake: func(f *fakeStores) {
				f.changeset = func() (time.Time, error) { return time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC), nil }
			},
			status: 200, want: []string{`"url": "https://aduan.depok.go.id/open311/v2"`, `"changeset": "2026-03-01T09:00:00+07:00"`,
				`"specification": "http://wiki.open311.org/GeoReport_v2"`, "cc@depok.go.id", `"type": "production"`}},
		{name: "discovery in a zone that cannot be read is a 500 in XML that tells nothing", method: "GET", path: "discovery.xml",
			fake: func(f *fakeStores) {
				f.zone = func() (*time.Location, error) { return nil, errors.New("Zone(): unknown time zone Asia/Depok") }
			},
			status: 500, want: []string{"<errors>", "<code>500</code>", "The request cannot be processed now"},
			notWant: []string{"Asia/Depok", "Zone()"}},

		// services
		{name: "services list each service with metadata when it has attributes", method: "GET", path: "services.json",
			fake:   func(f *fakeStores) { f.services = services },
			status: 200, want: []string{`"service_code": "PJU"`, `"metadata": true`, `"group": "Infrastruktur"`, `"service_code": "SAMPAH"`, `"metadata": false`}},
		{name: "services in XML", method: "GET", path: "services.xml",
			fake:   func(f *fakeStores) { f.services = services },
			status: 200, want: []string{"<services>", "<service_code>PJU</service_code>", "<type>realtime</type>"}},
		{name: "services while the database is away: a 503 to retry", method: "GET", path: "services.json",
			fake:   func(f *fakeStores) { f.services = func() ([]store.Service, error) { return nil, away } },
			status: 503, want: []string{`"code": 503`, "Try again later"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if w.Header().Get("Retry-After") == "" {
					t.Error("no Retry-After on a 503")
				}
			}},
		{name: "reads over the address's limit are the standard's 400", method: "GET", path: "services.json",
			fake: func(f *fakeStores) {
				f.hit = func(bucket string, limit int) (bool, time.Duration, error) {
					if !strings.HasPrefix(bucket, "open311-ip:") || limit != 3600 {
						t.Errorf("hit %s %d", bucket, limit)
					}
					return false, 10 * time.Minute, nil
				}
			},
			status: 400, want: []string{"limit of 3600 requests an hour from this address"}},

		// service definition
		{name: "a service's definition", method: "GET", path: "services/PJU.json",
			fake: func(f *fakeStores) {
				f.service = func(code string) (*store.Service, error) {
					if code != "PJU" {
						t.Errorf("definition of %q", code)
					}
					return pju(), nil
				}
			},
			status: 200, want: []string{`"service_code": "PJU"`, `"code": "tiang"`, `"required": true`, `"description": "Nomor tiang"`}},
		{name: "an unknown service's definition is a 404 in XML", method: "GET", path: "services/NOPE.xml",
			fake: func(f *fakeStores) {
				f.service = func(string) (*store.Service, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{"<errors>", "<code>404</code>", "Not found."}},

		// GET requests
		{name: "the public list shows the request and nothing of its caller", method: "GET", path: "requests.json",
			fake: func(f *fakeStores) {
				f.services = services
				f.publicComplaints = func(fl store.PublicFilter) ([]*store.PublicComplaint, error) {
					if fl.Limit != 1000 || fl.From == nil || !fl.To.Equal(fakeNow) {
						t.Errorf("filter %+v", fl)
					}
					return []*store.PublicComplaint{citizenComplaint()}, nil
				}
			},
			status: 200, want: []string{`"service_request_id": "ADU-2026-000007"`, `"status": "open"`, "Lampu PJU mati", "[…]",
				`"agency_responsible": "Dinas Perhubungan"`, `"requested_datetime": "2026-03-02T09:00:00+07:00"`, "Kota Depok"},
			notWant: personal},
		{name: "the public list in XML shows nothing of the caller either", method: "GET", path: "requests.xml",
			fake: func(f *fakeStores) {
				f.services = services
				f.publicComplaints = func(store.PublicFilter) ([]*store.PublicComplaint, error) {
					return []*store.PublicComplaint{citizenComplaint()}, nil
				}
			},
			status: 200, want: []string{"<service_request_id>ADU-2026-000007</service_request_id>"}, notWant: personal},
		{name: "extensions add the public steps", method: "GET", path: "requests.json?extensions=true",
			fake: func(f *fakeStores) {
				f.services = services
				f.publicComplaints = func(store.PublicFilter) ([]*store.PublicComplaint, error) {
					return []*store.PublicComplaint{citizenComplaint()}, nil
				}
				f.events = func(id int64) ([]aduan.Event, error) {
					if id != 7 {
						t.Errorf("events of %d", id)
					}
					return []aduan.Event{{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: fakeNow, ActorName: "Siti"}}, nil
				}
			},
			status: 200, want: []string{`"type": "submitted"`, `"status_code": "forwarded"`, `"kelurahan_code": "32.76.01.1007"`},
			notWant: append([]string{"Siti"}, personal...)},
		{name: "an unknown status asks nothing of the store", method: "GET", path: "requests.json?status=maybe", fake: func(*fakeStores) {},
			status: 400, want: []string{`"code": 400`, "status: Unknown status."}},
		{name: "a page size out of range, in Indonesian", method: "GET", path: "requests.json?page_size=0&lang=id", fake: func(*fakeStores) {},
			status: 400, want: []string{"page_size: "}, notWant: []string{"Required"}},
		{name: "an end before the start", method: "GET", path: "requests.xml?start_date=2026-03-10&end_date=2026-01-01", fake: func(*fakeStores) {},
			status: 400, want: []string{"<code>400</code>", "end_date: "}},
		{name: "a list the store fails to read is a 500 that tells nothing", method: "GET", path: "requests.json",
			fake: func(f *fakeStores) {
				f.publicComplaints = func(store.PublicFilter) ([]*store.PublicComplaint, error) { return nil, fault }
			},
			status: 500, want: []string{`"code": 500`}, notWant: []string{"relation", "PublicComplaints", "block 12"}},

		// GET requests/{id}
		{name: "one request by its number, without its caller", method: "GET", path: "requests/ADU-2026-000007.json",
			fake: func(f *fakeStores) {
				f.services = services
				f.publicComplaint = func(n string) (*store.PublicComplaint, error) {
					if n != "ADU-2026-000007" {
						t.Errorf("looked up %q", n)
					}
					return citizenComplaint(), nil
				}
			},
			status: 200, want: []string{`"service_request_id": "ADU-2026-000007"`, `"address_id": "32.76.01.1007"`}, notWant: personal},
		{name: "an unknown request is a 404 in XML", method: "GET", path: "requests/ADU-2026-999999.xml",
			fake: func(f *fakeStores) {
				f.publicComplaint = func(string) (*store.PublicComplaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
				}
			},
			status: 404, want: []string{"<code>404</code>"}, notWant: []string{"<request>"}},
		{name: "one request while the database is away", method: "GET", path: "requests/ADU-2026-000007.xml",
			fake: func(f *fakeStores) {
				f.publicComplaint = func(string) (*store.PublicComplaint, error) { return nil, away }
			},
			status: 503, want: []string{"<code>503</code>"}},

		// GET tokens/{token}
		{name: "a batch token names its request", method: "GET", path: "tokens/tok-123.json",
			fake: func(f *fakeStores) {
				f.byToken = func(tok string) (string, error) {
					if tok != "tok-123" {
						t.Errorf("token %q", tok)
					}
					return "ADU-2026-000009", nil
				}
			},
			status: 200, want: []string{`"service_request_id": "ADU-2026-000009"`, `"token": "tok-123"`}},
		{name: "an unknown token is a 404", method: "GET", path: "tokens/nope.json",
			fake: func(f *fakeStores) {
				f.byToken = func(string) (string, error) { return "", aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code": 404`}},

		// POST requests
		{name: "filing without an api_key is a 403 and files nothing", method: "POST", path: "requests.json",
			form:   url.Values{"service_code": {"PJU"}, "lat": {"-6.4"}, "long": {"106.8"}},
			fake:   func(f *fakeStores) { f.keyBySecret = goodKey },
			status: 403, want: []string{`"code": 403`, "No api_key sent"}},
		{name: "filing without a service_code names it, files nothing", method: "POST", path: "requests.xml",
			form:   url.Values{"api_key": {"rahasia-klien"}, "lat": {"-6.4"}, "long": {"106.8"}},
			fake:   func(f *fakeStores) { f.keyBySecret = goodKey },
			status: 400, want: []string{"<code>400</code>", "service_code: Required."}},
		{name: "filing to an unknown service is a 404 that names it", method: "POST", path: "requests.json",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"NOPE"}, "lat": {"-6.4"}, "long": {"106.8"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.service = func(string) (*store.Service, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{"Unknown service_code NOPE."}},
		{name: "filing without a location or a required attribute, in Indonesian, files nothing", method: "POST", path: "requests.json?lang=id",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"PJU"}, "description": {"Lampu mati"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.service = func(string) (*store.Service, error) { return pju(), nil }
			},
			status: 400, want: []string{"location: Lokasi diperlukan", "attribute[tiang]: Wajib diisi."}, notWant: []string{"A location is required"}},
		{name: "filing over the key's hourly limit is a 403 with Retry-After", method: "POST", path: "requests.json",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"PJU"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.hit = func(bucket string, limit int) (bool, time.Duration, error) {
					if bucket != "open311-key:4" || limit != 600 {
						t.Errorf("hit %s %d", bucket, limit)
					}
					return false, 30 * time.Minute, nil
				}
			},
			status: 403, want: []string{"limit of 600 requests an hour is reached"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if w.Header().Get("Retry-After") != "1800" {
					t.Errorf("Retry-After %q", w.Header().Get("Retry-After"))
				}
			}},
		{name: "a request is filed as an Open311 complaint and answered with its number", method: "POST", path: "requests.json",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"PJU"}, "lat": {"-6.4025"}, "long": {"106.7942"},
				"description": {"Lampu mati sejak Senin"}, "attribute[tiang]": {"T-17"}, "phone": {"0812 3456 7890"}, "first_name": {"Ratna"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.service = func(string) (*store.Service, error) { return pju(), nil }
				f.create = func(actor aduan.Actor, in aduan.NewComplaint) (*aduan.Complaint, error) {
					if actor.Name != "open311:FixMyStreet Depok" || in.Channel != aduan.ChannelOpen311 || in.CategoryID != 3 ||
						!strings.Contains(in.Text, "tiang: T-17") || in.Citizen == nil || in.Citizen.Phone != "0812 3456 7890" {
						t.Errorf("filed as %s: %+v %+v", actor.Name, in, in.Citizen)
					}
					return &aduan.Complaint{ID: 12, Number: "ADU-2026-000012", Status: aduan.StatusRecorded}, nil
				}
			},
			status: 200, want: []string{`"service_request_id": "ADU-2026-000012"`, "Complaint ADU-2026-000012 is recorded", "by SMS"},
			check: func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
				if f.source == nil || f.source.ComplaintID != 12 || f.source.KeyID != 4 || len(f.source.Attributes) != 1 {
					t.Errorf("source recorded %+v", f.source)
				}
			}},
		{name: "a complaint the domain refuses names the client's field", method: "POST", path: "requests.json",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"PJU"}, "lat": {"-6.4"}, "long": {"106.8"}, "attribute[tiang]": {"T-1"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.service = func(string) (*store.Service, error) { return pju(), nil }
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
					var v aduan.Validation
					v.Add("kelurahan_code", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{"address_id: Required."}, notWant: []string{"kelurahan_code"}},
		{name: "filing while the database is away is a 503, not a 400", method: "POST", path: "requests.xml",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_code": {"PJU"}, "lat": {"-6.4"}, "long": {"106.8"}, "attribute[tiang]": {"T-1"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.service = func(string) (*store.Service, error) { return pju(), nil }
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) { return nil, away }
			},
			status: 503, want: []string{"<code>503</code>"}},

		// FixMyStreet's servicerequestupdates
		{name: "updates need a key", method: "GET", path: "servicerequestupdates.json",
			fake: func(f *fakeStores) { f.keyBySecret = goodKey }, status: 403, want: []string{`"code": 403`}},
		{name: "updates carry their answer without the caller's details", method: "GET", path: "servicerequestupdates.json?api_key=rahasia-klien",
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.eventsQuery = func(q store.PublicEventQuery) ([]store.PublicEvent, error) {
					if !q.Newest || q.Limit != 100 {
						t.Errorf("query %+v", q)
					}
					return []store.PublicEvent{
						{ID: 31, Number: "ADU-2026-000007", Action: aduan.ActionRelay, To: aduan.StatusRelayed, At: fakeNow,
							Answer: "Bu Ratna Dewi, lampu sudah diganti; info 0812-3456-7890", Citizen: citizenComplaint().Citizen},
						{ID: 30, Number: "ADU-2026-000007", Action: aduan.ActionNote, At: fakeNow, External: true, Note: "dari FixMyStreet"},
					}, nil
				}
			},
			status: 200, want: []string{`"update_id": "31"`, `"status": "action_scheduled"`, "lampu sudah diganti"},
			notWant: append([]string{`"update_id": "30"`}, personal...)},
		{name: "a cursor with dates is refused", method: "GET", path: "servicerequestupdates.json?api_key=rahasia-klien&cursor=5&start_date=2026-03-01",
			fake: func(f *fakeStores) { f.keyBySecret = goodKey }, status: 400, want: []string{"cursor: "}},
		{name: "an update without its fields names each", method: "POST", path: "servicerequestupdates.json",
			form:   url.Values{"api_key": {"rahasia-klien"}, "service_request_id": {"ADU-2026-000007"}},
			fake:   func(f *fakeStores) { f.keyBySecret = goodKey },
			status: 400, want: []string{"update_id: Required.", "status: Required.", "updated_datetime: Required.", "description: Required."},
			notWant: []string{"service_request_id: "}},
		{name: "an update is kept", method: "POST", path: "servicerequestupdates.xml",
			form: url.Values{"api_key": {"rahasia-klien"}, "service_request_id": {"ADU-2026-000007"}, "update_id": {"fms-9"},
				"status": {"open"}, "updated_datetime": {"2026-03-02T10:00:00+07:00"}, "description": {"Masih mati"}},
			fake: func(f *fakeStores) {
				f.keyBySecret = goodKey
				f.addUpdate = func(k *store.Open311Key, n string, u *store.Open311Update) (bool, error) {
					if k.ID != 4 || n != "ADU-2026-000007" || u.Status != "OPEN" || u.ExternalID != "fms-9" {
						t.Errorf("update %d %s %+v", k.ID, n, u)
					}
					u.ID = 44
					return true, nil
				}
			},
			status: 200, want: []string{"<update_id>44</update_id>"}},

		// What no method takes.
		{name: "an unknown file is the standard's 404", method: "GET", path: "nothing.json", fake: func(*fakeStores) {},
			status: 404, want: []string{"No such resource"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeStores{t: t}
			tc.fake(f)
			h := &Handler{Stores: f.stores(), Log: slog.New(slog.DiscardHandler), FixMyStreet: true}
			h.Stores.Once = func(string, string, string) *idem.Once {
				t.Fatal("no case sends an Idempotency-Key")
				return nil
			}
			mux := http.NewServeMux()
			for _, rt := range h.Routes() {
				mux.HandleFunc(rt.Method+" "+rt.Pattern, func(w http.ResponseWriter, r *http.Request) {
					if err := rt.Handler(w, r); err != nil {
						t.Errorf("the method returned %v to the server", err)
					}
				})
			}
			target := Prefix + "/" + tc.path
			if !strings.Contains(target, "lang=") {
				if strings.Contains(target, "?") {
					target += "&lang=en"
				} else {
					target += "?lang=en"
				}
			}
			var body io.Reader
			if tc.form != nil {
				body = strings.NewReader(tc.form.Encode())
			}
			r := httptest.NewRequest(tc.method, target, body)
			if tc.form != nil {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			got := w.Body.String()
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, got)
			}
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %s in %s", s, got)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(got, s) {
					t.Errorf("%s should not be in %s", s, got)
				}
			}
			if tc.check != nil {
				tc.check(t, f, w)
			}
		})
	}
}
