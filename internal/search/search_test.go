package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

// corpus is the same data for every database: library entries and answered
// complaints, made through the store as the application makes them.
type corpus struct {
	st       *store.Store
	koord    aduan.Actor
	op       aduan.Actor
	pd       map[int64]aduan.Actor
	agencies map[string]int64
	cats     map[string]aduan.Category
}

func user(t testing.TB, st *store.Store, name string, role aduan.Role, agency int64) aduan.Actor {
	t.Helper()
	u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true}
	if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

func newCorpus(t testing.TB, d store.Dialect) *corpus {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	c := &corpus{st: st, pd: map[int64]aduan.Actor{}, agencies: map[string]int64{}, cats: map[string]aduan.Category{}}
	c.koord = user(t, st, "koord", aduan.RoleKoordinatorCC, 0)
	c.op = user(t, st, "operator", aduan.RoleOperatorCC, 0)
	ags, _ := st.RefData().Agencies(ctx)
	for _, a := range ags {
		c.agencies[a.Code] = a.ID
	}
	cats, _ := st.RefData().Categories(ctx)
	for _, k := range cats {
		c.cats[k.Code] = k
	}
	return c
}

// fill adds nLib library entries and nComplaints answered complaints, the
// same ones in the same order for the same seed.
func (c *corpus) fill(t testing.TB, seedN uint64, nLib, nComplaints int) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(seedN, 1))
	texts, answers, streets := seed.DemoTexts(), seed.DemoAnswers(), seed.StreetNames()
	var codes []string
	for code := range texts {
		if c.cats[code].DefaultAgencyID != 0 {
			codes = append(codes, code)
		}
	}
	sortStrings(codes)
	kels, _ := c.st.RefData().Kelurahans(ctx, "")
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, aduan.WIB)
	c.st.Now = func() time.Time { return now }
	for i := 0; i < nLib; i++ {
		code := codes[rnd.IntN(len(codes))]
		cat := c.cats[code]
		qs := texts[code]
		q := seed.Fill(qs[rnd.IntN(len(qs))], streets[rnd.IntN(len(streets))], kels[rnd.IntN(len(kels))].Name, "")
		ans := "Silakan hubungi " + code + " atau datang ke kantor pelayanan terdekat."
		if a := answers[code]; len(a) > 0 {
			ans = seed.Fill(a[rnd.IntN(len(a))], streets[rnd.IntN(len(streets))], kels[rnd.IntN(len(kels))].Name, "Beji")
		}
		e := &aduan.LibraryEntry{Title: fmt.Sprintf("%s (%d)", cat.Name, i), Questions: []string{q}, Answer: ans,
			AgencyID: cat.DefaultAgencyID, CategoryIDs: []int64{cat.ID}, Active: true}
		if i%7 == 3 {
			e.ValidUntil = "2026-01-31" // expired by June
		}
		if err := c.st.Library().CreateLibraryEntry(ctx, c.koord, e); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < nComplaints; i++ {
		now = now.Add(time.Minute)
		code := codes[rnd.IntN(len(codes))]
		cat := c.cats[code]
		kel := kels[rnd.IntN(len(kels))]
		street := streets[rnd.IntN(len(streets))]
		qs := texts[code]
		cp, err := c.st.Complaints().CreateComplaint(ctx, c.op, aduan.NewComplaint{Text: seed.Fill(qs[rnd.IntN(len(qs))], street, kel.Name, ""),
			KelurahanCode: kel.Code, CategoryID: cat.ID})
		if err != nil {
			t.Fatal(err)
		}
		ans := "Terima kasih, laporan sudah kami teruskan ke petugas."
		if a := answers[code]; len(a) > 0 {
			ans = seed.Fill(a[rnd.IntN(len(a))], street, kel.Name, "Beji")
		}
		if _, _, err := c.st.Complaints().ApplyAction(ctx, c.op, cp.ID, cp.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: ans}); err != nil {
			t.Fatal(err)
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var queries = []string{
	"jalan berlubang", "jln rusak dkt sekolah udh 2 mgg", "lampu jalan mati gelap", "pju", "sampah numpuk tps",
	"bansos pkh tidak cair", "ktp blm jadi", "banjir got mampet", "pohon tumbang", "pohon pangkas",
	"air pdam mati", "mati lampu pln", "anjing liar rabies", "harga gas lpg langka", "kebakaran", "sarang tawon",
	"ijazah ditahan", "parkir liar jukir", "gaji thr", "margonda", "jalan", "lamp", "samp", "dtk",
}

func hitIDs(res *search.Results) (lib, comp []string) {
	for _, h := range res.Library {
		lib = append(lib, fmt.Sprintf("%d:%.3f", h.Entry.ID, h.Score))
	}
	for _, h := range res.Complaints {
		comp = append(comp, fmt.Sprintf("%d:%.3f", h.Complaint.ID, h.Score))
	}
	return
}

// TestSameResultsOnBothDatabases builds the same library and complaints on
// SQLite and PostgreSQL and checks that every query returns the same
// entries and complaints, in the same order, with the same scores — also
// with a candidate search small enough that most terms are cut short and
// completed, as they are with a million complaints.
func TestSameResultsOnBothDatabases(t *testing.T) {
	byDB := map[store.Dialect][]string{}
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		c := newCorpus(t, d)
		c.fill(t, 42, 120, 400)
		for _, tune := range []struct{ postings, top int }{{1000, 200}, {15, 10}} {
			s := search.New(c.st)
			s.PostingsPerTerm, s.CompleteTop = tune.postings, tune.top
			for _, q := range queries {
				for _, f := range []search.Query{{Text: q}, {Text: q, Complete: true}, {Text: q, AgencyID: c.agencies["DPUPR"]},
					{Text: q, CategoryID: c.cats["SAMPAH"].ID, IncludeExpired: true}} {
					res, err := s.Search(ctx, c.op, f)
					if err != nil {
						t.Fatalf("%q: %v", q, err)
					}
					lib, comp := hitIDs(res)
					byDB[d] = append(byDB[d], fmt.Sprintf("%d/%d %+v lib=%v comp=%v", tune.postings, tune.top, f, lib, comp))
				}
			}
		}
	})
	a, b := byDB[store.SQLite], byDB[store.Postgres]
	if len(b) == 0 {
		t.Skip("PostgreSQL did not run")
	}
	if len(a) != len(b) {
		t.Fatalf("%d results on SQLite, %d on PostgreSQL", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("results differ:\n sqlite   %s\n postgres %s", a[i], b[i])
		}
		// Unfiltered searches as the operator types all find something.
		plain := strings.Contains(a[i], "AgencyID:0 CategoryID:0") && strings.Contains(a[i], "Complete:false")
		if plain && strings.Contains(a[i], "lib=[] comp=[]") {
			t.Errorf("found nothing: %s", a[i])
		}
	}
}

func TestSearchRanksHighlightsAndFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		c := newCorpus(t, d)
		c.fill(t, 7, 30, 60)
		ktp := &aduan.LibraryEntry{Title: "Cara membuat KTP-el baru", Questions: []string{"gmn bikin ktp yg ilang", "KTP hilang harus ke mana?"},
			Answer: "Bawa surat kehilangan dari kepolisian dan KK ke Disdukcapil. Gratis.", SourceURL: "https://disdukcapil.depok.go.id",
			AgencyID: c.agencies["DISDUKCAPIL"], CategoryIDs: []int64{c.cats["ADMINDUK"].ID}, Active: true}
		if err := c.st.Library().CreateLibraryEntry(ctx, c.koord, ktp); err != nil {
			t.Fatal(err)
		}
		s := search.New(c.st)
		res, err := s.Search(ctx, c.op, search.Query{Text: "ktp sy ilang, gimana bikin lg?", Complete: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Library) == 0 || res.Library[0].Entry.ID != ktp.ID {
			t.Fatalf("the KTP entry is not first: %+v", res.Library)
		}
		top := res.Library[0]
		if top.TitleHTML != "Cara <mark>membuat</mark> <mark>KTP</mark>-el baru" { // "bikin" is read as "membuat"
			t.Errorf("title %q", top.TitleHTML)
		}
		if !strings.Contains(top.QuestionsHTML[0], "<mark>bikin</mark> <mark>ktp</mark> yg <mark>ilang</mark>") {
			t.Errorf("questions %q", top.QuestionsHTML)
		}
		// While typing, the last word matches the words it begins.
		res, _ = s.Search(ctx, c.op, search.Query{Text: "kehilang"})
		if len(res.Library) == 0 || res.Library[0].Entry.ID != ktp.ID || !strings.Contains(res.Library[0].AnswerHTML, "<mark>kehilangan</mark>") {
			t.Errorf("prefix search: %+v", res.Library)
		}
		// A stem shorter than the word: "sekol" is on its way to
		// "sekolah", indexed as "seko".
		ij := &aduan.LibraryEntry{Title: "Ijazah ditahan sekolah", Answer: "Sekolah negeri tidak boleh menahan ijazah.", Active: true}
		if err := c.st.Library().CreateLibraryEntry(ctx, c.koord, ij); err != nil {
			t.Fatal(err)
		}
		res, _ = s.Search(ctx, c.op, search.Query{Text: "ijazah sekol", Library: true})
		if len(res.Library) == 0 || res.Library[0].TitleHTML != "<mark>Ijazah</mark> ditahan <mark>sekolah</mark>" {
			t.Errorf("typing sekol: %+v", res.Library)
		}
		// Filters: another agency's entries only; expired entries only
		// when asked.
		res, _ = s.Search(ctx, c.op, search.Query{Text: "ktp", AgencyID: c.agencies["DPUPR"], Complete: true})
		for _, h := range res.Library {
			if h.Entry.AgencyID != c.agencies["DPUPR"] {
				t.Errorf("agency filter let through %d", h.Entry.AgencyID)
			}
		}
		expired := &aduan.LibraryEntry{Title: "Jadwal vaksinasi rabies gratis 2025", Answer: "Di puskesmas.", ValidUntil: "2025-12-31", Active: true}
		if err := c.st.Library().CreateLibraryEntry(ctx, c.koord, expired); err != nil {
			t.Fatal(err)
		}
		found := func(q search.Query) bool {
			res, err := s.Search(ctx, c.op, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Library {
				if h.Entry.ID == expired.ID {
					return h.Expired
				}
			}
			return false
		}
		if found(search.Query{Text: "vaksinasi rabies"}) || !found(search.Query{Text: "vaksinasi rabies", IncludeExpired: true}) {
			t.Error("an expired entry is shown by default, or not when asked for")
		}
		// Roles: the section head may not search.
		kasi := user(t, c.st, "kasi", aduan.RoleKasiKabid, 0)
		if _, err := s.Search(ctx, kasi, search.Query{Text: "ktp"}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("kasi searched: %v", err)
		}
	})
}

