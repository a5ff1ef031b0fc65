package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search/index"
	"github.com/kotakita/aduan/internal/store"
)

func act(t *testing.T, f *fixture, a aduan.Actor, c *aduan.Complaint, action aduan.Action, in aduan.ActionInput) *aduan.Complaint {
	t.Helper()
	out, _, err := f.st.Complaints().ApplyAction(ctx, a, c.ID, c.Version, action, in)
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	return out
}

func wantCode(t *testing.T, err error, code string, field string) {
	t.Helper()
	if aduan.ErrorCode(err) != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if field == "" {
		return
	}
	e, _ := aduan.AsError(err)
	for _, fe := range e.Fields {
		if fe.Field == field {
			return
		}
	}
	t.Fatalf("err = %v, want field %s", err, field)
}

func TestLibraryVersionsReviewAndRoles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, aduan.WIB)
		f.st.Now = func() time.Time { return now }
		e := &aduan.LibraryEntry{Title: "Syarat membuat KTP-el", Questions: []string{"gmn cara bikin ktp", "Syarat KTP elektronik apa saja?", " gmn cara bikin ktp "},
			Answer: "Membawa KK asli ke Disdukcapil atau kelurahan; gratis.", SourceURL: "https://disdukcapil.depok.go.id", Active: true}
		if err := f.st.Library().CreateLibraryEntry(ctx, f.op, e); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Fatalf("operator created an entry: %v", err)
		}
		if err := f.st.Library().CreateLibraryEntry(ctx, f.koord, e); err != nil {
			t.Fatal(err)
		}
		if len(e.Questions) != 2 || e.Version != 1 || e.ReviewDue != "2026-09-02" || e.ReviewedByName != "KOORD" {
			t.Errorf("created %+v", e)
		}
		// Bad input changes nothing and names every field.
		bad := *e
		bad.Title, bad.SourceURL, bad.ValidFrom, bad.ValidUntil = " ", "depok.go.id", "2026-05-01", "2026-04-01"
		err := f.st.Library().UpdateLibraryEntry(ctx, f.koord, &bad)
		wantCode(t, err, aduan.EINVALID, "title")
		wantCode(t, err, aduan.EINVALID, "source_url")
		wantCode(t, err, aduan.EINVALID, "valid_until")
		// A real change makes version 2; the stale version 1 is refused.
		upd := *e
		upd.Answer = "Membawa KK asli ke Disdukcapil atau kantor kelurahan. Layanan gratis."
		now = now.Add(time.Hour)
		if err := f.st.Library().UpdateLibraryEntry(ctx, f.koord, &upd); err != nil {
			t.Fatal(err)
		}
		again := *e
		again.Title = "Lain"
		wantCode(t, f.st.Library().UpdateLibraryEntry(ctx, f.koord, &again), aduan.ECONFLICT, "")
		// Saving the same content makes no version.
		same := upd
		if err := f.st.Library().UpdateLibraryEntry(ctx, f.koord, &same); err != nil || same.Version != 2 {
			t.Fatalf("unchanged save: %v, version %d", err, same.Version)
		}
		// Review: due again in six months unless a date is given.
		wantCode(t, func() error {
			_, err := f.st.Library().ReviewLibraryEntry(ctx, f.koord, e.ID, 2, "2026-01-01")
			return err
		}(), aduan.EINVALID, "review_due")
		rev, err := f.st.Library().ReviewLibraryEntry(ctx, f.koord, e.ID, 2, "")
		if err != nil {
			t.Fatal(err)
		}
		if rev.Version != 3 || rev.ReviewDue != "2026-09-02" || rev.ReviewedAt == nil || !rev.ReviewedAt.Equal(now) {
			t.Errorf("reviewed %+v", rev)
		}
		hist, err := f.st.Library().LibraryHistory(ctx, f.op, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 3 || hist[0].Action != "review" || hist[1].Action != "update" || hist[2].Action != "create" {
			t.Fatalf("history %+v", hist)
		}
		if hist[2].Entry.Answer != e.Answer || hist[1].Entry.Answer != upd.Answer || hist[1].ActorName != "KOORD" || !hist[1].At.Equal(time.Date(2026, 3, 2, 10, 0, 0, 0, aduan.WIB)) {
			t.Errorf("version 2: %+v", hist[1])
		}
		if ch := hist[1].Entry.ChangedFields(&hist[2].Entry); strings.Join(ch, ",") != "answer" {
			t.Errorf("changed in version 2: %v", ch)
		}
		if _, err := f.st.Library().LibraryHistory(ctx, f.kasi, e.ID); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("kasi read the library: %v", err)
		}
		// Review due: an entry past its date, and one past its validity.
		old := &aduan.LibraryEntry{Title: "Tarif retribusi sampah 2025", Answer: "Rp 10.000 per bulan.", ValidUntil: "2025-12-31", Active: true}
		if err := f.st.Library().CreateLibraryEntry(ctx, f.koord, old); err != nil {
			t.Fatal(err)
		}
		now = time.Date(2026, 9, 3, 9, 0, 0, 0, aduan.WIB)
		on := true
		due, _, err := f.st.Library().LibraryEntries(ctx, f.koord, aduan.LibraryFilter{ReviewDueBy: "2026-09-03", Active: &on})
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 2 {
			t.Errorf("due for review: %d entries, want 2", len(due))
		}
	})
}

