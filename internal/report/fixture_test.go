package report_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

// clock is the store's clock, moved by hand.
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
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func wib(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, aduan.WIB)
}

// fixture is a fixed dataset: two operators, a coordinator, a section head
// and two agencies' operators working through October and November 2026
// on a clock the test sets, so that every figure is known in advance and
// the same on both databases.
type fixture struct {
	st                      *store.Store
	clk                     *clock
	op1, op2, ko, ka        aduan.Actor
	pdDPUPR, pdDISHUB, ppid aduan.Actor
	dpupr, dishub           int64
	cats                    map[string]int64
	complaints              map[string]*aduan.Complaint
}

func (f *fixture) user(t *testing.T, username, name string, role aduan.Role, agency int64) aduan.Actor {
	t.Helper()
	u := &aduan.User{Username: username, Name: name, Role: role, AgencyID: agency, Active: true}
	if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

func (f *fixture) create(t *testing.T, key string, by aduan.Actor, ch aduan.Channel, cat, kel string, phone string) {
	t.Helper()
	in := aduan.NewComplaint{Channel: ch, Text: "Pengaduan uji " + key, KelurahanCode: kel, CategoryID: f.cats[cat]}
	if phone != "" {
		in.Citizen = &aduan.CitizenInput{Name: "Warga " + key, Phone: phone, Address: "Jl. Uji " + key}
	}
	c, err := f.st.Complaints().CreateComplaint(ctx, by, in)
	if err != nil {
		t.Fatalf("create %s: %v", key, err)
	}
	f.complaints[key] = c
}

// step takes a step on complaint key after waiting d.
func (f *fixture) step(t *testing.T, key string, d time.Duration, by aduan.Actor, act aduan.Action, in aduan.ActionInput) {
	t.Helper()
	f.clk.Add(d)
	c := f.complaints[key]
	next, _, err := f.st.Complaints().ApplyAction(ctx, by, c.ID, c.Version, act, in)
	if err != nil {
		t.Fatalf("%s %s: %v", key, act, err)
	}
	f.complaints[key] = next
}

func newFixture(t *testing.T, d store.Dialect) *fixture {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	clk := &clock{t: wib(2026, 10, 1, 7, 0)}
	st.Now = clk.Now
	// Final documents print their verification address from it.
	if err := st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, clk: clk, cats: map[string]int64{}, complaints: map[string]*aduan.Complaint{}}
	dp, err := st.RefData().AgencyByCode(ctx, "DPUPR")
	if err != nil {
		t.Fatal(err)
	}
	dh, err := st.RefData().AgencyByCode(ctx, "DISHUB")
	if err != nil {
		t.Fatal(err)
	}
	f.dpupr, f.dishub = dp.ID, dh.ID
	cats, err := st.RefData().Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		f.cats[c.Code] = c.ID
	}
	f.op1 = f.user(t, "siti", "Siti Operator", aduan.RoleOperatorCC, 0)
	f.op2 = f.user(t, "budi", "Budi Operator", aduan.RoleOperatorCC, 0)
	f.ko = f.user(t, "rina", "Rina Koordinator", aduan.RoleKoordinatorCC, 0)
	f.ka = f.user(t, "agus", "Agus Kasi", aduan.RoleKasiKabid, 0)
	f.pdDPUPR = f.user(t, "pd.dpupr", "Operator DPUPR", aduan.RoleOperatorPD, f.dpupr)
	f.pdDISHUB = f.user(t, "pd.dishub", "Operator DISHUB", aduan.RoleOperatorPD, f.dishub)
	f.ppid = f.user(t, "ppid", "PPID Utama", aduan.RolePPIDUtama, 0)
	min := time.Minute

	// October: the previous month, two complaints.
	clk.Set(wib(2026, 10, 12, 9, 0))
	f.create(t, "o1", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000101")
	f.step(t, "o1", 5*min, f.op1, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijadwalkan."})
	clk.Set(wib(2026, 10, 20, 10, 0))
	f.create(t, "o2", f.op2, aduan.ChannelSMS, "JALAN_RUSAK", "32.76.01.1007", "081200000102")

	// Monday 2 November.
	clk.Set(wib(2026, 11, 2, 8, 10))
	f.create(t, "c1", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000001")
	f.step(t, "c1", 5*min, f.op1, aduan.ActionAnswer, aduan.ActionInput{Answer: "Jadwal angkut Selasa dan Jumat."})
	f.step(t, "c1", 2*min, f.op1, aduan.ActionClose, aduan.ActionInput{})

	f.create(t, "c2", f.op1, aduan.ChannelSMS, "SAMPAH", "32.76.01.1007", "081200000002")
	f.step(t, "c2", 30*min, f.op1, aduan.ActionAnswer, aduan.ActionInput{Answer: "Lihat jadwal di situs DLHK.", Source: aduan.SourceWeb, SourceRef: "https://dlhk.depok.go.id"})

	f.create(t, "c3", f.op1, aduan.ChannelWhatsApp, "JALAN_RUSAK", "32.76.01.1006", "081200000003")
	f.step(t, "c3", 10*min, f.op1, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr})
	f.step(t, "c3", 3*min, f.pdDPUPR, aduan.ActionAcknowledge, aduan.ActionInput{})
	f.step(t, "c3", 2*time.Hour, f.pdDPUPR, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Perbaikan dijadwalkan minggu depan."})
	f.step(t, "c3", 4*min, f.op1, aduan.ActionReceiveAnswer, aduan.ActionInput{})
	f.step(t, "c3", time.Hour, f.op1, aduan.ActionRelay, aduan.ActionInput{})
	f.step(t, "c3", min, f.op1, aduan.ActionClose, aduan.ActionInput{})

	// Budi, the same day.
	clk.Set(wib(2026, 11, 2, 13, 0))
	f.create(t, "c4", f.op2, aduan.ChannelWeb, "DRAINASE_BANJIR", "32.76.01.1008", "081200000004")
	f.step(t, "c4", 40*min, f.op2, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dishub})
	f.step(t, "c4", 2*min, f.pdDISHUB, aduan.ActionReturn, aduan.ActionInput{Reason: "Bukan kewenangan Dishub."})
	f.step(t, "c4", 10*min, f.op2, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr})

	f.create(t, "c5", f.op2, aduan.ChannelPhone, "JALAN_RUSAK", "", "")
	f.step(t, "c5", 2*min, f.op2, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "phone"}})
	f.step(t, "c5", time.Hour, f.op2, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Warga c5", Phone: "081200000005"}})
	f.step(t, "c5", 3*min, f.op2, aduan.ActionAnswer, aduan.ActionInput{Answer: "Jalan Margonda adalah jalan nasional."})

	// Wednesday 4 November.
	clk.Set(wib(2026, 11, 4, 9, 0))
	f.create(t, "c6", f.op2, aduan.ChannelEmail, "SAMPAH", "32.76.01.1006", "081200000001")
	f.step(t, "c6", 3*min, f.op2, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: f.complaints["c1"].ID, Confirm: true})
	f.create(t, "c7", f.op1, aduan.ChannelPhone, "", "", "")
	f.step(t, "c7", min, f.op1, aduan.ActionReject, aduan.ActionInput{Reason: "Telepon iseng."})
	f.create(t, "c8", f.op1, aduan.ChannelSMS, "DRAINASE_BANJIR", "32.76.02.1007", "081200000008")
	// Step 7 counts as met only when the agency was reached (issue 15):
	// this fixture runs no message queue, so the operator phones DPUPR as
	// they forward c8; c3 is reached by its acknowledgement in time.
	f.step(t, "c8", 15*min, f.op1, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr, ReachedBy: aduan.ReachedByPhone, Note: "Pak Dedi (Satgas SDA) sudah dikabari."})
	f.step(t, "c8", 20*min, f.pdDPUPR, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Satgas SDA sudah membersihkan saluran."})

	// Satisfaction answers for two complaints (the survey is another
	// area's; its table exists already).
	for i, k := range []string{"c1", "c3"} {
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO survey_responses (complaint_id, score, comment, channel, created_at) VALUES ($1, $2, '', 'sms', $3)`,
			f.complaints[k].ID, 4+i, clk.Now().UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	// Compile as of Monday 30 November, 09.00.
	clk.Set(wib(2026, 11, 30, 9, 0))
	return f
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func must[T any](t *testing.T) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(fmt.Errorf("%w", err))
		}
		return v
	}
}
