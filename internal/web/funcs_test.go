package web

import (
	"github.com/kotakita/aduan"
	"net/http/httptest"
	"net/url"
	"strings"
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
		if got, want := displayPhone(aduan.Phone(e)), phone.Display(e); got != want {
			t.Errorf("displayPhone(%s) = %q, the library says %q", e, got, want)
		}
	}
	if displayPhone("") != "" {
		t.Error("empty number")
	}
}

// The queue's own links keep its filters: a query string is not to be
// escaped into one value.
func TestQueueLinksKeepFilters(t *testing.T) {
	w := &Web{}
	pages, err := w.templates()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	d := &queueData{Self: "/queue?q=Cisalak&status=all", Refresh: "/queue?q=Cisalak&status=all", Q: url.Values{"q": {"Cisalak"}}}
	if err := pages["queue"].ExecuteTemplate(&b, "fragment:queue-rows", &Page{Data: d}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`hx-get="/queue?q=Cisalak&amp;status=all"`, `href="/queue?q=Cisalak&amp;status=all"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("queue rows lack %s:\n%s", want, b.String())
		}
	}
}

func TestRedirectPutsTheFlashBeforeTheFragment(t *testing.T) {
	rec := httptest.NewRecorder()
	redirect(rec, httptest.NewRequest("POST", "/desk", nil), "/complaints/7?do=answer#act-answer", "web.ok.saved")
	if got := rec.Header().Get("Location"); got != "/complaints/7?do=answer&ok=web.ok.saved#act-answer" {
		t.Errorf("Location %q", got)
	}
}
