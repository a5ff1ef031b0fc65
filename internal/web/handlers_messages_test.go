package web

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// fakeMessages is the messages area's store and queue, one function per
// method: a nil one is a call the case must not make (so a refused or bad
// form that leaves the writes nil changes nothing). calls names the
// methods called, in order.
type fakeMessages struct {
	t            *testing.T
	list         func(f store.MessageFilter) ([]*channel.Message, int64, error)
	reviewCount  func() (int64, error)
	reviewList   func(limit int) ([]*channel.Message, error)
	templates    func() ([]channel.Template, error)
	saveTemplate func(t channel.Template) (channel.Template, error)
	setSettings  func(values map[string]string) error
	notes        func(unreadOnly bool, limit int) ([]store.Notification, error)
	markRead     func(id int64) error
	markAll      func() (int64, error)
	retry        func(id int64) (*channel.Message, error)
	assign       func(id int64, number string) (*channel.Message, error)

	calls []string
}

func (f *fakeMessages) call(name string, missing bool) {
	f.t.Helper()
	f.calls = append(f.calls, name)
	if missing {
		f.t.Fatalf("the handler called %s, which this case must not reach", name)
	}
}

func (f *fakeMessages) ListMessages(_ context.Context, _ aduan.Actor, fl store.MessageFilter) ([]*channel.Message, int64, error) {
	f.call("ListMessages", f.list == nil)
	return f.list(fl)
}

func (f *fakeMessages) ReviewCount(context.Context, aduan.Actor) (int64, error) {
	f.call("ReviewCount", f.reviewCount == nil)
	return f.reviewCount()
}

func (f *fakeMessages) ReviewList(_ context.Context, _ aduan.Actor, limit int) ([]*channel.Message, error) {
	f.call("ReviewList", f.reviewList == nil)
	return f.reviewList(limit)
}

func (f *fakeMessages) Templates(context.Context, aduan.Actor) ([]channel.Template, error) {
	f.call("Templates", f.templates == nil)
	return f.templates()
}

func (f *fakeMessages) SaveTemplate(_ context.Context, _ aduan.Actor, t channel.Template) (channel.Template, error) {
	f.call("SaveTemplate", f.saveTemplate == nil)
	return f.saveTemplate(t)
}

func (f *fakeMessages) SetSettings(_ context.Context, _ aduan.Actor, values map[string]string) error {
	f.call("SetSettings", f.setSettings == nil)
	return f.setSettings(values)
}

func (f *fakeMessages) Notifications(_ context.Context, _ aduan.Actor, unreadOnly bool, limit int) ([]store.Notification, error) {
	f.call("Notifications", f.notes == nil)
	return f.notes(unreadOnly, limit)
}

func (f *fakeMessages) MarkNotificationRead(_ context.Context, _ aduan.Actor, id int64) error {
	f.call("MarkNotificationRead", f.markRead == nil)
	return f.markRead(id)
}

func (f *fakeMessages) MarkAllNotificationsRead(context.Context, aduan.Actor) (int64, error) {
	f.call("MarkAllNotificationsRead", f.markAll == nil)
	return f.markAll()
}

func (f *fakeMessages) Retry(_ context.Context, _ aduan.Actor, id int64) (*channel.Message, error) {
	f.call("Retry", f.retry == nil)
	return f.retry(id)
}

func (f *fakeMessages) Assign(_ context.Context, _ aduan.Actor, id int64, number string) (*channel.Message, error) {
	f.call("Assign", f.assign == nil)
	return f.assign(id, number)
}

// failedSMS is an answer to a citizen that could not be sent, and
// unmatched an SMS that matched no complaint: the numbers, texts and
// notes are the citizen's, hidden from who may not see them.
func failedSMS() *channel.Message {
	return &channel.Message{ID: 41, ComplaintID: 7, ComplaintNumber: "ADU-2026-000007", Channel: channel.SMS, Direction: channel.Out,
		Purpose: channel.PurposeAnswer, To: "+6281234567890", Body: "Yth. Ratna Dewi, lampu sudah diganti.", Status: channel.StatusFailed,
		Error: "ESME_RINVDSTADR", Attempts: 3, CreatedAt: pageNow}
}

