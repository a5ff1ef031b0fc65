package seed

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

func load(t *testing.T) *Data {
	t.Helper()
	d, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return d
}

// dataLines counts the records of a CSV file as its lines less the header;
// none of the files has a field spanning lines.
func dataLines(t *testing.T, name string) int {
	t.Helper()
	b, err := fs.ReadFile(Files(), "data/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(bytes.TrimRight(b, "\n"), []byte("\n"))
}

func TestCounts(t *testing.T) {
	d := load(t)
	var hf holidayFile
	b, _ := fs.ReadFile(Files(), "data/holidays_id_2026.json")
	if err := json.Unmarshal(b, &hf); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		what       string
		got, lines int
		want       int // as wc -l showed when the data was copied in
	}{
		{"agencies", len(d.Agencies), dataLines(t, "depok_agencies.csv"), 46},
		{"kecamatan", len(d.Kecamatan), dataLines(t, "depok_kecamatan.csv"), 11},
		{"kelurahan", len(d.Kelurahan), dataLines(t, "depok_kelurahan.csv"), 63},
		{"categories", len(d.Categories), dataLines(t, "complaint_categories.csv"), 36},
		{"holidays", len(d.Holidays), len(hf.LiburNasional) + len(hf.CutiBersama), 25},
	}
	for _, tt := range tests {
		if tt.got != tt.lines {
			t.Errorf("%s: loaded %d, the file has %d", tt.what, tt.got, tt.lines)
		}
		if tt.got != tt.want {
			t.Errorf("%s: loaded %d, want %d (did the data change? update this test)", tt.what, tt.got, tt.want)
		}
	}
	// The holiday file's own _source says 17 libur nasional + 8 cuti bersama.
	if len(hf.LiburNasional) != 17 || len(hf.CutiBersama) != 8 {
		t.Errorf("holidays: %d libur nasional, %d cuti bersama; the source says 17 and 8",
			len(hf.LiburNasional), len(hf.CutiBersama))
	}
}

// The embedded files must be the shared data unchanged. The test runs only
// where shared/ is beside the module (as for developers and CI).
func TestDataMatchesShared(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("no shared data at %s", shared)
	}
	entries, err := fs.ReadDir(Files(), "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "README.md" || e.Name() == "agency_contacts.csv" {
			continue // the project's own files
		}
		ours, _ := fs.ReadFile(Files(), "data/"+e.Name())
		theirs, err := os.ReadFile(filepath.Join(shared, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if !bytes.Equal(ours, theirs) {
			t.Errorf("%s differs from shared/data: copy it again", e.Name())
		}
	}
}

func TestEmbeddedFiles(t *testing.T) {
	for _, name := range []string{
		"complaint_categories.csv", "depok_agencies.csv", "depok_kecamatan.csv",
		"depok_kelurahan.csv", "holidays_id_2026.json", "lapor_categories_taxonomy.json",
		"sla_rules.json", "phone_formats.json", "agency_contacts.csv", "README.md",
	} {
		b, err := fs.ReadFile(Files(), "data/"+name)
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
			continue
		}
		if strings.HasSuffix(name, ".json") && !json.Valid(b) {
			t.Errorf("%s is not valid JSON", name)
		}
	}
}

func TestValidate(t *testing.T) {
	d := load(t)
	for _, a := range d.Agencies {
		before := a
		if err := a.Validate(); err != nil {
			t.Errorf("agency %s: %v", a.Code, err)
		}
		if a.Code != before.Code || a.Name != before.Name {
			t.Errorf("agency %s: Validate changed it: %+v", before.Code, a)
		}
		if !a.Active {
			t.Errorf("agency %s is not active", a.Code)
		}
	}
	for _, c := range d.Categories {
		before := c.Code
		if err := c.Validate(); err != nil {
			t.Errorf("category %s: %v", c.Code, err)
		}
		if c.Code != before {
			t.Errorf("category %s: Validate changed the code to %s", before, c.Code)
		}
		if !c.Priority.Valid() {
			t.Errorf("category %s: priority %q", c.Code, c.Priority)
		}
		if !c.Active {
			t.Errorf("category %s is not active", c.Code)
		}
	}
	// Kecamatan, Kelurahan and Holiday have no Validate in the domain; check
	// what it would.
	kecRe := `^32\.76\.(0[1-9]|1[01])$`
	for _, k := range d.Kecamatan {
		if !matches(kecRe, k.Code) || k.Name == "" || !strings.HasPrefix(k.Website, "https://") {
			t.Errorf("kecamatan %+v", k)
		}
	}
	for _, k := range d.Kelurahan {
		if !strings.HasPrefix(k.Code, k.KecamatanCode+".") || !matches(`^32\.76\.\d\d\.\d{4}$`, k.Code) ||
			k.Name == "" || !matches(`^16[45]\d\d$`, k.PostalCode) {
			t.Errorf("kelurahan %+v", k)
		}
	}
	for _, h := range d.Holidays {
		if !matches(`^2026-\d\d-\d\d$`, h.Date) || h.Name == "" {
			t.Errorf("holiday %+v", h)
		}
	}
}

