package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// The Survei Kepuasan Masyarakat form (PermenPANRB 14/2017, aduan.SKMUnsurs):
// opened by the one-time link in the SMS sent when a complaint is closed,
// no log-in. It is a plain form with radio buttons, readable at 360 px and
// sent without JavaScript; answered once per link.

// skmData is what the survey page shows.
type skmData struct {
	Token  string
	Number string
	// State is "form", "done" (just answered), "answered" (answered
	// before), "expired" or "unknown".
	State   string
	Unsurs  []skmQuestion
	Errors  map[string]string
	Error   string
	Answer  aduan.SKMAnswer
	Sexes   []string
	Edus    []string
	Jobs    []string
	AgeText string
	Scale   []int // 1–4
}

// skmQuestion is one unsur as the form asks it: its field, its key and
// the score chosen so far.
type skmQuestion struct {
	N      int
	Field  string
	Unsur  string
	Chosen int
}

func newSKMData(token string, a aduan.SKMAnswer) *skmData {
	d := &skmData{Token: token, State: "form", Answer: a, Scale: []int{1, 2, 3, 4}, Sexes: aduan.SKMSexes, Edus: aduan.SKMEducations, Jobs: aduan.SKMJobs}
	for i, u := range aduan.SKMUnsurs {
		d.Unsurs = append(d.Unsurs, skmQuestion{N: i + 1, Field: aduan.SKMField(i), Unsur: string(u), Chosen: a.Scores[i]})
	}
	if a.Age > 0 {
		d.AgeText = strconv.Itoa(a.Age)
	}
	return d
}

// SurveyPage shows the survey a link opens, or why it cannot be answered.
func (p *Public) SurveyPage(rw http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	d := newSKMData(token, aduan.SKMAnswer{})
	status := http.StatusOK
	l, err := p.Web.Stores.Figures.SKMLinkByToken(r.Context(), token)
	switch {
	case aduan.ErrorCode(err) == aduan.ENOTFOUND:
		d.State, status = "unknown", http.StatusNotFound
	case err != nil:
		return err
	case l.AnsweredAt != nil:
		d.State, d.Number, status = "answered", l.Number, http.StatusConflict
	case !l.ExpiresAt.After(p.Web.Stores.Clock.Now()):
		d.State, d.Number, status = "expired", l.Number, http.StatusGone
	default:
		d.Number = l.Number
	}
	return p.renderSurvey(rw, r, status, d)
}

// Survey records the answer; a refused one is shown again as chosen, with
// the reason next to each question left out.
func (p *Public) Survey(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	token := r.PathValue("token")
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	var a aduan.SKMAnswer
	for i := range a.Scores {
		a.Scores[i], _ = strconv.Atoi(v(aduan.SKMField(i)))
	}
	a.Sex, a.Education, a.Job, a.Comment = v("jenis_kelamin"), v("pendidikan"), v("pekerjaan"), v("saran")
	d := newSKMData(token, a)
	if age := v("umur"); age != "" {
		n, err := strconv.Atoi(age)
		if err != nil {
			n = -1 // refused below, with the age's own message
		}
		a.Age, d.AgeText = n, age
	}
	l, err := p.Web.Stores.Figures.SKMLinkByToken(r.Context(), token)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		d.State = "unknown"
		return p.renderSurvey(rw, r, http.StatusNotFound, d)
	}
	if err != nil {
		return err
	}
	d.Number = l.Number
	err = p.Web.Stores.Figures.AnswerSKM(r.Context(), token, a)
	switch aduan.ErrorCode(err) {
	case "":
		d.State = "done"
		return p.renderSurvey(rw, r, http.StatusOK, d)
	case aduan.ECONFLICT:
		d.State = "answered"
		return p.renderSurvey(rw, r, http.StatusConflict, d)
	case aduan.ENOTFOUND:
		d.State = "unknown"
		return p.renderSurvey(rw, r, http.StatusNotFound, d)
	case aduan.EINVALID:
		fields, msg, _ := formErrors(langOf(r), err)
		if len(fields) == 0 {
			d.State = "expired"
			return p.renderSurvey(rw, r, http.StatusGone, d)
		}
		d.Errors, d.Error = fields, msg
		return p.renderSurvey(rw, r, http.StatusBadRequest, d)
	}
	return err
}

func (p *Public) renderSurvey(rw http.ResponseWriter, r *http.Request, status int, d *skmData) error {
	// The token is in the address: no page it links to should learn it.
	rw.Header().Set("Referrer-Policy", "no-referrer")
	return p.Web.render(rw, r, status, "public_skm", &Page{Title: i18n.T(langOf(r), "skm.title"), Data: d})
}