// TestCommonWordDoesNotHideARareOne: a draft made of a word that nearly
// every past complaint has and a word only one has finds that one first,
// typed whole or still being typed, with the common word's postings cut
// far short of its documents as they are at a million complaints.
func TestCommonWordDoesNotHideARareOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		c := newCorpus(t, d)
		kels, _ := c.st.RefData().Kelurahans(ctx, "")
		answered := func(text string) *aduan.Complaint {
			t.Helper()
			x, err := c.st.Complaints().CreateComplaint(ctx, c.op, aduan.NewComplaint{Text: text, KelurahanCode: kels[0].Code,
				CategoryID: c.cats["JALAN_RUSAK"].ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := c.st.Complaints().ApplyAction(ctx, c.op, x.ID, x.Version, aduan.ActionAnswer,
				aduan.ActionInput{Answer: "Sudah kami teruskan ke petugas."}); err != nil {
				t.Fatal(err)
			}
			return x
		}
		rare := answered("Jembatan gantung rusak, papannya lapuk dan licin.")
		for i := range 40 {
			answered(fmt.Sprintf("Jalan rusak di RT %02d, rusak parah, mohon segera diperbaiki.", i))
		}
		s := search.New(c.st)
		s.PostingsPerTerm, s.CompleteTop = 10, 5
		for _, q := range []search.Query{{Text: "rusak lapuk", Complete: true}, {Text: "rusak lapu"}, {Text: "lapuk rusak", Complete: true}} {
			q.Complaints = true
			res, err := s.Search(ctx, c.op, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Complaints) == 0 || res.Complaints[0].Complaint.ID != rare.ID {
				_, comp := hitIDs(res)
				t.Errorf("%q: the complaint with the rare word (%d) is not first: %v", q.Text, rare.ID, comp)
			}
		}
	})
}
