package aduan

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// ParseHolidays reads a year's holiday table as an admin imports it: the
// JSON the project ships (libur_nasional and cuti_bersama, each a list of
// {tanggal, nama}), a JSON list of {date, name} (or tanggal, nama), or CSV
// with a header naming the date column (date or tanggal) and the name
// column (name or nama). A cuti bersama's name says so. Every day is
// validated; the first bad one fails the whole file, naming its line or
// position.
func ParseHolidays(b []byte) ([]Holiday, error) {
	b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("\xef\xbb\xbf"))
	var out []Holiday
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		type entry struct {
			Date    string `json:"date"`
			Name    string `json:"name"`
			Tanggal string `json:"tanggal"`
			Nama    string `json:"nama"`
		}
		var shipped struct {
			National []entry `json:"libur_nasional"`
			Cuti     []entry `json:"cuti_bersama"`
		}
		var list []entry
		if b[0] == '{' {
			if err := json.Unmarshal(b, &shipped); err != nil {
				return nil, fmt.Errorf("JSON: %w", err)
			}
			list = shipped.National
			for _, e := range shipped.Cuti {
				n := e.Nama + e.Name
				if !strings.Contains(strings.ToLower(n), "cuti bersama") {
					n += " (cuti bersama)"
				}
				list = append(list, entry{Date: e.Date + e.Tanggal, Name: n})
			}
		} else if err := json.Unmarshal(b, &list); err != nil {
			return nil, fmt.Errorf("JSON: %w", err)
		}
		for i, e := range list {
			h := Holiday{Date: strings.TrimSpace(e.Date + e.Tanggal), Name: e.Name + e.Nama}
			if err := h.Validate(); err != nil {
				return nil, fmt.Errorf("entry %d (%q): %w", i+1, h.Date, err)
			}
			out = append(out, h)
		}
	} else {
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		r.TrimLeadingSpace = true
		header, err := r.Read()
		if err != nil {
			return nil, fmt.Errorf("CSV: %w", err)
		}
		di, ni := -1, -1
		for i, h := range header {
			switch strings.ToLower(strings.TrimSpace(h)) {
			case "date", "tanggal":
				di = i
			case "name", "nama":
				ni = i
			}
		}
		if di < 0 || ni < 0 {
			return nil, fmt.Errorf("CSV: the header must name the columns date (tanggal) and name (nama)")
		}
		for line := 2; ; line++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("CSV: %w", err)
			}
			if len(rec) <= di || len(rec) <= ni {
				return nil, fmt.Errorf("CSV line %d: too few columns", line)
			}
			h := Holiday{Date: strings.TrimSpace(rec[di]), Name: rec[ni]}
			if err := h.Validate(); err != nil {
				return nil, fmt.Errorf("CSV line %d (%q): %w", line, h.Date, err)
			}
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no holidays in the file")
	}
	seen := map[string]bool{}
	for _, h := range out {
		if seen[h.Date] {
			return nil, fmt.Errorf("%s is listed twice", h.Date)
		}
		seen[h.Date] = true
	}
	return SortedHolidays(out), nil
}
