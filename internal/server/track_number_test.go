package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestTrackAcceptsTypedNumbers: /lacak finds one complaint from its number
// as citizens type it (issue 18): run together in lower case, with spaces
// and the zeros dropped, and the bare sequence with this year implied. Each
// shows the complaint under its written number; before, all but the
// written form were refused as not a number.
func TestTrackAcceptsTypedNumbers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		c := e.newComplaint(t, "0812-7777-0308", nil)
		number := apitest.Str(c, "number")
		year, seq, ok := aduan.ParseNumber(number)
		if !ok {
			t.Fatalf("number %q", number)
		}
		for _, typed := range []string{
			strings.ToLower(strings.ReplaceAll(number, "-", "")), // adu2026000001
			fmt.Sprintf("ADU %d %d", year, seq),                  // ADU 2026 1
			fmt.Sprintf(" %d ", seq),                             // 1
		} {
			res, err := http.PostForm(e.url+"/lacak", url.Values{"nomor": {typed}, "hp4": {"0308"}})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(body), `id="result"`) || !strings.Contains(string(body), "<h2>"+number) {
				t.Errorf("%q: %d, the complaint %s is not shown", typed, res.StatusCode, number)
			}
		}
		// Not a number: refused as before, what was typed shown back.
		res, err := http.PostForm(e.url+"/lacak", url.Values{"nomor": {"ADU-26-x"}, "hp4": {"0308"}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 400 || !strings.Contains(string(body), `value="ADU-26-x"`) {
			t.Errorf("not a number: %d", res.StatusCode)
		}
	})
}
