package web

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/channel/sms"
)

// jsString reads the string a `var name = "…" + "…";` of app.js holds.
func jsString(t *testing.T, src, name string) string {
	t.Helper()
	decl := regexp.MustCompile(`var ` + name + ` = ((?:"(?:[^"\\]|\\.)*"\s*\+?\s*)+);`).FindStringSubmatch(src)
	if decl == nil {
		t.Fatalf("app.js has no %s", name)
	}
	var b strings.Builder
	for _, lit := range regexp.MustCompile(`"(?:[^"\\]|\\.)*"`).FindAllString(decl[1], -1) {
		s, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		b.WriteString(s)
	}
	return b.String()
}

// TestAppJSCountsSMSLikeTheServer: the SMS counter of app.js holds the same
// GSM 03.38 alphabet as the server, so the count an operator sees while
// typing is the count the step will check.
func TestAppJSCountsSMSLikeTheServer(t *testing.T) {
	b, err := embedded.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	basic, ext := jsString(t, src, "gsmBasic"), jsString(t, src, "gsmExt")
	// 128 codes, less the escape to the extension table.
	if len([]rune(basic)) != 127 {
		t.Errorf("app.js basic alphabet has %d characters, want 127", len([]rune(basic)))
	}
	for r := rune(0); r < 0x2200; r++ {
		c := sms.CountText(string(r))
		inBasic, inExt := strings.ContainsRune(basic, r), strings.ContainsRune(ext, r)
		switch {
		case c.Encoding == sms.GSM7 && c.Units == 1 && !inBasic:
			t.Errorf("%q is one GSM-7 septet on the server but not in app.js", r)
		case c.Encoding == sms.GSM7 && c.Units == 2 && !inExt:
			t.Errorf("%q is a GSM-7 escape on the server but not in app.js", r)
		case c.Encoding == sms.UCS2 && (inBasic || inExt):
			t.Errorf("%q is UCS-2 on the server but GSM-7 in app.js", r)
		}
	}
}
