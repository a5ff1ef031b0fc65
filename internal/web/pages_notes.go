package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/store"
)

// Note logs a note, a call-back attempt, or photos that reached the call
// center another way (WhatsApp on a desk phone, a USB stick) on a
// complaint, from the complaint page's notes form. The complaint does not
// move; the photos go through the same checks as an agency's (attach.Process:
// images by content, size and pixel limits, location removed) and are kept
// only if the note is recorded.
func (w *Web) Note(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	multipart, shown, err := w.stepForm(rw, r, id, "note")
	if shown || err != nil {
		return err
	}
	v := r.PostFormValue
	form := typedForm(r)
	fail := func(err error) error {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		return w.complaintPage(rw, r, id, statusFor(err), &complaintData{FailedAction: "note", Errors: fields, Error: msg, Form: form, Do: "note"})
	}
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return err
	}
	to := "/complaints/" + strconv.FormatInt(id, 10)
	o := w.formOnce(r)
	if ans, changed, err := formDone(r.Context(), o); err != nil {
		return fail(err)
	} else if ans != nil && !changed {
		return redirect(rw, r, ans.Location, "web.ok.note")
	} else if changed {
		delete(form, formTokenField)
	}
	ctx := r.Context()
	var within []store.TxHook
	if o != nil {
		within = append(within, recordForm(o, func(*aduan.Complaint) string { return to }))
	}
	in := store.NoteInput{Kind: v("kind"), Outcome: v("outcome"), Text: v("note")}
	if in.Kind != store.NoteCallback {
		in.Outcome = ""
	}
	if multipart && len(r.MultipartForm.File["photos"]) > 0 {
		// Opened and stored only for a complaint the viewer may see.
		if _, err := w.Stores.Complaints.Complaint(ctx, actor, id); err != nil {
			return err
		}
		if in.Photos, err = w.readPhotos(r, id); err != nil {
			return fail(err)
		}
	}
	if _, err := w.Stores.Complaints.AddNote(ctx, actor, id, in, within...); err != nil {
		dropPhotos(context.WithoutCancel(ctx), w.Extras.Files, in.Photos)
		return fail(err)
	}
	return redirect(rw, r, to, "web.ok.note")
}

// dropPhotos deletes photos stored for a step or note that was not taken.
func dropPhotos(ctx context.Context, files attach.Storage, photos []*attach.Attachment) {
	for _, a := range photos {
		files.Delete(ctx, a.Key)
		files.Delete(ctx, a.ThumbKey)
	}
}
