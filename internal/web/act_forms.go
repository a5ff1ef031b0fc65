package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The complaint page's action forms, written in Go (issue 21), as its
// timeline is (timeline.go): through html/template each form's few dozen
// actions (the comparisons with fmt, the dicts, the nested templates)
// went through reflection, some 0.4 ms of the page's CPU for a complaint
// offering a handful of steps. ActForms writes the bytes the templates
// "act", "agencyflow-act" and "smscount" wrote (TestActFormsAsTheTemplateWrote
// compares them for every status, role and language, with forms failed
// and not), escaping each value as html/template did in that place (text,
// quoted attribute and textarea all take escapeHTML's table); a change to
// a form's markup is a change here and in testdata/act_forms.html.

// ActForms are the forms of the steps d offers, one <details> each.
func (p *Page) ActForms(d *complaintData) template.HTML {
	var b strings.Builder
	b.Grow(len(d.Allowed) * 1200)
	for _, a := range d.Allowed {
		p.actForm(&b, d, string(a))
	}
	return template.HTML(b.String())
}

// actForm is one step's form; what the template "act" wrote.
type actForm struct {
	p      *Page
	b      *strings.Builder
	d      *complaintData
	open   bool // the form is shown unfolded
	failed bool // it was sent and refused: it shows what was typed and why
}

// esc writes s escaped.
func (f *actForm) esc(s string) { escapeHTML(f.b, s) }

// w writes markup as it is.
func (f *actForm) w(s string) { f.b.WriteString(s) }

// t writes a translation, escaped.
func (f *actForm) t(key string, args ...any) { escapeHTML(f.b, f.p.T(key, args...)) }

// typed is what the failed form had in field k ("" when it did not fail).
func (f *actForm) typed(k string) string {
	if f.failed {
		return f.d.Form[k]
	}
	return ""
}

// fieldErr writes the error of field k of a failed form (the template
// "fielderr").
func (f *actForm) fieldErr(k string) {
	if !f.failed {
		return
	}
	if v := f.d.Errors[k]; v != "" {
		f.w(`<p class="field-error" role="alert">`)
		f.esc(v)
		f.w(`</p>`)
	}
}

// autofocus writes the attribute on the open form's first field.
func (f *actForm) autofocus() {
	if f.open {
		f.w(` autofocus`)
	}
}

// options writes an <option> for each value and its label's key, in
// pairs, the failed form's choice in field selected. The keys are written
// whole so that the catalogue's check finds them.
func (f *actForm) options(field string, valueKey ...string) {
	sel := f.typed(field)
	for i := 0; i+1 < len(valueKey); i += 2 {
		v, key := valueKey[i], valueKey[i+1]
		f.w(`<option value="`)
		f.esc(v)
		f.w(`"`)
		if f.failed && v == sel {
			f.w(` selected`)
		}
		f.w(`>`)
		f.t(key)
		f.w(`</option>`)
	}
}

// textarea writes <label>LABEL<textarea ATTRS>typed</textarea>error</label>.
func (f *actForm) textarea(label, attrs, field string, focus bool) {
	f.w(`<label>`)
	f.t(label)
	f.w(`<textarea name="`)
	f.w(field)
	f.w(`" `)
	f.w(attrs)
	if focus {
		f.autofocus()
	}
	f.w(`>`)
	f.esc(f.typed(field))
	f.w(`</textarea>`)
	f.fieldErr(field)
	f.w(`</label>`)
}