// TestLibraryRulesNeedNoWiring: the answer library's rules hold on a store
// opened as any program opens it, whatever hooks it is given (or none):
// they used to hold only because cmd/aduan chained them into the store.
func TestLibraryRulesNeedNoWiring(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		ran := 0
		for _, hooks := range [][]store.TxHook{nil, {func(context.Context, *sql.Tx, *aduan.Complaint, *aduan.Event) error { ran++; return nil }}} {
			f.st.SetTransitionHooks(hooks...)
			c := f.complaint(t, "081234500021")
			_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Gratis.", Source: aduan.SourceLibrary, SourceRef: "JWB-9999"})
			wantCode(t, err, aduan.EINVALID, "source_ref")
			c = act(t, f, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Lubang sudah ditambal."})
			if terms, err := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID); err != nil || terms["lubang"] == 0 {
				t.Errorf("hooks %d: the answered complaint is not in the search index: %v %v", len(hooks), terms, err)
			}
		}
		if ran == 0 {
			t.Error("the hook given was not run")
		}
	})
}

// TestLibraryAnswersCountedAndIndexed: nothing installs the library here;
// the store keeps its rules by itself.
func TestLibraryAnswersCountedAndIndexed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		e := &aduan.LibraryEntry{Title: "Pembuatan KTP gratis", Answer: "Layanan adminduk tidak dipungut biaya.", Active: true}
		if err := f.st.Library().CreateLibraryEntry(ctx, f.koord, e); err != nil {
			t.Fatal(err)
		}
		c := f.complaint(t, "081234500001")
		// An unknown entry is refused and nothing changes.
		_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Gratis.", Source: aduan.SourceLibrary, SourceRef: "JWB-9999"})
		wantCode(t, err, aduan.EINVALID, "source_ref")
		if cur, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID); cur.Status != aduan.StatusRecorded || cur.Version != c.Version {
			t.Fatalf("a refused answer changed the complaint: %s v%d", cur.Status, cur.Version)
		}
		c = act(t, f, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Gratis, tidak dipungut biaya.", Source: aduan.SourceLibrary, SourceRef: aduan.LibraryRef(e.ID)})
		got, _ := f.st.Library().LibraryEntry(ctx, f.op, e.ID)
		if got.Uses != 1 || got.LastUsedAt == nil {
			t.Errorf("uses %d", got.Uses)
		}
		if got.Version != e.Version {
			t.Errorf("a use made a new version")
		}
		// The answered complaint is searchable; reopened, it is not.
		terms, err := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID)
		if err != nil || terms["lubang"] == 0 || terms["gratis"] == 0 {
			t.Fatalf("indexed terms %v, %v", terms, err)
		}
		n, df, _ := f.st.Library().SearchStats(ctx, index.Complaint, []string{"lubang"})
		if n != 1 || df["lubang"] != 1 {
			t.Errorf("stats n=%d df=%v", n, df)
		}
		c = act(t, f, f.op, c, aduan.ActionReopen, aduan.ActionInput{Reason: "Salah jawab."})
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID); len(terms) != 0 {
			t.Errorf("a reopened complaint is still indexed: %v", terms)
		}
		if n, df, _ := f.st.Library().SearchStats(ctx, index.Complaint, []string{"lubang"}); n != 0 || len(df) != 0 {
			t.Errorf("after reopening n=%d df=%v", n, df)
		}
		// A past complaint as the source must exist.
		_, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "x", Source: aduan.SourceComplaint, SourceRef: "ADU-2020-000999"})
		wantCode(t, err, aduan.EINVALID, "source_ref")
		// Confidential complaints are never indexed.
		conf := aduan.Confidential
		if _, err := f.st.Complaints().EditComplaint(ctx, f.op, c.ID, c.Version, aduan.ComplaintPatch{Confidentiality: &conf}); err != nil {
			t.Fatal(err)
		}
		c, _ = f.st.Complaints().Complaint(ctx, f.op, c.ID)
		c = act(t, f, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah ditangani."})
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID); len(terms) != 0 {
			t.Errorf("a confidential complaint was indexed")
		}
		// Archiving an entry takes it out of the index.
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Library, e.ID); terms["ktp"] == 0 {
			t.Fatalf("entry not indexed: %v", terms)
		}
		arch := *got
		arch.Active = false
		if err := f.st.Library().UpdateLibraryEntry(ctx, f.koord, &arch); err != nil {
			t.Fatal(err)
		}
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Library, e.ID); len(terms) != 0 {
			t.Errorf("an archived entry is still indexed")
		}
		// Reindex rebuilds the same index.
		res, err := f.st.Library().Reindex(ctx)
		if err != nil || res.Library != 0 || res.Complaints != 0 {
			t.Errorf("reindex %+v %v", res, err)
		}
	})
}

