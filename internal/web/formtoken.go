package web

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/store"
)

// Form tokens. An operator with a phone at their ear presses Ctrl+S twice,
// double-clicks "Simpan", or the browser sends the form again (a slow
// network, a reload, the back button): the same complaint or step must not
// be recorded twice. The desk and the complaint page's step forms carry a
// hidden random token, made when the form is drawn (kept when it comes back
// with an error, so the corrected form still counts as the same one), and
// the handler uses it as an Idempotency-Key of the user, by the API's own
// mechanism (idem.Once; the record is written in the work's transaction
// given to CreateComplaint / ApplyAction / AddNote): one form, at most one complaint
// or step. app.js also disables the buttons while a form is sent; the token
// is what holds when the script does not (or the browser resends by itself).

// formTokenField is the hidden field that carries the token.
const formTokenField = "form_token"

// newFormToken makes a form's token: 128 random bits, in hex.
func newFormToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// formOnce starts the post of a form with a token as an idempotent
// request, or returns nil when the form carries none (a page drawn before
// tokens existed) or a malformed one: that form is simply not guarded; the
// page it comes back as carries a fresh token. The keys' owner is
// "console:ID", apart from the API's "user:ID", so that an API client's
// key and a console form never answer for each other. The request is
// named by its path and its fields other than the token, in canonical
// order (url.Values.Encode sorts them).
func (w *Web) formOnce(r *http.Request) *idem.Once {
	u := userOf(r)
	tok := r.PostFormValue(formTokenField)
	if u == nil || tok == "" {
		return nil
	}
	key, err := idem.ParseKey([]string{tok})
	if err != nil || key == "" {
		return nil
	}
	fields := url.Values{}
	for k, v := range r.PostForm {
		if k != formTokenField {
			fields[k] = v
		}
	}
	return idem.NewFor(w.Stores.Keys, "console:"+strconv.FormatInt(u.ID, 10), key, idem.Fingerprint(r.Method, r.URL.Path, []byte(fields.Encode())))
}

// formAnswer is what a form's token records: where the post sent the user
// and the complaint's number (the desk's "already saved as ADU-…").
type formAnswer struct {
	Location string `json:"location"`
	Number   string `json:"number"`
}

// recordForm returns the hook that records the form's answer in the work's
// transaction; to names the page the post sends the user to.
func recordForm(o *idem.Once, to func(c *aduan.Complaint) string) store.TxHook {
	return func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
		b, err := json.Marshal(formAnswer{Location: to(c), Number: c.Number})
		if err != nil {
			return err
		}
		return o.Save(ctx, tx, http.StatusSeeOther, "application/json", c.ID, b)
	}
}

// formDone reports what a form's token recorded: nil when nothing (the
// form was not sent before, or carries no token), the answer when this very
// form was; changed is true when the token answered the form with other
// contents (typed into after it was saved).
func formDone(ctx context.Context, o *idem.Once) (ans *formAnswer, changed bool, err error) {
	prev, err := o.Previous(ctx)
	if prev == nil {
		return nil, false, err
	}
	changed = aduan.ErrorCode(err) == aduan.EUNPROCESSABLE
	if err != nil && !changed {
		return nil, false, err
	}
	ans = &formAnswer{}
	if err := json.Unmarshal(prev.Body, ans); err != nil || ans.Location == "" {
		ans.Location = "/complaints/" + strconv.FormatInt(prev.ComplaintID, 10)
	}
	return ans, changed, nil
}
