package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// TestEveryKeyUsedIsInTheCatalogue scans the source for message keys, so
// that a string added without a translation fails the build's tests rather
// than reaching a user as a bare key.
func TestEveryKeyUsedIsInTheCatalogue(t *testing.T) {
	root := "../.."
	keyRe := regexp.MustCompile(`"((?:err|status|action|step|role|channel|priority|conf|source|label|cli|web|rep|msg|o311|pub)\.[a-z0-9_.]*[a-z0-9_])"`)
	notFoundRe := regexp.MustCompile(`notFound\("([a-z_]+)"\)`)
	tmplKeyRe := regexp.MustCompile(`T "([a-z0-9_]+\.[a-z0-9_.]*[a-z0-9_])"`)
	seen := 0
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return err
		}
		if strings.HasSuffix(path, ".html") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range tmplKeyRe.FindAllStringSubmatch(string(b), -1) {
				seen++
				if !Has(m[1]) {
					t.Errorf("%s: key %q is not in the catalogue", path, m[1])
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			seen++
			if !Has(m[1]) {
				t.Errorf("%s: key %q is not in the catalogue", path, m[1])
			}
		}
		for _, m := range notFoundRe.FindAllStringSubmatch(string(b), -1) {
			if !Has("err.not_found." + m[1]) {
				t.Errorf("%s: key err.not_found.%s is not in the catalogue", path, m[1])
			}
		}
		return nil
	})
	if seen < 50 {
		t.Errorf("only %d keys found: is the scan looking in the right place?", seen)
	}
	// Keys built at run time from the domain's lists.
	var dynamic []string
	for _, s := range aduan.Statuses {
		dynamic = append(dynamic, "status."+string(s))
	}
	for _, tr := range aduan.Transitions {
		dynamic = append(dynamic, "action."+string(tr.Action))
	}
	for _, st := range aduan.Steps {
		dynamic = append(dynamic, "step."+string(st.Key), "console.due."+string(st.Key))
	}
	for _, r := range aduan.Roles {
		dynamic = append(dynamic, "role."+string(r))
	}
	for _, c := range aduan.Channels {
		dynamic = append(dynamic, "channel."+string(c))
	}
	for _, p := range aduan.Priorities {
		dynamic = append(dynamic, "priority."+string(p))
	}
	for _, c := range aduan.Confidentialities {
		dynamic = append(dynamic, "conf."+string(c))
	}
	for _, tab := range []string{"users", "agencies", "categories", "standards", "holidays", "settings", "tokens"} {
		dynamic = append(dynamic, "web.admin."+tab)
	}
	for _, k := range aduan.SettingKeys {
		dynamic = append(dynamic, "web.setting."+k)
	}
	for _, u := range []aduan.Unit{aduan.UnitMinute, aduan.UnitHour, aduan.UnitWorkday} {
		dynamic = append(dynamic, "web.unit."+string(u))
	}
	for _, tr := range aduan.Transitions {
		dynamic = append(dynamic, "web.ok.done."+string(tr.Action))
	}
	for _, s := range []aduan.AnswerSource{aduan.SourceDirect, aduan.SourceLibrary, aduan.SourceComplaint, aduan.SourceWeb, aduan.SourceAgency} {
		dynamic = append(dynamic, "source."+string(s))
	}
	for _, k := range dynamic {
		if !Has(k) {
			t.Errorf("key %q is not in the catalogue", k)
		}
	}
}

func TestBothLanguagesAndPlaceholders(t *testing.T) {
	verbs := regexp.MustCompile(`%[sdvq]`)
	for k, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: a language is empty", k)
		}
		if len(verbs.FindAllString(m[0], -1)) != len(verbs.FindAllString(m[1], -1)) {
			t.Errorf("%s: the languages take different arguments: %q / %q", k, m[0], m[1])
		}
	}
}

func TestTranslateArgsThatAreKeys(t *testing.T) {
	args := []any{"action.relay", "status.recorded"}
	if got := T(ID, "err.transition", args...); got != `Langkah "Sampaikan jawaban via SMS" tidak dapat dilakukan saat status pengaduan "Tercatat".` {
		t.Errorf("id: %s", got)
	}
	if got := T(EN, "err.transition", args...); !strings.Contains(got, `"Relay answer by SMS"`) || !strings.Contains(got, `"Recorded"`) {
		t.Errorf("en: %s", got)
	}
	if args[0] != "action.relay" {
		t.Error("T changed the caller's arguments")
	}
	if got := T(EN, "no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key: %s", got)
	}
}

func TestNegotiate(t *testing.T) {
	for in, want := range map[string]Lang{
		"":                          ID,
		"en":                        EN,
		"en-US,en;q=0.9":            EN,
		"id-ID,id;q=0.9,en;q=0.8":   ID,
		"fr-FR,en;q=0.5":            EN,
		"de":                        ID,
		"en;q=0.3,id;q=0.7":         ID,
		"in":                        ID,
		"EN-gb":                     EN,
		"*":                         ID,
		"en;q=garbage":              EN,
		"id;q=0.5, en;q=0.5":        ID,
		"fr, id-ID;q=0.8, en;q=0.9": EN,
	} {
		if got := Negotiate(in); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestIndonesianDates(t *testing.T) {
	ts := time.Date(2026, 8, 17, 2, 5, 0, 0, time.UTC) // 09.05 WIB
	if got := DateTime(ID, ts); got != "17 Agustus 2026 09.05 WIB" {
		t.Errorf("DateTime id = %q", got)
	}
	if got := DateTime(EN, ts); got != "17 August 2026 09:05 WIB" {
		t.Errorf("DateTime en = %q", got)
	}
	if got := Weekday(ID, ts); got != "Senin" {
		t.Errorf("Weekday = %q", got)
	}
	late := time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC) // already 1 Jan in WIB
	if got := Date(ID, late); got != "1 Januari 2027" {
		t.Errorf("Date across midnight WIB = %q", got)
	}
	for d, want := range map[time.Duration]string{
		90 * time.Minute:        "1 jam 30 menit",
		25 * time.Minute:        "25 menit",
		26 * time.Hour:          "1 hari 2 jam",
		20 * time.Second:        "kurang dari 1 menit",
		-(5 * time.Minute):      "-5 menit",
		2*time.Hour + time.Hour: "3 jam",
	} {
		if got := Duration(ID, d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Duration(EN, 61*time.Minute); got != "1 hour 1 minute" {
		t.Errorf("Duration en = %q", got)
	}
}

func TestNoKeyDefinedTwice(t *testing.T) {
	if len(duplicateKeys) > 0 {
		t.Errorf("keys defined in more than one area: %v", duplicateKeys)
	}
}