func (p *Page) actForm(b *strings.Builder, d *complaintData, a string) {
	c := d.C
	f := &actForm{p: p, b: b, d: d, open: d.Do == a || d.FailedAction == a, failed: d.FailedAction == a}
	f.w("\n<details class=\"act act-")
	f.esc(a)
	f.w(`" id="act-`)
	f.esc(a)
	f.w(`"`)
	if f.open {
		f.w(` open`)
	}
	f.w(">\n  <summary>")
	f.t("action." + a)
	if k := shortcutKey(a); k != "" {
		f.w(` <kbd>Alt+`)
		f.esc(k)
		f.w(`</kbd>`)
	}
	f.w("</summary>\n  <form method=\"post\" action=\"/complaints/")
	f.w(strconv.FormatInt(c.ID, 10))
	f.w(`/act" class="stack"`)
	if a == "agency_answer" || a == "record_agency_answer" {
		f.w(` enctype="multipart/form-data"`)
	}
	f.w(">\n    <input type=\"hidden\" name=\"action\" value=\"")
	f.esc(a)
	f.w(`"><input type="hidden" name="version" value="`)
	f.w(strconv.FormatInt(c.Version, 10))
	f.w(`"><input type="hidden" name="form_token" value="`)
	f.esc(d.Token)
	f.w("\">\n    ")
	if d.NeedCategory && (a == "answer" || a == "forward" || a == "close") {
		sel := strconv.FormatInt(d.SuggestCategory, 10)
		if f.failed {
			sel = d.Form["category_id"]
		}
		f.w("\n    <label>")
		f.t("web.field.category")
		f.w(`<select name="category_id" required`)
		if f.failed && d.Errors["category_id"] != "" {
			f.w(` aria-invalid="true"`)
		}
		f.w(`><option value="">`)
		f.t("web.choose")
		f.w("</option>\n      ")
		f.w(string(p.CategoryOpts(d.Categories, sel, true)))
		f.w(`</select>`)
		f.fieldErr("category_id")
		f.w("</label>\n    ")
	}
	f.w("\n    ")
	f.fields(a)
	f.w("\n    <button type=\"submit\" class=\"")
	if a == "reject" || a == "return" {
		f.w(`danger`)
	} else {
		f.w(`primary`)
	}
	f.w(`">`)
	f.t("action." + a)
	f.w("</button>\n  </form>\n</details>\n")
}

// fields are the fields of step a's form, between its hidden inputs and
// its button.
func (f *actForm) fields(a string) {
	d, c := f.d, f.d.C
	switch a {
	case "answer":
		f.w("\n      ")
		f.textarea("web.field.answer", `rows="4" required`, "answer", true)
		f.w("\n      <label>")
		f.t("web.field.source")
		f.w(`<select name="source">`)
		sel := f.typed("source")
		for _, s := range d.Sources {
			f.w(`<option value="`)
			f.esc(string(s))
			f.w(`"`)
			if f.failed && string(s) == sel {
				f.w(` selected`)
			}
			f.w(`>`)
			f.t("source." + string(s))
			f.w(`</option>`)
		}
		f.w(`</select>`)
		f.fieldErr("source")
		f.w("</label>\n      <label>")
		f.t("web.field.source_ref")
		f.w(`<input name="source_ref" value="`)
		f.esc(f.typed("source_ref"))
		f.w(`" placeholder="https://www.depok.go.id/…">`)
		f.fieldErr("source_ref")
		f.w("</label>\n      <label class=\"check\"><input type=\"checkbox\" name=\"told_on_call\" value=\"1\"")
		if f.typed("told_on_call") != "" {
			f.w(` checked`)
		}
		f.w(`> `)
		f.t("web.field.told_on_call")
		f.w(`</label>`)
		f.fieldErr("told_on_call")
		f.w("\n    ")
	case "forward":
		f.w("\n      <label>")
		f.t("web.field.agency")
		f.w(`<select name="agency_id" required`)
		f.autofocus()
		f.w(`><option value="">`)
		f.t("web.choose")
		f.w("</option>\n        ")
		sel := strconv.FormatInt(d.DefaultAg, 10)
		if f.failed {
			sel = d.Form["agency_id"]
		}
		f.w(string(f.p.AgencyOpts(d.Agencies, sel, 0)))
		f.w("</select>\n        ")
		f.fieldErr("agency_id")
		f.w("</label>\n      ")
		f.reachedBy("\n        ")
		f.w("\n      ")
		f.reachedNote()
		f.w("\n    ")
	case "agency_answer":
		f.w("\n      ")
		f.textarea("web.field.answer", `rows="5" required`, "answer", true)
		f.w("\n      ")
		f.photos("web.field.photos")
		f.w("\n    ")
	case "relay":
		f.w("\n      <label>")
		f.t("web.field.relay_text")
		f.w(`<textarea name="answer" id="relay-text" rows="5"`)
		f.autofocus()
		f.w(`>`)
		if f.failed {
			f.esc(d.Form["answer"])
		} else {
			f.esc(c.AgencyAnswer)
		}
		f.w(`</textarea>`)
		f.fieldErr("answer")
		f.w("</label>\n      ")
		if h := d.SMS["relay"]; h != nil {
			f.smsCount(h, "relay-text")
		}
		f.w("\n    ")
	case "return", "reopen", "reject":
		f.w("\n      ")
		f.textarea("web.field.reason", `rows="3" required`, "reason", true)
		f.w("\n    ")
	case "mark_duplicate":
		f.w("\n      <label>")
		f.t("web.field.duplicate_of")
		f.w(`<input name="duplicate_of" placeholder="ADU-2026-000123" value="`)
		f.esc(f.typed("duplicate_of"))
		f.w(`" required>`)
		f.fieldErr("duplicate_of")
		f.w("</label>\n      ")
		if f.failed && d.Errors["confirm"] != "" {
			f.w(`<div class="notice attention dup-confirm" role="alert"><ul>`)
			for _, k := range []string{"confirm.window", "confirm.closed", "confirm.category", "confirm.agency", "confirm.answer"} {
				if v := d.Errors[k]; v != "" {
					f.w(`<li>`)
					f.esc(v)
					f.w(`</li>`)
				}
			}
			f.w("</ul>\n        <label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"1\"> ")
			f.t("web.field.duplicate_confirm")
			f.w(`</label></div>`)
		}
		f.w("\n    ")
	case "provide_identity":
		for i, k := range []string{"name", "address"} {
			f.w("\n      <label>")
			f.t("web.field." + k)
			f.w(`<input name="`)
			f.w(k)
			f.w(`" value="`)
			switch {
			case f.failed:
				f.esc(d.Form[k])
			case c.Citizen != nil && i == 0:
				f.esc(c.Citizen.Name)
			case c.Citizen != nil:
				f.esc(c.Citizen.Address)
			}
			f.w(`">`)
			f.fieldErr("citizen." + k)
			f.w(`</label>`)
		}
		f.w("\n      ")
		f.fieldErr("citizen")
		f.w("\n    ")
	case "record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency",
		"agency_promise", "agency_progress", "ask_clarification", "answer_clarification", "close_no_reply":
		f.w("\n      ")
		f.agencyFields(a)
		f.w("\n    ")
	case "request_identity":
		f.w("\n      <p class=\"muted\">")
		f.t("web.complaint.identity_sms")
		f.w("</p>\n      ")
		if h := d.SMS["request_identity"]; h != nil {
			f.w(`<blockquote class="smspreview">`)
			f.esc(h.Text)
			f.w(`</blockquote>`)
			f.smsCount(h, "")
			if h.Problem != "" {
				f.w(`<p class="field-error">`)
				f.t(h.Problem)
				f.w(`</p>`)
			}
		}
		f.w("\n    ")
	}
}