func TestAgencies(t *testing.T) {
	d := load(t)
	a, ok := d.Agency("DISDAMKAR")
	if !ok || a.Name != "Dinas Pemadam Kebakaran dan Penyelamatan" || a.ShortName != "DISDAMKAR" ||
		a.Kind != "dinas" || a.Website != "https://damkar.depok.go.id" || a.Phone != "+622177827280" ||
		!strings.Contains(a.Notes, "pohon tumbang") {
		t.Errorf("DISDAMKAR = %+v", a)
	}
	if got := d.AgencyAliases["DISDAMKAR"]; strings.Join(got, "|") != "Damkar|DPKP|Damkar dan Penyelamatan" {
		t.Errorf("DISDAMKAR aliases = %q", got)
	}
	if _, ok := d.AgencyAliases["KEMENAG"]; ok {
		t.Error("KEMENAG has no aliases in the file")
	}
	if a, _ := d.Agency("PLN-UP3-DEPOK"); a.Kind != "instansi_vertikal" || a.Website != "" {
		t.Errorf("PLN = %+v", a)
	}
	// Every kecamatan has its office among the agencies.
	for _, k := range d.Kecamatan {
		found := false
		for _, a := range d.Agencies {
			if a.Kind == "kecamatan" && a.Name == "Kecamatan "+k.Name {
				found = true
			}
		}
		if !found {
			t.Errorf("no agency for Kecamatan %s", k.Name)
		}
	}
}

func TestCategories(t *testing.T) {
	d := load(t)
	agencies := map[string]bool{}
	for _, a := range d.Agencies {
		agencies[a.Code] = true
	}
	var unresolved []string
	for _, c := range d.Categories {
		if c.DefaultAgencyCode == "" {
			unresolved = append(unresolved, c.Code)
		} else if !agencies[c.DefaultAgencyCode] {
			t.Errorf("category %s: agency %q is not in the agency list", c.Code, c.DefaultAgencyCode)
		}
		if len(c.Keywords) == 0 {
			t.Errorf("category %s has no keywords", c.Code)
		}
		for _, k := range c.Keywords {
			if k == "" || k != strings.TrimSpace(k) {
				t.Errorf("category %s: keyword %q", c.Code, k)
			}
		}
		if c.DefaultAgencyID != 0 || c.ID != 0 {
			t.Errorf("category %s has database IDs", c.Code)
		}
	}
	if strings.Join(unresolved, ",") != "LAYANAN_WILAYAH" {
		t.Errorf("categories without a default agency: %v, want only LAYANAN_WILAYAH (instansi_utama KELURAHAN)", unresolved)
	}

	for code, want := range map[string]string{
		"POHON_TUMBANG":          "DISDAMKAR",
		"PJU":                    "DISHUB",
		"LISTRIK_PLN":            "PLN-UP3-DEPOK",
		"JALAN_RUSAK":            "DPUPR",
		"AIR_PDAM":               "TIRTA-ASASTA",
		"INFORMASI_PUBLIK":       "PPID-UTAMA",
		"KEBAKARAN_PENYELAMATAN": "DISDAMKAR",
	} {
		c, ok := d.Category(code)
		if !ok || c.DefaultAgencyCode != want {
			t.Errorf("category %s: agency %q, want %q", code, c.DefaultAgencyCode, want)
		}
	}

	c, _ := d.Category("DRAINASE_BANJIR")
	if c.Name != "Drainase, genangan, banjir, turap/kali" || c.Priority != aduan.PriorityHigh ||
		c.SupportAgencies != "DISDAMKAR (evakuasi/kebencanaan); DLHK (sampah di saluran)" ||
		c.Notes != "Satgas SDA DPUPR per kecamatan" ||
		!strings.HasPrefix(c.LaporCategory, "PEKERJAAN UMUM > DRAINASE") ||
		strings.Join(c.Keywords, "|") != "saluran mampet|got|gorong-gorong|genangan|banjir|kali meluap|turap jebol|situ" {
		t.Errorf("DRAINASE_BANJIR = %+v", c)
	}
	if c, _ := d.Category("LISTRIK_PLN"); c.SupportAgencies != "" {
		t.Errorf("LISTRIK_PLN support agencies = %q, want none", c.SupportAgencies)
	}

	for code, want := range map[string]aduan.Priority{
		"POHON_TUMBANG": aduan.PriorityEmergency, // darurat
		"POHON_TAMAN":   aduan.PriorityNormal,    // rendah-sedang
		"KESEHATAN":     aduan.PriorityNormal,    // sedang-darurat
		"PENDIDIKAN":    aduan.PriorityNormal,    // sedang (musiman Mei-Juli)
		"PARKIR_LIAR":   aduan.PriorityLow,       // rendah
		"RSUD":          aduan.PriorityHigh,      // tinggi
	} {
		if c, _ := d.Category(code); c.Priority != want {
			t.Errorf("category %s: priority %q, want %q", code, c.Priority, want)
		}
	}

	var private []string
	for _, c := range d.Categories {
		if !c.Public {
			private = append(private, c.Code)
		}
	}
	if strings.Join(private, ",") != "INFORMASI_PUBLIK,KRIMINAL,KEAGAMAAN" {
		t.Errorf("non-public categories = %v", private)
	}
}

