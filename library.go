package aduan

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// LibraryEntry is one answer of the answer library (folder jawaban, SOP
// step 6): a question citizens ask, in the ways they ask it, with the
// answer the call center gives and where that answer comes from. Entries
// are versioned: every change keeps the previous version with who made it.
type LibraryEntry struct {
	ID         int64
	Title      string
	Questions  []string // the question as citizens phrase it; several phrasings help search
	Answer     string
	SourceURL  string // depok.go.id, an agency's site
	SourceText string // a regulation or other reference ("Perwal 45/2018 pasal 3")
	AgencyID   int64  // the agency the answer is about, if any
	// CategoryIDs are the complaint categories the entry answers.
	CategoryIDs []int64
	// Calendar days in WIB, YYYY-MM-DD; empty means open-ended. ValidUntil
	// is the last day the answer holds (a fee valid for 2026 ends 2026-12-31).
	ValidFrom  string
	ValidUntil string
	// ReviewDue is the day by which the office should check the answer
	// again; entries past it are listed for the coordinator.
	ReviewDue      string
	ReviewedBy     int64
	ReviewedByName string
	ReviewedAt     *time.Time
	// Active entries are searchable; an archived one keeps its history.
	Active          bool
	FromComplaintID int64 // made from this answered complaint
	Uses            int64 // how many complaints it answered (SOP step 6 output)
	LastUsedAt      *time.Time
	CreatedAt       time.Time
	CreatedBy       int64
	UpdatedAt       time.Time
	UpdatedBy       int64
	UpdatedByName   string
	Version         int64

	// Read-only names joined in for display.
	AgencyName    string
	CategoryNames []string
}

// Limits of library entries.
const (
	MaxLibraryTitleLen    = 200
	MaxLibraryQuestions   = 20
	MaxLibraryQuestionLen = 500
	MaxLibrarySourceLen   = 500
	// DefaultReviewMonths is how long an answer is trusted before the
	// coordinator is asked to check it again, unless a review date is set.
	DefaultReviewMonths = 6
)

// LibraryRef renders an entry's reference as operators write it in a
// complaint's answer source (JWB-0042).
func LibraryRef(id int64) string { return fmt.Sprintf("JWB-%04d", id) }

