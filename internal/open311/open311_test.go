package open311_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

const base = "https://aduan.depok.go.id"

type env struct {
	t   *testing.T
	st  *store.Store
	h   *open311.Handler
	url string
	key string
	op  aduan.Actor
}

func newEnv(t *testing.T, d store.Dialect, tweak ...func(*open311.Handler)) *env {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	if err := st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": base + "/"}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	h := &open311.Handler{Stores: open311.StoresOf(st), Log: log, FixMyStreet: true}
	for _, f := range tweak {
		f(h)
	}
	ts := httptest.NewServer(server.New(server.Config{Store: st, Log: log, Open311: h}))
	t.Cleanup(ts.Close)
	key, _, err := st.Open311().CreateOpen311Key(ctx, aduan.System, "FixMyStreet Depok", 0)
	if err != nil {
		t.Fatal(err)
	}
	u := &aduan.User{Username: "siti", Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, st: st, h: h, url: ts.URL, key: key, op: u.Actor()}
}

// response is one HTTP answer.
type response struct {
	status int
	ctype  string
	body   []byte
	header http.Header
}

func (e *env) do(req *http.Request) response {
	e.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header.Get("Content-Type"), b, res.Header}
}

func (e *env) get(path string) response {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.url+path, nil)
	return e.do(req)
}

func (e *env) post(path string, form url.Values) response {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return e.do(req)
}

// check asserts status and content type of a response in its format.
func (r response) check(t *testing.T, format string, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	want := map[string]string{"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}[format]
	if r.ctype != want {
		t.Errorf("content type %q, want %q", r.ctype, want)
	}
	if format == "xml" && !bytes.HasPrefix(r.body, []byte(`<?xml version="1.0" encoding="utf-8"?>`)) {
		t.Errorf("XML without its declaration: %.80s", r.body)
	}
	return r
}

var schemas = map[string]*jsonschema.Schema{}

// valid checks a JSON body against the testdata schema of the standard's
// shape.
func valid(t *testing.T, name string, body []byte) any {
	t.Helper()
	sch := schemas[name]
	if sch == nil {
		path, _ := filepath.Abs(filepath.Join("testdata", "schema", name+".json"))
		var err error
		if sch, err = jsonschema.NewCompiler().Compile(path); err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		schemas[name] = sch
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: not JSON: %v: %s", name, err, body)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%s does not match the standard's shape: %v\n%s", name, err, body)
	}
	return inst
}

// node is an XML element, for checking the shape of XML answers.
type node struct {
	XMLName  xml.Name
	Children []node `xml:",any"`
	Text     string `xml:",chardata"`
}

func parseXML(t *testing.T, body []byte, root string) node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(body, &n); err != nil {
		t.Fatalf("XML: %v: %s", err, body)
	}
	if n.XMLName.Local != root || n.XMLName.Space != "" {
		t.Fatalf("XML root <%s>, want <%s>", n.XMLName.Local, root)
	}
	return n
}

func (n node) all(name string) []node {
	var out []node
	for _, c := range n.Children {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
	}
	return out
}

func (n node) one(name string) node {
	for _, c := range n.Children {
		if c.XMLName.Local == name {
			return c
		}
	}
	return node{}
}

func (n node) text(name string) string { return strings.TrimSpace(n.one(name).Text) }

// names lists the child elements in order.
func (n node) names() []string {
	var out []string
	for _, c := range n.Children {
		out = append(out, c.XMLName.Local)
	}
	return out
}

func list(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("not a JSON array: %v: %s", err, body)
	}
	return out
}

func errorsOf(t *testing.T, r response, format string) []string {
	t.Helper()
	var out []string
	if format == "json" {
		valid(t, "errors", r.body)
		for _, e := range list(t, r.body) {
			if int(e["code"].(float64)) != r.status {
				t.Errorf("error code %v in a %d answer", e["code"], r.status)
			}
			out = append(out, e["description"].(string))
		}
		return out
	}
	for _, e := range parseXML(t, r.body, "errors").all("error") {
		if e.text("code") != fmt.Sprint(r.status) || e.text("description") == "" {
			t.Errorf("XML error %v in a %d answer", e.names(), r.status)
		}
		out = append(out, e.text("description"))
	}
	if len(out) == 0 {
		t.Errorf("no <error> in %s", r.body)
	}
	return out
}

var formats = []string{"xml", "json"}

