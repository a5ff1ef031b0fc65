package phone

import (
	"errors"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
)

func TestNormalizeAccepts(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// The forms phone_formats.json lists.
		{"081234567890", "+6281234567890"},
		{"6281234567890", "+6281234567890"},
		{"+6281234567890", "+6281234567890"},
		{"81234567890", "+6281234567890"},
		// Separators.
		{"0812-3456-7890", "+6281234567890"},
		{"0812 3456 7890", "+6281234567890"},
		{"0812.3456.7890", "+6281234567890"},
		{"(0812) 3456-7890", "+6281234567890"},
		{"+62 812-3456-7890", "+6281234567890"},
		{"+62 (812) 3456 7890", "+6281234567890"},
		{"(+62) 812 3456 7890", "+6281234567890"},
		{"+62 (0) 812 3456 7890", "+6281234567890"},
		{"62 812 3456 7890", "+6281234567890"},
		{"0812/3456/7890", "+6281234567890"},
		{"  081234567890  ", "+6281234567890"},
		{"\t0812\u00a03456\u00a07890\n", "+6281234567890"},
		// Lengths: NSN of 9 to 12 digits.
		{"0812345678", "+62812345678"},
		{"08123456789", "+628123456789"},
		{"0812345678901", "+62812345678901"},
		{"62812345678", "+62812345678"}, // not the Aceh fixed line (0628) 12345678
		{"812345678", "+62812345678"},
		// Operators across the prefix ranges.
		{"08111232222", "+628111232222"},     // call center, Telkomsel
		{"0811-1632-1500", "+6281116321500"}, // Telkomsel 0811, 13 digits
		{"0851-1160-6567", "+6285111606567"}, // DPUPR WA
		{"0857 1234 5678", "+6285712345678"}, // Indosat
		{"0878-1234-5678", "+6287812345678"}, // XL
		{"0838 1234 5678", "+6283812345678"}, // Axis
		{"0896-1234-5678", "+6289612345678"}, // Tri
		{"0881-234-567", "+62881234567"},     // Smartfren
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil {
			t.Errorf("Normalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeRejects(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"blank", "   "},
		{"separators only", "-- ()."},
		{"plus only", "+"},
		{"fixed line Jakarta/Depok", "021-7773610"},
		{"fixed line 8 digits", "(021) 29402287"},
		{"fixed line Bogor", "(0251) 8602514"},
		{"fixed line E.164", "+62 21 7773610"},
		{"fixed line Aceh with 62", "+62 628 12345678"},
		{"short code", "112"},
		{"call center 1-500", "1-500-664"},
		{"US", "+1 202 555 0123"},
		{"Malaysia mobile", "+60 12-345 6789"},
		{"Singapore", "+65 9123 4567"},
		{"too short", "0812345"},
		{"too short NSN 8", "081234567"},
		{"too long", "08123456789012"},
		{"far too long", "0812345678901234567890"},
		{"over raw limit", "0812" + strings.Repeat(" ", 80) + "34567890"},
		{"prefix 084 unassigned", "08412345678"},
		{"prefix 080", "08012345678"},
		{"letters", "0812-CALL-ME"},
		{"vanity", "0812ABCDEFGH"},
		{"extension", "0812 3456 7890 ext 12"},
		{"hash extension", "081234567890#12"},
		{"plus in the middle", "0812+34567890"},
		{"two plus", "++6281234567890"},
		{"plus without country code", "+081234567890"},
		{"international prefix", "006281234567890"},
		{"leading 1", "1234567890"},
		{"words", "nomor saya nol delapan"},
		{"star", "*123#"},
		{"comma", "0812,3456,7890"},
		{"full-width digits", "０８１２３４５６７８９０"},
		{"invalid utf8", "0812\xff34567890"},
		{"country code twice", "+62 62 812 3456 7890"},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err == nil {
			t.Errorf("%s: Normalize(%q) = %q, want error", tt.name, tt.in, got)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v does not wrap ErrInvalid", tt.name, err)
		}
		if got != "" {
			t.Errorf("%s: Normalize(%q) returned %q with an error", tt.name, tt.in, got)
		}
		if len(tt.in) >= 8 && strings.Contains(err.Error(), tt.in) {
			t.Errorf("%s: error %q repeats the input", tt.name, err)
		}
	}
}

func TestNormalizeField(t *testing.T) {
	got, err := NormalizeField("citizen.phone", "0812-3456-7890")
	if err != nil || got != "+6281234567890" {
		t.Fatalf("NormalizeField = %q, %v", got, err)
	}

	_, err = NormalizeField("citizen.phone", "021 7773610")
	if err == nil {
		t.Fatal("NormalizeField accepted a fixed line")
	}
	if code := aduan.ErrorCode(err); code != aduan.EINVALID {
		t.Errorf("ErrorCode = %q, want %q", code, aduan.EINVALID)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Error("error does not wrap ErrInvalid")
	}
	de, ok := aduan.AsError(err)
	if !ok {
		t.Fatal("error is not an *aduan.Error")
	}
	if de.Key != "err.invalid_input" || len(de.Fields) != 1 ||
		de.Fields[0].Field != "citizen.phone" || de.Fields[0].Key != "err.field.phone" {
		t.Errorf("domain error = %+v", de)
	}
	if err.Error() != de.Error() {
		t.Errorf("Error() = %q, want the domain error's %q", err.Error(), de.Error())
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		e164, msisdn, display, last4 string
	}{
		{"+6281234567890", "6281234567890", "0812-3456-7890", "7890"},
		{"+628111232222", "628111232222", "0811-1232-222", "2222"},
		{"+62812345678", "62812345678", "0812-345-678", "5678"},
		{"+62812345678901", "62812345678901", "0812-3456-78901", "8901"},
		{"+6285111606567", "6285111606567", "0851-1160-6567", "6567"},
	}
	for _, tt := range tests {
		if got := MSISDN(tt.e164); got != tt.msisdn {
			t.Errorf("MSISDN(%q) = %q, want %q", tt.e164, got, tt.msisdn)
		}
		if got := Display(tt.e164); got != tt.display {
			t.Errorf("Display(%q) = %q, want %q", tt.e164, got, tt.display)
		}
		if got := Last4(tt.e164); got != tt.last4 {
			t.Errorf("Last4(%q) = %q, want %q", tt.e164, got, tt.last4)
		}
		for _, s := range []string{tt.msisdn, tt.display} {
			if got, err := Normalize(s); err != nil || got != tt.e164 {
				t.Errorf("Normalize(%q) = %q, %v; want %q", s, got, err, tt.e164)
			}
		}
	}
	// Values that are not accepted numbers pass through Display unchanged.
	for _, s := range []string{"", "garbage", "+12025550123"} {
		if got := Display(s); got != s {
			t.Errorf("Display(%q) = %q, want it unchanged", s, got)
		}
	}
	for in, want := range map[string]string{"": "", "+62": "62", "12": "12", "+6281234567890": "7890"} {
		if got := Last4(in); got != want {
			t.Errorf("Last4(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkAccepted holds the properties every accepted number has.
func checkAccepted(t *testing.T, raw, got string) {
	t.Helper()
	if !strings.HasPrefix(got, "+628") {
		t.Fatalf("Normalize(%q) = %q: not +628…", raw, got)
	}
	for _, c := range got[1:] {
		if c < '0' || c > '9' {
			t.Fatalf("Normalize(%q) = %q: non-digit after '+'", raw, got)
		}
	}
	if n := len(got); n < 12 || n > 15 {
		t.Fatalf("Normalize(%q) = %q: length %d", raw, got, n)
	}
	for _, s := range []string{got, MSISDN(got), Display(got)} {
		again, err := Normalize(s)
		if err != nil {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q): %v", raw, got, s, err)
		}
		if again != got {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q", raw, got, s, again)
		}
	}
	if l := Last4(got); l != got[len(got)-4:] {
		t.Fatalf("Last4(%q) = %q", got, l)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890",
		"(021) 7773610", "+1 202 555 0123", "0812345", "", "0812-CALL-ME",
		"+62 (0) 812 3456 7890", "62812345678", "0881-234-567",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := Normalize(raw)
		if err != nil {
			if got != "" {
				t.Fatalf("Normalize(%q) = %q with error %v", raw, got, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Normalize(%q): error %v does not wrap ErrInvalid", raw, err)
			}
			return
		}
		checkAccepted(t, raw, got)
	})
}

func BenchmarkNormalize(b *testing.B) {
	inputs := []string{"0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(021) 7773610", "garbage"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _ = Normalize(inputs[i%len(inputs)])
	}
}

// TestParse: Parse takes mobiles and landlines (a landline is a call-back
// number), ParseMobileField refuses a landline with its own message, and
// fixed lines read back in the national format with a tel: link.
func TestParse(t *testing.T) {
	for in, want := range map[string]aduan.Phone{
		"021-7720 0123":    "+622177200123",
		"(021) 7773610":    "+62217773610",
		"(0251) 8602514":   "+622518602514",
		"+62 21 7773610":   "+62217773610",
		"62 21 29402287":   "+622129402287",
		"0812-3456-7890":   "+6281234567890",
		"62812345678":      "+62812345678", // a mobile, as Normalize reads it
		"(021) 29402287  ": "+622129402287",
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
		if want.Mobile() == want.Landline() {
			t.Errorf("%q: mobile %v, landline %v", want, want.Mobile(), want.Landline())
		}
	}
	for _, in := range []string{"", "12", "021", "0812-CALL-ME", "+1 202 555 0123", "00622177200123", "217773610", "0211234", "0812+3456789"} {
		if got, err := Parse(in); err == nil || !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) = %q, %v; want ErrInvalid", in, got, err)
		} else if strings.Contains(err.Error(), in) && in != "" {
			t.Errorf("Parse(%q): the error holds the input: %v", in, err)
		}
	}
	if p, err := ParseField("phone", "  "); err != nil || p != "" {
		t.Errorf("ParseField(blank) = %q, %v", p, err)
	}
	_, err := ParseField("phone", "12")
	if e, ok := aduan.AsError(err); !ok || e.Fields[0].Field != "phone" || e.Fields[0].Key != "err.field.phone_number" {
		t.Errorf("ParseField(12): %v", err)
	}
	_, err = ParseMobileField("whatsapp", "(021) 7773610")
	if e, ok := aduan.AsError(err); !ok || e.Fields[0].Field != "whatsapp" || e.Fields[0].Key != "err.field.phone_landline" {
		t.Errorf("ParseMobileField(landline): %v", err)
	}
	_, err = ParseMobileField("whatsapp", "12")
	if e, ok := aduan.AsError(err); !ok || e.Fields[0].Key != "err.field.phone" {
		t.Errorf("ParseMobileField(12): %v", err)
	}
	if p, err := ParseMobileField("whatsapp", "0851-1160-6567"); err != nil || p != "+6285111606567" {
		t.Errorf("ParseMobileField(mobile) = %q, %v", p, err)
	}
	if got := Display("+62217773610"); got != "(021) 7773610" {
		t.Errorf("Display(landline) = %q", got)
	}
	if got := aduan.Phone("+62217773610").Tel(); got != "tel:+62217773610" {
		t.Errorf("Tel = %q", got)
	}
}
