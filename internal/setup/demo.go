package setup

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/store"
)

// DefaultDemoPassword is the password of every demo user unless
// --demo-password says otherwise.
const DefaultDemoPassword = "aduan-demo-2026"

// DemoUser is one demo account.
type DemoUser struct {
	Username string
	Name     string
	Role     aduan.Role
	Agency   string // agency code for agency-bound roles
}

// DemoUsers are the demo accounts: one per role, plus an agency operator for
// every agency that the categories route to, so that every forwarded demo
// complaint has someone to answer it.
var DemoUsers = []DemoUser{
	{"operator", "Siti Rahmawati", aduan.RoleOperatorCC, ""},
	{"operator2", "Budi Santoso", aduan.RoleOperatorCC, ""},
	{"koordinator", "Dewi Lestari", aduan.RoleKoordinatorCC, ""},
	{"kasi", "Agus Setiawan", aduan.RoleKasiKabid, ""},
	{"pd.dpupr", "Rina Marlina (DPUPR)", aduan.RoleOperatorPD, "DPUPR"},
	{"pimpinan.dpupr", "Ir. Hendra Wijaya (Kadis DPUPR)", aduan.RolePimpinanPD, "DPUPR"},
	{"ppid", "Yuni Kartika (PPID Utama)", aduan.RolePPIDUtama, ""},
	{"ppid.dpupr", "Fajar Nugroho (PPID DPUPR)", aduan.RolePPIDPembantu, "DPUPR"},
	{"admin", "Administrator", aduan.RoleAdmin, ""},
}

// DemoOptions tune the demo.
type DemoOptions struct {
	Password   string
	Complaints int       // how many complaints (default 300)
	Days       int       // spread over the last Days days (default 60)
	Seed       uint64    // random seed, for a reproducible demo
	Now        time.Time // "now" of the demo (default time.Now())
}

