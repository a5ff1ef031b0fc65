package aduan_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// ---------------------------------------------------------------------------
// Shared helpers (used by workflow_test.go and sla_test.go too).

// wib builds a wall-clock time in Western Indonesia Time.
func wib(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, aduan.WIB)
}

func ptrF(f float64) *float64 { return &f }

func ptrT(t time.Time) *time.Time { return &t }

// wantInvalid asserts err is an EINVALID *aduan.Error naming field with key
// (key "" means any key) and returns that field error.
func wantInvalid(t *testing.T, err error, field, key string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want EINVALID on field %q, got nil", field)
	}
	e, ok := aduan.AsError(err)
	if !ok {
		t.Fatalf("want *aduan.Error, got %T: %v", err, err)
	}
	if e.Code != aduan.EINVALID {
		t.Fatalf("want code %q, got %q (%v)", aduan.EINVALID, e.Code, err)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			if key != "" && f.Key != key {
				t.Fatalf("field %q: want key %q, got %q", field, key, f.Key)
			}
			return
		}
	}
	t.Fatalf("want a problem on field %q, got %v", field, err)
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := aduan.ErrorCode(err); got != code {
		t.Fatalf("want error code %q, got %q (%v)", code, got, err)
	}
}

func fieldNames(err error) []string {
	e, ok := aduan.AsError(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

// ---------------------------------------------------------------------------
// Errors.

func TestErrorCode(t *testing.T) {
	notFound := aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain error", errors.New("connection reset by peer"), "internal"},
		{"plain fmt error", fmt.Errorf("load complaint %d: %s", 7, "boom"), "internal"},
		{"domain error", notFound, "not_found"},
		{"wrapped once", fmt.Errorf("load complaint: %w", aduan.Errorf(aduan.ECONFLICT, "err.conflict")), "conflict"},
		{"wrapped twice", fmt.Errorf("api: %w", fmt.Errorf("store: %w", aduan.Errorf(aduan.ETRANSITION, "err.transition"))), "transition"},
		{"joined", errors.Join(errors.New("x"), aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")), "forbidden"},
		{"wrapped with %v loses code", fmt.Errorf("store: %v", notFound), "internal"},
		{"validation", func() error { var v aduan.Validation; v.Add("text", "err.field.required"); return v.Err() }(), "invalid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := aduan.ErrorCode(tc.err); got != tc.want {
				t.Errorf("ErrorCode(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}

func TestAsErrorAndMessage(t *testing.T) {
	inner := &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
		Fields: []aduan.FieldError{{Field: "text", Key: "err.field.required"}}}
	e, ok := aduan.AsError(fmt.Errorf("create: %w", inner))
	if !ok || e != inner {
		t.Fatalf("AsError did not find the wrapped *Error: %v %v", e, ok)
	}
	if _, ok := aduan.AsError(errors.New("x")); ok {
		t.Errorf("AsError found an *Error in a plain error")
	}
	if got, want := inner.Error(), "aduan: invalid: err.invalid_input [text: err.field.required]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestValidationCollectsEveryField(t *testing.T) {
	var v aduan.Validation
	if v.Err() != nil {
		t.Fatalf("empty validation must give a nil error")
	}
	v.Add("text", "err.field.required")
	v.Add("channel", "err.field.choice")
	if !v.Has("text") || !v.Has("channel") || v.Has("address") {
		t.Errorf("Has is wrong: %+v", v.Fields)
	}
	err := v.Err()
	wantInvalid(t, err, "text", "err.field.required")
	wantInvalid(t, err, "channel", "err.field.choice")
}

// ---------------------------------------------------------------------------
// Complaint numbers.

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		year int
		seq  int64
		want string
	}{
		{2026, 1, "ADU-2026-000001"},
		{2026, 123, "ADU-2026-000123"},
		{2027, 999999, "ADU-2027-999999"},
		{2026, 1234567, "ADU-2026-1234567"},
	}
	for _, tc := range tests {
		if got := aduan.FormatNumber(tc.year, tc.seq); got != tc.want {
			t.Errorf("FormatNumber(%d, %d) = %q, want %q", tc.year, tc.seq, got, tc.want)
		}
	}
}

func TestParseNumberRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		year int
		seq  int64
	}{{2026, 1}, {2026, 123}, {2026, 999999}, {2031, 42}, {2026, 1234567}} {
		s := aduan.FormatNumber(tc.year, tc.seq)
		y, n, ok := aduan.ParseNumber(s)
		if !ok || y != tc.year || n != tc.seq {
			t.Errorf("ParseNumber(%q) = %d, %d, %v; want %d, %d, true", s, y, n, ok, tc.year, tc.seq)
		}
	}
}

func TestParseNumberAccepts(t *testing.T) {
	tests := []struct {
		in   string
		year int
		seq  int64
	}{
		{"ADU-2026-000123", 2026, 123},
		{"adu-2026-000123", 2026, 123},
		{"Adu-2026-000123", 2026, 123},
		{"  ADU-2026-000007\n", 2026, 7},
	}
	for _, tc := range tests {
		y, n, ok := aduan.ParseNumber(tc.in)
		if !ok || y != tc.year || n != tc.seq {
			t.Errorf("ParseNumber(%q) = %d, %d, %v; want %d, %d, true", tc.in, y, n, ok, tc.year, tc.seq)
		}
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"ADU-26-1",
		"ADU-2026-0",
		"XYZ-2026-000001",
		"ADU-2026-00000a",
		"ADU-2026-000000",  // sequence starts at 1
		"ADU-1999-000001",  // before the system existed
		"ADU-2026-0000123", // 7 digits for a 6-digit sequence: not canonical
		"ADU-2026-00123",   // too few digits
		"ADU-2026-000123x",
		"ADU-2026--00123",
		"ADU-2026-+00123",
		"ADU 2026 000123",
		"ADU2026000123",
		"2026-000123",
	} {
		if y, n, ok := aduan.ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) = %d, %d, true; want rejected", in, y, n)
		}
	}
}

