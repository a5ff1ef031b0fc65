package web

import "testing"

// TestSameOriginPath: every redirect target taken from a request stays on
// this site, in each way browsers are known to read a Location.
func TestSameOriginPath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"/desk", "/desk"},
		{"/complaints/12?tab=events#act-answer", "/complaints/12?tab=events#act-answer"},
		{"/pustaka/review?q=banjir%20besar", "/pustaka/review?q=banjir%20besar"},
		{"/", "/"},
		{"", ""},
		{"desk", ""},
		{"//evil.example", ""},
		{"///evil.example", ""},
		{"/\\evil.example", ""},
		{"/\\/evil.example", ""},
		{"\\\\evil.example", ""},
		{"/\t/evil.example", ""}, // next=/%09/evil.example once decoded
		{"/\n/evil.example", ""},
		{"/\r/evil.example", ""},
		{"/ /evil.example", ""},
		{"/\u00a0/evil.example", ""},
		{"/\x00/evil.example", ""},
		{"/\x7f/evil.example", ""},
		{"/desk\\..\\..\\evil", ""},
		{"https://evil.example/", ""},
		{"http:/evil.example", ""},
		{"javascript:alert(1)", ""},
		{" /desk", ""},
		{"\t//evil.example", ""},
		{"/\xff", ""},
	} {
		if got := sameOriginPath(tc.in); got != tc.want {
			t.Errorf("sameOriginPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
