// Package seed carries the City of Depok's reference data (agencies,
// kecamatan and kelurahan, complaint categories, holidays) that a new install
// starts with and that `aduan serve --demo` loads. The files in data/ are
// copies of the project's shared data, embedded unchanged; see
// data/README.md for where each comes from.
//
// Once loaded into a database the data is edited in the app; this package
// only supplies the defaults.
package seed

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

//go:embed data/*.csv data/*.json data/README.md
var files embed.FS

// Files returns the embedded data files (data/…), including those Load does
// not parse (sla_rules.json, lapor_categories_taxonomy.json,
// phone_formats.json), for packages that want them.
func Files() fs.FS { return files }

// Data is the parsed seed.
type Data struct {
	Agencies   []aduan.Agency
	Kecamatan  []aduan.Kecamatan
	Kelurahan  []aduan.Kelurahan
	Categories []CategorySeed
	Holidays   []aduan.Holiday // libur nasional and cuti bersama, by date
	// Tiers names the settlement tier of the categories that are not
	// normative (tiers.go), by category code.
	Tiers map[string]aduan.Tier

	// AgencyAliases holds the other names each agency goes by (the alias
	// column: "Damkar", "PDAM Depok", …), by agency code, for matching
	// what callers say. aduan.Agency has no field for them.
	AgencyAliases map[string][]string
}

// CategorySeed is a category before it is stored. Agencies get their IDs
// from the database, so the seed names the default agency by code; the
// loader sets DefaultAgencyID once the agencies are stored.
type CategorySeed struct {
	aduan.Category

	// DefaultAgencyCode is the code of the agency that usually handles the
	// category (instansi_utama), or "" when the file names no agency of
	// the agency list: LAYANAN_WILAYAH says "KELURAHAN", meaning the
	// kelurahan of the complaint's location, which is chosen per complaint.
	DefaultAgencyCode string

	// SupportAgencies is the instansi_pendukung text as written: the
	// agencies that help, with notes on when ("DISDAMKAR
	// (evakuasi/kebencanaan); DLHK (sampah di saluran)").
	SupportAgencies string
}

// Categories not offered to citizens on the web form and Open311 (Public
// false). They stay active, so operators can still record a call under them.
var notPublic = map[string]string{
	// Crime is for the police: a web form would suggest the city responds
	// to it, and an emergency must go to 110/112 at once.
	"KRIMINAL": "luar kewenangan kota; arahkan ke 110/112",
	// Madrasah, KUA and haji belong to the Ministry of Religious Affairs.
	"KEAGAMAAN": "luar kewenangan kota (Kemenag)",
	// A request for public information is not a complaint: it follows
	// UU 14/2008 through the PPID, with its own deadlines.
	"INFORMASI_PUBLIK": "bukan pengaduan: jalur PPID (UU 14/2008)",
}

// Load parses the embedded files.
func Load() (*Data, error) {
	d := &Data{AgencyAliases: map[string][]string{}}
	var err error
	if d.Agencies, err = loadAgencies(d.AgencyAliases); err != nil {
		return nil, err
	}
	if d.Kecamatan, err = loadKecamatan(); err != nil {
		return nil, err
	}
	if d.Kelurahan, err = loadKelurahan(); err != nil {
		return nil, err
	}
	if d.Categories, err = loadCategories(d.Agencies); err != nil {
		return nil, err
	}
	if d.Holidays, err = loadHolidays(); err != nil {
		return nil, err
	}
	if d.Tiers, err = loadTiers(d.Categories); err != nil {
		return nil, err
	}
	return d, nil
}

// loadTiers checks categoryTiers against the categories: each named
// category must exist and the tier be one of aduan.Tiers.
func loadTiers(cats []CategorySeed) (map[string]aduan.Tier, error) {
	known := map[string]bool{}
	for _, c := range cats {
		known[c.Code] = true
	}
	out := map[string]aduan.Tier{}
	for code, tier := range categoryTiers {
		if !known[code] || !tier.Valid() {
			return nil, fmt.Errorf("seed: tier %q of unknown category %q", tier, code)
		}
		out[code] = tier
	}
	return out, nil
}

