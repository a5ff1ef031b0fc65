// Package gen fills a database with realistic complaints for load tests and
// benchmarks (aduan gen): Indonesian texts from the demo templates over the
// real categories and kelurahan, citizens who call more than once, every
// state of the SOP, and each complaint's events exactly as the state machine
// makes them, spread over a span of time (two years by default). The same
// seed gives the same data.
package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// Options tune the generator.
type Options struct {
	Complaints int
	Seed       uint64
	Now        time.Time     // the end of the span (default: now)
	Span       time.Duration // default two years
	Batch      int           // complaints per transaction (default 2000)
	Progress   func(done, total int)
}

// Result says what was made.
type Result struct {
	Complaints, Citizens, Events int
	Took                         time.Duration
}

type generator struct {
	o        Options
	st       *store.Store
	sc       *aduan.StandardClock
	rnd      *rand.Rand
	ops      []aduan.Actor
	pd       map[int64]aduan.Actor
	cats     []aduan.Category
	kels     []aduan.Kelurahan
	kecName  map[string]string
	texts    map[string][]string
	answers  map[string][]string
	streets  []string
	first    []string
	last     []string
	agencies []int64
	numbers  map[int]int64
	nextCit  int64
	citizens []int64 // IDs of citizens made so far, for repeat callers
	recent   []int64 // recent complaint IDs, for duplicates
}

