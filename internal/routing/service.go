package routing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/store"
)

// Service keeps a trained router for the running instance. The model is
// stored in the database, so a restart or another instance behind the same
// PostgreSQL loads it instead of training. A request never trains nor reads
// the model from the database: Start loads the last stored model at once
// and a background loop, owned by the service until Close, trains when none
// is usable, or when the reference data or the analyzer changed since (the
// fingerprint), and every CheckEvery
// picks up a model another instance trained. Until a model is ready,
// suggestions come from the keyword baseline.
type Service struct {
	Store *store.Store
	Log   *slog.Logger
	// CheckEvery is how often an instance looks for a model another one
	// trained (default five minutes).
	CheckEvery time.Duration
	// TrainShare is the share of a core a training takes (default the
	// package's TrainShare; 1 trains flat out).
	TrainShare float64
	// BeforeTrain, when set, is called each time this service is about to
	// train a model (tests count trainings with it, or hold one back).
	BeforeTrain func()

	mu   sync.Mutex
	cur  *Router
	info Info
	base Suggester // while cur is nil
	// ready is closed once cur is set for the first time.
	ready chan struct{}
	// trainMu lets one training run at a time (the loop's and Retrain's).
	trainMu sync.Mutex

	startOnce, closeOnce sync.Once
	cancel               context.CancelFunc
	done                 chan struct{}
}

// Info describes the model in use; it is zero while the keyword baseline
// answers (no model is ready yet).
type Info struct {
	TrainedAt time.Time
	Examples  int64
	Duration  time.Duration // of the training, when this instance trained it
}

// NewService returns a service over st.
func NewService(st *store.Store, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{Store: st, Log: log, CheckEvery: 5 * time.Minute,
		ready: make(chan struct{}), done: make(chan struct{})}
}

// Start loads the last stored model, if it is usable, and starts the
// background loop that trains and refreshes it. It returns at once; calling
// it again does nothing. A service nobody started starts on its first
// suggestion.
func (s *Service) Start() {
	s.startOnce.Do(func() {
		ctx, cancel := context.WithCancel(context.Background())
		s.mu.Lock()
		s.cancel = cancel
		s.mu.Unlock()
		go s.loop(ctx)
	})
}

// Close stops the background loop, cancelling a training in progress, and
// waits for it to end.
func (s *Service) Close() {
	s.closeOnce.Do(func() {
		s.startOnce.Do(func() { close(s.done) }) // never started: nothing to wait for
		s.mu.Lock()
		cancel := s.cancel
		s.mu.Unlock()
		if cancel != nil {
			cancel()
		}
		<-s.done
	})
}

// Ready is closed once a model (loaded or trained) answers suggestions.
func (s *Service) Ready() <-chan struct{} { return s.ready }