func TestDiscovery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		r := e.get("/open311/v2/discovery.json").check(t, "json", 200)
		valid(t, "discovery", r.body)
		var dj open311.Discovery
		json.Unmarshal(r.body, &dj)
		ep := dj.Endpoints[0]
		if ep.URL != base+"/open311/v2" || ep.Type != "production" || strings.Join(ep.Formats, ",") != "text/xml,application/json" {
			t.Errorf("endpoint %+v", ep)
		}
		if _, ok := open311.ParseTime(dj.Changeset); !ok || dj.Contact == "" || dj.KeyService == "" {
			t.Errorf("discovery %+v", dj)
		}
		x := parseXML(t, e.get("/open311/v2/discovery.xml").check(t, "xml", 200).body, "discovery")
		if got := strings.Join(x.names(), ","); got != "changeset,contact,key_service,endpoints" {
			t.Errorf("discovery elements %s", got)
		}
		xe := x.one("endpoints").all("endpoint")
		if len(xe) != 1 || xe[0].text("specification") != open311.Specification || xe[0].text("url") != ep.URL ||
			xe[0].text("type") != "production" || len(xe[0].one("formats").all("format")) != 2 || xe[0].text("changeset") != dj.Changeset {
			t.Errorf("XML endpoint %+v", xe)
		}
		// A test installation says so.
		e.h.Type = "test"
		if r := e.get("/open311/v2/discovery.json"); !strings.Contains(string(r.body), `"type": "test"`) {
			t.Errorf("test endpoint: %s", r.body)
		}
	})
}

