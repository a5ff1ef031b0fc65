package setup

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// The demo's message history. The demo is seeded before the message queue
// starts, so its complaints would show no messages although their steps
// (a receipt, an identity request, a forward, a relay, the survey after
// the close) each send one. demoMessages records them in their final
// states (delivered, a forward's WhatsApp read, a couple failed), inside
// each step's transaction and with no job: nothing is sent at start, and
// the complaint pages, the forward's reach and the dashboard tell the
// truth. The survey links it makes are answered after the run
// (answerSurveys), as citizens would.

// demoSurvey is a closed complaint's survey, answered after the run.
type demoSurvey struct {
	complaintID int64
	closed      time.Time
	token       string // the SKM link's; "" when none
}

// demoMessages is the demo's transition hook.
func (g *demoGen) demoMessages(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	var key string
	switch ev.Action {
	case aduan.ActionCreate:
		key = channel.TplReceipt
	case aduan.ActionRequestIdentity:
		key = channel.TplRequestIdentity
	case aduan.ActionRequestPhotos:
		key = channel.TplRequestPhotos
	case aduan.ActionForward, aduan.ActionWithdraw:
		key = channel.TplForward
	case aduan.ActionRelay:
		key = channel.TplRelay
	case aduan.ActionAnswer:
		key = channel.TplAnswer
	case aduan.ActionClose:
		key = channel.TplSurveySKM
	default:
		return nil
	}
	if c.Channel == aduan.ChannelLapor {
		return nil // LAPOR! sends its own receipts and answers
	}
	tpl, err := g.st.Messages().TemplateTx(ctx, tx, key)
	if err != nil {
		return err
	}
	name := "Bapak/Ibu"
	if c.Citizen != nil && c.Citizen.Name != "" {
		name = c.Citizen.Name
	}
	v := map[string]string{"nomor": c.Number, "nama": name, "jawaban": c.Answer, "instansi": c.AgencyName,
		"ringkasan": channel.Summary(c.Text, 160), "email": "callcenterdepok.1500664@gmail.com",
		"tautan": fmt.Sprintf("%s/complaints/%d", demoBaseURL, c.ID), "lacak": demoBaseURL + "/lacak?nomor=" + c.Number,
		"pusat": "Call Center Kota Depok", "sms": "08-111-63-1500", "kurang": "nama, alamat"}
	at := ev.At
	if key == channel.TplSurveySKM {
		if c.Citizen == nil || !c.Citizen.Phone.Mobile() {
			return nil
		}
		if _, err := g.st.Open311().InviteSurveyTx(ctx, tx, c.ID, string(c.Citizen.Phone), at.Add(7*24*time.Hour)); err != nil {
			return err
		}
		token, made, err := g.st.Open311().SKMLinkTx(ctx, tx, c.ID, at.Add(aduan.SKMLinkFor))
		if err != nil {
			return err
		}
		if made {
			v["survei"] = aduan.SKMURL(demoBaseURL, token)
		}
		g.surveys = append(g.surveys, demoSurvey{complaintID: c.ID, closed: at, token: token})
	}
	body, params := channel.Render(tpl.Body, v)
	subject, _ := channel.Render(tpl.Subject, v)
	m := &channel.Message{ComplaintID: c.ID, Purpose: channel.Purpose(key), Template: key, Body: body, Params: params, Subject: subject,
		WATemplate: tpl.WATemplate, CreatedAt: at}
	switch key {
	case channel.TplReceipt, channel.TplRequestIdentity, channel.TplRequestPhotos, channel.TplRelay, channel.TplAnswer, channel.TplSurveySKM:
		switch {
		case c.Citizen != nil && c.Citizen.Phone.Mobile():
			m.Channel, m.To, m.From = channel.SMS, string(c.Citizen.Phone), "0811631500"
		case c.Citizen != nil && c.Citizen.Email != "":
			m.Channel, m.To = channel.Email, c.Citizen.Email
		default:
			return nil // told on the call; nothing was sent
		}
		if key == channel.TplSurveySKM {
			// citizen.PurposeSurvey: setup may not import citizen (jobs, which
			// citizen imports, is tested with dbtest, which imports setup).
			m.Purpose = "survey"
		}
	case channel.TplForward:
		u := g.pdUsers[c.AgencyID]
		if u == nil || !u.Phone.Mobile() {
			return nil
		}
		m.Channel, m.To, m.UserID, m.AgencyID = channel.WhatsApp, string(u.Phone), u.ID, c.AgencyID
		m.Purpose = channel.PurposeForward
	}
	sent := at.Add(time.Duration(5+g.rnd.IntN(40)) * time.Second)
	m.SentAt, m.Via, m.Parts = &sent, string(m.Channel), 1
	// One citizen SMS in about forty never arrives: a number no longer
	// in use, as the gateway reported it. The page shows it failed.
	if m.Channel == channel.SMS && g.rnd.IntN(40) == 0 {
		m.Status, m.FailedAt, m.Error = channel.StatusFailed, &sent, "SMSC: nomor tujuan tidak aktif (laporan pengiriman gagal)"
		return g.st.Messages().InsertSettledMessage(ctx, tx, m, nil)
	}
	delivered := sent.Add(time.Duration(3+g.rnd.IntN(90)) * time.Second)
	m.Status = channel.StatusDelivered
	if m.Channel == channel.Email {
		m.Status = channel.StatusSent // e-mail has no delivery report
		return g.st.Messages().InsertSettledMessage(ctx, tx, m, nil)
	}
	if m.Channel == channel.WhatsApp {
		read := delivered.Add(time.Duration(1+g.rnd.IntN(120)) * time.Minute)
		if !read.After(g.o.Now) {
			m.Status, m.ReadAt = channel.StatusRead, &read
		}
	}
	return g.st.Messages().InsertSettledMessage(ctx, tx, m, &delivered)
}

