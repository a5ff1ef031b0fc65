package open311

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// fuzzService is a service with one attribute of each kind, as a city
// would define them.
var fuzzService = &store.Service{Code: "PJU", Name: "Lampu jalan mati", CategoryID: 7, Type: store.ServiceRealtime,
	Attributes: []store.ServiceAttribute{
		{Code: "TIANG", Datatype: "string", Variable: true},
		{Code: "JUMLAH", Datatype: "number", Variable: true, Required: true},
		{Code: "SEJAK", Datatype: "datetime", Variable: true},
		{Code: "JENIS", Datatype: "singlevaluelist", Variable: true, Values: []store.AttributeValue{{Key: "LED", Name: "LED"}, {Key: "SON", Name: "Sodium"}}},
		{Code: "CATATAN", Datatype: "text", Variable: true},
		{Code: "INFO", Datatype: "string", Variable: false},
	}}

// openParams are the names a POSTed service request may carry, besides
// attribute[CODE] and attribute[CODE][].
var openParams = map[string]bool{"api_key": true, "service_code": true, "lat": true, "long": true, "address_string": true,
	"address_id": true, "email": true, "device_id": true, "account_id": true, "first_name": true, "last_name": true,
	"phone": true, "description": true, "media_url": true, "location": true}

// FuzzRequestForm: a POSTed form body either is refused with field errors
// named as the standard names its parameters, or gives a complaint that the
// domain accepts, or refuses only on parameters the client sent (which
// the client is then told by name). It never panics.
func FuzzRequestForm(f *testing.F) {
	for _, seed := range []string{
		"service_code=PJU&lat=-6.4&long=106.8&description=Lampu+mati&attribute[JUMLAH]=2",
		"service_code=PJU&address_string=Jl.+Margonda+Raya+100&first_name=Ani&last_name=Suryani&phone=081233334444&email=ani%40example.org&attribute[JUMLAH]=1&attribute[JENIS]=LED",
		"address_id=32.76.05.1001&attribute[JUMLAH]=1&attribute[SEJAK]=2026-12-01T10:00:00%2B07:00&media_url=https://example.org/a.jpg",
		"lat=91&long=0&attribute[JUMLAH]=x",
		"lat=1&address_string=x&description=%3Cscript%3E&attribute[JUMLAH]=1&attribute[JUMLAH]=2",
		"address_string=a&description=%01%02&first_name=%0A&attribute[JUMLAH]=1",
		"address_string=a&attribute[JUMLAH][]=1&attribute[JENIS]=XX&attribute[TIANG]=a%0Ab",
		"address_string=a&email=Ani+%3Cani%40example.org%3E&attribute[JUMLAH]=1",
		"address_string=a&attribute[JUMLAH]=1&attribute[CATATAN]=" + strings.Repeat("a", 50),
		"long=NaN&lat=NaN&attribute[JUMLAH]=1",
		"%zz=1",
	} {
		f.Add(seed)
	}
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, aduan.WIB)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/open311/v2/requests.json", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h := &Handler{}
		p, err := h.form(httptest.NewRecorder(), req)
		if err != nil {
			if _, ok := aduan.AsError(err); !ok {
				t.Fatalf("form: not a domain error: %v", err)
			}
			return
		}
		sent := func(name string) bool { return len(p.v[name]) > 0 && strings.TrimSpace(p.v[name][0]) != "" }
		in, src, err := h.parseRequest(p, fuzzService)
		if err != nil {
			e, ok := aduan.AsError(err)
			if !ok || e.Code != aduan.EINVALID || len(e.Fields) == 0 {
				t.Fatalf("refused without field errors: %#v", err)
			}
			for _, fe := range e.Fields {
				if !openParams[fe.Field] && !strings.HasPrefix(fe.Field, "attribute[") {
					t.Errorf("error on %q, which is no Open311 parameter", fe.Field)
				}
			}
			return
		}
		if src == nil || in.Channel != aduan.ChannelOpen311 || in.CategoryID != fuzzService.CategoryID {
			t.Fatalf("accepted form gave %+v / %+v", in, src)
		}
		if in.Lat == nil && in.Address == "" && in.KelurahanCode == "" {
			t.Errorf("accepted without a location: %q", body)
		}
		in.Normalize()
		verr := in.Validate(now)
		if verr == nil {
			return
		}
		e, ok := aduan.AsError(renameFields(verr))
		if !ok || e.Code != aduan.EINVALID || len(e.Fields) == 0 {
			t.Fatalf("accepted form fails validation without field errors: %v", verr)
		}
		for _, fe := range e.Fields {
			if !openParams[fe.Field] || (fe.Field != "lat" && !sent(fe.Field)) {
				t.Errorf("accepted form %q fails the complaint's validation on %q (%s), not a parameter the client sent", body, fe.Field, fe.Key)
			}
		}
	})
}

// TestRequestFormParses: the fuzz seeds' expectations, spelled out.
func TestRequestFormParses(t *testing.T) {
	form := url.Values{"service_code": {"PJU"}, "address_string": {"Jl. Margonda Raya 100"}, "first_name": {"Ani"}, "last_name": {"Suryani"},
		"attribute[JUMLAH]": {"2"}, "attribute[JENIS]": {"LED"}, "description": {"Lampu mati\r\nsejak kemarin"}}
	req := httptest.NewRequest("POST", "/open311/v2/requests.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	p, err := (&Handler{}).form(httptest.NewRecorder(), req)
	if err != nil {
		t.Fatal(err)
	}
	in, src, err := (&Handler{}).parseRequest(p, fuzzService)
	if err != nil {
		t.Fatal(err)
	}
	if in.Citizen == nil || in.Citizen.Name != "Ani Suryani" || in.Address != "Jl. Margonda Raya 100" ||
		in.Text != "Lampu mati\nsejak kemarin\n\nJUMLAH: 2\nJENIS: LED" || len(src.Attributes) != 2 {
		t.Errorf("parsed %+v %+v", in, src)
	}
}