func TestServicesAndDefinitions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		r := e.get("/open311/v2/services.json").check(t, "json", 200)
		valid(t, "services", r.body)
		svcs := list(t, r.body)
		byCode := map[string]map[string]any{}
		for _, s := range svcs {
			byCode[s["service_code"].(string)] = s
		}
		if byCode["JALAN_RUSAK"]["metadata"] != true || byCode["PJU"]["metadata"] != true || byCode["SAMPAH"]["metadata"] != false {
			t.Errorf("metadata: %v %v %v", byCode["JALAN_RUSAK"], byCode["PJU"], byCode["SAMPAH"])
		}
		if byCode["INFORMASI_PUBLIK"] != nil {
			t.Error("a category not offered to citizens is listed")
		}
		if !strings.Contains(byCode["PJU"]["keywords"].(string), ", ") || byCode["PJU"]["group"] != "PERHUBUNGAN" {
			t.Errorf("PJU: %v", byCode["PJU"])
		}
		x := parseXML(t, e.get("/open311/v2/services.xml").check(t, "xml", 200).body, "services")
		items := x.all("service")
		if len(items) != len(svcs) || items[0].text("service_code") != svcs[0]["service_code"] {
			t.Fatalf("XML services %d vs JSON %d", len(items), len(svcs))
		}
		if got := strings.Join(items[0].names(), ","); got != "service_code,service_name,description,metadata,type,keywords,group" {
			t.Errorf("service elements %s", got)
		}

		for _, code := range []string{"JALAN_RUSAK", "PJU", "SAMPAH"} {
			r := e.get("/open311/v2/services/"+code+".json").check(t, "json", 200)
			valid(t, "service_definition", r.body)
			var def open311.DefinitionJSON
			json.Unmarshal(r.body, &def)
			orders := map[int]bool{}
			for _, a := range def.Attributes {
				if orders[a.Order] || a.Order < 1 {
					t.Errorf("%s: order %d repeated or not positive", code, a.Order)
				}
				orders[a.Order] = true
			}
			x := parseXML(t, e.get("/open311/v2/services/"+code+".xml").check(t, "xml", 200).body, "service_definition")
			attrs := x.one("attributes").all("attribute")
			if x.text("service_code") != code || len(attrs) != len(def.Attributes) {
				t.Errorf("%s XML: %v", code, x.names())
			}
			if code == "JALAN_RUSAK" {
				if len(attrs) != 2 || attrs[0].text("datatype") != "singlevaluelist" || len(attrs[0].one("values").all("value")) != 3 ||
					attrs[0].one("values").all("value")[2].text("key") != "besar" || attrs[0].text("required") != "false" {
					t.Errorf("JALAN_RUSAK attributes: %+v", attrs)
				}
			}
			if code == "PJU" && (len(def.Attributes) != 1 || def.Attributes[0].Datatype != "string" || def.Attributes[0].Code != "NOMOR_TIANG") {
				t.Errorf("PJU attributes: %+v", def.Attributes)
			}
		}
		for _, f := range formats {
			r := e.get("/open311/v2/services/TIDAK_ADA."+f).check(t, f, 404)
			if msg := errorsOf(t, r, f); !strings.Contains(msg[0], "service_code") {
				t.Errorf("unknown service: %v", msg)
			}
		}
	})
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func TestPostRequest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		for _, f := range formats {
			r := e.post("/open311/v2/requests."+f, form("api_key", e.key, "jurisdiction_id", "depok.go.id", "service_code", "JALAN_RUSAK",
				"lat", "-6.4025", "long", "106.7942", "address_string", "Jl. Margonda Raya depan Pesona Square",
				"email", "warga@example.org", "first_name", "Budi", "last_name", "Santoso", "phone", "0812-5555-0101",
				"device_id", "android-123", "account_id", "fms-77", "description", "Lubang besar di lajur kiri, "+f+".",
				"media_url", "https://fixmystreet.example.org/photo/1.jpeg", "attribute[UKURAN_LUBANG]", "besar",
				"attribute[TIDAK_DIKENAL]", "diabaikan")).check(t, f, 200)
			var id, acct string
			if f == "json" {
				valid(t, "post_request", r.body)
				out := list(t, r.body)
				id, acct = out[0]["service_request_id"].(string), out[0]["account_id"].(string)
			} else {
				reqs := parseXML(t, r.body, "service_requests").all("request")
				if len(reqs) != 1 || reqs[0].text("token") != "" {
					t.Fatalf("XML: %s", r.body)
				}
				id, acct = reqs[0].text("service_request_id"), reqs[0].text("account_id")
			}
			if acct != "fms-77" {
				t.Errorf("account_id %q", acct)
			}
			c, err := e.st.Complaints().ComplaintByNumber(ctx, aduan.System, id)
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			if c.Channel != aduan.ChannelOpen311 || c.CategoryName != "Jalan/jembatan rusak" || c.Lat == nil || *c.Lat != -6.4025 ||
				c.Address != "Jl. Margonda Raya depan Pesona Square" || !strings.Contains(c.Text, "UKURAN_LUBANG: besar") || strings.Contains(c.Text, "diabaikan") {
				t.Errorf("complaint: %+v", c)
			}
			if c.Citizen == nil || c.Citizen.Phone != "+6281255550101" || c.Citizen.Email != "warga@example.org" || c.Citizen.Name != "Budi Santoso" {
				t.Errorf("citizen: %+v", c.Citizen)
			}
			pc, err := e.st.Open311().PublicComplaint(ctx, id)
			if err != nil || pc.MediaURL != "https://fixmystreet.example.org/photo/1.jpeg" || len(pc.Attributes) != 1 || pc.Attributes[0].Value != "besar" {
				t.Errorf("public view: %+v %v", pc, err)
			}
		}
		// An optional parameter sent empty is as if absent; address_id
		// (a kelurahan code) alone is a location; multivaluelist takes [].
		if err := e.st.Open311().SetOpen311Service(ctx, aduan.System, "SAMPAH", "realtime", "Petugas DLHK dijadwalkan dalam 2 hari kerja.", []store.ServiceAttribute{
			{Code: "JENIS", Datatype: "multivaluelist", Variable: true, Required: true, Order: 1, Description: "Jenis sampah",
				Values: []store.AttributeValue{{Key: "rumah", Name: "Rumah tangga"}, {Key: "b3", Name: "B3"}}},
			{Code: "HARI", Datatype: "number", Variable: true, Order: 2, Description: "Sudah berapa hari?"},
			{Code: "SEJAK", Datatype: "datetime", Variable: true, Order: 3, Description: "Sejak kapan?"},
		}); err != nil {
			t.Fatal(err)
		}
		r := e.post("/open311/v2/requests.json", form("api_key", e.key, "service_code", "SAMPAH", "address_id", "32.76.01.1007",
			"email", "", "lat", "", "long", "", "phone", "", "description", "", "attribute[JENIS][]", "rumah", "attribute[JENIS][]", "b3",
			"attribute[HARI]", "4", "attribute[SEJAK]", "2026-11-20T07:00:00+07:00")).check(t, "json", 200)
		out := list(t, r.body)
		if out[0]["service_notice"] != "Petugas DLHK dijadwalkan dalam 2 hari kerja." {
			t.Errorf("service notice %v", out[0])
		}
		c, _ := e.st.Complaints().ComplaintByNumber(ctx, aduan.System, out[0]["service_request_id"].(string))
		if c.KelurahanCode != "32.76.01.1007" || c.Citizen != nil || !strings.Contains(c.Text, "JENIS: rumah\nJENIS: b3") {
			t.Errorf("complaint from address_id: %+v", c)
		}

		revoked, k, _ := e.st.Open311().CreateOpen311Key(ctx, aduan.System, "lama", 0)
		e.st.Open311().RevokeOpen311Key(ctx, aduan.System, k.ID)
		ok := func(kv ...string) url.Values {
			v := form("api_key", e.key, "service_code", "PJU", "address_string", "Jl. Juanda", "description", "Lampu mati.")
			for i := 0; i < len(kv); i += 2 {
				if kv[i+1] == "-" {
					v.Del(kv[i])
				} else {
					v.Set(kv[i], kv[i+1])
				}
			}
			return v
		}
		cases := []struct {
			name   string
			form   url.Values
			status int
			want   string
		}{
			{"no key", ok("api_key", "-"), 403, "api_key"},
			{"empty key", ok("api_key", ""), 403, "api_key"},
			{"unknown key", ok("api_key", "o311_salah"), 403, "tidak dikenal"},
			{"revoked key", ok("api_key", revoked), 403, "dicabut"},
			{"no service_code", ok("service_code", "-"), 400, "service_code"},
			{"unknown service", ok("service_code", "BUKAN"), 404, "BUKAN"},
			{"no location", ok("address_string", "-"), 400, "Lokasi"},
			{"lat without long", ok("lat", "-6.4"), 400, "lat"},
			{"lat out of range", ok("lat", "-96", "long", "106.8"), 400, "lat"},
			{"too long", ok("description", strings.Repeat("a", open311.MaxDescription+1)), 400, "20000"},
			{"bad email", ok("email", "bukan-email"), 400, "email"},
			{"bad media_url", ok("media_url", "javascript:alert(1)"), 400, "media_url"},
			{"unknown address_id", ok("address_string", "-", "address_id", "99.99"), 400, "address_id"},
			{"attribute not in list", ok("service_code", "JALAN_RUSAK", "attribute[UKURAN_LUBANG]", "raksasa"), 400, "raksasa"},
			{"string attribute with a line break", ok("attribute[NOMOR_TIANG]", "PJU\n12"), 400, "NOMOR_TIANG"},
			{"required attribute missing", ok("service_code", "SAMPAH"), 400, "attribute[JENIS]"},
			{"not a number", ok("service_code", "SAMPAH", "attribute[JENIS]", "rumah", "attribute[HARI]", "empat"), 400, "HARI"},
			{"datetime without zone", ok("service_code", "SAMPAH", "attribute[JENIS]", "rumah", "attribute[SEJAK]", "2026-11-20T07:00:00"), 400, "SEJAK"},
		}
		before := count(t, e)
		for _, tc := range cases {
			for _, f := range formats {
				r := e.post("/open311/v2/requests."+f, tc.form)
				if r.status != tc.status {
					t.Errorf("%s (%s): %d, want %d: %s", tc.name, f, r.status, tc.status, r.body)
					continue
				}
				r.check(t, f, tc.status)
				if msg := strings.Join(errorsOf(t, r, f), " | "); !strings.Contains(msg, tc.want) {
					t.Errorf("%s (%s): %q does not say %q", tc.name, f, msg, tc.want)
				}
			}
		}
		if n := count(t, e); n != before {
			t.Errorf("refused requests recorded %d complaints", n-before)
		}
		// A body that is not a form.
		req, _ := http.NewRequest("POST", e.url+"/open311/v2/requests.xml", strings.NewReader(`{"service_code":"PJU"}`))
		req.Header.Set("Content-Type", "application/json")
		errorsOf(t, e.do(req).check(t, "xml", 400), "xml")
	})
}