func TestLibraryFromComplaint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234500002")
		if _, err := f.st.Library().LibraryFromComplaint(ctx, f.koord, c.ID, nil); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Fatalf("entry from an unanswered complaint: %v", err)
		}
		c = act(t, f, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		c = act(t, f, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Penambalan dijadwalkan minggu depan oleh Satgas Jalan."})
		c = act(t, f, f.op, c, aduan.ActionReceiveAnswer, aduan.ActionInput{})
		c = act(t, f, f.op, c, aduan.ActionRelay, aduan.ActionInput{})
		if _, err := f.st.Library().LibraryFromComplaint(ctx, f.op, c.ID, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Fatalf("operator made an entry: %v", err)
		}
		e, err := f.st.Library().LibraryFromComplaint(ctx, f.koord, c.ID, &aduan.LibraryEntry{ValidUntil: "2026-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		if e.Answer != c.Answer || e.AgencyID != f.dpupr.ID || len(e.CategoryIDs) != 1 || e.CategoryIDs[0] != f.category.ID ||
			e.FromComplaintID != c.ID || e.SourceText != c.Number || e.ValidUntil != "2026-12-31" || len(e.Questions) != 1 || e.Title == "" {
			t.Errorf("entry %+v", e)
		}
		hist, _ := f.st.Library().LibraryHistory(ctx, f.koord, e.ID)
		if len(hist) != 1 || hist[0].Action != "from_complaint" {
			t.Errorf("history %+v", hist)
		}
	})
}

func TestDuplicatesShareTheAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		var seen []string
		f.st.SetTransitionHooks(func(_ context.Context, _ *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
			if ev.Details["shared_from"] != "" {
				seen = append(seen, c.Number+":"+string(ev.Action))
			}
			return nil
		})
		orig := f.complaint(t, "081234500010")
		dup := f.complaint(t, "081234500011")
		dup = act(t, f, f.op, dup, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: orig.ID})
		if dup.Answer != "" {
			t.Fatal("a duplicate of an unanswered complaint got an answer")
		}
		orig = act(t, f, f.op, orig, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		orig = act(t, f, f.pd, orig, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Jalan akan ditambal hari Kamis."})
		orig = act(t, f, f.op, orig, aduan.ActionReceiveAnswer, aduan.ActionInput{})
		orig = act(t, f, f.op, orig, aduan.ActionRelay, aduan.ActionInput{})
		dup, _ = f.st.Complaints().Complaint(ctx, f.op, dup.ID)
		if dup.Answer != "Jalan akan ditambal hari Kamis." || dup.AnswerSource != aduan.SourceAgency || dup.AnswerRef != orig.Number || dup.Status != aduan.StatusDuplicate {
			t.Errorf("duplicate after relay: %q %s %s %s", dup.Answer, dup.AnswerSource, dup.AnswerRef, dup.Status)
		}
		evs, _ := f.st.Complaints().Events(ctx, f.op, dup.ID)
		last := evs[len(evs)-1]
		if last.Action != aduan.ActionRelay || last.Details["shared_from"] != orig.Number || last.ActorID != f.op.UserID {
			t.Errorf("duplicate's last event %+v", last)
		}
		// A complaint linked after the answer gets it at once.
		late := f.complaint(t, "081234500012")
		late = act(t, f, f.op, late, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: orig.ID})
		if late.Answer != orig.Answer || late.AnswerRef != orig.Number {
			t.Errorf("late duplicate: %q", late.Answer)
		}
		// The original's relay tells its duplicates' citizens itself
		// (internal/jobs); a late link sends the duplicate's own relay
		// event through the hooks.
		if strings.Join(seen, ",") != late.Number+":relay" {
			t.Errorf("hooks saw %v", seen)
		}
		// An original the call center answers itself: its duplicates get
		// the answer and a relay event each.
		seen = nil
		orig2 := f.complaint(t, "081234500013")
		dup2 := act(t, f, f.op, f.complaint(t, "081234500014"), aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: orig2.ID})
		act(t, f, f.op, orig2, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah diperbaiki kemarin."})
		dup2, _ = f.st.Complaints().Complaint(ctx, f.op, dup2.ID)
		if dup2.Answer != "Sudah diperbaiki kemarin." || dup2.AnswerSource != aduan.SourceComplaint || strings.Join(seen, ",") != dup2.Number+":relay" {
			t.Errorf("duplicate of a directly answered complaint: %q %s, hooks saw %v", dup2.Answer, dup2.AnswerSource, seen)
		}
	})
}