// Every urgensi_default in the file must be understood, not defaulted.
func TestPriorityValuesInFile(t *testing.T) {
	tb, err := readCSV("complaint_categories.csv", "urgensi_default")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range tb.rows {
		if v := tb.get(r, "urgensi_default"); v != "" {
			if _, ok := ParsePriority(v); !ok {
				t.Errorf("line %d: urgensi_default %q is not understood", tb.line[i], v)
			}
		}
	}
}

func TestParsePriority(t *testing.T) {
	tests := []struct {
		in   string
		want aduan.Priority
		ok   bool
	}{
		{"rendah", aduan.PriorityLow, true},
		{"sedang", aduan.PriorityNormal, true},
		{"tinggi", aduan.PriorityHigh, true},
		{"darurat", aduan.PriorityEmergency, true},
		{" Darurat ", aduan.PriorityEmergency, true},
		{"rendah-sedang", aduan.PriorityNormal, true},
		{"sedang-darurat", aduan.PriorityNormal, true},
		{"rendah-darurat", aduan.PriorityNormal, true},
		{"tinggi-darurat", aduan.PriorityEmergency, true},
		{"tinggi saat kejadian", aduan.PriorityHigh, true},
		{"sedang (musiman Mei-Juli)", aduan.PriorityNormal, true},
		{"", aduan.PriorityNormal, false},
		{"segera", aduan.PriorityNormal, false},
		{"darurat-rendah", aduan.PriorityNormal, false},
		{"rendah-", aduan.PriorityNormal, false},
	}
	for _, tt := range tests {
		got, ok := ParsePriority(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParsePriority(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKelurahan(t *testing.T) {
	d := load(t)
	kec := map[string]aduan.Kecamatan{}
	for _, k := range d.Kecamatan {
		kec[k.Code] = k
	}
	codes := map[string]bool{}
	perKec := map[string]int{}
	for _, k := range d.Kelurahan {
		if codes[k.Code] {
			t.Errorf("kelurahan code %s twice", k.Code)
		}
		codes[k.Code] = true
		if _, ok := kec[k.KecamatanCode]; !ok {
			t.Errorf("kelurahan %s: no kecamatan %s", k.Name, k.KecamatanCode)
		}
		perKec[k.KecamatanCode]++
		if got := d.KecamatanOf(k.Code); got != k.KecamatanCode {
			t.Errorf("KecamatanOf(%s) = %q, want %q", k.Code, got, k.KecamatanCode)
		}
	}
	// The kecamatan file says how many kelurahan each has, and the
	// kelurahan file names the kecamatan as well as its code.
	kt, err := readCSV("depok_kecamatan.csv", "kode_kemendagri", "jumlah_kelurahan")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range kt.rows {
		code := kt.get(r, "kode_kemendagri")
		n, _ := strconv.Atoi(kt.get(r, "jumlah_kelurahan"))
		if perKec[code] != n {
			t.Errorf("kecamatan %s: %d kelurahan loaded, the file says %d", code, perKec[code], n)
		}
	}
	lt, err := readCSV("depok_kelurahan.csv", "kecamatan", "kode_kecamatan")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range lt.rows {
		if k := kec[lt.get(r, "kode_kecamatan")]; k.Name != lt.get(r, "kecamatan") {
			t.Errorf("depok_kelurahan.csv:%d: kecamatan %q, code says %q", lt.line[i], lt.get(r, "kecamatan"), k.Name)
		}
	}

	if got := d.KecamatanOf("32.76.05.1003"); got != "32.76.05" {
		t.Errorf("KecamatanOf(Abadijaya) = %q", got)
	}
	for _, s := range []string{"", "32.76.05", "32.76.99.1001", "Abadijaya"} {
		if got := d.KecamatanOf(s); got != "" {
			t.Errorf("KecamatanOf(%q) = %q, want empty", s, got)
		}
	}
}

func TestKelurahanByName(t *testing.T) {
	d := load(t)
	tests := []struct {
		in, code string
	}{
		{"Abadijaya", "32.76.05.1003"},
		{"abadi jaya", "32.76.05.1003"},
		{"ABADIJAYA", "32.76.05.1003"},
		{"Kelurahan Pondok Cina", "32.76.06.1005"},
		{"kel. pondok cina", "32.76.06.1005"},
		{"  pasir   gunung selatan ", "32.76.02.1011"},
		{"Depok", "32.76.01.1006"},
		{"Depok Jaya", "32.76.01.1007"},
		{"Sukamaju", "32.76.08.1001"},
		{"Sukamaju Baru", "32.76.10.1004"},
		{"Bojong Pondok Terong", "32.76.07.1004"},
	}
	for _, tt := range tests {
		k, ok := d.KelurahanByName(tt.in)
		if !ok || k.Code != tt.code {
			t.Errorf("KelurahanByName(%q) = %+v, %v; want %s", tt.in, k, ok, tt.code)
		}
	}
	for _, s := range []string{"", "Margonda", "Curug", "Kelurahan", "Sukma"} {
		if k, ok := d.KelurahanByName(s); ok {
			t.Errorf("KelurahanByName(%q) = %+v, want none", s, k)
		}
	}
	// Curug is a kelurahan of Cimanggis and of Bojongsari.
	m := d.KelurahanMatches("curug")
	if len(m) != 2 || m[0].KecamatanCode != "32.76.02" || m[1].KecamatanCode != "32.76.11" {
		t.Errorf("KelurahanMatches(curug) = %+v", m)
	}
	// No other names collide once case and spaces are ignored.
	seen := map[string]string{}
	for _, k := range d.Kelurahan {
		key := nameKey(k.Name)
		if prev, ok := seen[key]; ok && k.Name != "Curug" {
			t.Errorf("kelurahan %s and %s have the same key", prev, k.Name)
		}
		seen[key] = k.Name
	}
}

func TestHolidays(t *testing.T) {
	d := load(t)
	byDate := map[string]string{}
	for i, h := range d.Holidays {
		if i > 0 && d.Holidays[i-1].Date >= h.Date {
			t.Errorf("holidays not in date order at %s", h.Date)
		}
		byDate[h.Date] = h.Name
	}
	if byDate["2026-08-17"] != "Proklamasi Kemerdekaan RI" {
		t.Errorf("2026-08-17 = %q", byDate["2026-08-17"])
	}
	if byDate["2026-01-01"] == "" || byDate["2026-12-25"] == "" {
		t.Error("new year or Christmas missing")
	}
	var hf holidayFile
	b, _ := fs.ReadFile(Files(), "data/holidays_id_2026.json")
	if err := json.Unmarshal(b, &hf); err != nil {
		t.Fatal(err)
	}
	for _, e := range hf.CutiBersama {
		name := byDate[e.Tanggal]
		if !strings.Contains(strings.ToLower(name), "cuti bersama") {
			t.Errorf("cuti bersama %s is named %q", e.Tanggal, name)
		}
	}
	for _, e := range hf.LiburNasional {
		if byDate[e.Tanggal] != e.Nama {
			t.Errorf("libur nasional %s is named %q, want %q", e.Tanggal, byDate[e.Tanggal], e.Nama)
		}
	}
	// The calendar takes them: Idul Fitri week 2026 has no working day
	// from Wednesday 18 to Tuesday 24 March.
	cal := aduan.NewCalendar(d.Holidays)
	for _, day := range []string{"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"} {
		tm, err := timeWIB(day)
		if err != nil {
			t.Fatal(err)
		}
		if cal.Workday(tm) {
			t.Errorf("%s is a working day", day)
		}
	}
	if tm, _ := timeWIB("2026-03-25"); !cal.Workday(tm) {
		t.Error("2026-03-25 is not a working day")
	}
}

func TestLoadIsFresh(t *testing.T) {
	a, b := load(t), load(t)
	a.Agencies[0].Name = "changed"
	a.Categories[0].Keywords[0] = "changed"
	if b.Agencies[0].Name == "changed" || b.Categories[0].Keywords[0] == "changed" {
		t.Error("two Loads share data")
	}
}

func TestParseHolidays(t *testing.T) {
	h, err := parseHolidays([]byte(`{"libur_nasional":[{"tanggal":"2027-12-25","nama":"Kelahiran Yesus Kristus"}],
		"cuti_bersama":[{"tanggal":"2027-12-24","nama":"Natal"},{"tanggal":"2027-12-26","nama":"Cuti Bersama Natal"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []aduan.Holiday{
		{Date: "2027-12-24", Name: "Natal (cuti bersama)"},
		{Date: "2027-12-25", Name: "Kelahiran Yesus Kristus"},
		{Date: "2027-12-26", Name: "Cuti Bersama Natal"},
	}
	if len(h) != len(want) {
		t.Fatalf("got %+v", h)
	}
	for i := range want {
		if h[i] != want[i] {
			t.Errorf("holiday %d = %+v, want %+v", i, h[i], want[i])
		}
	}
	for _, bad := range []string{
		`{`,
		`{"libur_nasional":[{"tanggal":"2027-02-30","nama":"x"}]}`,
		`{"libur_nasional":[{"tanggal":"27-12-25","nama":"x"}]}`,
		`{"libur_nasional":[{"tanggal":"2027-12-25","nama":" "}]}`,
		`{"libur_nasional":[{"tanggal":"2027-12-25","nama":"x"}],"cuti_bersama":[{"tanggal":"2027-12-25","nama":"y"}]}`,
	} {
		if h, err := parseHolidays([]byte(bad)); err == nil {
			t.Errorf("parseHolidays(%s) = %+v, want an error", bad, h)
		}
	}
}

func matches(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

func timeWIB(day string) (time.Time, error) {
	return time.ParseInLocation("2006-01-02 15:04", day+" 12:00", aduan.WIB)
}

// The starter answer folder parses, names only agencies and categories of
// the seed, and every entry says where its answer comes from.
func TestStarterLibrary(t *testing.T) {
	var f struct {
		Format  string `json:"format"`
		Entries []struct {
			Title      string   `json:"title"`
			Questions  []string `json:"questions"`
			Answer     string   `json:"answer"`
			SourceText string   `json:"source_text"`
			SourceURL  string   `json:"source_url"`
			Agency     string   `json:"agency"`
			Categories []string `json:"categories"`
			ReviewDue  string   `json:"review_due"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(StarterLibrary(), &f); err != nil {
		t.Fatal(err)
	}
	if f.Format != "aduan-library" || len(f.Entries) < 60 {
		t.Fatalf("format %q with %d entries, want aduan-library with at least 60", f.Format, len(f.Entries))
	}
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	agencies, categories := map[string]bool{}, map[string]bool{}
	for _, a := range d.Agencies {
		agencies[a.Code] = true
	}
	for _, c := range d.Categories {
		categories[c.Code] = true
	}
	for _, e := range f.Entries {
		if e.Title == "" || e.Answer == "" || len(e.Questions) == 0 || e.SourceText == "" || e.ReviewDue == "" {
			t.Errorf("%q: title, answer, questions, source and review date are all needed", e.Title)
		}
		if e.Agency != "" && !agencies[e.Agency] {
			t.Errorf("%q: unknown agency %s", e.Title, e.Agency)
		}
		for _, c := range e.Categories {
			if !categories[c] {
				t.Errorf("%q: unknown category %s", e.Title, c)
			}
		}
	}
}
