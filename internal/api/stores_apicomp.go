package api

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/store"
)

// ComplaintWrites is what the creation, note and contact handlers write and
// resolve through beyond Complaints: declared here, where it is consumed,
// so that handler tests give a fake (handlers_apicomp_test.go). The
// store's complaints aggregate is the real one.
type ComplaintWrites interface {
	CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...store.TxHook) (*aduan.Complaint, error)
	AddNote(ctx context.Context, actor aduan.Actor, id int64, in store.NoteInput, within ...store.TxHook) (*aduan.Event, error)
	ComplaintRef(ctx context.Context, actor aduan.Actor, ref string) (int64, error)
}

// Citizens is what the citizen, stated-identity and contact handlers read
// and change; the store's citizens aggregate is the real one.
type Citizens interface {
	Citizen(ctx context.Context, actor aduan.Actor, id int64) (*aduan.Citizen, error)
	CitizenByPhone(ctx context.Context, actor aduan.Actor, raw string) (*aduan.Citizen, error)
	UpdateCitizen(ctx context.Context, actor aduan.Actor, id, version int64, in aduan.CitizenInput) (*aduan.Citizen, error)
	StatedIdentity(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) (*store.StatedIdentity, error)
	SettleStatedIdentity(ctx context.Context, actor aduan.Actor, complaintID, version int64, adopt bool) (*aduan.Citizen, error)
	LogContact(ctx context.Context, actor aduan.Actor, c *aduan.Contact) error
	Callbacks(ctx context.Context, actor aduan.Actor) ([]aduan.Contact, error)
}

// ExportProgresses is where the progress of a named export is read; the
// store's reports aggregate is the real one.
type ExportProgresses interface {
	GetExportProgress(ctx context.Context, userID int64, id string) (*store.ExportProgress, error)
}

// complaintWrites is a.ComplaintWrites when set (tests), else the store.
func (a *API) complaintWrites() ComplaintWrites {
	if a.ComplaintWrites != nil {
		return a.ComplaintWrites
	}
	return a.Store.Complaints()
}

// citizens is a.Citizens when set (tests), else the store.
func (a *API) citizens() Citizens {
	if a.Citizens != nil {
		return a.Citizens
	}
	return a.Store.Citizens()
}

// exportProgresses is a.ExportProgresses when set (tests), else the store.
func (a *API) exportProgresses() ExportProgresses {
	if a.ExportProgresses != nil {
		return a.ExportProgresses
	}
	return a.Store.Reports()
}

// Messages is what the message, template and notification handlers read
// and change; the store's messages aggregate is the real one.
type Messages interface {
	ComplaintMessages(ctx context.Context, actor aduan.Actor, complaintID int64) ([]*channel.Message, error)
	ListMessages(ctx context.Context, actor aduan.Actor, f store.MessageFilter) ([]*channel.Message, int64, error)
	Templates(ctx context.Context, actor aduan.Actor) ([]channel.Template, error)
	Template(ctx context.Context, actor aduan.Actor, key string) (channel.Template, error)
	SaveTemplate(ctx context.Context, actor aduan.Actor, t channel.Template) (channel.Template, error)
	Notifications(ctx context.Context, actor aduan.Actor, unreadOnly bool, limit int) ([]store.Notification, error)
	MarkNotificationRead(ctx context.Context, actor aduan.Actor, id int64) error
}

// messages is a.Messages when set (tests), else the store.
func (a *API) messages() Messages {
	if a.Messages != nil {
		return a.Messages
	}
	return a.Store.Messages()
}

// Settings is where the SMS count reads the long-SMS setting; the store's
// reference data is the real one.
type Settings interface {
	Settings(ctx context.Context) (map[string]string, error)
}

// settings is a.Settings when set (tests), else the store.
func (a *API) settings() Settings {
	if a.Settings != nil {
		return a.Settings
	}
	return a.Store.RefData()
}

// Attachments is where the photo handlers read a complaint's photos; the
// store's attachments aggregate is the real one.
type Attachments interface {
	Attachments(ctx context.Context, actor aduan.Actor, complaintID int64) ([]*attach.Attachment, error)
	Attachment(ctx context.Context, actor aduan.Actor, id int64) (*attach.Attachment, error)
}

// attachments is a.Attachments when set (tests), else the store.
func (a *API) attachments() Attachments {
	if a.Attachments != nil {
		return a.Attachments
	}
	return a.Store.Attachments()
}