// ---------------------------------------------------------------------------
// NewComplaint validation.

func validNewComplaint(now time.Time) aduan.NewComplaint {
	return aduan.NewComplaint{
		Channel:         aduan.ChannelPhone,
		Text:            "Jalan berlubang di Jl. Margonda Raya depan stasiun, membahayakan pengendara motor.",
		Address:         "Jl. Margonda Raya No. 1",
		Priority:        aduan.PriorityNormal,
		Confidentiality: aduan.Public,
		ReceivedAt:      ptrT(now.Add(-3 * time.Minute)),
	}
}

func TestNewComplaintValidateOK(t *testing.T) {
	now := wib(2026, 3, 10, 9, 0)
	for name, mut := range map[string]func(*aduan.NewComplaint){
		"as is":                     func(*aduan.NewComplaint) {},
		"4000 multibyte runes":      func(n *aduan.NewComplaint) { n.Text = strings.Repeat("é", 4000) },
		"newlines and tabs":         func(n *aduan.NewComplaint) { n.Text = "Baris satu\r\nBaris dua\n\tmenjorok" },
		"no priority":               func(n *aduan.NewComplaint) { n.Priority = "" },
		"received 30s in future":    func(n *aduan.NewComplaint) { n.ReceivedAt = ptrT(now.Add(30 * time.Second)) },
		"received 29 days ago":      func(n *aduan.NewComplaint) { n.ReceivedAt = ptrT(now.Add(-29 * 24 * time.Hour)) },
		"no received time":          func(n *aduan.NewComplaint) { n.ReceivedAt = nil },
		"Depok coordinates":         func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(-6.4025), ptrF(106.7942) },
		"coordinate extremes":       func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(-90), ptrF(180) },
		"anonim":                    func(n *aduan.NewComplaint) { n.Confidentiality = aduan.Anonymous },
		"rahasia via whatsapp":      func(n *aduan.NewComplaint) { n.Confidentiality, n.Channel = aduan.Confidential, aduan.ChannelWhatsApp },
		"citizen with valid e-mail": func(n *aduan.NewComplaint) { n.Citizen = &aduan.CitizenInput{Name: "Ani", Email: "ani@example.com"} },
	} {
		t.Run(name, func(t *testing.T) {
			n := validNewComplaint(now)
			mut(&n)
			if err := n.Validate(now); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestNewComplaintValidateRejects(t *testing.T) {
	now := wib(2026, 3, 10, 9, 0)
	tests := []struct {
		name  string
		mut   func(*aduan.NewComplaint)
		field string
		key   string
	}{
		{"empty text", func(n *aduan.NewComplaint) { n.Text = "" }, "text", "err.field.required"},
		{"blank text", func(n *aduan.NewComplaint) { n.Text = " \n\t " }, "text", "err.field.required"},
		{"text 4001 runes", func(n *aduan.NewComplaint) { n.Text = strings.Repeat("a", 4001) }, "text", "err.field.too_long"},
		{"text 4001 multibyte runes", func(n *aduan.NewComplaint) { n.Text = strings.Repeat("ä", 4001) }, "text", "err.field.too_long"},
		{"invalid UTF-8", func(n *aduan.NewComplaint) { n.Text = "jalan rusak \xff\xfe" }, "text", "err.field.encoding"},
		{"NUL byte", func(n *aduan.NewComplaint) { n.Text = "jalan\x00rusak" }, "text", "err.field.control_chars"},
		{"escape sequence", func(n *aduan.NewComplaint) { n.Text = "\x1b[31mjalan rusak" }, "text", "err.field.control_chars"},
		{"DEL", func(n *aduan.NewComplaint) { n.Text = "jalan rusak\x7f" }, "text", "err.field.control_chars"},
		{"address too long", func(n *aduan.NewComplaint) { n.Address = strings.Repeat("x", 301) }, "address", "err.field.too_long"},
		{"address control char", func(n *aduan.NewComplaint) { n.Address = "Jl.\x07Margonda" }, "address", "err.field.control_chars"},
		{"unknown channel", func(n *aduan.NewComplaint) { n.Channel = "fax" }, "channel", "err.field.choice"},
		{"empty channel, not normalized", func(n *aduan.NewComplaint) { n.Channel = "" }, "channel", "err.field.choice"},
		{"unknown priority", func(n *aduan.NewComplaint) { n.Priority = "urgent" }, "priority", "err.field.choice"},
		{"unknown confidentiality", func(n *aduan.NewComplaint) { n.Confidentiality = "top_secret" }, "confidentiality", "err.field.choice"},
		{"negative category", func(n *aduan.NewComplaint) { n.CategoryID = -1 }, "category_id", "err.field.unknown"},
		{"lat without lng", func(n *aduan.NewComplaint) { n.Lat = ptrF(-6.4) }, "lat", "err.field.latlng_pair"},
		{"lng without lat", func(n *aduan.NewComplaint) { n.Lng = ptrF(106.8) }, "lat", "err.field.latlng_pair"},
		{"lat 91", func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(91), ptrF(106.8) }, "lat", "err.field.latlng_range"},
		{"lat -90.5", func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(-90.5), ptrF(106.8) }, "lat", "err.field.latlng_range"},
		{"lng 181", func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(-6.4), ptrF(181) }, "lat", "err.field.latlng_range"},
		{"lat NaN", func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(math.NaN()), ptrF(106.8) }, "lat", "err.field.latlng_range"},
		{"lng +Inf", func(n *aduan.NewComplaint) { n.Lat, n.Lng = ptrF(-6.4), ptrF(math.Inf(1)) }, "lat", "err.field.latlng_range"},
		{"received 2 min in future", func(n *aduan.NewComplaint) { n.ReceivedAt = ptrT(now.Add(2 * time.Minute)) }, "received_at", "err.field.future"},
		{"received tomorrow", func(n *aduan.NewComplaint) { n.ReceivedAt = ptrT(now.AddDate(0, 0, 1)) }, "received_at", "err.field.future"},
		{"received 31 days ago", func(n *aduan.NewComplaint) { n.ReceivedAt = ptrT(now.Add(-31 * 24 * time.Hour)) }, "received_at", "err.field.too_old"},
		{"citizen bad e-mail", func(n *aduan.NewComplaint) { n.Citizen = &aduan.CitizenInput{Email: "ani@"} }, "citizen.email", "err.field.email"},
		{"citizen name too long", func(n *aduan.NewComplaint) { n.Citizen = &aduan.CitizenInput{Name: strings.Repeat("N", 121)} }, "citizen.name", "err.field.too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := validNewComplaint(now)
			tc.mut(&n)
			err := n.Validate(now)
			wantInvalid(t, err, tc.field, tc.key)
			if got := fieldNames(err); len(got) != 1 {
				t.Errorf("want exactly one bad field (%s), got %v", tc.field, got)
			}
		})
	}
}