func (s *Service) loop(ctx context.Context) {
	defer close(s.done)
	every := s.CheckEvery
	if every <= 0 {
		every = 5 * time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := s.refresh(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("routing: refreshing the model failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// refresh loads the newest usable stored model when this instance does not
// use it yet, and trains one when none is usable or the one in use is old.
func (s *Service) refresh(ctx context.Context) error {
	ref, err := LoadReference(ctx, s.Store)
	if err != nil {
		return err
	}
	s.mu.Lock()
	if s.cur == nil {
		s.base = Baseline(ref)
	}
	cur, info := s.cur, s.info
	s.mu.Unlock()
	fp := fingerprint(ref, DefaultOptions())
	latest, err := s.Store.Library().LatestRoutingModel(ctx, false)
	if err != nil {
		return err
	}
	if latest == nil || latest.Fingerprint != fp {
		// Nothing usable is stored. A model in use keeps answering (with
		// the new names) while its successor trains; so does the last
		// stored one, trained with other seeds or reference data, rather
		// than the keyword baseline: it is what answered yesterday.
		switch {
		case cur != nil:
			s.use(NewRouter(cur.Model, ref), info)
		case latest != nil:
			if err := s.load(ctx, ref); err != nil {
				s.Log.Warn("routing: the stored model could not be read", "err", err)
			}
		}
		_, err := s.retrain(ctx, ref)
		return err
	}
	if cur == nil || !latest.TrainedAt.Equal(info.TrainedAt) {
		if err := s.load(ctx, ref); err != nil {
			return err
		}
	} else {
		s.use(NewRouter(cur.Model, ref), info) // names may have changed
	}
	// Retraining an old model is the queue's daily job (jobs.RetrainArgs),
	// run once across the cluster and audited, not each instance's loop.
	return nil
}

// load reads the newest stored model and uses it.
func (s *Service) load(ctx context.Context, ref *Reference) error {
	full, err := s.Store.Library().LatestRoutingModel(ctx, true)
	if err != nil {
		return err
	}
	if full == nil {
		return nil
	}
	m, err := Unmarshal(full.Data)
	if err != nil {
		return err
	}
	m.release()
	s.use(NewRouter(m, ref), Info{TrainedAt: full.TrainedAt, Examples: full.Examples})
	s.Log.Info("routing model loaded", "examples", full.Examples, "trained_at", full.TrainedAt)
	return nil
}

// use makes r the router suggestions come from.
func (s *Service) use(r *Router, info Info) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		close(s.ready)
	}
	s.cur, s.info = r, info
}

// LoadReference reads the city's reference data for the model.
func LoadReference(ctx context.Context, st *store.Store) (*Reference, error) {
	var ref Reference
	var err error
	if ref.Categories, err = st.RefData().Categories(ctx); err != nil {
		return nil, err
	}
	if ref.Agencies, err = st.RefData().Agencies(ctx); err != nil {
		return nil, err
	}
	if ref.Kecamatan, err = st.RefData().Kecamatans(ctx); err != nil {
		return nil, err
	}
	if ref.Kelurahan, err = st.RefData().Kelurahans(ctx, ""); err != nil {
		return nil, err
	}
	// The store has no column for aliases; the reference data the install
	// was seeded from has them.
	d, err := seed.Load()
	if err != nil {
		return nil, fmt.Errorf("routing: reading the agencies' aliases: %w", err)
	}
	ref.Aliases = d.AgencyAliases
	return &ref, nil
}

// fingerprint identifies what a model depends on besides the complaints:
// the analyzer, the seeds, the options, the categories' keywords and
// default agencies and the agencies' names and notes.
func fingerprint(ref *Reference, o Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%v\x00", analyzer.Fingerprint(), seedsTxt, o)
	cats := append([]aduan.Category(nil), ref.Categories...)
	sort.Slice(cats, func(i, j int) bool { return cats[i].ID < cats[j].ID })
	for _, c := range cats {
		fmt.Fprintf(h, "c%d %s %v %d %s\x00", c.ID, c.Code, c.Active, c.DefaultAgencyID, strings.Join(c.Keywords, ";"))
	}
	ags := append([]aduan.Agency(nil), ref.Agencies...)
	sort.Slice(ags, func(i, j int) bool { return ags[i].ID < ags[j].ID })
	for _, a := range ags {
		// Name and notes: an agency no category goes to learns from them.
		fmt.Fprintf(h, "a%d %s %s %v %s %s\x00", a.ID, a.Code, a.Kind, a.Active, a.Name, a.Notes)
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// Train trains a model on the city's finished complaints and seeds, as
// fast as it can (the eval command; the service trains at TrainShare).
func Train(ctx context.Context, st *store.Store, ref *Reference, o Options) (*Model, error) {
	return TrainAt(ctx, st, ref, o, 1)
}

// TrainShare is the share of one core a background training takes: it
// runs beside requests, at a start or in the daily job, and a request must
// not wait behind it for the CPU (issue 21: at a start on a loaded 2-core
// machine the training took 62 % of the server's CPU and the first desk
// requests waited 1.3 s). At a quarter, a million complaints train in a
// minute or two instead of some seconds; until then the last stored model
// (or the keywords) answers.
const TrainShare = 0.25

// paceEvery is how many examples are learned between pauses: a few
// milliseconds of work, so a request waits at most that long for a core.
const paceEvery = 256

// TrainAt trains as Train does, taking about share of one core (0 < share
// ≤ 1): after every paceEvery examples it yields and sleeps for as long as
// they took times (1-share)/share.
func TrainAt(ctx context.Context, st *store.Store, ref *Reference, o Options, share float64) (*Model, error) {
	t, err := NewTrainer(ref, o)
	if err != nil {
		return nil, err
	}
	var n int
	mark := time.Now()
	err = st.Library().RoutingExamples(ctx, func(ex store.RoutingExample) error {
		t.Add(Example{Text: ex.Text, CategoryID: ex.CategoryID, AgencyID: ex.AgencyID})
		if n++; share < 1 && n%paceEvery == 0 {
			if err := pause(ctx, time.Since(mark), share); err != nil {
				return err
			}
			mark = time.Now()
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	return t.Model(), nil
}

// pause gives the CPU back after busy of work, so that the work takes
// about share of a core.
func pause(ctx context.Context, busy time.Duration, share float64) error {
	runtime.Gosched()
	d := time.Duration(float64(busy) * (1 - share) / share)
	if d <= 0 {
		return nil
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

// Retrain trains a new model now, stores it and uses it.
func (s *Service) Retrain(ctx context.Context) (Info, error) {
	ref, err := LoadReference(ctx, s.Store)
	if err != nil {
		return Info{}, err
	}
	return s.retrain(ctx, ref)
}

func (s *Service) retrain(ctx context.Context, ref *Reference) (Info, error) {
	s.trainMu.Lock()
	defer s.trainMu.Unlock()
	if s.BeforeTrain != nil {
		s.BeforeTrain()
	}
	start := time.Now()
	o := DefaultOptions()
	share := s.TrainShare
	if share <= 0 || share > 1 {
		share = TrainShare
	}
	m, err := TrainAt(ctx, s.Store, ref, o, share)
	if err != nil {
		return Info{}, err
	}
	data, err := m.Marshal()
	if err != nil {
		return Info{}, err
	}
	m.release()
	// The store keeps milliseconds: the time in use must be the stored
	// one, or the loop would take the model for another instance's.
	rec := &store.RoutingModel{TrainedAt: s.Store.Now().Truncate(time.Millisecond), Examples: m.Examples, Fingerprint: fingerprint(ref, o), Data: data}
	if err := s.Store.Library().SaveRoutingModel(ctx, rec); err != nil {
		return Info{}, err
	}
	info := Info{TrainedAt: rec.TrainedAt, Examples: m.Examples, Duration: time.Since(start)}
	s.use(NewRouter(m, ref), info)
	s.Log.Info("routing model trained", "examples", m.Examples, "duration", info.Duration.Round(time.Millisecond))
	return info, nil
}

// Router returns the router in use and what it was trained on; the router
// is nil while no model is ready. It never waits for a model.
func (s *Service) Router(ctx context.Context) (*Router, Info, error) {
	s.Start()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur, s.info, nil
}

// Suggest returns the best three categories and agencies for a complaint.
func (s *Service) Suggest(ctx context.Context, text, kelurahan string) (Suggestion, Info, error) {
	r, info, err := s.Router(ctx)
	if err != nil {
		return Suggestion{}, Info{}, err
	}
	if r != nil {
		return r.Suggest(text, kelurahan, 3), info, nil
	}
	// No model yet: the categories' keywords answer now rather than the
	// caller waiting for the training.
	s.mu.Lock()
	base := s.base
	s.mu.Unlock()
	if base == nil { // the loop has not read the reference data yet
		ref, err := LoadReference(ctx, s.Store)
		if err != nil {
			return Suggestion{}, Info{}, err
		}
		base = Baseline(ref)
		s.mu.Lock()
		if s.base == nil {
			s.base = base
		}
		s.mu.Unlock()
	}
	return base(text, kelurahan), Info{}, nil
}
