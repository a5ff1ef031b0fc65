package server_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestOpen311ServiceConfiguredInConsole: the admin changes a service in
// the console (type, keywords, one group, description, notice, two
// attributes, one a required value list) and Open311 clients see it in
// services.xml and the service's definition. The seed's two-category
// LAPOR! mapping gives one group, not "A; TIK"; a second group, an
// attribute without its question or a value list without values is
// refused with the field named and nothing changed; an operator may not.
func TestOpen311ServiceConfiguredInConsole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		services := func() string {
			t.Helper()
			return string(e.c.Do("GET", "/open311/v2/services.xml", nil).Raw)
		}
		svc := func(xml string) string {
			t.Helper()
			i := strings.Index(xml, "<service_code>PERIZINAN</service_code>")
			if i < 0 {
				t.Fatalf("PERIZINAN is not offered: %s", xml)
			}
			start := strings.LastIndex(xml[:i], "<service>")
			end := strings.Index(xml[i:], "</service>")
			return xml[start : i+end]
		}
		before := svc(services())
		if !strings.Contains(before, "<group>PEKERJAAN UMUM DAN PENATAAN RUANG</group>") {
			t.Errorf("the seed's group is not one group: %s", before)
		}

		res, page := b.get(AD, "/admin/open311-services?code=PERIZINAN")
		if res.StatusCode != 200 || !strings.Contains(page, `action="/admin/open311-services/PERIZINAN"`) {
			t.Fatalf("the service's form: %d", res.StatusCode)
		}
		form := url.Values{"type": {"batch"}, "keywords": {"izin bangunan; PBG; OSS"}, "group": {"PERIZINAN; TIK"},
			"description": {"Izin bangunan dan izin usaha"}, "notice": {"Permohonan izin ditangani DPMPTSP dalam 5 hari kerja."},
			"attr_code.0": {"JENIS"}, "attr_datatype.0": {"singlevaluelist"}, "attr_description.0": {"Jenis izin"}, "attr_order.0": {"1"},
			"attr_required.0": {"1"}, "attr_values.0": {"pbg=PBG / IMB\nusaha=Izin usaha"},
			"attr_code.1": {"NOMOR"}, "attr_datatype.1": {"string"}, "attr_description.1": {"Nomor permohonan, bila ada"}, "attr_order.1": {"2"},
			"attr_code.2": {""}}
		res, page = b.post(AD, "/admin/open311-services/PERIZINAN", form)
		if res.StatusCode != 400 || !strings.Contains(page, "Satu kelompok saja") {
			t.Fatalf("two groups: %d, want 400 naming the group", res.StatusCode)
		}
		if got := svc(services()); got != before {
			t.Errorf("a refused form changed the service:\n%s\n%s", before, got)
		}
		form.Set("group", "PERIZINAN")
		form.Set("attr_values.0", "")
		if res, page = b.post(AD, "/admin/open311-services/PERIZINAN", form); res.StatusCode != 400 || !strings.Contains(page, "JENIS.values") {
			t.Fatalf("a value list without values: %d", res.StatusCode)
		}
		form.Set("attr_values.0", "pbg=PBG / IMB\nusaha=Izin usaha")
		if res, _ = b.post(OP, "/admin/open311-services/PERIZINAN", form); res.StatusCode != 403 {
			t.Errorf("an operator saved a service: %d", res.StatusCode)
		}
		if res, _ = b.post(AD, "/admin/open311-services/PERIZINAN", form); res.StatusCode != 303 {
			t.Fatalf("save: %d", res.StatusCode)
		}
		after := svc(services())
		for _, want := range []string{"<type>batch</type>", "<group>PERIZINAN</group>", "<keywords>izin bangunan, PBG, OSS</keywords>",
			"<description>Izin bangunan dan izin usaha</description>", "<metadata>true</metadata>"} {
			if !strings.Contains(after, want) {
				t.Errorf("services.xml lacks %s: %s", want, after)
			}
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, e.c.Do("GET", "/open311/v2/services/PERIZINAN.json", nil).Raw); err != nil {
			t.Fatal(err)
		}
		def := compact.String()
		for _, want := range []string{`"code":"JENIS"`, `"datatype":"singlevaluelist"`, `"required":true`, `"key":"usaha","name":"Izin usaha"`,
			`"code":"NOMOR"`, `"order":2`, `"description":"Jenis izin"`} {
			if !strings.Contains(def, want) {
				t.Errorf("the definition lacks %s: %s", want, def)
			}
		}
		if strings.Index(def, `"JENIS"`) > strings.Index(def, `"NOMOR"`) {
			t.Errorf("the attributes are out of order: %s", def)
		}
		// The form shows what was saved; emptying the group takes the
		// category's again.
		_, page = b.get(AD, "/admin/open311-services?code=PERIZINAN")
		if !strings.Contains(page, `name="group" value="PERIZINAN"`) || !strings.Contains(page, "Izin usaha") {
			t.Error("the form does not show the saved service")
		}
		form.Set("group", "")
		b.post(AD, "/admin/open311-services/PERIZINAN", form)
		if !strings.Contains(svc(services()), "<group>PEKERJAAN UMUM DAN PENATAAN RUANG</group>") {
			t.Error("an emptied group does not fall back to the category's")
		}
	})
}