func TestNewComplaintValidateNamesEveryBadField(t *testing.T) {
	now := wib(2026, 3, 10, 9, 0)
	n := validNewComplaint(now)
	n.Text = ""
	n.Channel = "fax"
	n.Lat = ptrF(1)
	err := n.Validate(now)
	wantInvalid(t, err, "text", "err.field.required")
	wantInvalid(t, err, "channel", "err.field.choice")
	wantInvalid(t, err, "lat", "err.field.latlng_pair")
}

func TestNewComplaintNormalize(t *testing.T) {
	n := aduan.NewComplaint{
		Text:          "  Lampu jalan mati  \n",
		Address:       " Jl. Raya Sawangan ",
		KelurahanCode: " 32.76.01.1006 ",
		Citizen:       &aduan.CitizenInput{Name: "  Budi   Santoso ", Email: " Budi@Example.COM ", Phone: " 0812 "},
	}
	n.Normalize()
	if n.Channel != aduan.ChannelPhone {
		t.Errorf("Channel = %q, want telepon (the SOP's channel)", n.Channel)
	}
	if n.Confidentiality != aduan.Public {
		t.Errorf("Confidentiality = %q, want biasa", n.Confidentiality)
	}
	if n.Text != "Lampu jalan mati" || n.Address != "Jl. Raya Sawangan" || n.KelurahanCode != "32.76.01.1006" {
		t.Errorf("not trimmed: %q %q %q", n.Text, n.Address, n.KelurahanCode)
	}
	if n.Citizen.Name != "Budi Santoso" || n.Citizen.Email != "budi@example.com" || n.Citizen.Phone != "0812" {
		t.Errorf("citizen not normalised: %+v", *n.Citizen)
	}
	if err := n.Validate(wib(2026, 3, 10, 9, 0)); err != nil {
		t.Errorf("normalised input must validate: %v", err)
	}
}