// TestSyncSearchIndexRebuildsOnce: complaints answered before the index
// existed (or under another analyzer) are indexed at start-up, once, even
// when two instances start together.
func TestSyncSearchIndexRebuildsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234500020")
		act(t, f, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijadwalkan perbaikan."})
		// As before the upgrade: the store keeps the index on every
		// change, so the complaint is taken out of it by hand, with the
		// record of the analyzer that made it.
		for _, q := range []string{`DELETE FROM search_postings`, `DELETE FROM search_terms`, `DELETE FROM search_docs`, `UPDATE search_stats SET docs = 0`, `DELETE FROM search_meta`} {
			if _, err := f.st.DB().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID); len(terms) != 0 {
			t.Fatal("still indexed")
		}
		instances := []*store.Store{f.st}
		if d == store.Postgres {
			// A second instance on the same database, starting at once.
			other, err := store.Open(ctx, store.Config{URL: postgresURLOf(t, f.st)})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			instances = append(instances, other)
		}
		results := make(chan store.ReindexResult, 2)
		errs := make(chan error, 2)
		for _, st := range instances {
			go func(st *store.Store) {
				r, err := st.Library().SyncSearchIndex(ctx)
				results <- r
				errs <- err
			}(st)
		}
		rebuilt := 0
		for range instances {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
			if r := <-results; r.Rebuilt {
				rebuilt++
				if r.Complaints != 1 {
					t.Errorf("rebuilt %+v", r)
				}
			}
		}
		if rebuilt != 1 {
			t.Errorf("rebuilt %d times", rebuilt)
		}
		if terms, _ := f.st.Library().SearchDocTerms(ctx, index.Complaint, c.ID); terms["jadwal"] == 0 {
			t.Errorf("not indexed: %v", terms)
		}
		if r, err := f.st.Library().SyncSearchIndex(ctx); err != nil || r.Rebuilt {
			t.Errorf("second start: %+v %v", r, err)
		}
		if d == store.Postgres {
			// The rebuilt tables are planned on their own statistics, not
			// the emptied tables' (the first searches at 1M waited seconds).
			var analyzed, vacuumed bool
			if err := f.st.DB().QueryRow(`SELECT last_analyze IS NOT NULL, last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'search_postings'`).Scan(&analyzed, &vacuumed); err != nil {
				t.Fatal(err)
			}
			if !analyzed || !vacuumed {
				t.Errorf("after the rebuild search_postings analyzed %v, vacuumed %v", analyzed, vacuumed)
			}
		}
	})
}

// postgresURLOf finds the URL of the test database behind st.
func postgresURLOf(t *testing.T, st *store.Store) string {
	t.Helper()
	var name string
	if err := st.DB().QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	u := dbtest.AdminURL()
	i := strings.LastIndex(u, "/")
	rest := ""
	if j := strings.IndexByte(u[i:], '?'); j >= 0 {
		rest = u[i+j:]
	}
	return u[:i+1] + name + rest
}
