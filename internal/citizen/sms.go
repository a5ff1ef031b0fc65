package citizen

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

// Purposes of the messages this package sends (their labels are in the
// catalogue as msg.purpose.*).
const (
	PurposeStatusReply channel.Purpose = "status_reply"
	PurposeSurvey      channel.Purpose = "survey"
	PurposeSurveyReply channel.Purpose = "survey_reply"
)

// SMS is the citizens' SMS service: the STATUS command and the survey.
type SMS struct {
	Store *store.Store
	Log   *slog.Logger
	// Queue sends the survey with the step that closes a complaint.
	Queue *jobs.Queue
	// SurveyFor is how long a survey invitation can be answered (default
	// 7 days).
	SurveyFor time.Duration
	// StatusPerHour bounds the STATUS replies to one number (default 10):
	// every reply is an SMS the city pays for.
	StatusPerHour int
}

var (
	statusRe = regexp.MustCompile(`(?is)^\s*status\b[\s:.,-]*(.*)$`)
	// A survey answer: "5", "4/5", "Nilai 4", "SURVEI 3 pelayanannya cepat".
	scoreRe = regexp.MustCompile(`(?is)^\s*(?:(?:nilai|survei|survey|skor|rating)\s*[:=]?\s*)?(\d+)(?:\s*/\s*5)?(?:[\s,.;:!-]+(.*))?$`)
)

// Command is what a citizen's SMS asks of the city's SMS service.
type Command struct {
	// Status: the text starts with STATUS. Number is the complaint number
	// named after it (as aduan.FormatNumber writes it), empty if none.
	Status bool
	Number string
	// Score is a survey answer's digits (not checked against 1–5: a
	// number out of range is asked again), with any comment after it.
	Score   string
	Comment string
}

// ParseCommand reads an SMS as a command: STATUS with a complaint number,
// or a survey answer ("5", "4/5", "Nilai 4", "SURVEI 3 pelayanannya
// cepat"). ok is false for any other text, which is an ordinary message.
func ParseCommand(text string) (cmd Command, ok bool) {
	if sm := statusRe.FindStringSubmatch(text); sm != nil {
		cmd.Status = true
		if ns := aduan.FindNumbers(sm[1], 1); len(ns) > 0 {
			cmd.Number = ns[0]
		}
		return cmd, true
	}
	if sm := scoreRe.FindStringSubmatch(text); sm != nil {
		return Command{Score: sm[1], Comment: sm[2]}, true
	}
	return Command{}, false
}

// Command is the queue's CommandFunc: a text starting with STATUS is
// answered with the status of the complaint it names (only to the number
// that filed it), and a score from a number with a survey pending is
// recorded. Everything else is left to the usual matching.
func (s *SMS) Command(ctx context.Context, m *channel.Message) (*jobs.CommandResult, error) {
	if m.Channel != channel.SMS {
		return nil, nil
	}
	from, err := phone.Normalize(m.From)
	if err != nil {
		return nil, nil
	}
	cmd, ok := ParseCommand(m.Body)
	switch {
	case !ok:
		return nil, nil
	case cmd.Status:
		return s.status(ctx, from, cmd.Number)
	}
	return s.score(ctx, from, cmd.Score, cmd.Comment)
}

func (s *SMS) reply(to string, complaintID int64, purpose channel.Purpose, body string) *channel.Message {
	return &channel.Message{Channel: channel.SMS, To: to, ComplaintID: complaintID, Purpose: purpose, Body: body}
}

func (s *SMS) status(ctx context.Context, from, number string) (*jobs.CommandResult, error) {
	per := s.StatusPerHour
	if per <= 0 {
		per = 10
	}
	ok, _, err := s.Store.Users().Hit(ctx, "sms-status:"+from, time.Hour, per)
	if err != nil {
		return nil, err
	}
	if !ok {
		return &jobs.CommandResult{Note: "STATUS command: over the hourly limit for this number; not answered"}, nil
	}
	if number == "" {
		return &jobs.CommandResult{Note: "STATUS command without a complaint number",
			Replies: []*channel.Message{s.reply(from, 0, PurposeStatusReply, i18n.T(i18n.ID, "pub.sms.status_usage"))}}, nil
	}
	c, err := s.Store.Complaints().ComplaintByNumber(ctx, aduan.System, number)
	if err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
		return nil, err
	}
	// Only the number that filed the complaint hears its status: a number
	// is easy to guess, a phone is not.
	if err != nil || c.Citizen == nil || string(c.Citizen.Phone) != from {
		return &jobs.CommandResult{Note: "STATUS " + number + ": unknown, or not this sender's complaint",
			Replies: []*channel.Message{s.reply(from, 0, PurposeStatusReply, i18n.T(i18n.ID, "pub.sms.status_unknown", number))}}, nil
	}
	return &jobs.CommandResult{Note: "STATUS " + c.Number + ": answered", ComplaintID: c.ID,
		Replies: []*channel.Message{s.reply(from, c.ID, PurposeStatusReply, s.StatusText(ctx, c))}}, nil
}

