package web

import (
	"context"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
)

// The desk's side of the answer library (SOP step 6): the suggestions
// beside the intake form as it is typed (answers, category and agency,
// open complaints it may duplicate) and the step the operator takes with
// one of them right after saving.

// RoutingView is the suggested category and agency, best three each.
type RoutingView struct {
	Categories, Agencies []ChoiceView
	TrainedAt            time.Time
	Examples             int64
	// Manual: the best agency is below routing.ManualBelow; the panel asks
	// the operator to pick rather than proposing.
	Manual bool
}

// ChoiceView is one suggestion with its confidence (0–1).
type ChoiceView struct {
	ID         int64
	Name       string
	Confidence float64
	// Step is the confidence in tenths, for the bar's width class (the
	// CSP allows no inline style).
	Step int
}

// SimilarView is an open complaint that the one being typed may repeat.
type SimilarView struct {
	C             *aduan.Complaint
	Score         float64
	SameKelurahan bool
	SameStreet    bool
	Street        string
	// Content: the viewer may read its text.
	Content bool
}

// librarySearch is the panel's search when the server has the answer
// library: entries first, then past answered complaints, with the words
// that matched marked (the search escapes everything else).
func (w *Web) librarySearch(ctx context.Context, actor aduan.Actor, text string) ([]Hit, error) {
	if w.Stores.Library == nil {
		return w.plainSearch(ctx, actor, text)
	}
	res, err := w.Stores.Library.Search(ctx, actor, search.Query{Text: text, Limit: 5})
	if err != nil {
		return nil, err
	}
	var hits []Hit
	for _, h := range res.Library {
		snippet := h.AnswerHTML
		for _, q := range h.QuestionsHTML {
			if strings.Contains(q, "<mark>") {
				snippet = q
				break
			}
		}
		hits = append(hits, Hit{Title: h.Entry.Title, Text: h.Entry.Answer, Answer: h.Entry.Answer, Source: string(aduan.SourceLibrary),
			Ref: aduan.LibraryRef(h.Entry.ID), EntryID: h.Entry.ID, Href: "/pustaka/" + strconv.FormatInt(h.Entry.ID, 10),
			Snippet: template.HTML(snippet)})
	}
	for _, h := range res.Complaints {
		c := h.Complaint
		hits = append(hits, pastHit(c, template.HTML(h.TextHTML)))
	}
	return hits, nil
}

// pastHit is a past answered complaint offered as an example: its answer
// was written for another caller, place and date.
func pastHit(c *aduan.Complaint, snippet any) Hit {
	h := Hit{Title: c.Number, Text: c.Text, Answer: c.Answer, Source: string(aduan.SourceComplaint), Ref: c.Number,
		Href: "/complaints/" + strconv.FormatInt(c.ID, 10), Example: true, Place: c.KelurahanName, Date: c.ReceivedAt, Snippet: snippet,
		kelurahanCode: c.KelurahanCode}
	if c.ClosedAt != nil {
		h.Date = *c.ClosedAt
	}
	if snippet == nil || snippet == template.HTML("") {
		h.Snippet = nil
	}
	return h
}

// exampleMaxAge is how old a past answer may be before the panel warns
// that rules, dates and names in it may have changed.
const exampleMaxAge = 365 * 24 * time.Hour

// markExamples orders the folder's entries before past complaints (the
// folder is what the city checked) and marks each past complaint that
// does not fit the caller: another kelurahan than the one picked, or an
// answer more than a year old.
func markExamples(hits []Hit, kelurahan string, now time.Time) []Hit {
	out := make([]Hit, 0, len(hits))
	var past []Hit
	for _, h := range hits {
		if !h.Example {
			out = append(out, h)
			continue
		}
		h.OtherPlace = kelurahan != "" && h.Place != "" && h.kelurahanCode != kelurahan
		h.Old = !h.Date.IsZero() && now.Sub(h.Date) > exampleMaxAge
		past = append(past, h)
	}
	return append(out, past...)
}

// minShownConfidence is the least confidence the panel shows beside the
// first suggestion: below it the share reads "0%".
const minShownConfidence = 0.005

// routingView asks the server's one routing model (nil without it).
func (w *Web) routingView(ctx context.Context, text, kelurahan string) (*RoutingView, error) {
	if w.Stores.Router == nil {
		return nil, nil
	}
	s, info, err := w.Stores.Router.Suggest(ctx, text, kelurahan)
	if err != nil {
		return nil, err
	}
	v := &RoutingView{TrainedAt: info.TrainedAt, Examples: info.Examples, Manual: s.Manual}
	choice := func(c routing.Choice) ChoiceView {
		return ChoiceView{ID: c.ID, Name: c.Name, Confidence: c.Confidence, Step: int(math.Round(c.Confidence * 10))}
	}
	// An alternative the panel would show as "0%" is no suggestion: it
	// only pushes the answers below the fold (long agency names wrap).
	// The first of each list stays, however unsure, for "pilih manual".
	for i, c := range s.Categories {
		if i == 0 || c.Confidence >= minShownConfidence {
			v.Categories = append(v.Categories, choice(c))
		}
	}
	for i, c := range s.Agencies {
		if i == 0 || c.Confidence >= minShownConfidence {
			v.Agencies = append(v.Agencies, choice(c))
		}
	}
	// Nothing the model knows: the panel says so ("pilih manual") rather
	// than staying silent, so the operator does not wait for a suggestion.
	v.Manual = v.Manual || len(v.Agencies) == 0
	return v, nil
}