func unmatchedSMS() *channel.Message {
	return &channel.Message{ID: 42, Channel: channel.SMS, Direction: channel.In, Purpose: channel.PurposeNewComplaint, From: "+6281299990000",
		Body: "Jalan berlubang depan rumah saya di Jl. Melati", Status: channel.StatusIgnored, Note: "no complaint number", CreatedAt: pageNow}
}

// messageLists answers the three lists of /messages.
func messageLists(t *testing.T) func(f *fakeMessages) {
	return func(f *fakeMessages) {
		f.list = func(fl store.MessageFilter) ([]*channel.Message, int64, error) {
			switch {
			case fl.Direction == channel.Out:
				return []*channel.Message{failedSMS()}, 0, nil
			case len(fl.Statuses) == 1 && fl.Statuses[0] == channel.StatusIgnored:
				return []*channel.Message{unmatchedSMS()}, 0, nil
			case fl.Purpose == channel.PurposeNewComplaint:
				return nil, 0, nil
			}
			t.Errorf("listed %+v", fl)
			return nil, 0, nil
		}
	}
}

func messageRoutes(w *Web, _ *Public) map[string]HandlerFunc {
	return map[string]HandlerFunc{"GET /messages": w.Messages, "POST /messages/{id}/retry": w.RetryMessage, "POST /messages/{id}/assign": w.AssignMessage,
		"GET /admin/templates": w.Templates, "POST /admin/templates/switches": w.SaveMessageSwitches, "POST /admin/templates/{key}": w.SaveTemplate,
		"GET /notifications": w.Notifications, "POST /notifications/read": w.ReadAllNotifications, "POST /notifications/{id}/read": w.ReadNotification,
		"POST /complaints/{id}/notes": w.Note}
}

var citizenSMS = []string{"Ratna", "81234567890", "81299990000", "3456-7890", "9999-0000", "lampu sudah diganti", "Jl. Melati"}

