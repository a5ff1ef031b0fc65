package web

import (
	"testing"

	"github.com/kotakita/aduan/internal/phone"
)

// The fast path of the queue's phone numbers shows them as the phone
// library would.
func TestDisplayPhoneMatchesTheLibrary(t *testing.T) {
	for _, in := range []string{"081234567890", "0812-3456-789", "0858 1234 5678 9", "+6281298765432", "6281199998888", "08551234567"} {
		e, err := phone.Normalize(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got, want := displayPhone(e), phone.Display(e); got != want {
			t.Errorf("displayPhone(%s) = %q, the library says %q", e, got, want)
		}
	}
	if displayPhone("") != "" {
		t.Error("empty number")
	}
}