// Demo creates the demo users and complaints in an install that has no
// complaints yet. It returns the number of complaints created (0 when the
// database already had some).
func Demo(ctx context.Context, st *store.Store, o DemoOptions) (int, error) {
	if o.Password == "" {
		o.Password = DefaultDemoPassword
	}
	if o.Complaints == 0 {
		o.Complaints = 300
	}
	if o.Days == 0 {
		o.Days = 60
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if _, err := Reference(ctx, st); err != nil {
		return 0, err
	}
	// The demo's folder is the one a new install gets: loaded on every
	// demo start, it adds only what is missing.
	if _, err := StarterLibrary(ctx, st); err != nil {
		return 0, err
	}
	existing, _, err := st.Complaints().ListComplaints(ctx, aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}, aduan.ComplaintFilter{Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(existing) > 0 {
		return 0, nil
	}
	g, err := newDemoGen(ctx, st, o)
	if err != nil {
		return 0, err
	}
	n, err := g.run(ctx)
	if err != nil {
		return n, err
	}
	// The seed wrote thousands of small transactions: on SQLite their WAL
	// (166 MB for 300 complaints) would stay beside the database until a
	// clean stop. A reader still in the WAL (another connection of a
	// running service) only leaves the file long until the next
	// checkpoint: the seed itself has committed, so that is not its error.
	if err := st.Checkpoint(ctx); err != nil && !errors.Is(err, store.ErrCheckpointBusy) {
		return n, fmt.Errorf("demo: %w", err)
	}
	return n, nil
}

type demoGen struct {
	st       *store.Store
	o        DemoOptions
	rnd      *rand.Rand
	users    map[string]*aduan.User   // by username
	pdUsers  map[int64]*aduan.User    // agency operator by agency ID
	cats     []aduan.Category         // categories with texts
	agencies map[string]*aduan.Agency // by code
	kels     []aduan.Kelurahan
	kecName  map[string]string
	texts    map[string][]string
	answers  map[string][]string
	streets  []string
	citizens []aduan.CitizenInput
	// office is the agencies' working time: their staff act in office
	// hours, so their delays are office time, not the wall clock's.
	office *aduan.Calendar
	// surveys are the closed complaints' surveys, answered after the run
	// (demo_messages.go).
	surveys []demoSurvey
}

func newDemoGen(ctx context.Context, st *store.Store, o DemoOptions) (*demoGen, error) {
	g := &demoGen{st: st, o: o, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed)), users: map[string]*aduan.User{},
		pdUsers: map[int64]*aduan.User{}, agencies: map[string]*aduan.Agency{}, kecName: map[string]string{},
		texts: seed.DemoTexts(), answers: seed.DemoAnswers(), streets: seed.StreetNames()}
	sc, err := st.RefData().StandardClock(ctx)
	if err != nil {
		return nil, err
	}
	g.office = sc.Office
	ags, err := st.RefData().Agencies(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*aduan.Agency{}
	for i := range ags {
		g.agencies[ags[i].Code] = &ags[i]
		byID[ags[i].ID] = &ags[i]
	}
	cats, err := st.RefData().Categories(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		if len(g.texts[c.Code]) > 0 && c.DefaultAgencyID != 0 {
			g.cats = append(g.cats, c)
		}
	}
	sort.Slice(g.cats, func(i, j int) bool { return g.cats[i].Code < g.cats[j].Code })
	if g.kels, err = st.RefData().Kelurahans(ctx, ""); err != nil {
		return nil, err
	}
	keks, err := st.RefData().Kecamatans(ctx)
	if err != nil {
		return nil, err
	}
	for _, k := range keks {
		g.kecName[k.Code] = k.Name
	}
	// Users: the fixed ones, then an operator for every routed agency.
	all := append([]DemoUser(nil), DemoUsers...)
	seen := map[int64]bool{g.agencies["DPUPR"].ID: true}
	for _, c := range g.cats {
		if a := byID[c.DefaultAgencyID]; a != nil && !seen[a.ID] {
			seen[a.ID] = true
			all = append(all, DemoUser{"pd." + strings.ToLower(strings.ReplaceAll(a.Code, "_", "-")), "Operator " + a.ShortName, aduan.RoleOperatorPD, a.Code})
		}
	}
	// The agencies a returned complaint is re-forwarded to need operators too.
	for _, code := range []string{"DISRUMKIM", "KEC-SUKMAJAYA", "DLHK", "SATPOLPP"} {
		if a := g.agencies[code]; a != nil && !seen[a.ID] {
			seen[a.ID] = true
			all = append(all, DemoUser{"pd." + strings.ToLower(a.Code), "Operator " + a.ShortName, aduan.RoleOperatorPD, a.Code})
		}
	}
	for i, du := range all {
		u := &aduan.User{Username: du.Username, Name: du.Name, Role: du.Role, Lang: "id", Active: true}
		if du.Agency != "" {
			u.AgencyID = g.agencies[du.Agency].ID
		}
		if du.Role == aduan.RoleOperatorPD {
			// Every agency the demo forwards to is reachable: its operator
			// gets the forward's WhatsApp. The numbers are made up (a
			// 0899-0000 block), never to be dialled.
			u.Phone = aduan.Phone(fmt.Sprintf("+62899000%05d", i))
		}
		if existing, err := st.Users().UserByUsername(ctx, du.Username); err == nil {
			u = existing
			if err := st.Users().SetPassword(ctx, aduan.System, u.ID, "", o.Password, store.Credential{}); err != nil {
				return nil, err
			}
		} else if err := st.Users().CreateUser(ctx, aduan.System, u, o.Password); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", du.Username, err)
		}
		g.users[u.Username] = u
		if u.Role == aduan.RoleOperatorPD {
			if _, ok := g.pdUsers[u.AgencyID]; !ok {
				g.pdUsers[u.AgencyID] = u
			}
		}
	}
	// Demo accounts are for clicking through: no forced password change.
	// (SetPassword by the system marks it; clear by re-setting as self.)
	for _, u := range g.users {
		if err := st.Users().SetPassword(ctx, u.Actor(), u.ID, o.Password, o.Password, store.Credential{}); err != nil {
			return nil, err
		}
	}
	first, last := seed.FirstNames(), seed.LastNames()
	n := o.Complaints*3/5 + 1 // fewer citizens than complaints: some call again
	for i := 0; i < n; i++ {
		k := g.kels[g.rnd.IntN(len(g.kels))]
		c := aduan.CitizenInput{
			Name:          first[g.rnd.IntN(len(first))] + " " + last[g.rnd.IntN(len(last))],
			Phone:         fmt.Sprintf("08%d%d%08d", []int{1, 1, 5, 7, 9}[g.rnd.IntN(5)], []int{1, 2, 3, 5, 7, 8}[g.rnd.IntN(6)], g.rnd.IntN(100000000)),
			Address:       fmt.Sprintf("%s No. %d, RT %02d/RW %02d", g.streets[g.rnd.IntN(len(g.streets))], 1+g.rnd.IntN(120), 1+g.rnd.IntN(12), 1+g.rnd.IntN(15)),
			KelurahanCode: k.Code,
		}
		if g.rnd.IntN(10) == 0 {
			c.Address = "" // some callers do not give an address: identity incomplete
		}
		g.citizens = append(g.citizens, c)
	}
	return g, nil
}