// TestMessagePageHandlers checks the messages area with its store and
// queue replaced by fakes: the lists with retry and assignment, the
// template editor and its switches, the notifications, and the notes of
// the complaint page.
func TestMessagePageHandlers(t *testing.T) {
	templates := func(f *fakeMessages) {
		f.templates = func() ([]channel.Template, error) {
			return []channel.Template{{Key: channel.TplAnswer, Subject: "Jawaban {nomor}", Body: "Yth. {nama}, {jawaban}"},
				{Key: channel.TplForward, Subject: "Pengaduan {nomor}", Body: "Pengaduan {nomor} untuk {instansi}"}}, nil
		}
	}
	with := func(fills ...func(f *fakeMessages)) func(f *fakeMessages) {
		return func(f *fakeMessages) {
			for _, fill := range fills {
				fill(f)
			}
		}
	}
	noted := func(f *fakeStores) {
		f.addNote = func(id int64, in store.NoteInput) (*aduan.Event, error) {
			if id != 7 || in.Kind != store.NoteCallback || in.Outcome != "no_answer" || in.Text != "Tidak diangkat" {
				t.Errorf("note %d %+v", id, in)
			}
			return &aduan.Event{ID: 9}, nil
		}
	}
	noteForm := url.Values{"kind": {store.NoteCallback}, "outcome": {"no_answer"}, "note": {"Tidak diangkat"}}
	complaintShown := func(f *fakeStores) {
		f.complaint = func(int64) (*aduan.Complaint, error) { return pageComplaint(aduan.StatusRecorded), nil }
		f.events = func(int64) ([]aduan.Event, error) { return nil, nil }
		f.list = func(aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) { return nil, 0, nil }
	}
	runSvcPages(t, messageRoutes, []svcCase{
		// The lists.
		{pageCase: pageCase{name: "the koordinator sees the failed and unmatched messages with their numbers and texts", method: "GET", path: "/messages",
			role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Pesan yang perlu ditangani", "ADU-2026-000007", "0812-3456-7890", "lampu sudah diganti", "Jl. Melati", `action="/messages/41/retry"`, `action="/messages/42/assign"`}},
			messages: messageLists(t)},
		{pageCase: pageCase{name: "IT staff see when and how, not to whom or what, and assign nothing", method: "GET", path: "/messages",
			role: aduan.RoleAdmin, status: 200, want: []string{"ADU-2026-000007", "[disembunyikan]", `action="/messages/41/retry"`},
			notWant: append([]string{`action="/messages/42/assign"`, "no complaint number"}, citizenSMS...)},
			messages: messageLists(t)},
		{pageCase: pageCase{name: "a kasi has no messages list", method: "GET", path: "/messages", role: aduan.RoleKasiKabid, status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "a list the store fails to read is a 500 that tells nothing", method: "GET", path: "/messages", role: aduan.RoleKoordinatorCC,
			status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) {
				f.list = func(store.MessageFilter) ([]*channel.Message, int64, error) { return nil, 0, errStoreDown }
			}},

		// Retry.
		{pageCase: pageCase{name: "a retry from the complaint page goes back there, scrolled to the messages", method: "POST", path: "/messages/41/retry",
			role: aduan.RoleOperatorCC, form: url.Values{"back": {"/complaints/7#messages"}}, status: 303,
			check: sentTo("/complaints/7?ok=web.ok.msg_retried#messages")},
			messages: func(f *fakeMessages) {
				f.retry = func(id int64) (*channel.Message, error) {
					if id != 41 {
						t.Errorf("retried %d", id)
					}
					return failedSMS(), nil
				}
			}},
		{pageCase: pageCase{name: "a retry sent back to another site stays on this one", method: "POST", path: "/messages/41/retry",
			role: aduan.RoleOperatorCC, form: url.Values{"back": {"//evil.example/x"}}, status: 303, check: sentTo("/messages?ok=web.ok.msg_retried")},
			messages: func(f *fakeMessages) { f.retry = func(int64) (*channel.Message, error) { return nil, nil } }},
		{pageCase: pageCase{name: "a message that cannot go yet is said on the page the click came from", method: "POST", path: "/messages/41/retry",
			role: aduan.RoleOperatorCC, form: url.Values{"back": {"/messages"}}, status: 303, check: sentTo("/messages?err=err.message.retried")},
			messages: func(f *fakeMessages) {
				f.retry = func(int64) (*channel.Message, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.message.retried")
				}
			}},
		{pageCase: pageCase{name: "a retry of what is no message is a 404, nothing retried", method: "POST", path: "/messages/abc/retry",
			role: aduan.RoleOperatorCC, form: url.Values{}, status: 404}},
		{pageCase: pageCase{name: "a retry the store refuses the role is a 403", method: "POST", path: "/messages/41/retry", role: aduan.RoleKasiKabid,
			form: url.Values{}, status: 403, want: []string{forbidden}},
			messages: func(f *fakeMessages) {
				f.retry = func(int64) (*channel.Message, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			}},
		{pageCase: pageCase{name: "a retry with messaging off says so, with a retry", method: "POST", path: "/messages/41/retry", role: aduan.RoleOperatorCC,
			form: url.Values{}, status: 503, want: []string{"Layanan pesan belum berjalan."}},
			messages: func(f *fakeMessages) {
				f.retry = func(int64) (*channel.Message, error) {
					return nil, aduan.Errorf(aduan.EUNAVAILABLE, "err.messaging_off")
				}
			}},
		{pageCase: pageCase{name: "a retry the queue fails is a 500 that tells nothing", method: "POST", path: "/messages/41/retry", role: aduan.RoleOperatorCC,
			form: url.Values{}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) { f.retry = func(int64) (*channel.Message, error) { return nil, errStoreDown } }},

		// Assignment.
		{pageCase: pageCase{name: "an unmatched message given to a complaint opens it", method: "POST", path: "/messages/42/assign",
			role: aduan.RoleOperatorCC, form: url.Values{"number": {" ADU-2026-000007 "}}, status: 303, check: sentTo("/complaints/7?ok=web.ok.msg_assigned")},
			messages: func(f *fakeMessages) {
				f.assign = func(id int64, n string) (*channel.Message, error) {
					if id != 42 || n != "ADU-2026-000007" {
						t.Errorf("assigned %d to %q", id, n)
					}
					m := unmatchedSMS()
					m.ComplaintID = 7
					return m, nil
				}
			}},
		{pageCase: pageCase{name: "a number that names no complaint is said beside it, as typed", method: "POST", path: "/messages/42/assign",
			role: aduan.RoleOperatorCC, form: url.Values{"number": {"ADU-2026-999999"}}, status: 400,
			want: []string{"Pengaduan tidak ditemukan.", `value="ADU-2026-999999"`, `aria-invalid="true"`}},
			messages: with(messageLists(t), func(f *fakeMessages) {
				f.assign = func(int64, string) (*channel.Message, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			})},
		{pageCase: pageCase{name: "an assignment the store refuses the role is a 403", method: "POST", path: "/messages/42/assign",
			role: aduan.RoleAdmin, form: url.Values{"number": {"ADU-2026-000007"}}, status: 403, want: []string{forbidden}},
			messages: func(f *fakeMessages) {
				f.assign = func(int64, string) (*channel.Message, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "an assignment the store fails is a 500 that tells nothing", method: "POST", path: "/messages/42/assign",
			role: aduan.RoleOperatorCC, form: url.Values{"number": {"ADU-2026-000007"}}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) {
				f.assign = func(int64, string) (*channel.Message, error) { return nil, errStoreDown }
			}},

		// The template editor.
		{pageCase: pageCase{name: "the editor shows each template with its SMS count and the switches", method: "GET", path: "/admin/templates",
			role: aduan.RoleKoordinatorCC, status: 200, want: []string{"Templat pesan", `id="tpl-answer"`, `id="tpl-forward"`, "Yth. {nama}, {jawaban}", `class="smscount`, "receipt_sms"}},
			messages: templates},
		{pageCase: pageCase{name: "an operator edits no templates", method: "GET", path: "/admin/templates", role: aduan.RoleOperatorCC, status: 403,
			want: []string{forbidden}}},
		{pageCase: pageCase{name: "templates the store fails to read are a 500 that tells nothing", method: "GET", path: "/admin/templates",
			role: aduan.RoleAdmin, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) { f.templates = func() ([]channel.Template, error) { return nil, errStoreDown } }},
		{pageCase: pageCase{name: "a saved template goes back to it", method: "POST", path: "/admin/templates/answer", role: aduan.RoleKoordinatorCC,
			form: url.Values{"subject": {"Jawaban {nomor}"}, "body": {"Yth. {nama},\r\n{jawaban}"}}, status: 303,
			check: sentTo("/admin/templates?ok=web.ok.msg_template_saved#tpl-answer")},
			messages: func(f *fakeMessages) {
				f.saveTemplate = func(tp channel.Template) (channel.Template, error) {
					if tp.Key != "answer" || tp.Body != "Yth. {nama},\n{jawaban}" {
						t.Errorf("saved %+v", tp)
					}
					return tp, nil
				}
			}},
		{pageCase: pageCase{name: "a refused template is shown again as typed with the reason under its text", method: "POST", path: "/admin/templates/answer",
			role: aduan.RoleKoordinatorCC, form: url.Values{"subject": {"Jawaban"}, "body": {"Yth. {tidak_ada}"}}, status: 400,
			want: []string{"Yth. {tidak_ada}", `aria-invalid="true"`, i18n.T(i18n.ID, "err.invalid_input")}},
			messages: with(templates, func(f *fakeMessages) {
				f.saveTemplate = func(channel.Template) (channel.Template, error) {
					return channel.Template{}, aduan.Errorf(aduan.EINVALID, "err.invalid_input")
				}
			})},
		{pageCase: pageCase{name: "an operator saves no template", method: "POST", path: "/admin/templates/answer", role: aduan.RoleOperatorCC,
			form: url.Values{"body": {"x"}}, status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "a template the store fails to save is a 500 that tells nothing", method: "POST", path: "/admin/templates/answer",
			role: aduan.RoleAdmin, form: url.Values{"body": {"x"}}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) {
				f.saveTemplate = func(channel.Template) (channel.Template, error) { return channel.Template{}, errStoreDown }
			}},
		{pageCase: pageCase{name: "the switches save every box, an unticked one off", method: "POST", path: "/admin/templates/switches",
			role: aduan.RoleKoordinatorCC, form: url.Values{"receipt_sms": {"on"}, "city_name": {"Kota Lain"}}, status: 303,
			check: sentTo("/admin/templates?ok=web.ok.saved#switches")},
			messages: func(f *fakeMessages) {
				f.setSettings = func(v map[string]string) error {
					if len(v) != len(aduan.MessageSettingKeys) || v["receipt_sms"] != "on" || v["receipt_email"] != "off" || v["city_name"] != "" {
						t.Errorf("settings %v", v)
					}
					return nil
				}
			}},
		{pageCase: pageCase{name: "an operator switches nothing", method: "POST", path: "/admin/templates/switches", role: aduan.RoleOperatorCC,
			form: url.Values{"receipt_sms": {"on"}}, status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "switches the store fails to save are a 500 that tells nothing", method: "POST", path: "/admin/templates/switches",
			role: aduan.RoleAdmin, form: url.Values{}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) { f.setSettings = func(map[string]string) error { return errStoreDown } }},

		// The notifications.
		{pageCase: pageCase{name: "the notifications say what nears its deadline, with a link to the complaint", method: "GET", path: "/notifications",
			role: aduan.RoleOperatorCC, status: 200, want: []string{"Notifikasi", "Pengaduan ADU-2026-000007 mendekati batas waktu", `name="open" value="7"`}},
			messages: func(f *fakeMessages) {
				f.notes = func(unread bool, limit int) ([]store.Notification, error) {
					if unread || limit != 100 {
						t.Errorf("notifications %v %d", unread, limit)
					}
					due := pageNow.Add(time.Hour)
					return []store.Notification{{ID: 3, UserID: 5, ComplaintID: 7, ComplaintNumber: "ADU-2026-000007", Kind: "sla_warning",
						Step: aduan.StepKey("forward"), DueAt: &due, CreatedAt: pageNow}}, nil
				}
			}},
		{pageCase: pageCase{name: "notifications the store fails to read are a 500 that tells nothing", method: "GET", path: "/notifications",
			role: aduan.RoleOperatorCC, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) {
				f.notes = func(bool, int) ([]store.Notification, error) { return nil, errStoreDown }
			}},
		{pageCase: pageCase{name: "a notice read with open goes on to its complaint", method: "POST", path: "/notifications/3/read",
			role: aduan.RoleOperatorCC, form: url.Values{"open": {"7"}}, status: 303, check: sentTo("/complaints/7")},
			messages: func(f *fakeMessages) {
				f.markRead = func(id int64) error {
					if id != 3 {
						t.Errorf("read %d", id)
					}
					return nil
				}
			}},
		{pageCase: pageCase{name: "a notice read with its report goes on to the report", method: "POST", path: "/notifications/3/read",
			role: aduan.RoleKasiKabid, form: url.Values{"open_report": {"31"}}, status: 303, check: sentTo("/reports/31")},
			messages: func(f *fakeMessages) { f.markRead = func(int64) error { return nil } }},
		{pageCase: pageCase{name: "a notice read alone stays on the list", method: "POST", path: "/notifications/3/read",
			role: aduan.RoleOperatorCC, form: url.Values{"open": {"x"}}, status: 303, check: sentTo("/notifications?ok=web.ok.msg_notification_read")},
			messages: func(f *fakeMessages) { f.markRead = func(int64) error { return nil } }},
		{pageCase: pageCase{name: "what is no notice is a 404, nothing marked", method: "POST", path: "/notifications/x/read", role: aduan.RoleOperatorCC,
			form: url.Values{}, status: 404}},
		{pageCase: pageCase{name: "another user's notice is the store's 404", method: "POST", path: "/notifications/4/read", role: aduan.RoleOperatorCC,
			form: url.Values{"open": {"7"}}, status: 404},
			messages: func(f *fakeMessages) {
				f.markRead = func(int64) error { return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notification") }
			}},
		{pageCase: pageCase{name: "a notice the store fails to mark is a 500 that tells nothing", method: "POST", path: "/notifications/3/read",
			role: aduan.RoleOperatorCC, form: url.Values{}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) { f.markRead = func(int64) error { return errStoreDown } }},
		{pageCase: pageCase{name: "every notice read at once", method: "POST", path: "/notifications/read", role: aduan.RoleOperatorCC,
			form: url.Values{}, status: 303, check: sentTo("/notifications?ok=web.ok.msg_notification_read")},
			messages: func(f *fakeMessages) { f.markAll = func() (int64, error) { return 4, nil } }},
		{pageCase: pageCase{name: "notices the store fails to mark are a 500 that tells nothing", method: "POST", path: "/notifications/read",
			role: aduan.RoleOperatorCC, form: url.Values{}, status: 500, want: []string{internalErr}, notWant: leak},
			messages: func(f *fakeMessages) { f.markAll = func() (int64, error) { return 0, errStoreDown } }},

		// The complaint page's notes.
		{pageCase: pageCase{name: "a call-back note is recorded and the complaint shown again", method: "POST", path: "/complaints/7/notes",
			role: aduan.RoleOperatorCC, form: noteForm, fake: noted, status: 303, check: sentTo("/complaints/7?ok=web.ok.note")}},
		{pageCase: pageCase{name: "a plain note keeps no call-back outcome", method: "POST", path: "/complaints/7/notes", role: aduan.RoleOperatorCC,
			form: url.Values{"kind": {"note"}, "outcome": {"no_answer"}, "note": {"Warga datang ke kantor"}}, status: 303,
			fake: func(f *fakeStores) {
				f.addNote = func(_ int64, in store.NoteInput) (*aduan.Event, error) {
					if in.Outcome != "" || in.Text != "Warga datang ke kantor" {
						t.Errorf("note %+v", in)
					}
					return &aduan.Event{ID: 9}, nil
				}
			}, check: sentTo("/complaints/7?ok=web.ok.note")}},
		{pageCase: pageCase{name: "a kasi writes no note, nothing recorded", method: "POST", path: "/complaints/7/notes", role: aduan.RoleKasiKabid,
			form: noteForm, status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "an empty note is named on the complaint page, as typed", method: "POST", path: "/complaints/7/notes",
			role: aduan.RoleOperatorCC, form: url.Values{"kind": {"callback"}, "outcome": {"no_answer"}, "note": {""}}, status: 400,
			want: []string{"ADU-2026-000007", "Wajib diisi."},
			fake: func(f *fakeStores) {
				complaintShown(f)
				f.addNote = func(int64, store.NoteInput) (*aduan.Event, error) {
					return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "note", Key: "err.field.required"}}}
				}
			}}},
		{pageCase: pageCase{name: "a note the store fails to record is a 500 that tells nothing", method: "POST", path: "/complaints/7/notes",
			role: aduan.RoleOperatorCC, form: noteForm, status: 500, want: []string{internalErr}, notWant: leak,
			fake: func(f *fakeStores) {
				f.addNote = func(int64, store.NoteInput) (*aduan.Event, error) { return nil, errStoreDown }
			}}},
	})
}