// agencyTextLabel labels the text of the agency side's steps that take
// one.
var agencyTextLabel = map[string]string{
	"record_agency_answer": "web.field.answer", "agency_promise": "web.agencyflow.promise", "agency_progress": "web.agencyflow.progress",
	"ask_clarification": "web.agencyflow.question", "answer_clarification": "web.agencyflow.clarification",
}

// agencyFields are the fields of the steps of a forward's agency side
// (issue 16); what the template "agencyflow-act" wrote.
func (f *actForm) agencyFields(a string) {
	d := f.d
	f.w("\n  ")
	if label, ok := agencyTextLabel[a]; ok {
		f.w("\n    ")
		f.textarea(label, `rows="4" required`, "answer", true)
		f.w("\n  ")
	}
	f.w("\n  ")
	switch a {
	case "record_agency_answer":
		f.w("\n    ")
		f.input("web.agencyflow.answered_by", `name="answered_by" required`, "answered_by")
		f.w("\n    ")
		f.input("web.agencyflow.answered_at", `type="datetime-local" name="answered_at"`, "answered_at")
		f.w("\n    <label>")
		f.t("web.agencyflow.via")
		f.w(`<select name="via">`)
		f.options("via", "phone", "web.agencyflow.via_phone", "whatsapp", "web.agencyflow.via_whatsapp", "letter", "web.agencyflow.via_letter")
		f.w(`</select>`)
		f.fieldErr("via")
		f.w("</label>\n    ")
		f.photos("web.agencyflow.attachments")
		f.w("\n  ")
	case "agency_promise":
		f.w("\n    ")
		f.input("web.agencyflow.promised_by", `type="date" name="promised_by" required`, "promised_by")
		f.w("\n  ")
	case "answer_clarification":
		f.w("\n    ")
		if q := d.Agency.Question; q != "" {
			f.w(`<blockquote>`)
			f.esc(q)
			f.w(`</blockquote>`)
		}
		f.w("\n  ")
	case "call_agency":
		f.w("\n    <label>")
		f.t("web.agencyflow.outcome")
		f.w(`<select name="outcome">`)
		f.options("outcome", "reached", "web.agencyflow.outcome_reached", "no_answer", "web.agencyflow.outcome_no_answer")
		f.w(`</select>`)
		f.fieldErr("outcome")
		f.w("</label>\n    ")
		f.input("web.agencyflow.call_note", `name="note" required`, "note")
		f.w("\n  ")
	case "escalate_agency":
		f.w("\n    ")
		f.textarea("web.agencyflow.escalate_note", `rows="3" required`, "note", false)
		f.w("\n  ")
	case "remind_agency", "close_no_reply":
		f.w("\n    <label>")
		f.t("web.agencyflow.remind_note")
		f.w(`<input name="note" value="`)
		f.esc(f.typed("note"))
		f.w("\"></label>\n  ")
	case "withdraw":
		f.w("\n    <label>")
		f.t("web.field.agency")
		f.w(`<select name="agency_id" required><option value="">`)
		f.t("web.choose")
		f.w("</option>\n      ")
		f.w(string(f.p.AgencyOpts(d.Agencies, f.typed("agency_id"), d.C.AgencyID)))
		f.w("</select>\n      ")
		f.fieldErr("agency_id")
		f.w("</label>\n    ")
		f.textarea("web.field.reason", `rows="2" required`, "reason", false)
		f.w("\n    ")
		f.reachedBy("\n      ")
		f.w("\n    ")
		f.reachedNote()
		f.w("\n  ")
	}
	f.w("\n")
}

