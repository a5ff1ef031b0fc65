// Package lapor is the city's side of SP4N-LAPOR! (lapor.go.id), the
// national complaint network every Indonesian government body serves:
// the reports LAPOR! dispositions to the city come in (registered by hand
// from their tracking ID and pasted text, or imported from the export
// LAPOR!'s admin pages give), are handled as complaints of the lapor
// channel on LAPOR!'s own deadlines beside the SOP's, and each follow-up
// goes back (a "tindak lanjut" text to copy, and a daily list).
//
// LAPOR!'s integration API is documented to registered developers only;
// nothing here guesses it. Connector is the seam where a city's developer
// who holds that documentation adds an HTTP client; Manual, the default,
// is the operators' own work through the console and the CSV/XLSX files.
package lapor

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// Intake is one report LAPOR! dispositioned to the city, as an operator
// pastes it or a row of an export gives it.
type Intake struct {
	TrackingID    string
	Category      string // LAPOR!'s category as it names it ("PERHUBUNGAN > PARKIR LIAR")
	Text          string
	Name          string // the reporter, when LAPOR! shows one (anonymous and confidential reports do not)
	Phone         string
	Email         string
	Address       string
	Dispositioned time.Time // when LAPOR! handed it to the city: the start of its deadlines
	Anonymous     bool
	Confidential  bool
	Row           int // the row of an imported file (1 = the header), 0 when pasted
}

// FollowUp is one step of the city's handling that LAPOR! must be told
// of, ready to post there.
type FollowUp struct {
	TrackingID  string
	Number      string // the complaint number (ADU-2026-000123)
	Kind        FollowUpKind
	At          time.Time
	Text        string   // the "tindak lanjut" to paste into LAPOR!
	Attachments []string // addresses of the files to attach
}

// FollowUpKind names what a follow-up tells LAPOR!.
type FollowUpKind string

// The follow-up kinds: the report sent on to an agency (progress), the
// agency's answer, and the answer given to the reporter (completion).
const (
	FollowProgress   FollowUpKind = "progress"
	FollowAnswer     FollowUpKind = "agency_answer"
	FollowCompletion FollowUpKind = "completion"
)

// Connector pulls the reports LAPOR! has dispositioned to the city and
// pushes the city's follow-ups back. The workflow never calls LAPOR!
// itself: it reads what Pull gives and offers each follow-up to Push.
type Connector interface {
	// Pull returns the dispositioned reports not yet fetched.
	Pull(ctx context.Context) ([]Intake, error)
	// Push posts one follow-up to LAPOR!. ErrManual says that a person
	// posts it (it stays on the daily follow-up list).
	Push(ctx context.Context, f FollowUp) error
}

// ErrManual is Push's answer when follow-ups are posted by hand.
var ErrManual = errors.New("lapor: follow-ups are posted by hand from the daily list")

// Manual is the default connector: operators register and import reports
// through the console and the API, and post follow-ups themselves from the
// per-report text and the daily export.
type Manual struct{}

// Pull returns nothing: reports come in by the operators' hands.
func (Manual) Pull(context.Context) ([]Intake, error) { return nil, nil }

// Push leaves the follow-up on the daily list.
func (Manual) Push(context.Context, FollowUp) error { return ErrManual }

// trackingRe is what a tracking ID may be. LAPOR! shows its IDs as digits
// (often after a "#"); letters and dashes are allowed so that a changed
// format needs no code, never spaces or other signs.
var trackingRe = regexp.MustCompile(`^[0-9A-Z][0-9A-Z-]{2,39}$`)

// NormalizeTrackingID reads a tracking ID as operators paste it ("#12345 ",
// "lap-12345"): trimmed, a leading # dropped, upper case. ok is false when
// what remains is not an ID.
func NormalizeTrackingID(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	return s, trackingRe.MatchString(s)
}

// Deadlines are LAPOR!'s own, on the working-time calendar.
type Deadlines struct {
	VerifyDue   time.Time  // verified and sent on: 3 working days after the disposition
	VerifiedAt  *time.Time // when the report was sent on (or answered outright)
	FollowUpDue time.Time  // the follow-up: 5 working days after it was sent on
	FollowedAt  *time.Time // the first follow-up with the answer
	AutoCloseAt *time.Time // LAPOR! closes the report 10 working days after the follow-up if the reporter does not reply
	ClosedAt    *time.Time // when the complaint closed here (nil while open)
}

// LAPOR!'s deadlines in working days.
const (
	VerifyDays    = 3
	FollowUpDays  = 5
	AutoCloseDays = 10
)

// ComputeDeadlines places LAPOR!'s deadlines on cal: verified is when the
// report was sent on to an agency or answered, followed when the answer
// was given (nil while not yet). The follow-up's clock starts when the
// report was sent on, or at the verification deadline while it is not.
func ComputeDeadlines(cal *aduan.Calendar, dispositioned time.Time, verified, followed *time.Time) Deadlines {
	d := Deadlines{VerifyDue: cal.AddWorkdays(dispositioned, VerifyDays), VerifiedAt: verified, FollowedAt: followed}
	start := d.VerifyDue
	if verified != nil {
		start = *verified
	}
	d.FollowUpDue = cal.AddWorkdays(start, FollowUpDays)
	if followed != nil {
		t := cal.AddWorkdays(*followed, AutoCloseDays)
		d.AutoCloseAt = &t
	}
	return d
}

// VerifyMet and FollowUpMet say whether each deadline was met: nil while
// the step is neither done nor late at now.
func (d Deadlines) VerifyMet(now time.Time) *bool   { return met(d.VerifiedAt, d.VerifyDue, now) }
func (d Deadlines) FollowUpMet(now time.Time) *bool { return met(d.FollowedAt, d.FollowUpDue, now) }

// CloseMet says whether the report closed here by the day LAPOR! closes
// it (AutoCloseAt): nil before the follow-up, and while it runs.
func (d Deadlines) CloseMet(now time.Time) *bool {
	if d.AutoCloseAt == nil {
		return nil
	}
	return met(d.ClosedAt, *d.AutoCloseAt, now)
}

func met(done *time.Time, due, now time.Time) *bool {
	var b bool
	switch {
	case done != nil:
		b = !done.After(due)
	case now.After(due):
		b = false
	default:
		return nil
	}
	return &b
}
