package aduan_test

import (
	"math"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
)

// TestCheckEmail: one rule for an e-mail address on every surface (the
// citizen's on a complaint, Open311's, a PPID requester's, an agency's
// contact).
func TestCheckEmail(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"budi@example.id", ""},
		{"budi.santoso+aduan@depok.go.id", ""},
		{"budi", "err.field.email"},
		{"budi@", "err.field.email"},
		{"Budi <budi@example.id>", "err.field.email"},
		{" budi@example.id", "err.field.email"},
		{"budi@example.id, ani@example.id", "err.field.email"},
		{strings.Repeat("a", 250) + "@x.id", "err.field.email"},
	} {
		if got := aduan.CheckEmail(c.in); got != c.want {
			t.Errorf("CheckEmail(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLatLng: one rule for a location, whether it comes as numbers (the
// API's JSON) or as texts (a form, a GeoReport client).
func TestLatLng(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		lat, lng *float64
		want     string
	}{
		{nil, nil, ""},
		{f(-6.4), f(106.8), ""},
		{f(90), f(-180), ""},
		{f(-6.4), nil, "err.field.latlng_pair"},
		{nil, f(106.8), "err.field.latlng_pair"},
		{f(91), f(106.8), "err.field.latlng_range"},
		{f(-6.4), f(180.5), "err.field.latlng_range"},
		{f(math.NaN()), f(106.8), "err.field.latlng_range"},
		{f(-6.4), f(math.Inf(1)), "err.field.latlng_range"},
	} {
		if got := aduan.CheckLatLng(c.lat, c.lng); got != c.want {
			t.Errorf("CheckLatLng(%v, %v) = %q, want %q", c.lat, c.lng, got, c.want)
		}
	}
	for _, c := range []struct {
		lat, lng string
		want     string
		ok       bool // a point comes back
	}{
		{"", "", "", false},
		{" -6.4 ", "106.8", "", true},
		{"-6.4", "", "err.field.latlng_pair", false},
		{"", "106.8", "err.field.latlng_pair", false},
		{"-6,4", "106.8", "err.field.latlng_range", false},
		{"NaN", "106.8", "err.field.latlng_range", false},
		{"-6.4", "200", "err.field.latlng_range", false},
	} {
		lat, lng, got := aduan.ParseLatLng(c.lat, c.lng)
		if got != c.want || (lat != nil) != c.ok || (lng != nil) != c.ok {
			t.Errorf("ParseLatLng(%q, %q) = %v, %v, %q; want %q, point %v", c.lat, c.lng, lat, lng, got, c.want, c.ok)
		}
	}
}