func count(t *testing.T, e *env) int {
	list, _, err := e.st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestKeyRateLimit(t *testing.T) {
	// The clock stands still mid-hour, so the hourly window cannot turn
	// over between the requests.
	fixed := time.Now().Truncate(time.Hour).Add(30 * time.Minute)
	clock := func() time.Time { return fixed }
	e := newEnv(t, store.SQLite)
	e.st.Now = clock
	key, _, _ := e.st.Open311().CreateOpen311Key(ctx, aduan.System, "kecil", 2)
	f := form("api_key", key, "service_code", "PJU", "address_string", "Jl. Juanda", "description", "Lampu mati.")
	e.post("/open311/v2/requests.json", f).check(t, "json", 200)
	e.post("/open311/v2/requests.json", f).check(t, "json", 200)
	r := e.post("/open311/v2/requests.json", f).check(t, "json", 403)
	if msg := errorsOf(t, r, "json"); !strings.Contains(msg[0], "2 permintaan per jam") || r.header.Get("Retry-After") == "" {
		t.Errorf("over the limit: %v %v", msg, r.header)
	}
	// Reads without a key are limited per address.
	e2 := newEnv(t, store.SQLite, func(h *open311.Handler) { h.ReadsPerHour = 2 })
	e2.st.Now = clock
	e2.get("/open311/v2/services.xml").check(t, "xml", 200)
	e2.get("/open311/v2/services.xml").check(t, "xml", 200)
	r = e2.get("/open311/v2/services.xml").check(t, "xml", 400)
	if msg := errorsOf(t, r, "xml"); !strings.Contains(msg[0], "api_key") || r.header.Get("Retry-After") == "" {
		t.Errorf("reads over the limit: %v", msg)
	}
}

func TestTokensAndBlackbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.Open311().SetOpen311Service(ctx, aduan.System, "PARKIR_LIAR", "batch", "", nil); err != nil {
			t.Fatal(err)
		}
		if err := e.st.Open311().SetOpen311Service(ctx, aduan.System, "PKL_TRIBUM", "blackbox", "", nil); err != nil {
			t.Fatal(err)
		}
		svcs := list(t, e.get("/open311/v2/services.json").body)
		for _, s := range svcs {
			if s["service_code"] == "PARKIR_LIAR" && s["type"] != "batch" || s["service_code"] == "PKL_TRIBUM" && s["type"] != "blackbox" {
				t.Errorf("service type %v", s)
			}
		}
		f := form("api_key", e.key, "service_code", "PARKIR_LIAR", "address_string", "Jl. Dewi Sartika", "description", "Parkir di trotoar.")
		r := e.post("/open311/v2/requests.json", f).check(t, "json", 200)
		valid(t, "post_request", r.body)
		out := list(t, r.body)
		tok, _ := out[0]["token"].(string)
		if tok == "" || out[0]["service_request_id"] != nil {
			t.Fatalf("batch answer: %s", r.body)
		}
		xr := parseXML(t, e.post("/open311/v2/requests.xml", f).check(t, "xml", 200).body, "service_requests").all("request")
		if xr[0].text("token") == "" || len(xr[0].all("service_request_id")) != 0 {
			t.Errorf("XML batch answer: %v", xr[0].names())
		}
		r = e.get("/open311/v2/tokens/"+tok+".json").check(t, "json", 200)
		valid(t, "token", r.body)
		got := list(t, r.body)[0]
		if got["token"] != tok || !strings.HasPrefix(got["service_request_id"].(string), "ADU-") {
			t.Errorf("token: %v", got)
		}
		x := parseXML(t, e.get("/open311/v2/tokens/"+tok+".xml").check(t, "xml", 200).body, "service_requests").all("request")
		if len(x) != 1 || x[0].text("service_request_id") != got["service_request_id"] || x[0].text("token") != tok {
			t.Errorf("XML token: %+v", x)
		}
		for _, fm := range formats {
			errorsOf(t, e.get("/open311/v2/tokens/tidak-ada."+fm).check(t, fm, 404), fm)
		}
		r = e.post("/open311/v2/requests.json", form("api_key", e.key, "service_code", "PKL_TRIBUM", "address_string", "Jl. Margonda", "description", "PKL.")).check(t, "json", 200)
		if out := list(t, r.body); out[0]["token"] != nil || out[0]["service_request_id"] != nil {
			t.Errorf("blackbox answer: %s", r.body)
		}
	})
}