// KelurahanByName finds a kelurahan by name, ignoring case, spaces, dots
// and dashes and a leading "Kelurahan"/"Kel." ("abadi jaya" finds
// Abadijaya). A name two kecamatan share (Curug is in Cimanggis and in
// Bojongsari) finds nothing: use KelurahanMatches and ask which.
func (d *Data) KelurahanByName(name string) (aduan.Kelurahan, bool) {
	m := d.KelurahanMatches(name)
	if len(m) != 1 {
		return aduan.Kelurahan{}, false
	}
	return m[0], true
}

// KelurahanMatches returns every kelurahan whose name matches as in
// KelurahanByName.
func (d *Data) KelurahanMatches(name string) []aduan.Kelurahan {
	key := nameKey(name)
	if key == "" {
		return nil
	}
	var out []aduan.Kelurahan
	for _, k := range d.Kelurahan {
		if nameKey(k.Name) == key {
			out = append(out, k)
		}
	}
	return out
}

// KecamatanOf returns the code of the kecamatan a kelurahan (by code) lies
// in, or "" for an unknown kelurahan.
func (d *Data) KecamatanOf(kelCode string) string {
	kelCode = strings.TrimSpace(kelCode)
	for _, k := range d.Kelurahan {
		if k.Code == kelCode {
			return k.KecamatanCode
		}
	}
	return ""
}

// Agency returns the agency with the given code.
func (d *Data) Agency(code string) (aduan.Agency, bool) {
	for _, a := range d.Agencies {
		if a.Code == code {
			return a, true
		}
	}
	return aduan.Agency{}, false
}

// Category returns the category with the given code.
func (d *Data) Category(code string) (CategorySeed, bool) {
	for _, c := range d.Categories {
		if c.Code == code {
			return c, true
		}
	}
	return CategorySeed{}, false
}

func nameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"kelurahan ", "kel. ", "kel "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '.', '-', '_':
			return -1
		}
		return r
	}, s)
}

// table is a CSV file read by column name.
type table struct {
	file string
	cols map[string]int
	rows [][]string
	line []int // the line each row starts on
}