// Generate adds o.Complaints complaints to the store.
func Generate(ctx context.Context, st *store.Store, o Options) (Result, error) {
	start := time.Now()
	if o.Complaints <= 0 {
		return Result{}, fmt.Errorf("gen: --complaints must be positive")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Span == 0 {
		o.Span = 2 * 365 * 24 * time.Hour
	}
	if o.Batch == 0 {
		o.Batch = 2000
	}
	if _, err := setup.Reference(ctx, st); err != nil {
		return Result{}, err
	}
	g := &generator{o: o, st: st, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), pd: map[int64]aduan.Actor{},
		kecName: map[string]string{}, texts: seed.DemoTexts(), answers: seed.DemoAnswers(), streets: seed.StreetNames(),
		first: seed.FirstNames(), last: seed.LastNames(), numbers: map[int]int64{}}
	if err := g.prepare(ctx); err != nil {
		return Result{}, err
	}
	nextComplaint, nextCit, err := st.Complaints().NextIDs(ctx)
	if err != nil {
		return Result{}, err
	}
	g.nextCit = nextCit
	res := Result{}
	step := o.Span / time.Duration(o.Complaints)
	t0 := o.Now.Add(-o.Span)
	for lo := 0; lo < o.Complaints; lo += o.Batch {
		hi := min(lo+o.Batch, o.Complaints)
		var cits []aduan.Citizen
		var batch []store.BulkComplaint
		for i := lo; i < hi; i++ {
			at := t0.Add(time.Duration(i)*step + time.Duration(g.rnd.Int64N(int64(step)+1)))
			if at.After(o.Now.Add(-time.Minute)) {
				at = o.Now.Add(-time.Minute)
			}
			citID, newCit := g.citizen(at)
			if newCit != nil {
				cits = append(cits, *newCit)
			}
			bc := g.complaint(nextComplaint, at, citID)
			nextComplaint++
			res.Events += len(bc.Events)
			batch = append(batch, bc)
		}
		if err := st.Complaints().BulkInsert(ctx, cits, batch); err != nil {
			return res, err
		}
		res.Complaints += len(batch)
		res.Citizens += len(cits)
		if o.Progress != nil {
			o.Progress(hi, o.Complaints)
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	if err := st.Complaints().BulkFinish(ctx, g.numbers); err != nil {
		return res, err
	}
	res.Took = time.Since(start)
	return res, nil
}

func (g *generator) prepare(ctx context.Context) error {
	st := g.st
	var err error
	if g.sc, err = st.RefData().StandardClock(ctx); err != nil {
		return err
	}
	cats, err := st.RefData().Categories(ctx)
	if err != nil {
		return err
	}
	for _, c := range cats {
		if len(g.texts[c.Code]) > 0 && c.DefaultAgencyID != 0 {
			g.cats = append(g.cats, c)
		}
	}
	sort.Slice(g.cats, func(i, j int) bool { return g.cats[i].Code < g.cats[j].Code })
	if g.kels, err = st.RefData().Kelurahans(ctx, ""); err != nil {
		return err
	}
	keks, err := st.RefData().Kecamatans(ctx)
	if err != nil {
		return err
	}
	for _, k := range keks {
		g.kecName[k.Code] = k.Name
	}
	user := func(name, full string, role aduan.Role, agency int64) (aduan.Actor, error) {
		if u, err := st.Users().UserByUsername(ctx, name); err == nil {
			return u.Actor(), nil
		}
		// Load-test users: their random password is never shown, so there is
		// nothing to change; harnesses set their own through the store.
		u := &aduan.User{Username: name, Name: full, Role: role, AgencyID: agency, Active: true}
		if err := st.Users().CreateUser(ctx, aduan.System, u, setup.RandomPassword()); err != nil {
			return aduan.Actor{}, err
		}
		return u.Actor(), nil
	}
	for i := 1; i <= 12; i++ {
		a, err := user(fmt.Sprintf("gen.op%02d", i), fmt.Sprintf("Operator %02d", i), aduan.RoleOperatorCC, 0)
		if err != nil {
			return err
		}
		g.ops = append(g.ops, a)
	}
	ags, err := st.RefData().Agencies(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]aduan.Agency{}
	for _, a := range ags {
		byID[a.ID] = a
	}
	seen := map[int64]bool{}
	for _, c := range g.cats {
		if seen[c.DefaultAgencyID] {
			continue
		}
		seen[c.DefaultAgencyID] = true
		a := byID[c.DefaultAgencyID]
		pd, err := user("gen.pd."+strings.ToLower(a.Code), "Operator "+a.ShortName, aduan.RoleOperatorPD, a.ID)
		if err != nil {
			return err
		}
		g.pd[a.ID] = pd
		g.agencies = append(g.agencies, a.ID)
	}
	sort.Slice(g.agencies, func(i, j int) bool { return g.agencies[i] < g.agencies[j] })
	return nil
}

// citizen picks the caller: two in five have called before.
func (g *generator) citizen(at time.Time) (int64, *aduan.Citizen) {
	if len(g.citizens) > 50 && g.rnd.IntN(5) < 2 {
		return g.citizens[g.rnd.IntN(len(g.citizens))], nil
	}
	id := g.nextCit
	g.nextCit++
	k := g.kels[g.rnd.IntN(len(g.kels))]
	c := &aduan.Citizen{ID: id, Name: g.first[g.rnd.IntN(len(g.first))] + " " + g.last[g.rnd.IntN(len(g.last))],
		// Unique, valid mobile numbers: the ID is in them.
		Phone:         aduan.Phone(fmt.Sprintf("+62858%08d", id%100000000)),
		Address:       fmt.Sprintf("%s No. %d, RT %02d/RW %02d", g.streets[g.rnd.IntN(len(g.streets))], 1+g.rnd.IntN(150), 1+g.rnd.IntN(12), 1+g.rnd.IntN(15)),
		KelurahanCode: k.Code, CreatedAt: at, UpdatedAt: at}
	g.citizens = append(g.citizens, id)
	return id, c
}

func (g *generator) minutes(lo, hi int) time.Duration {
	return time.Duration(lo+g.rnd.IntN(hi-lo+1)) * time.Minute
}

// complaint records one complaint at t and walks it along the SOP with the
// domain's own state machine, so that its clock and events are exactly what
// the running system would have written.
func (g *generator) complaint(id int64, t time.Time, citizenID int64) store.BulkComplaint {
	op := g.ops[g.rnd.IntN(len(g.ops))]
	cat := g.cats[g.rnd.IntN(len(g.cats))]
	kel := g.kels[g.rnd.IntN(len(g.kels))]
	street := g.streets[g.rnd.IntN(len(g.streets))]
	texts := g.texts[cat.Code]
	year := t.In(aduan.WIB).Year()
	g.numbers[year]++
	channel := aduan.ChannelPhone
	switch x := g.rnd.IntN(20); {
	case x < 3:
		channel = aduan.ChannelSMS
	case x < 6:
		channel = aduan.ChannelWhatsApp
	case x < 7:
		channel = aduan.ChannelEmail
	case x < 8:
		channel = aduan.ChannelWeb
	}
	conf := aduan.Public
	switch g.rnd.IntN(30) {
	case 0:
		conf = aduan.Anonymous
	case 1:
		conf = aduan.Confidential
	}
	received := t.Add(-g.minutes(1, 20))
	c := &aduan.Complaint{ID: id, Number: aduan.FormatNumber(year, g.numbers[year]), Channel: channel,
		Text:    seed.Fill(texts[g.rnd.IntN(len(texts))], street, kel.Name, g.kecName[kel.KecamatanCode]),
		Address: street + ", " + kel.Name, KelurahanCode: kel.Code, KecamatanCode: kel.KecamatanCode, CategoryID: cat.ID,
		Priority: cat.Priority, Confidentiality: conf, Status: aduan.StatusRecorded, CitizenID: citizenID,
		ReceivedAt: received, CreatedAt: t, UpdatedAt: t, CreatedBy: op.UserID, Version: 1}
	g.sc.Start(&c.Clock, t)
	dl, met, el := g.sc.IntakeEvent(received, t)
	events := []aduan.Event{{ComplaintID: id, Action: aduan.ActionCreate, Step: aduan.StepIntake, To: aduan.StatusRecorded,
		ActorID: op.UserID, ActorName: op.Name, ActorRole: op.Role, At: t, Deadline: &dl, Met: &met, Elapsed: el,
		Details: map[string]string{"channel": string(channel)}}}
	clock := t
	// Old complaints are mostly finished; those of the last days are
	// anywhere along the way.
	budget := 100
	if age := g.o.Now.Sub(t); age < 10*24*time.Hour || g.rnd.IntN(12) == 0 {
		budget = g.rnd.IntN(9)
	}
	step := func(a aduan.Actor, after time.Duration, act aduan.Action, in aduan.ActionInput) bool {
		if budget == 0 {
			return false
		}
		next := clock.Add(after)
		if next.After(g.o.Now) {
			return false
		}
		ev, err := aduan.Apply(c, a, act, in, next, g.sc)
		if err != nil {
			return false
		}
		budget--
		clock = next
		c.Version++
		events = append(events, ev)
		return true
	}
	pd := func() aduan.Actor { return g.pd[c.AgencyID] }
	answer := func() string {
		if a := g.answers[cat.Code]; len(a) > 0 {
			return seed.Fill(a[g.rnd.IntN(len(a))], street, kel.Name, g.kecName[kel.KecamatanCode])
		}
		return "Terima kasih. Laporan sudah ditindaklanjuti oleh petugas di lapangan."
	}
	defer func() {
		g.recent = append(g.recent, id)
		if len(g.recent) > 200 {
			g.recent = g.recent[1:]
		}
	}()
	if g.rnd.IntN(12) == 0 {
		if !step(op, g.minutes(1, 4), aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}}) ||
			!step(op, g.minutes(15, 600), aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Address: street}}) {
			return store.BulkComplaint{C: c, Events: events}
		}
	}
	switch p := g.rnd.IntN(100); {
	case p < 4:
		step(op, g.minutes(1, 5), aduan.ActionReject, aduan.ActionInput{Reason: "Telepon iseng."})
	case p < 9 && len(g.recent) > 0:
		step(op, g.minutes(2, 8), aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: g.recent[g.rnd.IntN(len(g.recent))], Confirm: true})
	case p < 33:
		in := aduan.ActionInput{Answer: answer(), Source: aduan.SourceDirect}
		if g.rnd.IntN(2) == 0 {
			in.Source, in.SourceRef = aduan.SourceWeb, "https://www.depok.go.id"
		}
		if step(op, g.minutes(3, 25), aduan.ActionAnswer, in) {
			step(op, g.minutes(30, 900), aduan.ActionClose, aduan.ActionInput{})
		}
	default:
		if g.rnd.IntN(10) == 0 {
			if !step(op, g.minutes(3, 12), aduan.ActionRequestPhotos, aduan.ActionInput{}) || !step(op, g.minutes(30, 900), aduan.ActionPhotosReceived, aduan.ActionInput{}) {
				break
			}
		}
		if !step(op, g.minutes(4, 40), aduan.ActionForward, aduan.ActionInput{AgencyID: cat.DefaultAgencyID}) {
			break
		}
		if g.rnd.IntN(10) == 0 {
			if !step(pd(), g.minutes(10, 600), aduan.ActionReturn, aduan.ActionInput{Reason: "Bukan kewenangan kami."}) {
				break
			}
			other := g.agencies[g.rnd.IntN(len(g.agencies))]
			if other == c.AgencyID {
				other = g.agencies[(g.rnd.IntN(len(g.agencies))+1)%len(g.agencies)]
			}
			if other == c.AgencyID || !step(op, g.minutes(5, 90), aduan.ActionForward, aduan.ActionInput{AgencyID: other}) {
				break
			}
		}
		if !step(pd(), g.minutes(2, 240), aduan.ActionAcknowledge, aduan.ActionInput{}) {
			break
		}
		// Some agencies promise a date first (tindak lanjut) and answer
		// when the work is done.
		if g.rnd.IntN(6) == 0 {
			after := g.minutes(30, 600)
			by := clock.Add(after).In(g.sc.Loc()).AddDate(0, 0, 3+g.rnd.IntN(8)).Format("2006-01-02")
			if !step(pd(), after, aduan.ActionAgencyPromise, aduan.ActionInput{PromisedBy: by,
				Answer: "Akan kami tindak lanjuti; petugas dijadwalkan ke lokasi paling lambat " + by + "."}) {
				break
			}
		}
		if !step(pd(), g.minutes(30, 4*24*60), aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: answer()}) ||
			!step(op, g.minutes(2, 60), aduan.ActionReceiveAnswer, aduan.ActionInput{}) ||
			!step(op, g.minutes(5, 200), aduan.ActionRelay, aduan.ActionInput{}) {
			break
		}
		step(op, g.minutes(60, 3*24*60), aduan.ActionClose, aduan.ActionInput{})
	}
	for i := range events {
		events[i].ComplaintID = id
	}
	return store.BulkComplaint{C: c, Events: events}
}