// StatusText is the SMS answer to STATUS: the status in words, where the
// complaint is, and when it last moved.
func (s *SMS) StatusText(ctx context.Context, c *aduan.Complaint) string {
	lang := i18n.ID
	st := i18n.T(lang, "status."+string(c.Status))
	if c.Status.AtAgency() && c.AgencyName != "" {
		st += " (" + c.AgencyName + ")"
	}
	text := i18n.T(lang, "pub.sms.status", c.Number, st, i18n.DateTime(lang, c.UpdatedAt))
	if a := Answer(c); a != "" && c.Status != aduan.StatusClosed {
		text += " " + i18n.T(lang, "pub.sms.status_answer", channel.Summary(a, 200))
	}
	if settings, err := s.Store.Open311().PublicSettings(ctx); err == nil {
		text += " " + i18n.T(lang, "pub.sms.status_link", strings.TrimRight(settings["public_base_url"], "/")+"/lacak?nomor="+c.Number)
	}
	return text
}

func (s *SMS) score(ctx context.Context, from, digits, comment string) (*jobs.CommandResult, error) {
	inv, err := s.Store.Open311().PendingSurvey(ctx, from)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return nil, nil // a number, but no survey asked: an ordinary message
		}
		return nil, err
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > 5 {
		return &jobs.CommandResult{Note: fmt.Sprintf("survey reply %q is not 1–5: asked again", digits), ComplaintID: inv.ComplaintID,
			Replies: []*channel.Message{s.reply(from, inv.ComplaintID, PurposeSurveyReply, i18n.T(i18n.ID, "pub.sms.survey_range", inv.Number))}}, nil
	}
	comment = strings.TrimSpace(comment)
	if len([]rune(comment)) > 500 {
		comment = string([]rune(comment)[:500])
	}
	return &jobs.CommandResult{Note: fmt.Sprintf("survey answer %d for %s", n, inv.Number), ComplaintID: inv.ComplaintID,
		Apply: func(ctx context.Context, tx *sql.Tx) error {
			_, err := s.Store.Open311().AnswerSurveyTx(ctx, tx, inv.ID, n, string(channel.SMS), comment)
			return err
		},
		Replies: []*channel.Message{s.reply(from, inv.ComplaintID, PurposeSurveyReply, i18n.T(i18n.ID, "pub.sms.survey_thanks", inv.Number))}}, nil
}

// OnTransition is the store's TxHook for the survey: when a complaint with
// a citizen's mobile number is closed, the one-question rating is recorded
// and its SMS enqueued in the same transaction; with the skm_survey
// setting on, the same SMS carries a one-time link to the Survei Kepuasan
// Masyarakat (template survey_skm, else survey). A complaint is surveyed
// once, even if it is reopened and closed again.
func (s *SMS) OnTransition(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	if ev.Action != aduan.ActionClose || s.Queue == nil || c.Citizen == nil || !c.Citizen.Phone.Mobile() {
		return nil
	}
	ttl := s.SurveyFor
	if ttl <= 0 {
		ttl = 7 * 24 * time.Hour
	}
	expires := s.Store.Now().Add(ttl)
	created, err := s.Store.Open311().InviteSurveyTx(ctx, tx, c.ID, string(c.Citizen.Phone), expires)
	if err != nil || !created {
		return err
	}
	settings, err := s.Store.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	base := strings.TrimRight(settings["public_base_url"], "/")
	v := map[string]string{"nomor": c.Number, "nama": c.Citizen.Name, "lacak": base + "/lacak?nomor=" + c.Number,
		"pusat": strings.TrimSpace("Call Center " + settings["city_name"]), "sms": settings["sms_center_number"]}
	if v["nama"] == "" {
		v["nama"] = "Bapak/Ibu"
	}
	key := channel.TplSurvey
	if settings[aduan.SettingSKMSurvey] != "off" {
		token, made, err := s.Store.Open311().SKMLinkTx(ctx, tx, c.ID, s.Store.Now().Add(aduan.SKMLinkFor))
		if err != nil {
			return err
		}
		if made {
			key, v["survei"] = channel.TplSurveySKM, aduan.SKMURL(base, token)
		}
	}
	tpl, err := s.Store.Messages().TemplateTx(ctx, tx, key)
	if err != nil {
		return err
	}
	body, _ := channel.Render(tpl.Body, v)
	m := s.reply(string(c.Citizen.Phone), c.ID, PurposeSurvey, body)
	m.Template = key
	return s.Queue.EnqueueTx(ctx, tx, m)
}