func (g *demoGen) actor(username string) aduan.Actor { return g.users[username].Actor() }

func (g *demoGen) minutes(lo, hi int) time.Duration {
	return time.Duration(lo+g.rnd.IntN(hi-lo+1)) * time.Minute
}

// pdUser reports whether username is an agency's staff.
func (g *demoGen) pdUser(username string) bool {
	u := g.users[username]
	return u != nil && u.Role.AgencyBound()
}

// agencyAnswerDelay is how much office time an agency takes to answer:
// most within two working days, one in five between two and eight, so
// that the light tier (2 working days) and sometimes the normative (5)
// are missed, as in real life.
func (g *demoGen) agencyAnswerDelay() time.Duration {
	if g.rnd.IntN(5) == 0 {
		return g.minutes(16*60, 68*60)
	}
	return g.minutes(30, 16*60)
}

func (g *demoGen) run(ctx context.Context) (int, error) {
	defer func(old func() time.Time) { g.st.Now = old }(g.st.Now)
	// The steps' messages, in their final states (demo_messages.go); the
	// service sets its own hooks when its queue starts.
	g.st.SetTransitionHooks(g.demoMessages)
	defer g.st.SetTransitionHooks()
	start := g.o.Now.Add(-time.Duration(g.o.Days) * 24 * time.Hour)
	// Complaint times, sorted, so that numbers increase with time as they
	// would in real life.
	times := make([]time.Time, g.o.Complaints)
	for i := range times {
		d := start.Add(time.Duration(g.rnd.Int64N(int64(g.o.Now.Sub(start) - time.Hour))))
		// Calls come in office hours, 07–21 WIB.
		w := d.In(aduan.WIB)
		h := 7 + g.rnd.IntN(14)
		times[i] = time.Date(w.Year(), w.Month(), w.Day(), h, g.rnd.IntN(60), g.rnd.IntN(60), 0, aduan.WIB)
		if times[i].After(g.o.Now.Add(-10 * time.Minute)) {
			times[i] = g.o.Now.Add(-time.Duration(10+g.rnd.IntN(300)) * time.Minute)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	var created []*aduan.Complaint
	for _, t := range times {
		c, err := g.one(ctx, t, created)
		if err != nil {
			return len(created), err
		}
		created = append(created, c)
	}
	if err := g.answerSurveys(ctx); err != nil {
		return len(created), err
	}
	if err := g.laporDemo(ctx); err != nil {
		return len(created), err
	}
	if err := g.ppidDemo(ctx); err != nil {
		return len(created), err
	}
	if err := g.reportsDemo(ctx); err != nil {
		return len(created), err
	}
	return len(created), nil
}

// one records a complaint at t and walks it along a path of the SOP, step
// by step with realistic delays, stopping where "now" is.
func (g *demoGen) one(ctx context.Context, t time.Time, earlier []*aduan.Complaint) (*aduan.Complaint, error) {
	clock := t
	g.st.Now = func() time.Time { return clock }
	op := "operator"
	if g.rnd.IntN(3) == 0 {
		op = "operator2"
	}
	cat := g.cats[g.rnd.IntN(len(g.cats))]
	cit := g.citizens[g.rnd.IntN(len(g.citizens))]
	kel := g.kels[g.rnd.IntN(len(g.kels))]
	if cit.KelurahanCode != "" && g.rnd.IntN(3) > 0 {
		for _, k := range g.kels {
			if k.Code == cit.KelurahanCode {
				kel = k
			}
		}
	}
	texts := g.texts[cat.Code]
	street := g.streets[g.rnd.IntN(len(g.streets))]
	text := seed.Fill(texts[g.rnd.IntN(len(texts))], street, kel.Name, g.kecName[kel.KecamatanCode])
	channel := aduan.ChannelPhone
	switch x := g.rnd.IntN(20); {
	case x < 2:
		channel = aduan.ChannelSMS
	case x < 4:
		channel = aduan.ChannelWhatsApp
	case x == 4:
		channel = aduan.ChannelEmail
	}
	conf := aduan.Public
	switch g.rnd.IntN(25) {
	case 0:
		conf = aduan.Anonymous
	case 1:
		conf = aduan.Confidential
	}
	received := clock.Add(-g.minutes(2, 20))
	citIn := cit
	if g.rnd.IntN(12) == 0 {
		citIn.Name = "" // a caller who would not say their name at first
	}
	c, err := g.st.Complaints().CreateComplaint(ctx, g.actor(op), aduan.NewComplaint{
		Channel: channel, Text: text, Address: street + ", " + kel.Name, KelurahanCode: kel.Code, CategoryID: cat.ID,
		Confidentiality: conf, ReceivedAt: &received, Citizen: &citIn,
	})
	if err != nil {
		return nil, fmt.Errorf("demo complaint: %w", err)
	}
	// How far along the SOP this complaint gets: old ones are mostly
	// finished, recent ones are anywhere, so that every state is on show.
	budget := 100
	if age := g.o.Now.Sub(t); age < 10*24*time.Hour || g.rnd.IntN(10) == 0 {
		budget = g.rnd.IntN(9)
	}
	step := func(user string, after time.Duration, act aduan.Action, in aduan.ActionInput) bool {
		if err != nil || budget == 0 {
			return false
		}
		budget--
		next := clock.Add(after)
		if g.pdUser(user) {
			next = g.office.AddOpen(clock, after)
		}
		if next.After(g.o.Now) {
			return false
		}
		clock = next
		var nc *aduan.Complaint
		nc, _, err = g.st.Complaints().ApplyAction(ctx, g.actor(user), c.ID, c.Version, act, in)
		if err == nil {
			c = nc
		}
		return err == nil
	}
	pd := func() string {
		if u := g.pdUsers[c.AgencyID]; u != nil {
			return u.Username
		}
		return "pd.dpupr"
	}
	answer := func() string {
		if a := g.answers[cat.Code]; len(a) > 0 {
			return seed.Fill(a[g.rnd.IntN(len(a))], street, kel.Name, g.kecName[kel.KecamatanCode])
		}
		return "Terima kasih atas laporannya. Pengaduan sudah kami tindak lanjuti dan petugas telah diterjunkan ke lokasi."
	}
	if c.Citizen != nil && len(c.Citizen.Missing()) > 0 {
		if !step(op, g.minutes(1, 4), aduan.ActionRequestIdentity, aduan.ActionInput{Missing: c.Citizen.Missing()}) {
			return c, err
		}
		full := cit
		if full.Address == "" {
			full.Address = street + " No. 7, " + kel.Name
		}
		if full.Name == "" {
			full.Name = "Warga " + kel.Name
		}
		if g.rnd.IntN(8) == 0 || !step(op, g.minutes(20, 300), aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &full}) {
			return c, err
		}
	}
	switch p := g.rnd.IntN(100); {
	case p < 5: // spam or abuse
		step(op, g.minutes(1, 5), aduan.ActionReject, aduan.ActionInput{Reason: "Telepon iseng, tidak ada pengaduan."})
		return c, err
	case p < 10 && len(earlier) > 0: // the same problem reported again
		// The operator saw the link's warnings (an original already
		// closed, or of another category) and confirmed it.
		target := earlier[len(earlier)-1-g.rnd.IntN(min(len(earlier), 15))]
		step(op, g.minutes(2, 8), aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: target.ID, Note: "Lokasi dan masalah sama.", Confirm: true})
		return c, err
	case p < 32: // answered at once (SOP 4) or from the answer folder (SOP 6)
		in := aduan.ActionInput{Answer: answer(), Source: aduan.SourceDirect}
		if g.rnd.IntN(2) == 0 {
			in.Source, in.SourceRef = aduan.SourceWeb, "https://www.depok.go.id"
		}
		if step(op, g.minutes(3, 25), aduan.ActionAnswer, in) {
			step(op, g.minutes(30, 600), aduan.ActionClose, aduan.ActionInput{})
		}
		return c, err
	}
	if g.rnd.IntN(8) == 0 { // photos first (SOP 5)
		if !step(op, g.minutes(3, 12), aduan.ActionRequestPhotos, aduan.ActionInput{}) {
			return c, err
		}
		if !step(op, g.minutes(30, 900), aduan.ActionPhotosReceived, aduan.ActionInput{}) {
			return c, err
		}
	}
	if !step(op, g.minutes(4, 40), aduan.ActionForward, aduan.ActionInput{AgencyID: cat.DefaultAgencyID}) {
		return c, err
	}
	if g.rnd.IntN(10) == 0 { // not the agency's authority: returned, re-forwarded
		if !step(pd(), g.minutes(10, 600), aduan.ActionReturn, aduan.ActionInput{Reason: "Bukan kewenangan kami; lokasi termasuk jalan lingkungan/PSU perumahan."}) {
			return c, err
		}
		other := g.agencies["DISRUMKIM"].ID
		if other == c.AgencyID {
			other = g.agencies["KEC-SUKMAJAYA"].ID
		}
		if !step(op, g.minutes(5, 90), aduan.ActionForward, aduan.ActionInput{AgencyID: other}) {
			return c, err
		}
	}
	if !step(pd(), g.minutes(2, 240), aduan.ActionAcknowledge, aduan.ActionInput{}) {
		return c, err
	}
	// The agency's answer. Drawn as before whichever way it comes, so that
	// the rest of the demo is the same: some agencies answer by phone to
	// the call center, which records it (steps 8 and 9 at once), and some
	// promise a date first, post progress, then complete (issue 16).
	delay, receipt := g.agencyAnswerDelay(), g.minutes(2, 60)
	switch {
	case c.ID%11 == 0:
		answered := g.office.AddOpen(clock, delay)
		if !step(op, answered.Sub(clock)+receipt, aduan.ActionRecordAgencyAnswer, aduan.ActionInput{Answer: answer(),
			AnsweredBy: "Staf " + c.AgencyName, AnsweredAt: answered.Format(time.RFC3339), Via: aduan.ViaPhone}) {
			return c, err
		}
	case c.ID%7 == 0:
		promised := g.office.AddOpen(clock, delay).In(aduan.WIB).AddDate(0, 0, 7).Format("2006-01-02")
		if !step(pd(), delay, aduan.ActionAgencyPromise, aduan.ActionInput{PromisedBy: promised,
			Answer: "Akan kami perbaiki; petugas dan material dijadwalkan pekan depan."}) ||
			!step(pd(), 2*8*time.Hour, aduan.ActionAgencyProgress, aduan.ActionInput{Answer: "Petugas sudah meninjau lokasi; pengerjaan dimulai."}) ||
			!step(pd(), 3*8*time.Hour, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: answer()}) ||
			!step(op, receipt, aduan.ActionReceiveAnswer, aduan.ActionInput{}) {
			return c, err
		}
	default:
		if !step(pd(), delay, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: answer()}) {
			return c, err
		}
		if !step(op, receipt, aduan.ActionReceiveAnswer, aduan.ActionInput{}) {
			return c, err
		}
	}
	if !step(op, g.minutes(5, 200), aduan.ActionRelay, aduan.ActionInput{}) {
		return c, err
	}
	step(op, g.minutes(60, 3*24*60), aduan.ActionClose, aduan.ActionInput{})
	return c, err
}
