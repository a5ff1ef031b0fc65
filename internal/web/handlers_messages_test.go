package web

import (
	"context"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
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