// ---------------------------------------------------------------------------
// ComplaintPatch.

func TestComplaintPatchValidate(t *testing.T) {
	txt := "  teks baru  "
	p := aduan.ComplaintPatch{Text: &txt}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if *p.Text != "teks baru" {
		t.Errorf("patch text not trimmed: %q", *p.Text)
	}
	empty := "   "
	wantInvalid(t, (&aduan.ComplaintPatch{Text: &empty}).Validate(), "text", "err.field.required")
	bad := aduan.Priority("urgent")
	wantInvalid(t, (&aduan.ComplaintPatch{Priority: &bad}).Validate(), "priority", "err.field.choice")
	wantInvalid(t, (&aduan.ComplaintPatch{Lat: ptrF(-6.4)}).Validate(), "lat", "err.field.latlng_pair")
	wantInvalid(t, (&aduan.ComplaintPatch{Lat: ptrF(95), Lng: ptrF(106)}).Validate(), "lat", "err.field.latlng_range")
	if !(&aduan.ComplaintPatch{}).Empty() {
		t.Errorf("an empty patch must be Empty")
	}
	if (&aduan.ComplaintPatch{Text: &txt}).Empty() {
		t.Errorf("a patch with text is not Empty")
	}
}

// A NaN coordinate must be refused when editing, as it is when recording
// (NewComplaint.Validate checks NaN; ComplaintPatch.Validate does not).
func TestComplaintPatchRejectsNaNCoordinates(t *testing.T) {
	p := aduan.ComplaintPatch{Lat: ptrF(math.NaN()), Lng: ptrF(106.8)}
	wantInvalid(t, p.Validate(), "lat", "err.field.latlng_range")
	p = aduan.ComplaintPatch{Lat: ptrF(-6.4), Lng: ptrF(math.NaN())}
	wantInvalid(t, p.Validate(), "lat", "err.field.latlng_range")
}

// ---------------------------------------------------------------------------
// Citizens.

func TestCitizenInputEmail(t *testing.T) {
	for _, ok := range []string{"", "budi@example.com", "budi.santoso+aduan@depok.go.id", "a@b.co"} {
		c := aduan.CitizenInput{Email: ok}
		if err := c.Validate(); err != nil {
			t.Errorf("email %q: unexpected error %v", ok, err)
		}
	}
	long := strings.Repeat("x", 64) + "@" + strings.Repeat("d", 200) + ".com" // 269 bytes
	for _, bad := range []string{"budi", "budi@", "@example.com", "Budi <budi@example.com>", "budi@example.com, ani@example.com", "budi @example.com", long} {
		c := aduan.CitizenInput{Email: bad}
		wantInvalid(t, c.Validate(), "email", "err.field.email")
	}
}