// ParseLibraryRef reads an entry reference: JWB-0042, jwb-42 or 42.
func ParseLibraryRef(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "JWB-") {
		s = s[4:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// Expired reports whether the entry's validity has ended before day (a WIB
// YYYY-MM-DD), or has not begun yet.
func (e *LibraryEntry) Expired(day string) bool {
	return (e.ValidUntil != "" && e.ValidUntil < day) || (e.ValidFrom != "" && e.ValidFrom > day)
}

// ReviewOverdue reports whether the entry is past its review date on day.
func (e *LibraryEntry) ReviewOverdue(day string) bool {
	return e.ReviewDue != "" && e.ReviewDue < day
}

// Normalize trims the entry's text, drops empty and repeated phrasings and
// sorts and de-duplicates its categories, so that equal content compares
// equal (an import that changes nothing makes no new version).
func (e *LibraryEntry) Normalize() {
	e.Title = strings.TrimSpace(e.Title)
	e.Answer = strings.TrimSpace(e.Answer)
	e.SourceURL = strings.TrimSpace(e.SourceURL)
	e.SourceText = strings.TrimSpace(e.SourceText)
	e.ValidFrom = strings.TrimSpace(e.ValidFrom)
	e.ValidUntil = strings.TrimSpace(e.ValidUntil)
	e.ReviewDue = strings.TrimSpace(e.ReviewDue)
	var qs []string
	seen := map[string]bool{}
	for _, q := range e.Questions {
		q = strings.TrimSpace(q)
		if q == "" || seen[strings.ToLower(q)] {
			continue
		}
		seen[strings.ToLower(q)] = true
		qs = append(qs, q)
	}
	e.Questions = qs
	var cats []int64
	for _, c := range e.CategoryIDs {
		if !oneOf(c, cats) {
			cats = append(cats, c)
		}
	}
	for i := 1; i < len(cats); i++ {
		for j := i; j > 0 && cats[j] < cats[j-1]; j-- {
			cats[j], cats[j-1] = cats[j-1], cats[j]
		}
	}
	e.CategoryIDs = cats
}

// Validate checks everything that needs no database; the store checks that
// the agency and the categories exist. Field names are those of the API.
func (e *LibraryEntry) Validate() error {
	var v Validation
	e.ValidateInto(&v, "")
	return v.Err()
}

// ValidateInto is Validate with field names under prefix, for imports that
// report every bad row at once.
func (e *LibraryEntry) ValidateInto(v *Validation, prefix string) {
	e.Normalize()
	checkText(v, prefix+"title", e.Title, MaxLibraryTitleLen, true)
	checkText(v, prefix+"answer", e.Answer, MaxAnswerLen, true)
	if len(e.Questions) > MaxLibraryQuestions {
		v.Add(prefix+"questions", "err.lib.too_many_questions", MaxLibraryQuestions)
	}
	for i, q := range e.Questions {
		checkText(v, fmt.Sprintf("%squestions[%d]", prefix, i), q, MaxLibraryQuestionLen, false)
	}
	checkText(v, prefix+"source_text", e.SourceText, MaxLibrarySourceLen, false)
	if e.SourceURL != "" {
		u, err := url.Parse(e.SourceURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(e.SourceURL) > MaxLibrarySourceLen ||
			strings.ContainsAny(e.SourceURL, " \t\r\n") {
			v.Add(prefix+"source_url", "err.lib.url")
		}
	}
	for _, f := range []struct {
		name string
		val  string
	}{{"valid_from", e.ValidFrom}, {"valid_until", e.ValidUntil}, {"review_due", e.ReviewDue}} {
		if f.val == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", f.val); err != nil {
			v.Add(prefix+f.name, "err.field.date")
		}
	}
	if e.ValidFrom != "" && e.ValidUntil != "" && e.ValidUntil < e.ValidFrom && !v.Has(prefix+"valid_until") && !v.Has(prefix+"valid_from") {
		v.Add(prefix+"valid_until", "err.lib.valid_range")
	}
	if e.AgencyID < 0 {
		v.Add(prefix+"agency_id", "err.field.unknown")
	}
	for _, c := range e.CategoryIDs {
		if c <= 0 {
			v.Add(prefix+"category_ids", "err.field.unknown")
			break
		}
	}
}

// SameContent reports whether two entries say the same thing: everything
// that a version records, without the bookkeeping (who, when, uses).
func (e *LibraryEntry) SameContent(o *LibraryEntry) bool {
	if e.Title != o.Title || e.Answer != o.Answer || e.SourceURL != o.SourceURL || e.SourceText != o.SourceText ||
		e.AgencyID != o.AgencyID || e.ValidFrom != o.ValidFrom || e.ValidUntil != o.ValidUntil || e.ReviewDue != o.ReviewDue ||
		e.Active != o.Active || len(e.Questions) != len(o.Questions) || len(e.CategoryIDs) != len(o.CategoryIDs) {
		return false
	}
	for i := range e.Questions {
		if e.Questions[i] != o.Questions[i] {
			return false
		}
	}
	for i := range e.CategoryIDs {
		if e.CategoryIDs[i] != o.CategoryIDs[i] {
			return false
		}
	}
	return true
}

// ChangedFields names the content fields that differ between two versions,
// for the history view.
func (e *LibraryEntry) ChangedFields(prev *LibraryEntry) []string {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("title", e.Title != prev.Title)
	add("questions", strings.Join(e.Questions, "\x00") != strings.Join(prev.Questions, "\x00"))
	add("answer", e.Answer != prev.Answer)
	add("source_url", e.SourceURL != prev.SourceURL)
	add("source_text", e.SourceText != prev.SourceText)
	add("agency_id", e.AgencyID != prev.AgencyID)
	add("category_ids", fmt.Sprint(e.CategoryIDs) != fmt.Sprint(prev.CategoryIDs))
	add("valid_from", e.ValidFrom != prev.ValidFrom)
	add("valid_until", e.ValidUntil != prev.ValidUntil)
	add("review_due", e.ReviewDue != prev.ReviewDue)
	add("reviewed", !sameTime(e.ReviewedAt, prev.ReviewedAt))
	add("active", e.Active != prev.Active)
	return out
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// LibraryVersion is one version of an entry as it was after a change.
type LibraryVersion struct {
	EntryID   int64
	Version   int64
	Action    string // create, update, review, import, from_complaint
	At        time.Time
	ActorID   int64
	ActorName string
	Entry     LibraryEntry
}

// LibraryFilter selects entries for lists. Zero values mean "any".
type LibraryFilter struct {
	AgencyID   int64
	CategoryID int64
	// Active: nil for both, else only active or only archived entries.
	Active *bool
	// ReviewDueBy lists entries whose review date is before this WIB day,
	// or whose validity has ended (YYYY-MM-DD).
	ReviewDueBy string
	Before      int64 // keyset paging on ID descending
	Limit       int
}