// similarDraft lists the open complaints the text being typed may repeat.
func (w *Web) similarDraft(ctx context.Context, actor aduan.Actor, text, place, kelurahan string) ([]SimilarView, error) {
	if w.Stores.Library == nil || !actor.Can(aduan.PermComplaintEdit) {
		return nil, nil
	}
	hits, err := w.Stores.Library.SimilarDraft(ctx, actor, text, place, kelurahan)
	if err != nil {
		return nil, err
	}
	return similarViews(actor, hits), nil
}

// similarOpen lists the open complaints that complaint c, read already by
// the caller, may duplicate.
func (w *Web) similarOpen(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]SimilarView, error) {
	if w.Stores.Library == nil || !actor.Can(aduan.PermComplaintEdit) {
		return nil, nil
	}
	hits, err := w.Stores.Library.SimilarOf(ctx, actor, c)
	if err != nil {
		return nil, err
	}
	return similarViews(actor, hits), nil
}

func similarViews(actor aduan.Actor, hits []search.SimilarHit) []SimilarView {
	var out []SimilarView
	for _, h := range hits {
		out = append(out, SimilarView{C: h.Complaint, Score: h.Score, SameKelurahan: h.SameKelurahan, SameStreet: h.SameStreet,
			Street: h.Street, Content: actor.CanSeeContent(h.Complaint)})
	}
	return out
}

// nextStep is the step the desk takes right after saving.
type nextStep struct {
	act aduan.Action
	in  aduan.ActionInput
}

// deskNextStep reads which step follows the save: linking as a duplicate
// (a "link" button of the panel), answering with the answer on the form,
// or forwarding to the agency on the form. Without an answer or an agency
// the complaint page opens at that step as before (nil). What the step
// names is checked here, before anything is saved.
func (w *Web) deskNextStep(ctx context.Context, actor aduan.Actor, next string, f *intakeForm) (*nextStep, error) {
	var v aduan.Validation
	switch {
	case strings.TrimSpace(f.DuplicateOf) != "":
		id, err := w.Stores.Complaints.ComplaintRef(ctx, actor, f.DuplicateOf)
		if err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return nil, err
			}
			v.Add("duplicate_of", "err.field.unknown")
			return nil, v.Err()
		}
		return &nextStep{act: aduan.ActionMarkDuplicate, in: aduan.ActionInput{DuplicateOf: id, Confirm: f.Confirm}}, nil
	case next == "answer" && strings.TrimSpace(f.Answer) != "":
		in := aduan.ActionInput{Answer: strings.TrimSpace(f.Answer), Source: aduan.AnswerSource(f.Source), SourceRef: strings.TrimSpace(f.SourceRef), ToldOnCall: f.ToldOnCall}
		if in.Source == "" {
			in.Source = aduan.SourceDirect
		}
		if utf8.RuneCountInString(in.Answer) > aduan.MaxAnswerLen {
			v.Add("answer", "err.field.too_long", aduan.MaxAnswerLen)
		}
		switch in.Source {
		case aduan.SourceDirect:
			in.SourceRef = ""
		case aduan.SourceLibrary:
			ok := false
			if id, good := aduan.ParseLibraryRef(in.SourceRef); good && w.Stores.Library != nil {
				e, err := w.Stores.Library.LibraryEntry(ctx, actor, id)
				if err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
					return nil, err
				}
				ok = err == nil && e.Active
			}
			if !ok {
				v.Add("source_ref", "err.lib.ref")
			}
		case aduan.SourceComplaint:
			if _, err := w.Stores.Complaints.ComplaintByNumber(ctx, actor, in.SourceRef); err != nil {
				if aduan.ErrorCode(err) != aduan.ENOTFOUND {
					return nil, err
				}
				v.Add("source_ref", "err.lib.complaint_ref")
			}
		case aduan.SourceWeb:
			if in.SourceRef == "" {
				v.Add("source_ref", "err.field.required")
			}
		default:
			v.Add("source", "err.field.choice")
		}
		return &nextStep{act: aduan.ActionAnswer, in: in}, v.Err()
	case next == "forward" && f.Agency != "":
		id, err := strconv.ParseInt(f.Agency, 10, 64)
		if err == nil {
			var a *aduan.Agency
			if a, err = w.Stores.RefData.Agency(ctx, id); err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return nil, err
			}
			if err == nil && !a.Active {
				err = aduan.Errorf(aduan.ENOTFOUND, "err.not_found.agency")
			}
		}
		if err != nil {
			v.Add("agency", "err.field.unknown")
			return nil, v.Err()
		}
		return &nextStep{act: aduan.ActionForward, in: aduan.ActionInput{AgencyID: id}}, nil
	}
	return nil, nil
}