func TestCitizenInputNormalizeThenValidate(t *testing.T) {
	c := aduan.CitizenInput{Name: " Siti   Aminah ", Email: "  SITI@Example.com ", Address: " Jl. Nusantara "}
	c.Normalize()
	if c.Email != "siti@example.com" || c.Name != "Siti Aminah" || c.Address != "Jl. Nusantara" {
		t.Fatalf("Normalize: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	c.Address = strings.Repeat("a", 301)
	wantInvalid(t, c.Validate(), "address", "err.field.too_long")
}

func TestCitizenInputEmpty(t *testing.T) {
	if !(&aduan.CitizenInput{}).Empty() {
		t.Errorf("zero input must be Empty")
	}
	if (&aduan.CitizenInput{Phone: "0812"}).Empty() {
		t.Errorf("input with a phone is not Empty")
	}
}

func TestCitizenMissing(t *testing.T) {
	tests := []struct {
		c    aduan.Citizen
		want string
	}{
		{aduan.Citizen{}, "name,phone,address"},
		{aduan.Citizen{Name: "Ani"}, "phone,address"},
		{aduan.Citizen{Name: "  ", Phone: "+6281234567890"}, "name,address"},
		{aduan.Citizen{Name: "Ani", Phone: "+6281234567890", Address: "Jl. Kenanga 3"}, ""},
	}
	for _, tc := range tests {
		if got := strings.Join(tc.c.Missing(), ","); got != tc.want {
			t.Errorf("Missing(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
	// No citizen on record: everything is missing (every surface used to
	// write this list out itself).
	var none *aduan.Citizen
	if got := strings.Join(none.Missing(), ","); got != "name,phone,address" {
		t.Errorf("Missing of no citizen = %q", got)
	}
}

// ---------------------------------------------------------------------------
// Users and passwords.

func TestUserValidate(t *testing.T) {
	u := aduan.User{Username: "  Sari.CC ", Name: " Sari Wulandari ", Role: aduan.RoleOperatorCC}
	if err := u.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if u.Username != "sari.cc" || u.Name != "Sari Wulandari" || u.Lang != "id" {
		t.Errorf("normalised user = %q %q %q; want sari.cc, Sari Wulandari, id", u.Username, u.Name, u.Lang)
	}

	for _, name := range []string{"abc", "op1", "budi_s", "budi-s", "a.b.c", "0perator", strings.Repeat("a", 40)} {
		u := aduan.User{Username: name, Name: "X", Role: aduan.RoleOperatorCC}
		if err := u.Validate(); err != nil {
			t.Errorf("username %q: unexpected %v", name, err)
		}
	}
	for _, name := range []string{"", "ab", "_sari", ".sari", "-sari", "sari cc", "sári", "sari@cc", strings.Repeat("a", 41)} {
		u := aduan.User{Username: name, Name: "X", Role: aduan.RoleOperatorCC}
		wantInvalid(t, u.Validate(), "username", "err.field.username")
	}
}

func TestUserValidateRoleAndAgency(t *testing.T) {
	for _, r := range []aduan.Role{aduan.RoleOperatorPD, aduan.RolePimpinanPD, aduan.RolePPIDPembantu} {
		u := aduan.User{Username: "pd.user", Name: "X", Role: r}
		wantInvalid(t, u.Validate(), "agency_id", "err.field.agency_required")
		u.AgencyID = 7
		if err := u.Validate(); err != nil {
			t.Errorf("%s with agency: %v", r, err)
		}
		if u.AgencyID != 7 {
			t.Errorf("%s lost its agency: %d", r, u.AgencyID)
		}
	}
	for _, r := range []aduan.Role{aduan.RoleAdmin, aduan.RoleOperatorCC, aduan.RoleKoordinatorCC, aduan.RoleKasiKabid, aduan.RolePPIDUtama} {
		u := aduan.User{Username: "some.user", Name: "X", Role: r, AgencyID: 5}
		if err := u.Validate(); err != nil {
			t.Errorf("%s: %v", r, err)
		}
		if u.AgencyID != 0 {
			t.Errorf("%s keeps AgencyID %d; want it cleared to 0", r, u.AgencyID)
		}
	}
	wantInvalid(t, (&aduan.User{Username: "root", Name: "X", Role: "superuser"}).Validate(), "role", "err.field.choice")
	wantInvalid(t, (&aduan.User{Username: "root", Name: "X", Role: ""}).Validate(), "role", "err.field.choice")
	wantInvalid(t, (&aduan.User{Username: "budi", Name: "  ", Role: aduan.RoleAdmin}).Validate(), "name", "err.field.required")
	wantInvalid(t, (&aduan.User{Username: "budi", Name: "Budi", Role: aduan.RoleAdmin, Lang: "fr"}).Validate(), "lang", "err.field.choice")
	en := aduan.User{Username: "budi", Name: "Budi", Role: aduan.RoleAdmin, Lang: "en"}
	if err := en.Validate(); err != nil || en.Lang != "en" {
		t.Errorf("lang en: %v %q", err, en.Lang)
	}
}

func TestUserActor(t *testing.T) {
	u := aduan.User{ID: 12, Name: "Budi", Role: aduan.RoleOperatorPD, AgencyID: 7}
	want := aduan.Actor{UserID: 12, Name: "Budi", Role: aduan.RoleOperatorPD, AgencyID: 7}
	if got := u.Actor(); got != want {
		t.Errorf("Actor() = %+v, want %+v", got, want)
	}
	if u.Actor().IsSystem() {
		t.Errorf("a user is not the system")
	}
}

func TestValidatePassword(t *testing.T) {
	for _, pw := range []string{"0123456789", "kata sandi panjang", "ééééééééé1", strings.Repeat("p", 256)} {
		if err := aduan.ValidatePassword(pw); err != nil {
			t.Errorf("ValidatePassword(%q): %v", pw, err)
		}
	}
	for _, pw := range []string{"", "short", "123456789", "ééééééééé"} {
		wantInvalid(t, aduan.ValidatePassword(pw), "password", "err.field.password_short")
	}
	wantInvalid(t, aduan.ValidatePassword(strings.Repeat("p", 257)), "password", "err.field.too_long")
}

// ---------------------------------------------------------------------------
// Agencies, categories, holidays, standards.

func TestAgencyValidate(t *testing.T) {
	a := aduan.Agency{Code: " dpupr ", Name: " Dinas Pekerjaan Umum dan Penataan Ruang "}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if a.Code != "DPUPR" || a.Name != "Dinas Pekerjaan Umum dan Penataan Ruang" {
		t.Errorf("normalised agency = %q %q", a.Code, a.Name)
	}
	for _, code := range []string{"DISHUB", "KEC_BEJI", "KEL-1006", "PLN", "9A", strings.Repeat("A", 40)} {
		a := aduan.Agency{Code: code, Name: "X"}
		if err := a.Validate(); err != nil {
			t.Errorf("code %q: %v", code, err)
		}
	}
	for _, code := range []string{"", "-PLN", "_PLN", "DINAS PU", "DÏNAS", "A.B", strings.Repeat("A", 41)} {
		a := aduan.Agency{Code: code, Name: "X"}
		wantInvalid(t, a.Validate(), "code", "err.field.code")
	}
	wantInvalid(t, (&aduan.Agency{Code: "PLN", Name: ""}).Validate(), "name", "err.field.required")
	wantInvalid(t, (&aduan.Agency{Code: "PLN", Name: strings.Repeat("n", 201)}).Validate(), "name", "err.field.too_long")
	wantInvalid(t, (&aduan.Agency{Code: "PLN", Name: "PLN", Notes: strings.Repeat("n", 1001)}).Validate(), "notes", "err.field.too_long")
}

func TestCategoryValidate(t *testing.T) {
	c := aduan.Category{Code: "jalan_rusak", Name: "Jalan Rusak", Keywords: []string{"jalan", "berlubang"}}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if c.Code != "JALAN_RUSAK" {
		t.Errorf("Code = %q, want JALAN_RUSAK", c.Code)
	}
	if c.Priority != aduan.PriorityNormal {
		t.Errorf("default priority = %q, want sedang", c.Priority)
	}
	wantInvalid(t, (&aduan.Category{Code: "JR", Name: "Jalan", Priority: "urgent"}).Validate(), "priority", "err.field.choice")
	wantInvalid(t, (&aduan.Category{Code: "J R", Name: "Jalan"}).Validate(), "code", "err.field.code")
	wantInvalid(t, (&aduan.Category{Code: "JR", Name: ""}).Validate(), "name", "err.field.required")
	wantInvalid(t, (&aduan.Category{Code: "JR", Name: "Jalan", Keywords: []string{"jalan", ""}}).Validate(), "keywords", "err.field.required")
	wantInvalid(t, (&aduan.Category{Code: "JR", Name: "Jalan", Keywords: []string{strings.Repeat("k", 101)}}).Validate(), "keywords", "err.field.too_long")
}

func TestHolidayValidate(t *testing.T) {
	h := aduan.Holiday{Date: "2026-08-17", Name: " Hari Kemerdekaan RI "}
	if err := h.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if h.Name != "Hari Kemerdekaan RI" {
		t.Errorf("name not trimmed: %q", h.Name)
	}
	for _, d := range []string{"", "17-08-2026", "2026-8-17", "2026-02-30", "2026-13-01", "2026/08/17"} {
		wantInvalid(t, (&aduan.Holiday{Date: d, Name: "Libur"}).Validate(), "date", "err.field.date")
	}
	wantInvalid(t, (&aduan.Holiday{Date: "2026-08-17", Name: "  "}).Validate(), "name", "err.field.required")
}

func TestStandardValidate(t *testing.T) {
	for _, s := range []aduan.Standard{{1, aduan.UnitMinute}, {25, aduan.UnitMinute}, {2, aduan.UnitHour}, {3, aduan.UnitWorkday}, {100000, aduan.UnitMinute}} {
		if err := s.Validate(); err != nil {
			t.Errorf("%v: %v", s, err)
		}
	}
	tests := []struct {
		s     aduan.Standard
		field string
		key   string
	}{
		{aduan.Standard{0, aduan.UnitMinute}, "amount", "err.field.range"},
		{aduan.Standard{-5, aduan.UnitHour}, "amount", "err.field.range"},
		{aduan.Standard{100001, aduan.UnitWorkday}, "amount", "err.field.range"},
		{aduan.Standard{5, "detik"}, "unit", "err.field.choice"},
		{aduan.Standard{5, ""}, "unit", "err.field.choice"},
	}
	for _, tc := range tests {
		wantInvalid(t, tc.s.Validate(), tc.field, tc.key)
	}
	if got := (aduan.Standard{2, aduan.UnitHour}).String(); got != "2 jam" {
		t.Errorf("String() = %q, want %q", got, "2 jam")
	}
}

// ---------------------------------------------------------------------------
// Enumerations, roles and permissions.

func TestEnumValidity(t *testing.T) {
	if !aduan.ChannelWhatsApp.Valid() || aduan.Channel("fax").Valid() {
		t.Errorf("Channel.Valid is wrong")
	}
	if !aduan.PriorityEmergency.Valid() || aduan.Priority("urgent").Valid() {
		t.Errorf("Priority.Valid is wrong")
	}
	if !aduan.Confidential.Valid() || aduan.Confidentiality("secret").Valid() || aduan.Confidentiality("").Valid() {
		t.Errorf("Confidentiality.Valid is wrong")
	}
	for _, s := range []string{"recorded", "awaiting_identity", "awaiting_photos", "answered", "forwarded",
		"acknowledged", "agency_answered", "answer_received", "relayed", "returned", "closed", "duplicate", "rejected"} {
		if !aduan.Status(s).Valid() {
			t.Errorf("status %q should be valid", s)
		}
	}
	if aduan.Status("archived").Valid() {
		t.Errorf("status archived should not be valid")
	}
}

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		s                      aduan.Status
		open, paused, atAgency bool
	}{
		{aduan.StatusRecorded, true, false, false},
		{aduan.StatusAwaitingIdentity, true, true, false},
		{aduan.StatusAwaitingPhotos, true, true, false},
		{aduan.StatusAnswered, true, false, false},
		{aduan.StatusForwarded, true, false, true},
		{aduan.StatusAcknowledged, true, false, true},
		{aduan.StatusAgencyAnswered, true, false, false},
		{aduan.StatusAnswerReceived, true, false, false},
		{aduan.StatusRelayed, true, false, false},
		{aduan.StatusReturned, true, false, false},
		{aduan.StatusClosed, false, false, false},
		{aduan.StatusDuplicate, false, false, false},
		{aduan.StatusRejected, false, false, false},
	}
	for _, tc := range tests {
		if tc.s.Open() != tc.open || tc.s.Paused() != tc.paused || tc.s.AtAgency() != tc.atAgency {
			t.Errorf("%s: Open/Paused/AtAgency = %v/%v/%v, want %v/%v/%v", tc.s,
				tc.s.Open(), tc.s.Paused(), tc.s.AtAgency(), tc.open, tc.paused, tc.atAgency)
		}
	}
	if (&aduan.Complaint{Status: aduan.StatusClosed}).Open() {
		t.Errorf("a closed complaint is not open")
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		r                       aduan.Role
		agencyBound, callCenter bool
	}{
		{"operator_cc", false, true},
		{"operator_pd", true, false},
		{"koordinator_cc", false, true},
		{"kasi_kabid", false, false},
		{"pimpinan_pd", true, false},
		{"ppid_utama", false, false},
		{"ppid_pembantu", true, false},
		{"admin", false, false},
	}
	if len(aduan.Roles) != 8 {
		t.Errorf("want the SOP's 8 roles, got %d", len(aduan.Roles))
	}
	for _, tc := range tests {
		if !tc.r.Valid() {
			t.Errorf("%s should be valid", tc.r)
		}
		if tc.r.AgencyBound() != tc.agencyBound || tc.r.CallCenter() != tc.callCenter {
			t.Errorf("%s: AgencyBound/CallCenter = %v/%v, want %v/%v", tc.r, tc.r.AgencyBound(), tc.r.CallCenter(), tc.agencyBound, tc.callCenter)
		}
	}
	if aduan.Role("root").Valid() || aduan.Role("").Valid() {
		t.Errorf("unknown roles must be invalid")
	}
}

func TestPermissions(t *testing.T) {
	tests := []struct {
		r    aduan.Role
		p    aduan.Perm
		want bool
	}{
		{aduan.RoleOperatorCC, aduan.PermComplaintCreate, true},
		{aduan.RoleOperatorPD, aduan.PermComplaintCreate, false},
		{aduan.RoleAdmin, aduan.PermComplaintRead, false},
		{aduan.RoleAdmin, aduan.PermCitizenRead, false},
		{aduan.RoleAdmin, aduan.PermUserEdit, true},
		{aduan.RoleAdmin, aduan.PermSettingsEdit, true},
		{aduan.RoleKoordinatorCC, aduan.PermUserEdit, false},
		{aduan.RoleKoordinatorCC, aduan.PermUserRead, true},
		{aduan.RoleKasiKabid, aduan.PermCitizenRead, false},
		{aduan.RoleKasiKabid, aduan.PermStatsRead, true},
		{aduan.RolePPIDUtama, aduan.PermCitizenRead, false},
		{aduan.RolePPIDPembantu, aduan.PermCitizenRead, false},
		{aduan.RolePimpinanPD, aduan.PermCitizenRead, true},
		{aduan.RoleOperatorPD, aduan.PermCitizenRead, true},
		{aduan.RoleOperatorPD, aduan.PermCitizenEdit, false},
		{aduan.RoleOperatorCC, aduan.PermCallPop, true},
		{aduan.RolePimpinanPD, aduan.PermCallPop, false},
	}
	for _, tc := range tests {
		if got := tc.r.Can(tc.p); got != tc.want {
			t.Errorf("%s.Can(%s) = %v, want %v", tc.r, tc.p, got, tc.want)
		}
	}
	kasi := aduan.Actor{UserID: 4, Role: aduan.RoleKasiKabid}
	wantCode(t, kasi.Require(aduan.PermCitizenRead), aduan.EFORBIDDEN)
	if err := kasi.Require(aduan.PermStatsRead); err != nil {
		t.Errorf("kasi_kabid may read stats: %v", err)
	}
	if !aduan.System.IsSystem() || !aduan.System.Can(aduan.PermUserEdit) {
		t.Errorf("the system actor may do anything")
	}
}

// ---------------------------------------------------------------------------
// Settings.

func TestDefaultSettings(t *testing.T) {
	d := aduan.DefaultSettings()
	for _, k := range aduan.SettingKeys {
		if strings.TrimSpace(d[k]) == "" {
			t.Errorf("setting %q has no default", k)
		}
	}
	if d["call_center_phone"] != "08-111-23-2222" || d["sms_center_number"] != "08-111-63-1500" {
		t.Errorf("SOP numbers: %q %q", d["call_center_phone"], d["sms_center_number"])
	}
	if d["city_name"] != "Kota Depok" {
		t.Errorf("city_name = %q", d["city_name"])
	}
	if !aduan.ValidSetting("call_center_email") || aduan.ValidSetting("database_password") || aduan.ValidSetting("") {
		t.Errorf("ValidSetting is wrong")
	}
}

func TestZeroActorHasNoRights(t *testing.T) {
	var a aduan.Actor
	c := &aduan.Complaint{Status: aduan.StatusRecorded}
	if a.IsSystem() || a.Can(aduan.PermComplaintRead) || a.CanSeeComplaint(c) || len(aduan.AllowedActions(c, a)) != 0 {
		t.Error("an actor left unset has rights")
	}
}

// A place reads "Jl. …, Kel. Beji, Kec. Beji": the kelurahan and
// kecamatan named as such (never ", Beji, Beji"), empty parts left out.
func TestFormatPlace(t *testing.T) {
	for _, tc := range []struct{ street, kel, kec, want string }{
		{"Jl. Margonda Raya 12", "Beji", "Beji", "Jl. Margonda Raya 12, Kel. Beji, Kec. Beji"},
		{"", "Beji", "Beji", "Kel. Beji, Kec. Beji"},
		{" Jl. Nusantara ", "", "", "Jl. Nusantara"},
		{"", "", "", ""},
	} {
		if got := aduan.FormatPlace(tc.street, tc.kel, tc.kec); got != tc.want {
			t.Errorf("FormatPlace(%q, %q, %q) = %q, want %q", tc.street, tc.kel, tc.kec, got, tc.want)
		}
	}
}
