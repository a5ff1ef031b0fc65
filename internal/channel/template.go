package channel

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Template is an editable message text. Variables are written {name}; the
// known ones are listed in Variables. The same text is the body of an SMS
// or e-mail and the free-text form of a WhatsApp message; WATemplate names
// the template approved by Meta that starts a WhatsApp conversation, whose
// parameters {{1}}, {{2}}, … are the variables of Body in order of
// appearance (so the approved template must use the same variables in the
// same order). Its language is the WhatsApp sender's setting.
type Template struct {
	Key        string
	Subject    string // e-mail subject, with variables
	Body       string
	WATemplate string
	UpdatedAt  time.Time
	UpdatedBy  string
}

// Variables are the variables a template may use, with what each holds.
var Variables = []string{"nomor", "nama", "jawaban", "tautan", "instansi", "ringkasan", "email", "kurang", "langkah", "batas", "lacak", "pusat", "sms", "survei"}

// The template keys.
const (
	TplRequestIdentity = "request_identity"
	TplRequestPhotos   = "request_photos"
	TplForward         = "forward"
	TplRelay           = "relay"
	TplSLAWarning      = "sla_warning"
	TplAnswer          = "answer"
	TplReceipt         = "receipt"
	// The SMS sent when a complaint is closed: the quick 1–5 rating
	// alone, or with the link to the Survei Kepuasan Masyarakat ({survei})
	// when the skm_survey setting is on.
	TplSurvey    = "survey"
	TplSurveySKM = "survey_skm"
)

// DefaultTemplates are the texts of a new installation, in Indonesian.
func DefaultTemplates() []Template {
	return []Template{
		{Key: TplRequestIdentity,
			Body: "Yth. {nama}, pengaduan Anda {nomor} sudah kami terima. Mohon balas SMS ini dengan data yang belum lengkap: {kurang}. Contoh: Nama: Budi Santoso, Alamat: Jl. Melati 5 Depok."},
		{Key: TplRequestPhotos, Subject: "Permintaan foto untuk pengaduan {nomor}",
			Body: "Yth. {nama}, untuk menindaklanjuti pengaduan {nomor} mohon kirim foto lokasi ke e-mail {email} dengan subjek {nomor}. Terima kasih."},
		{Key: TplForward, Subject: "Pengaduan {nomor} untuk {instansi}", WATemplate: "aduan_teruskan",
			Body: "Pengaduan {nomor} diteruskan kepada {instansi}: {ringkasan} Mohon ditindaklanjuti melalui {tautan}"},
		{Key: TplRelay, Subject: "Jawaban atas pengaduan {nomor}",
			Body: "Yth. {nama}, jawaban atas pengaduan {nomor}: {jawaban} Pantau: {lacak} -- {pusat}"},
		{Key: TplAnswer, Subject: "Jawaban atas pengaduan {nomor}",
			Body: "Yth. {nama}, jawaban atas pengaduan {nomor}: {jawaban} Pantau: {lacak} -- {pusat}"},
		{Key: TplReceipt, Subject: "Pengaduan {nomor} sudah kami terima",
			Body: "Yth. {nama}, pengaduan Anda sudah kami terima dengan nomor {nomor}. Pantau di {lacak} atau kirim SMS STATUS {nomor} ke {sms}. -- {pusat}"},
		{Key: TplSurvey,
			Body: "Pengaduan {nomor} telah selesai. Seberapa puas Anda dengan penanganannya? Balas SMS ini dengan angka 1 (sangat tidak puas) sampai 5 (sangat puas). -- {pusat}"},
		{Key: TplSurveySKM,
			Body: "Pengaduan {nomor} telah selesai. Beri penilaian: balas SMS ini dengan angka 1 (sangat tidak puas) sampai 5 (sangat puas). Isi juga survei kepuasan (9 pertanyaan singkat): {survei} -- {pusat}"},
		{Key: TplSLAWarning, Subject: "Batas waktu pengaduan {nomor}", WATemplate: "aduan_batas_waktu",
			Body: "Pengaduan {nomor} mendekati batas waktu langkah {langkah} ({batas}). Mohon segera ditindaklanjuti: {tautan}"},
	}
}

// DefaultTemplate returns the default text for key.
func DefaultTemplate(key string) (Template, bool) {
	for _, t := range DefaultTemplates() {
		if t.Key == key {
			return t, true
		}
	}
	return Template{}, false
}

// ValidKey reports whether key names a template.
func ValidKey(key string) bool {
	_, ok := DefaultTemplate(key)
	return ok
}

// Render fills the variables of text from vars and returns the text with the
// values of the variables in order of appearance. An unknown {name} is left
// as written, so that a typo shows in the message rather than vanishing.
func Render(text string, vars map[string]string) (string, []string) {
	var b strings.Builder
	var params []string
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			break
		}
		name := text[i+1 : i+j]
		v, ok := vars[name]
		if !ok || !known(name) {
			b.WriteString(text[:i+j+1])
			text = text[i+j+1:]
			continue
		}
		b.WriteString(text[:i])
		b.WriteString(v)
		params = append(params, v)
		text = text[i+j+1:]
	}
	return b.String(), params
}

func known(name string) bool {
	for _, v := range Variables {
		if v == name {
			return true
		}
	}
	return false
}

// UnknownVariables lists the {names} in text that are not variables, for
// validating an edited template.
func UnknownVariables(text string) []string {
	var out []string
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return out
		}
		if name := text[i+1 : i+j]; !known(name) {
			out = append(out, name)
		}
		text = text[i+j+1:]
	}
}

// Summary shortens a complaint text for a notification: whole words up to
// max runes, with an ellipsis when cut.
func Summary(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	r := []rune(text)[:max]
	s := string(r)
	if k := strings.LastIndexByte(s, ' '); k > max/2 {
		s = s[:k]
	}
	return strings.TrimRight(s, " ,.;:") + "…"
}