// seed makes complaints as the call center would: one for each case the
// public lists must treat differently.
func (e *env) complaint(text string, conf aduan.Confidentiality, cat string, received time.Time, phone string) *aduan.Complaint {
	e.t.Helper()
	catID := int64(0)
	if cat != "" {
		cats, _ := e.st.RefData().Categories(ctx)
		for _, c := range cats {
			if c.Code == cat {
				catID = c.ID
			}
		}
	}
	c, err := e.st.Complaints().CreateComplaint(ctx, e.op, aduan.NewComplaint{Channel: aduan.ChannelPhone, Text: text, Confidentiality: conf, CategoryID: catID,
		Address: "Jl. Kenanga 7", KelurahanCode: "32.76.01.1007", ReceivedAt: &received,
		Citizen: &aduan.CitizenInput{Name: "Ani Lestari", Phone: phone, Email: "ani.lestari@example.org", Address: "Jl. Kenanga 7"}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestGetRequests(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		now := time.Now()
		e.st.Now = func() time.Time { return now }
		pub := e.complaint("Lampu PJU mati. Hubungi Bu Ani di 0812-7777-6666 atau ani.lestari@example.org, NIK 3276012345678901.", aduan.Public, "PJU", now.Add(-time.Hour), "081277776666")
		anon := e.complaint("Pungli di kelurahan.", aduan.Anonymous, "PUNGLI_ASN", now.Add(-time.Hour), "081277776667")
		secret := e.complaint("KDRT di rumah tetangga.", aduan.Confidential, "SAMPAH", now.Add(-time.Hour), "081277776668")
		old := e.complaint("Sampah menumpuk.", aduan.Public, "SAMPAH", now.Add(-29*24*time.Hour), "081277776669")
		// Older than 90 days: recorded long ago (the store refuses a
		// received time that old, so the clock is moved instead).
		e.st.Now = func() time.Time { return now.Add(-100 * 24 * time.Hour) }
		ancient := e.complaint("Jalan rusak lama.", aduan.Public, "JALAN_RUSAK", now.Add(-100*24*time.Hour), "081277776670")
		e.st.Now = func() time.Time { return now }
		noCat := e.complaint("Tanpa kategori.", aduan.Public, "", now.Add(-time.Hour), "081277776671")

		r := e.get("/open311/v2/requests.json").check(t, "json", 200)
		valid(t, "requests", r.body)
		ids := numbers(list(t, r.body))
		if ids != old.Number+","+pub.Number && ids != pub.Number+","+old.Number {
			t.Errorf("default list: %s (want the last 90 days, public and categorised only)", ids)
		}
		for _, f := range formats {
			body := string(e.get("/open311/v2/requests." + f + "?extensions=true").body)
			for _, pd := range []string{"Ani", "Lestari", "0812-7777-6666", "081277776666", "6281277776666", "ani.lestari", "3276012345678901", "Kenanga"} {
				if strings.Contains(body, pd) {
					t.Errorf("%s: personal data %q in a GET response", f, pd)
				}
			}
		}
		x := parseXML(t, e.get("/open311/v2/requests.xml").check(t, "xml", 200).body, "service_requests")
		reqs := x.all("request")
		if len(reqs) != 2 {
			t.Fatalf("XML list: %d", len(reqs))
		}
		want := "service_request_id,status,status_notes,service_name,service_code,description,agency_responsible,service_notice,requested_datetime,updated_datetime,expected_datetime,address,address_id,zipcode,lat,long,media_url"
		if got := strings.Join(reqs[0].names(), ","); got != want {
			t.Errorf("request elements:\n%s\nwant\n%s", got, want)
		}
		for _, rq := range reqs {
			if rq.text("service_request_id") == pub.Number {
				if rq.text("status") != "open" || rq.text("service_code") != "PJU" || !strings.HasSuffix(rq.text("requested_datetime"), "+07:00") ||
					rq.text("zipcode") == "" || rq.text("address_id") != "32.76.01.1007" || !strings.Contains(rq.text("address"), "Kel. ") || rq.text("expected_datetime") == "" {
					t.Errorf("XML request: %+v", rq)
				}
			}
		}

		// Filters.
		q := func(query string) string {
			r := e.get("/open311/v2/requests.json?"+query).check(t, "json", 200)
			valid(t, "requests", r.body)
			return numbers(list(t, r.body))
		}
		if got := q("service_request_id=" + pub.Number + "," + ancient.Number + "," + anon.Number + "&status=closed&service_code=SAMPAH"); got != pub.Number+","+ancient.Number && got != ancient.Number+","+pub.Number {
			t.Errorf("by IDs (overriding the rest, hiding the anonymous): %s", got)
		}
		if got := q("service_code=SAMPAH,JALAN_RUSAK"); got != old.Number {
			t.Errorf("by service codes: %s", got)
		}
		if got := q("status=closed"); got != "" {
			t.Errorf("closed: %s", got)
		}
		if got := q("status=open&service_code=PJU"); got != pub.Number {
			t.Errorf("open PJU: %s", got)
		}
		start := url.QueryEscape(open311.Time(aduan.WIB, now.Add(-30*24*time.Hour)))
		end := url.QueryEscape(open311.Time(aduan.WIB, now.Add(-2*time.Hour)))
		if got := q("start_date=" + start + "&end_date=" + end); got != old.Number {
			t.Errorf("date range: %s", got)
		}
		if got := q("start_date=" + url.QueryEscape(now.Add(-101*24*time.Hour).UTC().Format(time.RFC3339))); got != old.Number+","+ancient.Number {
			t.Errorf("start_date alone (90 days from it): %s", got)
		}
		if got := q("page_size=1&page=2"); got != old.Number {
			t.Errorf("second page of one: %s", got)
		}
		if got := q("status=&service_code=&start_date=&end_date=&page=&jurisdiction_id="); got != numbers(list(t, r.body)) {
			t.Errorf("empty parameters are not as absent: %s", got)
		}
		// The extensions only when asked for.
		plain := e.get("/open311/v2/requests/"+pub.Number+".json").check(t, "json", 200)
		if strings.Contains(string(plain.body), `"notes"`) || strings.Contains(string(plain.body), "extended_attributes") {
			t.Errorf("extensions without extensions=true: %s", plain.body)
		}
		ext := e.get("/open311/v2/requests/"+pub.Number+".json?extensions=true").check(t, "json", 200)
		valid(t, "requests", ext.body)
		one := list(t, ext.body)
		if len(one) != 1 || len(one[0]["notes"].([]any)) != 1 || one[0]["extended_attributes"].(map[string]any)["channel"] != "telepon" {
			t.Errorf("extensions: %s", ext.body)
		}
		xx := parseXML(t, e.get("/open311/v2/requests/"+pub.Number+".xml?extensions=true").check(t, "xml", 200).body, "service_requests").all("request")
		if len(xx) != 1 || len(xx[0].one("notes").all("note")) != 1 || xx[0].one("extended_attributes").text("channel") != "telepon" {
			t.Errorf("XML extensions: %v", xx)
		}

		// Errors: 400 for bad parameters, 404 for what is not public.
		for _, f := range formats {
			for query, want := range map[string]string{
				"start_date=2026-11-31":                                                "start_date",
				"start_date=2026-11-01T00:00:00":                                       "start_date",
				"start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z":        "90",
				"start_date=2026-06-01T00:00:00%2B07:00&end_date=2026-05-01T00:00:00Z": "end_date",
				"status=selesai":    "status",
				"page_size=5000":    "page_size",
				"page=0":            "page",
				"extensions=banyak": "extensions",
			} {
				r := e.get("/open311/v2/requests."+f+"?"+query).check(t, f, 400)
				if msg := strings.Join(errorsOf(t, r, f), " "); !strings.Contains(msg, want) {
					t.Errorf("%s (%s): %q lacks %q", query, f, msg, want)
				}
			}
			for _, id := range []string{anon.Number, secret.Number, noCat.Number, "ADU-2026-999999", "bukan-nomor"} {
				errorsOf(t, e.get("/open311/v2/requests/"+id+"."+f).check(t, f, 404), f)
			}
			errorsOf(t, e.get("/open311/v2/tidak-ada."+f).check(t, f, 404), f)
		}
		// No format, or one the standard does not have: 404, in XML.
		for _, p := range []string{"/open311/v2/services", "/open311/v2/services.html", "/open311/v2/requests/" + pub.Number + ".csv", "/open311/v2/", "/open311/v3/services.xml"} {
			errorsOf(t, e.get(p).check(t, "xml", 404), "xml")
		}
	})
}

func numbers(items []map[string]any) string {
	var out []string
	for _, it := range items {
		out = append(out, it["service_request_id"].(string))
	}
	return strings.Join(out, ",")
}

// TestRoundTrip: a client files a request, reads it back open, the call
// center works it as any other complaint, and the client sees it closed
// with the answer.
func TestRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		r := e.post("/open311/v2/requests.json", form("api_key", e.key, "service_code", "PJU", "lat", "-6.3912", "long", "106.8302",
			"description", "Tiga lampu PJU mati di Jl. Juanda.", "attribute[NOMOR_TIANG]", "PJU-SKJ-0123", "phone", "081355550001")).check(t, "json", 200)
		id := list(t, r.body)[0]["service_request_id"].(string)
		get := func() map[string]any {
			r := e.get("/open311/v2/requests/"+id+".json?extensions=true").check(t, "json", 200)
			valid(t, "requests", r.body)
			return list(t, r.body)[0]
		}
		got := get()
		if got["status"] != "open" || got["status_notes"] != "Tercatat" || got["lat"] != -6.3912 || got["service_code"] != "PJU" {
			t.Errorf("after POST: %v", got)
		}
		if attrs := got["attributes"].([]any); len(attrs) != 1 || attrs[0].(map[string]any)["value"] != "PJU-SKJ-0123" {
			t.Errorf("attributes: %v", got["attributes"])
		}
		// The operator forwards it (the agency shows as responsible) …
		c, _ := e.st.Complaints().ComplaintByNumber(ctx, e.op, id)
		dishub, _ := e.st.RefData().AgencyByCode(ctx, "DISHUB")
		// DISHUB's operator, who takes it in the portal (an agency nobody
		// can be reached at is refused a plain forward).
		pd := &aduan.User{Username: "rina", Name: "Rina", Role: aduan.RoleOperatorPD, AgencyID: dishub.ID, Active: true}
		e.st.Users().CreateUser(ctx, aduan.System, pd, "kata-sandi-uji-123")
		c, _, err := e.st.Complaints().ApplyAction(ctx, e.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: dishub.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := get(); got["status"] != "open" || got["status_notes"] != "Diteruskan ke PD" || got["agency_responsible"] != dishub.Name {
			t.Errorf("after forward: %v", got)
		}
		// … the agency answers, the call center relays and closes.
		c, _, err = e.st.Complaints().ApplyAction(ctx, pd.Actor(), c.ID, c.Version, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Lampu diganti UPT PJU hari ini."})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []aduan.Action{aduan.ActionReceiveAnswer, aduan.ActionRelay, aduan.ActionClose} {
			if c, _, err = e.st.Complaints().ApplyAction(ctx, e.op, c.ID, c.Version, a, aduan.ActionInput{}); err != nil {
				t.Fatal(a, err)
			}
		}
		got = get()
		if got["status"] != "closed" || got["service_notice"] != "Lampu diganti UPT PJU hari ini." || got["expected_datetime"] != nil ||
			got["updated_datetime"] != open311.Time(aduan.WIB, *c.ClosedAt) || len(got["notes"].([]any)) != 6 {
			t.Errorf("after close: %v", got)
		}
		x := parseXML(t, e.get("/open311/v2/requests.xml?status=closed").check(t, "xml", 200).body, "service_requests").all("request")
		if len(x) != 1 || x[0].text("service_request_id") != id || x[0].text("status") != "closed" {
			t.Errorf("closed list: %+v", x)
		}
	})
}