// demoBaseURL is where the demo runs (the public_base_url default).
const demoBaseURL = "http://127.0.0.1:8080"

// answerSurveys answers the closed complaints' surveys as citizens do: a
// third rate by SMS, a little over a third fill in the SKM form, hours to
// days after the close. Scores lean to "good" with the usual weak spot
// (time to completion) and a free service (cost scores 4).
func (g *demoGen) answerSurveys(ctx context.Context) error {
	for _, s := range g.surveys {
		at := s.closed.Add(time.Duration(1+g.rnd.IntN(72)) * time.Hour)
		if at.After(g.o.Now) {
			continue
		}
		g.st.Now = func() time.Time { return at }
		if g.rnd.IntN(3) == 0 {
			if inv, err := g.st.Open311().PendingSurveyFor(ctx, s.complaintID); err == nil {
				score := []int{5, 5, 4, 4, 4, 3, 2}[g.rnd.IntN(7)]
				if _, err := g.st.Open311().AnswerSurvey(ctx, inv, score, string(channel.SMS), ""); err != nil {
					return fmt.Errorf("demo rating: %w", err)
				}
			}
		}
		if s.token == "" || g.rnd.IntN(100) >= 38 {
			continue
		}
		var a aduan.SKMAnswer
		for i, u := range aduan.SKMUnsurs {
			a.Scores[i] = g.skmScore(u)
		}
		if g.rnd.IntN(3) > 0 {
			a.Age = 18 + g.rnd.IntN(50)
			a.Sex = aduan.SKMSexes[g.rnd.IntN(len(aduan.SKMSexes))]
			a.Education = aduan.SKMEducations[g.rnd.IntN(5)+1]
			a.Job = aduan.SKMJobs[3+g.rnd.IntN(3)]
		}
		if g.rnd.IntN(5) == 0 {
			a.Comment = []string{"Petugas ramah, tapi perbaikannya agak lama.", "Terima kasih, sudah ditangani dengan cepat.",
				"Mohon kabar lewat SMS lebih sering.", "Semoga ke depan lebih cepat lagi."}[g.rnd.IntN(4)]
		}
		if err := g.st.Open311().AnswerSKM(ctx, s.token, a); err != nil {
			return fmt.Errorf("demo survey: %w", err)
		}
	}
	return nil
}

// skmScore is one believable answer to an unsur (1–4).
func (g *demoGen) skmScore(u aduan.SKMUnsur) int {
	x := g.rnd.IntN(100)
	switch u {
	case aduan.UnsurBiaya:
		if x < 96 {
			return 4
		}
		return 3
	case aduan.UnsurWaktu:
		switch {
		case x < 8:
			return 1
		case x < 30:
			return 2
		case x < 78:
			return 3
		}
		return 4
	}
	switch {
	case x < 3:
		return 1
	case x < 13:
		return 2
	case x < 63:
		return 3
	}
	return 4
}
