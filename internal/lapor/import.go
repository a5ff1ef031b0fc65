package lapor

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kotakita/aduan"
)

// Mapping names, for each field of an Intake, the column of LAPOR!'s
// export that holds it, so that a changed export needs a new mapping file,
// not new code. Columns are matched by their header, without regard to
// case or surrounding spaces.
type Mapping struct {
	TrackingID    string `json:"tracking_id"`
	Text          string `json:"text"`
	Category      string `json:"category"`
	Dispositioned string `json:"dispositioned_at"`
	Name          string `json:"name"`
	Phone         string `json:"phone"`
	Email         string `json:"email"`
	Address       string `json:"address"`
	// Privacy is the column that says whether the report is anonymous or
	// confidential; its values are compared with AnonymousValue and
	// ConfidentialValue.
	Privacy           string `json:"privacy"`
	AnonymousValue    string `json:"anonymous_value"`
	ConfidentialValue string `json:"confidential_value"`
	// DateLayouts are the Go layouts tried in turn for Dispositioned, read
	// in Zone.
	DateLayouts []string `json:"date_layouts"`
	// Zone is the zone the export's times are written in (WIB, WITA or
	// WIT). LAPOR! is run from Jakarta and writes WIB, whatever the city's
	// own zone; a city whose export says otherwise names it here.
	Zone string `json:"time_zone"`
	// Sheet is the XLSX sheet to read; the first when empty.
	Sheet string `json:"sheet"`
}

// DefaultMapping reads the columns as LAPOR!'s admin export names them in
// the examples the city has seen; a city whose export differs saves its
// own mapping file.
var DefaultMapping = Mapping{
	TrackingID: "No. Tracking", Text: "Isi Laporan", Category: "Kategori", Dispositioned: "Tanggal Disposisi",
	Name: "Nama Pelapor", Phone: "No. HP", Email: "Email", Address: "Lokasi",
	Privacy: "Jenis Laporan", AnonymousValue: "Anonim", ConfidentialValue: "Rahasia",
	DateLayouts: []string{"02/01/2006 15:04", "02/01/2006", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "02-01-2006 15:04", "02-01-2006"},
}

// ParseMapping reads a mapping file (JSON). Fields left out keep
// DefaultMapping's.
func ParseMapping(b []byte) (Mapping, error) {
	m := DefaultMapping
	m.DateLayouts = nil
	if err := json.Unmarshal(b, &m); err != nil {
		return Mapping{}, aduan.Errorf(aduan.EINVALID, "lapor.err.mapping", err.Error())
	}
	if len(m.DateLayouts) == 0 {
		m.DateLayouts = DefaultMapping.DateLayouts
	}
	if m.TrackingID == "" || m.Text == "" {
		return Mapping{}, aduan.Errorf(aduan.EINVALID, "lapor.err.mapping", "tracking_id, text")
	}
	if _, err := aduan.Zone(m.Zone); err != nil {
		return Mapping{}, aduan.Errorf(aduan.EINVALID, "lapor.err.mapping", "time_zone: WIB, WITA, WIT")
	}
	return m, nil
}

// RowError is a row of an import that could not be read.
type RowError struct {
	Row   int
	Field string
	Key   string // i18n key
	Args  []any
}

// ParseFile reads LAPOR!'s export (CSV or XLSX, told by name's ending or
// the content) with m. It returns the rows it could read and, for the
// others, what is wrong; the header must name every mapped column that
// is required (tracking ID, text, disposition date).
func ParseFile(name string, data []byte, m Mapping) ([]Intake, []RowError, error) {
	var rows [][]string
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err = readXLSX(data, m.Sheet)
	} else {
		rows, err = readCSV(data)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 {
		return nil, nil, aduan.Errorf(aduan.EINVALID, "lapor.err.empty_file")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	idx := func(header string) int {
		if header == "" {
			return -1
		}
		if i, ok := col[strings.ToLower(strings.TrimSpace(header))]; ok {
			return i
		}
		return -1
	}
	var missing []string
	for _, h := range []string{m.TrackingID, m.Text, m.Dispositioned} {
		if idx(h) < 0 {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		return nil, nil, aduan.Errorf(aduan.EINVALID, "lapor.err.columns", strings.Join(missing, ", "))
	}
	zone, err := aduan.Zone(m.Zone)
	if err != nil {
		return nil, nil, aduan.Errorf(aduan.EINVALID, "lapor.err.mapping", "time_zone: WIB, WITA, WIT")
	}
	var out []Intake
	var bad []RowError
	for r, row := range rows[1:] {
		get := func(header string) string {
			if i := idx(header); i >= 0 && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		in := Intake{Row: r + 2, TrackingID: get(m.TrackingID), Text: get(m.Text), Category: get(m.Category), Name: get(m.Name),
			Phone: get(m.Phone), Email: get(m.Email), Address: get(m.Address)}
		if p := get(m.Privacy); p != "" {
			in.Anonymous = m.AnonymousValue != "" && strings.EqualFold(p, m.AnonymousValue)
			in.Confidential = m.ConfidentialValue != "" && strings.EqualFold(p, m.ConfidentialValue)
		}
		t, ok := parseDate(get(m.Dispositioned), m.DateLayouts, zone)
		if !ok {
			bad = append(bad, RowError{Row: in.Row, Field: "dispositioned_at", Key: "lapor.err.date", Args: []any{get(m.Dispositioned)}})
			continue
		}
		in.Dispositioned = t
		out = append(out, in)
	}
	return out, bad, nil
}

func parseDate(s string, layouts []string, zone *time.Location) (time.Time, bool) {
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	// LAPOR!'s exports opened and saved in a spreadsheet come back with ;
	// in Indonesian locales.
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, aduan.Errorf(aduan.EINVALID, "lapor.err.file", err.Error())
		}
		rows = append(rows, rec)
	}
}

func readXLSX(data []byte, sheet string) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, aduan.Errorf(aduan.EINVALID, "lapor.err.file", err.Error())
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, aduan.Errorf(aduan.EINVALID, "lapor.err.file", fmt.Sprintf("%s: %v", sheet, err))
	}
	return rows, nil
}
