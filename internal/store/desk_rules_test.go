package store_test

import (
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestCategoryBeforeAnswerStored: a complaint with no category is not
// answered, and nothing about it changes (status, version, events); given
// the category with the step, it is answered and classified in one commit.
// An unknown category is a field error.
func TestCategoryBeforeAnswerStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Lampu jalan mati di Jl. Nusantara.",
			Citizen: &aduan.CitizenInput{Name: "Ani", Phone: "081233334444", Address: "Jl. Melati 1"}})
		if err != nil {
			t.Fatal(err)
		}
		events := count(t, f.st, "complaint_events")
		in := aduan.ActionInput{Answer: "Sudah kami catat.", Source: aduan.SourceDirect, ToldOnCall: true}
		_, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, in)
		if aduan.ErrorCode(err) != aduan.EUNPROCESSABLE || fieldKeys(err)["category_id"] != "err.field.category_first" {
			t.Fatalf("answer without a category: %v, want unprocessable on category_id", err)
		}
		got, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if got.Status != aduan.StatusRecorded || got.Version != c.Version || count(t, f.st, "complaint_events") != events {
			t.Fatalf("refused answer changed the complaint: %s v%d", got.Status, got.Version)
		}
		in.CategoryID = 999999
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, in); fieldKeys(err)["category_id"] != "err.field.unknown" {
			t.Fatalf("answer with an unknown category: %v", err)
		}
		in.CategoryID = f.category.ID
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, in); err != nil {
			t.Fatal(err)
		}
		got, _ = f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if got.Status != aduan.StatusAnswered || got.CategoryID != f.category.ID || got.CategoryName != f.category.Name {
			t.Errorf("answered with its category: %s category %d %q", got.Status, got.CategoryID, got.CategoryName)
		}
	})
}

// TestForwardAwaitingIdentityStored: an operator forwards a darurat
// complaint whose caller was asked for identity; it reaches the agency
// (its inbox lists it) with the agency's clock running.
func TestForwardAwaitingIdentityStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Pohon tumbang menutup jalan.", CategoryID: f.category.ID,
			Priority: aduan.PriorityEmergency, Citizen: &aduan.CitizenInput{Phone: "081233334444"}})
		if err != nil {
			t.Fatal(err)
		}
		if c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}}); err != nil {
			t.Fatal(err)
		}
		got, ev, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if err != nil {
			t.Fatalf("forward while awaiting identity: %v", err)
		}
		if got.Status != aduan.StatusForwarded || ev.From != aduan.StatusAwaitingIdentity || ev.Details["identity_pending"] != "1" {
			t.Errorf("forward: %s from %s details %v", got.Status, ev.From, ev.Details)
		}
		if got.Clock.PausedSince != nil || got.Clock.Deadline == nil {
			t.Errorf("agency clock after forward: paused %v deadline %v", got.Clock.PausedSince, got.Clock.Deadline)
		}
		inbox, _, err := f.st.Complaints().ListComplaints(ctx, f.pd, aduan.ComplaintFilter{Statuses: []aduan.Status{aduan.StatusForwarded}})
		if err != nil || len(inbox) != 1 || inbox[0].ID != c.ID {
			t.Errorf("agency inbox after forward: %d items, %v", len(inbox), err)
		}
	})
}

// TestQueueFlagsAQuestion: the work queue marks a complaint whose agency
// asked a question the call center has not answered, and only until it is
// answered.
func TestQueueFlagsAQuestion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081233334444")
		var err error
		if c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
		asking := func() bool {
			t.Helper()
			list, _, err := f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Limit: 10})
			if err != nil || len(list) != 1 {
				t.Fatalf("queue: %d, %v", len(list), err)
			}
			return list[0].Asking
		}
		if asking() {
			t.Error("flagged before any question")
		}
		if c, _, err = f.st.Complaints().ApplyAction(ctx, f.pd, c.ID, c.Version, aduan.ActionAskClarification, aduan.ActionInput{Answer: "Lokasi persisnya di RT berapa?"}); err != nil {
			t.Fatal(err)
		}
		if !asking() {
			t.Error("the agency's open question is not flagged")
		}
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswerClarification, aduan.ActionInput{Answer: "RT 04 RW 02."}); err != nil {
			t.Fatal(err)
		}
		if asking() {
			t.Error("still flagged after the answer")
		}
	})
}

// TestQueueSortByColumn: the queue sorted by agency name, both ways; an
// unknown column is refused.
func TestQueueSortByColumn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		a := f.complaint(t, "081233334441")
		b := f.complaint(t, "081233334442")
		var err error
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, a.ID, a.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, b.ID, b.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dishub.ID}); err != nil {
			t.Fatal(err)
		}
		order := func(desc bool) []int64 {
			t.Helper()
			list, _, err := f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Limit: 10, Sort: "agency", Desc: desc})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, c := range list {
				ids = append(ids, c.ID)
			}
			return ids
		}
		// Ordered by the agencies' names, whichever comes first.
		first, second := a.ID, b.ID
		if f.dishub.Name < f.dpupr.Name {
			first, second = b.ID, a.ID
		}
		if got := order(false); len(got) != 2 || got[0] != first || got[1] != second {
			t.Errorf("by agency ascending: %v, want %d then %d", got, first, second)
		}
		if got := order(true); len(got) != 2 || got[0] != second {
			t.Errorf("by agency descending: %v, want %d first", got, second)
		}
		if _, _, err := f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Sort: "c.id; DROP TABLE complaints"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("unknown sort: %v", err)
		}
	})
}