func TestFixMyStreetUpdates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		now := time.Now()
		c := e.complaint("Sampah belum diangkut.", aduan.Public, "SAMPAH", now.Add(-time.Minute), "081277770001")
		c, _, err := e.st.Complaints().ApplyAction(ctx, e.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Diangkut besok pagi; hubungi 0812-1234-5678."})
		if err != nil {
			t.Fatal(err)
		}
		span := "&start_date=" + url.QueryEscape(open311.Time(aduan.WIB, now.Add(-time.Hour))) + "&end_date=" + url.QueryEscape(open311.Time(aduan.WIB, now.Add(time.Hour)))
		for _, f := range formats {
			errorsOf(t, e.get("/open311/v2/servicerequestupdates."+f).check(t, f, 403), f)
		}
		r := e.get("/open311/v2/servicerequestupdates.json?api_key="+e.key+span).check(t, "json", 200)
		valid(t, "updates", r.body)
		ups := list(t, r.body)
		if len(ups) != 2 || ups[1]["status"] != "action_scheduled" || ups[1]["service_request_id"] != c.Number || strings.Contains(string(r.body), "1234-5678") {
			t.Errorf("updates: %s", r.body)
		}
		x := parseXML(t, e.get("/open311/v2/servicerequestupdates.xml?api_key="+e.key+span).check(t, "xml", 200).body, "service_request_updates")
		if got := x.all("request_update"); len(got) != 2 || got[1].text("update_id") != ups[1]["update_id"] {
			t.Errorf("XML updates: %v", x.names())
		}
		post := func(f, updateID string) response {
			return e.post("/open311/v2/servicerequestupdates."+f, form("api_key", e.key, "service_request_id", c.Number, "update_id", updateID,
				"status", "OPEN", "updated_datetime", open311.Time(aduan.WIB, now), "description", "Masih menumpuk sore ini.", "email", "warga@example.org",
				"first_name", "Ani", "last_name", "Lestari", "service_request_id_ext", "99"))
		}
		r = post("json", "fms-1").check(t, "json", 200)
		valid(t, "post_update", r.body)
		first := list(t, r.body)[0]["update_id"]
		x = parseXML(t, post("xml", "fms-1").check(t, "xml", 200).body, "service_request_updates")
		if x.one("request_update").text("update_id") != first {
			t.Errorf("the same update twice got another ID: %v vs %v", x, first)
		}
		evs, _ := e.st.Complaints().Events(ctx, aduan.System, c.ID)
		notes := 0
		for _, ev := range evs {
			if ev.Action == aduan.ActionNote && ev.Details["note"] == "Masih menumpuk sore ini." {
				notes++
			}
		}
		if notes != 1 {
			t.Errorf("%d notes recorded for one update", notes)
		}
		// Its own update is not sent back to it.
		if got := list(t, e.get("/open311/v2/servicerequestupdates.json?api_key="+e.key+span).body); len(got) != 2 {
			t.Errorf("updates after the client's own: %d", len(got))
		}
		for _, f := range formats {
			bad := form("api_key", e.key, "service_request_id", c.Number, "update_id", "x", "status", "SELESAI", "updated_datetime", "kemarin", "description", "")
			msg := strings.Join(errorsOf(t, e.post("/open311/v2/servicerequestupdates."+f, bad).check(t, f, 400), f), " ")
			for _, w := range []string{"status", "updated_datetime", "description"} {
				if !strings.Contains(msg, w) {
					t.Errorf("%s: %q lacks %s", f, msg, w)
				}
			}
			missing := form("api_key", e.key, "service_request_id", "ADU-2026-999999", "update_id", "y", "status", "OPEN", "updated_datetime", open311.Time(aduan.WIB, now), "description", "?")
			errorsOf(t, e.post("/open311/v2/servicerequestupdates."+f, missing).check(t, f, 404), f)
		}
		// Off: the endpoints do not exist.
		off := newEnv(t, d, func(h *open311.Handler) { h.FixMyStreet = false })
		errorsOf(t, off.get("/open311/v2/servicerequestupdates.xml?api_key="+off.key).check(t, "xml", 404), "xml")
	})
}