// input writes <label>LABEL<input ATTRS value="typed">error</label>.
func (f *actForm) input(label, attrs, field string) {
	f.w(`<label>`)
	f.t(label)
	f.w(`<input `)
	f.w(attrs)
	f.w(` value="`)
	f.esc(f.typed(field))
	f.w(`">`)
	f.fieldErr(field)
	f.w(`</label>`)
}

// photos writes the file input of a form that takes photos.
func (f *actForm) photos(label string) {
	f.w(`<label>`)
	f.t(label)
	f.w(`<input type="file" name="photos" accept="image/jpeg,image/png" multiple>`)
	f.fieldErr("photos")
	f.w(`</label>`)
}

// reachedBy is the forward's and the withdrawal's "how the agency was
// reached" select; indent is what stands before its options and error.
func (f *actForm) reachedBy(indent string) {
	f.w(`<label>`)
	f.t("web.forward.reached_by")
	f.w(`<select name="reached_by"><option value="">`)
	f.t("web.forward.reached_none")
	f.w(`</option>`)
	f.w(indent)
	f.options("reached_by", "phone", "web.forward.reached_phone", "visit", "web.forward.reached_visit")
	f.w(`</select>`)
	f.w(indent)
	f.fieldErr("reached_by")
	f.w(`</label>`)
}

// reachedNote is the note beside reachedBy.
func (f *actForm) reachedNote() {
	f.w(`<label>`)
	f.t("web.field.note")
	f.w(`<input name="note" value="`)
	f.esc(f.typed("note"))
	f.w(`" placeholder="`)
	f.t("web.forward.reached_note")
	f.w(`"></label>`)
}

// smsCount is the parts an SMS takes (the template "smscount"); src, the
// id of the textarea it counts as typed, "" when it counts a fixed text.
func (f *actForm) smsCount(h *smsHint, src string) {
	f.w(`<p class="smscount`)
	if h.Over {
		f.w(` over`)
	}
	f.w(`" aria-live="polite"`)
	if src != "" {
		f.w(` data-sms-source="`)
		f.esc(src)
		f.w(`" data-sms-frame="`)
		f.esc(h.Frame)
		f.w(`" data-sms-crlf="1" data-sms-max="`)
		f.w(strconv.Itoa(h.MaxParts))
		f.w(`" data-t-count="`)
		f.t("msg.web.sms_count")
		f.w(`" data-t-over="`)
		f.t("msg.web.sms_over")
		f.w(`"`)
	}
	f.w(`>`)
	if h.Over {
		f.t("msg.web.sms_over", h.Count.Parts, h.MaxParts)
	} else {
		f.t("msg.web.sms_count", h.Count.Parts, string(h.Count.Encoding), h.Count.Remaining)
	}
	f.w(`</p>`)
}

// shortcutKeys are the Alt+key of the steps on the complaint page;
// app.js reads the same letters from the data-key attributes.
var shortcutKeys = map[string]string{"answer": "J", "forward": "T", "relay": "R", "close": "C", "acknowledge": "K", "agency_answer": "J", "request_identity": "I", "receive_answer": "E"}

func shortcutKey(a string) string { return shortcutKeys[a] }
