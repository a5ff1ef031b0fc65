package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
)

func TestDecodeStrict(t *testing.T) {
	cases := []struct {
		body, ctype string
		code, field string
	}{
		{`{"text":"ok"}`, "application/json; charset=utf-8", "", ""},
		{`{"text":"ok"}`, "text/json", aduan.EUNSUPPORTED, ""},
		{`{"text":"ok"}`, "", aduan.EUNSUPPORTED, ""},
		{`{"text":"ok"`, "application/json", aduan.EINVALID, ""},
		{`{"text":"ok","x":1}`, "application/json", aduan.EINVALID, "x"},
		{`{"text":["a"]}`, "application/json", aduan.EINVALID, "text"},
		{`{"lat":"south"}`, "application/json", aduan.EINVALID, "lat"},
		{`{"citizen":{"phone":81234}}`, "application/json", aduan.EINVALID, "citizen.phone"},
		{`[]`, "application/json", aduan.EINVALID, "(body)"},
		{`null`, "application/json", "", ""},
		{`{"text":"a"} x`, "application/json", aduan.EINVALID, ""},
		{``, "application/json", aduan.EINVALID, ""},
		{`{"text":"` + strings.Repeat("x", reqctx.MaxBody) + `"}`, "application/json", aduan.ETOOLARGE, ""},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
		if tc.ctype != "" {
			r.Header.Set("Content-Type", tc.ctype)
		}
		var v NewComplaintJSON
		err := reqctx.Decode(r, &v)
		if aduan.ErrorCode(err) != tc.code {
			t.Errorf("%.40q: code %q, want %q (%v)", tc.body, aduan.ErrorCode(err), tc.code, err)
			continue
		}
		if tc.field != "" {
			e, _ := aduan.AsError(err)
			if len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
				t.Errorf("%.40q: fields %+v, want %s", tc.body, e.Fields, tc.field)
			}
		}
	}
}

func TestComplaintRefAcceptsNumberOrString(t *testing.T) {
	for body, want := range map[string]ComplaintRef{
		`{"duplicate_of": 12}`:                "12",
		`{"duplicate_of": "ADU-2026-000001"}`: "ADU-2026-000001",
	} {
		var a ActionJSON
		if err := reqctx.DecodeReader(strings.NewReader(body), &a); err != nil || a.DuplicateOf != want {
			t.Errorf("%s: %q, %v", body, a.DuplicateOf, err)
		}
	}
	var a ActionJSON
	if err := reqctx.DecodeReader(strings.NewReader(`{"duplicate_of": {"x":1}}`), &a); aduan.ErrorCode(err) != aduan.EINVALID {
		t.Errorf("object as ref: %v", err)
	}
}

// FuzzDecode: whatever arrives, decoding never panics, fails only with a
// client error, and what it accepts survives a round trip.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"text":"Jalan rusak","citizen":{"phone":"0812"}}`))
	f.Add([]byte(`{"version":3,"duplicate_of":"ADU-2026-000001","missing":["name"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, mk := range []func() any{func() any { return &NewComplaintJSON{} }, func() any { return &ActionJSON{} }} {
			v := mk()
			err := reqctx.DecodeReader(bytes.NewReader(b), v)
			if err != nil {
				if c := aduan.ErrorCode(err); c != aduan.EINVALID && c != aduan.ETOOLARGE {
					t.Fatalf("error %v has code %s", err, c)
				}
				continue
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("marshal accepted value: %v", err)
			}
			w := mk()
			if err := reqctx.DecodeReader(bytes.NewReader(out), w); err != nil {
				t.Fatalf("round trip of %s: %v", out, err)
			}
			if !reflect.DeepEqual(v, w) {
				t.Fatalf("round trip changed %s", out)
			}
		}
	})
}
