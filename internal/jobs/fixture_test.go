package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

// recorder is a sender that records what it was given and fails as told.
type recorder struct {
	name string
	mu   sync.Mutex
	sent []channel.Message
	fail func(m *channel.Message, attempt int) error
	seen map[int64]int
}

func (r *recorder) Name() string { return r.name }

func (r *recorder) Send(ctx context.Context, m *channel.Message) (channel.Receipt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[int64]int{}
	}
	r.seen[m.ID]++
	if r.fail != nil {
		if err := r.fail(m, r.seen[m.ID]); err != nil {
			return channel.Receipt{}, err
		}
	}
	r.sent = append(r.sent, *m)
	return channel.Receipt{GatewayID: fmt.Sprintf("%s-%d", r.name, m.ID), Parts: 1}, nil
}

func (r *recorder) messages() []channel.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]channel.Message(nil), r.sent...)
}

// clock is a test clock for the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fixture struct {
	st                 *store.Store
	q                  *jobs.Queue
	clock              *clock
	sms, wa, mail      *recorder
	op, pd, koord, adm aduan.Actor
	pdUser             *aduan.User
	dpupr              *aduan.Agency
	files              *attach.Local
}

func newFixture(t *testing.T, d store.Dialect, tweak ...func(*jobs.Config)) *fixture {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	f := &fixture{st: st, clock: &clock{t: time.Now().Truncate(time.Second)},
		sms: &recorder{name: "sms-test"}, wa: &recorder{name: "wa-test"}, mail: &recorder{name: "mail-test"},
		files: &attach.Local{Dir: t.TempDir()}}
	st.Now = f.clock.Now
	var err error
	if f.dpupr, err = st.RefData().AgencyByCode(ctx, "DPUPR"); err != nil {
		t.Fatal(err)
	}
	mk := func(name string, role aduan.Role, agency int64, phone string) *aduan.User {
		u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true, Phone: aduan.Phone(phone)}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		return u
	}
	f.op = mk("op1", aduan.RoleOperatorCC, 0, "").Actor()
	f.pdUser = mk("pd1", aduan.RoleOperatorPD, f.dpupr.ID, "081377778888")
	f.pd = f.pdUser.Actor()
	f.koord = mk("koord", aduan.RoleKoordinatorCC, 0, "").Actor()
	f.adm = mk("admin1", aduan.RoleAdmin, 0, "").Actor()
	// The tests here count each step's own messages: the receipt at intake
	// is off, but in the tests of the receipt (delivery_test.go).
	if err := st.RefData().SetSettings(ctx, f.adm, map[string]string{jobs.SettingReceiptSMS: "off", jobs.SettingReceiptWhatsApp: "off", jobs.SettingReceiptEmail: "off"}); err != nil {
		t.Fatal(err)
	}
	cfg := jobs.Config{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Senders:      map[channel.Kind]channel.Sender{channel.SMS: f.sms, channel.WhatsApp: f.wa, channel.Email: f.mail},
		Files:        f.files,
		PollInterval: 20 * time.Millisecond, RetryBase: 20 * time.Millisecond, RetryMax: 100 * time.Millisecond,
		MaxAttempts: 4, JobTimeout: 10 * time.Second, RescueAfter: 30 * time.Second}
	for _, tw := range tweak {
		tw(&cfg)
	}
	q, err := jobs.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.q = q
	st.SetTransitionHooks(q.OnTransition)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		q.Stop(c)
	})
	return f
}

// complaint records a complaint for a caller with this phone (none if "").
func (f *fixture) complaint(t *testing.T, phone, email string) *aduan.Complaint {
	t.Helper()
	in := aduan.NewComplaint{Text: "Jalan berlubang besar di depan SDN Abadijaya, sudah dua minggu belum diperbaiki.",
		Address: "Jl. Raya Bogor", KelurahanCode: "32.76.05.1001"}
	if phone != "" || email != "" {
		in.Citizen = &aduan.CitizenInput{Name: "Ani Suryani", Phone: phone, Email: email, Address: "Jl. Kenanga 3"}
	}
	c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return c
}

func (f *fixture) act(t *testing.T, who aduan.Actor, c *aduan.Complaint, a aduan.Action, in aduan.ActionInput) *aduan.Complaint {
	t.Helper()
	if aduan.NeedsCategory(a) && c.CategoryID == 0 && in.CategoryID == 0 {
		// Classified with the step, as the console asks (CategoryFirst):
		// SAMPAH, in the default tier at the default priority, so that no
		// deadline differs from an unclassified complaint's.
		in.CategoryID = f.categoryID(t, "SAMPAH")
	}
	c2, _, err := f.st.Complaints().ApplyAction(ctx, who, c.ID, c.Version, a, in)
	if err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	return c2
}

// eventually polls cond until it holds or 20 s pass. The wait is for work
// done in the background; the assertions are on what the work produced.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func (f *fixture) messages(t *testing.T, c *aduan.Complaint) []*channel.Message {
	t.Helper()
	ms, err := f.st.Messages().ComplaintMessages(ctx, aduan.System, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// settled waits until no message of c is queued or sending and returns them.
func (f *fixture) settled(t *testing.T, c *aduan.Complaint, n int) []*channel.Message {
	t.Helper()
	var ms []*channel.Message
	eventually(t, fmt.Sprintf("%d settled messages", n), func() bool {
		ms = f.messages(t, c)
		if len(ms) < n {
			return false
		}
		for _, m := range ms {
			if m.Status == channel.StatusQueued || m.Status == channel.StatusSending || m.Status == channel.StatusReceived {
				return false
			}
		}
		return true
	})
	return ms
}

var errGatewayDown = errors.New("connection refused")

func jobsSend(id int64) jobs.SendArgs { return jobs.SendArgs{MessageID: id} }

// categoryID is the ID of the seeded category with this code.
func (f *fixture) categoryID(t *testing.T, code string) int64 {
	return dbtest.CategoryID(t, f.st, code)
}
