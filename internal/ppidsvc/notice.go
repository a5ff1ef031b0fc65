package ppidsvc

import (
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// The written notices (surat pemberitahuan tertulis) of UU 14/2008 art.
// 22: the decision on a request (art. 22(7): what was decided, the
// information or why not, how and when it is given, the right to object),
// and the extension (art. 22(8): the reason and the new date).
const (
	NoticeDecision  = "decision"
	NoticeExtension = "extension"
)

// NoticeKinds lists the notices a request has now: the extension's if it
// was extended, the decision's once decided.
func NoticeKinds(r *aduan.InfoRequest) []string {
	var out []string
	if r.ExtendedAt != nil {
		out = append(out, NoticeExtension)
	}
	if r.DecidedAt != nil {
		out = append(out, NoticeDecision)
	}
	return out
}

// Notice is the letter of a notice of r (which must hold the requester's
// identity: it is addressed to them). objectUntil is the last day an
// objection may be filed; link is where the requester tracks the request
// and objects online. ok is false when r has no such notice.
func Notice(r *aduan.InfoRequest, kind string, set render.Settings, objectUntil *time.Time, link string, lang i18n.Lang) (*render.Letter, bool) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	l := &render.Letter{Settings: set, Lang: lang, Number: store.InfoNoticeNumber(r, kind),
		Signer: []string{t("ppid.notice.signer_office", set.CityName), t("ppid.notice.signer")}}
	contact := strings.TrimSpace(phone.Display(string(r.Phone)) + " " + r.Email)
	l.Rows = [][2]string{
		{t("ppid.notice.request"), t("ppid.notice.request_of", r.Number, i18n.Date(lang, r.ReceivedAt))},
		{t("web.ppid.requester"), r.Name},
		{t("web.ppid.address"), r.Address},
		{t("web.ppid.contact"), contact},
		{t("web.ppid.information"), r.Information},
		{t("web.ppid.purpose"), r.Purpose},
	}
	switch {
	case kind == NoticeExtension && r.ExtendedAt != nil:
		l.Title, l.Date = t("ppid.notice.extension_title"), *r.ExtendedAt
		l.Rows = append(l.Rows, [2]string{t("web.ppid.extension_reason"), r.ExtensionReason})
		l.Body = []string{t("ppid.notice.extension_body", i18n.Date(lang, r.DueAt))}
	case kind == NoticeDecision && r.DecidedAt != nil:
		l.Title, l.Date = t("ppid.notice.decision_title"), *r.DecidedAt
		l.Rows = append(l.Rows, [2]string{t("web.ppid.decision"), t("ppid.decision." + string(r.Decision))},
			[2]string{t("web.ppid.answer"), r.Answer})
		if r.Ground != "" {
			l.Rows = append(l.Rows, [2]string{t("web.ppid.ground"), t("web.ppid.ground_letter", r.Ground)},
				[2]string{t("web.ppid.consequence_test"), r.ConsequenceTest})
		}
		if r.ReferralTo != "" {
			l.Rows = append(l.Rows, [2]string{t("web.ppid.referral_to"), r.ReferralTo})
		}
		if r.Decision == aduan.InfoGranted || r.Decision == aduan.InfoPartly {
			l.Rows = append(l.Rows, [2]string{t("web.ppid.medium"), t("ppid.medium."+r.Medium) + " · " + t("ppid.delivery."+r.Delivery)})
			doc := strings.TrimSpace(r.DocumentName + " " + r.DocumentURL)
			if r.DocumentAttached {
				doc = t("ppid.notice.document_online", doc, link)
			}
			l.Rows = append(l.Rows, [2]string{t("web.ppid.document"), doc})
		}
		if objectUntil != nil {
			l.Body = append(l.Body, t("ppid.notice.objection_right", i18n.Date(lang, *objectUntil), link))
		}
	default:
		return nil, false
	}
	return l, true
}

// NoticePDF renders a notice of r as PDF.
func NoticePDF(r *aduan.InfoRequest, kind string, set render.Settings, objectUntil *time.Time, link string, lang i18n.Lang) ([]byte, error) {
	l, ok := Notice(r, kind, set, objectUntil, link, lang)
	if !ok {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notice")
	}
	return render.LetterPDF(l)
}

// TrackLink is where a requester follows request number, on the city's
// public address.
func TrackLink(stored map[string]string, number string) string {
	base := stored["public_base_url"]
	if strings.TrimSpace(base) == "" {
		base = aduan.DefaultSettings()["public_base_url"]
	}
	return strings.TrimRight(base, "/") + "/informasi?nomor=" + number
}
