package routing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
	"github.com/kotakita/aduan/internal/store"
)

// Service keeps a trained router for the running instance. The model is
// stored in the database, so a restart or another instance behind the same
// PostgreSQL loads it instead of training; it is retrained on demand
// (Retrain) and, on a schedule, when a suggestion finds it older than
// RetrainEvery (in the background: the suggestion is served by the current
// model meanwhile). A model trained with other reference data (categories
// or agencies edited since) or another analyzer is retrained at once.
type Service struct {
	Store *store.Store
	Log   *slog.Logger
	// RetrainEvery is the schedule (default a day).
	RetrainEvery time.Duration
	// CheckEvery is how often an instance looks for a model another one
	// trained (default five minutes).
	CheckEvery time.Duration

	mu        sync.Mutex
	cur       *Router
	info      Info
	checkedAt time.Time
	training  bool
}

// Info describes the model in use.
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
	return &Service{Store: st, Log: log, RetrainEvery: 24 * time.Hour, CheckEvery: 5 * time.Minute}
}

// LoadReference reads the city's reference data for the model.
func LoadReference(ctx context.Context, st *store.Store) (*Reference, error) {
	var ref Reference
	var err error
	if ref.Categories, err = st.Categories(ctx); err != nil {
		return nil, err
	}
	if ref.Agencies, err = st.Agencies(ctx); err != nil {
		return nil, err
	}
	if ref.Kecamatan, err = st.Kecamatans(ctx); err != nil {
		return nil, err
	}
	if ref.Kelurahan, err = st.Kelurahans(ctx, ""); err != nil {
		return nil, err
	}
	return &ref, nil
}

// fingerprint identifies what a model depends on besides the complaints:
// the analyzer, the seeds, the options and the categories' keywords and
// default agencies.
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
		fmt.Fprintf(h, "a%d %s %s %v\x00", a.ID, a.Code, a.Kind, a.Active)
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// Train trains a model on the city's finished complaints and seeds.
func Train(ctx context.Context, st *store.Store, ref *Reference, o Options) (*Model, error) {
	t, err := NewTrainer(ref, o)
	if err != nil {
		return nil, err
	}
	err = st.RoutingExamples(ctx, func(ex store.RoutingExample) error {
		t.Add(Example{Text: ex.Text, CategoryID: ex.CategoryID, AgencyID: ex.AgencyID})
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	return t.Model(), nil
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
	start := time.Now()
	o := DefaultOptions()
	m, err := Train(ctx, s.Store, ref, o)
	if err != nil {
		return Info{}, err
	}
	data, err := m.Marshal()
	if err != nil {
		return Info{}, err
	}
	rec := &store.RoutingModel{TrainedAt: s.Store.Now(), Examples: m.Examples, Fingerprint: fingerprint(ref, o), Data: data}
	if err := s.Store.SaveRoutingModel(ctx, rec); err != nil {
		return Info{}, err
	}
	info := Info{TrainedAt: rec.TrainedAt, Examples: m.Examples, Duration: time.Since(start)}
	s.mu.Lock()
	s.cur, s.info, s.checkedAt = NewRouter(m, ref), info, time.Now()
	s.mu.Unlock()
	s.Log.Info("routing model trained", "examples", m.Examples, "duration", info.Duration.Round(time.Millisecond))
	return info, nil
}

// Router returns the router to suggest with, loading or training one when
// this instance has none, and scheduling a retrain when it is old.
func (s *Service) Router(ctx context.Context) (*Router, Info, error) {
	s.mu.Lock()
	cur, info, checked := s.cur, s.info, s.checkedAt
	s.mu.Unlock()
	if cur != nil && time.Since(checked) < s.CheckEvery {
		return cur, info, nil
	}
	ref, err := LoadReference(ctx, s.Store)
	if err != nil {
		return nil, Info{}, err
	}
	fp := fingerprint(ref, DefaultOptions())
	latest, err := s.Store.LatestRoutingModel(ctx, false)
	if err != nil {
		return nil, Info{}, err
	}
	switch {
	case latest == nil || latest.Fingerprint != fp:
		// Nothing usable is stored: train now. On a new install that is
		// the seeds and a few complaints, which takes milliseconds.
		info, err := s.retrain(ctx, ref)
		if err != nil {
			return nil, Info{}, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.cur, info, nil
	case cur == nil || !latest.TrainedAt.Equal(info.TrainedAt):
		full, err := s.Store.LatestRoutingModel(ctx, true)
		if err != nil {
			return nil, Info{}, err
		}
		m, err := Unmarshal(full.Data)
		if err != nil {
			return nil, Info{}, err
		}
		cur, info = NewRouter(m, ref), Info{TrainedAt: full.TrainedAt, Examples: full.Examples}
	default:
		cur = NewRouter(cur.Model, ref) // names may have changed
	}
	s.mu.Lock()
	s.cur, s.info, s.checkedAt = cur, info, time.Now()
	stale := s.Store.Now().Sub(info.TrainedAt) > s.RetrainEvery && !s.training
	if stale {
		s.training = true
	}
	s.mu.Unlock()
	if stale {
		go s.background()
	}
	return cur, info, nil
}

func (s *Service) background() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	defer func() {
		s.mu.Lock()
		s.training = false
		s.mu.Unlock()
	}()
	if _, err := s.Retrain(ctx); err != nil {
		s.Log.Warn("routing: scheduled retrain failed", "err", err)
	}
}

// Suggest returns the best three categories and agencies for a complaint.
func (s *Service) Suggest(ctx context.Context, text, kelurahan string) (Suggestion, Info, error) {
	r, info, err := s.Router(ctx)
	if err != nil {
		return Suggestion{}, Info{}, err
	}
	return r.Suggest(text, kelurahan, 3), info, nil
}