func readCSV(name string, want ...string) (*table, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("seed: %s: header: %w", name, err)
	}
	t := &table{file: name, cols: map[string]int{}}
	for i, h := range header {
		t.cols[strings.TrimSpace(h)] = i
	}
	for _, w := range want {
		if _, ok := t.cols[w]; !ok {
			return nil, fmt.Errorf("seed: %s: no column %q", name, w)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("seed: %s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	return t, nil
}

func (t *table) get(row []string, col string) string {
	return strings.TrimSpace(row[t.cols[col]])
}

func (t *table) errorf(i int, format string, args ...any) error {
	return fmt.Errorf("seed: %s:%d: %s", t.file, t.line[i], fmt.Sprintf(format, args...))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func loadAgencies(aliases map[string][]string) ([]aduan.Agency, error) {
	t, err := readCSV("depok_agencies.csv", "kode", "nama", "singkatan", "alias", "jenis", "situs_web", "telepon", "catatan")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []aduan.Agency
	for i, r := range t.rows {
		a := aduan.Agency{
			Code:      t.get(r, "kode"),
			Name:      t.get(r, "nama"),
			ShortName: t.get(r, "singkatan"),
			Kind:      t.get(r, "jenis"),
			Website:   t.get(r, "situs_web"),
			Notes:     t.get(r, "catatan"),
			Active:    true,
		}
		if a.Phone, err = phone.ParseField("telepon", t.get(r, "telepon")); err != nil {
			return nil, t.errorf(i, "agency %q: %v", a.Code, err)
		}
		if err := a.Validate(); err != nil {
			return nil, t.errorf(i, "agency %q: %v", a.Code, err)
		}
		if seen[a.Code] {
			return nil, t.errorf(i, "duplicate agency %q", a.Code)
		}
		seen[a.Code] = true
		if al := splitList(t.get(r, "alias")); len(al) > 0 {
			aliases[a.Code] = al
		}
		out = append(out, a)
	}
	if err := loadAgencyContacts(out); err != nil {
		return nil, err
	}
	return out, nil
}

// loadAgencyContacts puts the contacts known for agencies into their fields
// (agency_contacts.csv, the project's own file: depok_agencies.csv is a copy
// of the shared data and stays unchanged). A contact that the shared file
// wrote in the notes is taken out of them (catatan_lama, replaced by
// catatan_baru), so that the number lives in one place; the fragment must
// be in the notes, so that a change of the shared file is noticed here.
func loadAgencyContacts(agencies []aduan.Agency) error {
	t, err := readCSV("agency_contacts.csv", "kode", "whatsapp", "email", "catatan_lama", "catatan_baru")
	if err != nil {
		return err
	}
	byCode := map[string]*aduan.Agency{}
	for i := range agencies {
		byCode[agencies[i].Code] = &agencies[i]
	}
	for i, r := range t.rows {
		a := byCode[t.get(r, "kode")]
		if a == nil {
			return t.errorf(i, "unknown agency %q", t.get(r, "kode"))
		}
		if a.WhatsApp, err = phone.ParseMobileField("whatsapp", t.get(r, "whatsapp")); err != nil {
			return t.errorf(i, "agency %q: whatsapp: %v", a.Code, err)
		}
		a.Email = t.get(r, "email")
		if old := t.get(r, "catatan_lama"); old != "" {
			if !strings.Contains(a.Notes, old) {
				return t.errorf(i, "agency %q: notes do not contain %q", a.Code, old)
			}
			a.Notes = strings.Replace(a.Notes, old, t.get(r, "catatan_baru"), 1)
		}
		if err := a.Validate(); err != nil {
			return t.errorf(i, "agency %q: %v", a.Code, err)
		}
	}
	return nil
}

func loadKecamatan() ([]aduan.Kecamatan, error) {
	t, err := readCSV("depok_kecamatan.csv", "kode_kemendagri", "kecamatan", "situs_web")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []aduan.Kecamatan
	for i, r := range t.rows {
		k := aduan.Kecamatan{
			Code:    t.get(r, "kode_kemendagri"),
			Name:    t.get(r, "kecamatan"),
			Website: t.get(r, "situs_web"),
		}
		if k.Code == "" || k.Name == "" {
			return nil, t.errorf(i, "kecamatan without code or name")
		}
		if seen[k.Code] {
			return nil, t.errorf(i, "duplicate kecamatan %q", k.Code)
		}
		seen[k.Code] = true
		out = append(out, k)
	}
	return out, nil
}

func loadKelurahan() ([]aduan.Kelurahan, error) {
	t, err := readCSV("depok_kelurahan.csv", "kode_kemendagri", "kelurahan", "kode_kecamatan", "kode_pos")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []aduan.Kelurahan
	for i, r := range t.rows {
		k := aduan.Kelurahan{
			Code:          t.get(r, "kode_kemendagri"),
			Name:          t.get(r, "kelurahan"),
			KecamatanCode: t.get(r, "kode_kecamatan"),
			PostalCode:    t.get(r, "kode_pos"),
		}
		if k.Code == "" || k.Name == "" || k.KecamatanCode == "" {
			return nil, t.errorf(i, "kelurahan without code, name or kecamatan")
		}
		if seen[k.Code] {
			return nil, t.errorf(i, "duplicate kelurahan %q", k.Code)
		}
		seen[k.Code] = true
		out = append(out, k)
	}
	return out, nil
}

func loadCategories(agencies []aduan.Agency) ([]CategorySeed, error) {
	t, err := readCSV("complaint_categories.csv", "kode", "nama", "kata_kunci", "instansi_utama", "instansi_pendukung", "kategori_lapor", "urgensi_default", "catatan")
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, a := range agencies {
		known[a.Code] = true
	}
	seen := map[string]bool{}
	var out []CategorySeed
	for i, r := range t.rows {
		code := t.get(r, "kode")
		prio, _ := ParsePriority(t.get(r, "urgensi_default"))
		c := CategorySeed{
			Category: aduan.Category{
				Code:          code,
				Name:          t.get(r, "nama"),
				Keywords:      splitList(t.get(r, "kata_kunci")),
				LaporCategory: t.get(r, "kategori_lapor"),
				Priority:      prio,
				Notes:         t.get(r, "catatan"),
				Public:        notPublic[code] == "",
				Active:        true,
			},
			SupportAgencies: t.get(r, "instansi_pendukung"),
		}
		if ag := t.get(r, "instansi_utama"); known[ag] {
			c.DefaultAgencyCode = ag
		}
		if err := c.Validate(); err != nil {
			return nil, t.errorf(i, "category %q: %v", c.Code, err)
		}
		if seen[c.Code] {
			return nil, t.errorf(i, "duplicate category %q", c.Code)
		}
		seen[c.Code] = true
		out = append(out, c)
	}
	return out, nil
}

// ParsePriority reads an urgensi_default value. The file gives a level
// (rendah, sedang, tinggi, darurat), a range ("rendah-sedang"), or either
// with a qualifier ("tinggi saat kejadian", "sedang (musiman Mei-Juli)"); the
// qualifier is dropped. A range is the spread an operator chooses from per
// complaint, so it defaults to sedang, the normal level, when sedang lies
// within it ("rendah-sedang", "sedang-darurat"), and to its upper end when it
// does not ("tinggi-darurat"). Anything else is sedang, with ok false.
func ParsePriority(s string) (p aduan.Priority, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) == 0 {
		return aduan.PriorityNormal, false
	}
	rank := func(p aduan.Priority) int {
		for i, q := range aduan.Priorities {
			if q == p {
				return i
			}
		}
		return -1
	}
	lo, hi, found := strings.Cut(f[0], "-")
	if !found {
		hi = lo
	}
	l, h := rank(aduan.Priority(lo)), rank(aduan.Priority(hi))
	if l < 0 || h < 0 || l > h {
		return aduan.PriorityNormal, false
	}
	if n := rank(aduan.PriorityNormal); l <= n && n <= h {
		return aduan.PriorityNormal, true
	}
	return aduan.Priorities[h], true
}

type holidayFile struct {
	LiburNasional []holidayEntry `json:"libur_nasional"`
	CutiBersama   []holidayEntry `json:"cuti_bersama"`
}

type holidayEntry struct {
	Tanggal string `json:"tanggal"`
	Nama    string `json:"nama"`
}

// cutiSuffix marks a cuti bersama whose name does not say so already.
const cutiSuffix = " (cuti bersama)"

func loadHolidays() ([]aduan.Holiday, error) {
	const name = "holidays_id_2026.json"
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	h, err := parseHolidays(b)
	if err != nil {
		return nil, fmt.Errorf("seed: %s: %w", name, err)
	}
	return h, nil
}

func parseHolidays(b []byte) ([]aduan.Holiday, error) {
	var f holidayFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	seen := map[string]string{}
	var out []aduan.Holiday
	add := func(e holidayEntry, cuti bool) error {
		h := aduan.Holiday{Date: strings.TrimSpace(e.Tanggal), Name: strings.TrimSpace(e.Nama)}
		if _, err := time.ParseInLocation("2006-01-02", h.Date, aduan.WIB); err != nil {
			return fmt.Errorf("bad date %q", e.Tanggal)
		}
		if h.Name == "" {
			return fmt.Errorf("%s has no name", h.Date)
		}
		if cuti && !strings.Contains(strings.ToLower(h.Name), "cuti bersama") {
			h.Name += cutiSuffix
		}
		if prev, ok := seen[h.Date]; ok {
			// The same day twice would be a data error, not two days off.
			return fmt.Errorf("%s listed twice (%q, %q)", h.Date, prev, h.Name)
		}
		seen[h.Date] = h.Name
		out = append(out, h)
		return nil
	}
	for _, e := range f.LiburNasional {
		if err := add(e, false); err != nil {
			return nil, err
		}
	}
	for _, e := range f.CutiBersama {
		if err := add(e, true); err != nil {
			return nil, err
		}
	}
	return aduan.SortedHolidays(out), nil
}
