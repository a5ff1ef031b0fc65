package aduan_test

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// Actors used throughout. Agency 7 is the complaint's agency (say DPUPR),
// agency 9 another one (say DISHUB).
var (
	opCC      = aduan.Actor{UserID: 1, Name: "Sari", Role: aduan.RoleOperatorCC}
	koordCC   = aduan.Actor{UserID: 2, Name: "Dewi", Role: aduan.RoleKoordinatorCC}
	opPD7     = aduan.Actor{UserID: 3, Name: "Budi", Role: aduan.RoleOperatorPD, AgencyID: 7}
	opPD9     = aduan.Actor{UserID: 4, Name: "Rina", Role: aduan.RoleOperatorPD, AgencyID: 9}
	kasi      = aduan.Actor{UserID: 5, Name: "Hendra", Role: aduan.RoleKasiKabid}
	pimpinan7 = aduan.Actor{UserID: 6, Name: "Ir. Joko", Role: aduan.RolePimpinanPD, AgencyID: 7}
	ppidUtama = aduan.Actor{UserID: 7, Name: "Lestari", Role: aduan.RolePPIDUtama}
	ppidPb7   = aduan.Actor{UserID: 8, Name: "Agus", Role: aduan.RolePPIDPembantu, AgencyID: 7}
	admin     = aduan.Actor{UserID: 9, Name: "Tono", Role: aduan.RoleAdmin}
)

// t0 is when the complaint was recorded: Tuesday 10 March 2026, 09:00 WIB.
var t0 = wib(2026, 3, 10, 9, 0)

func mins(n int) time.Duration { return time.Duration(n) * time.Minute }

// defaultSC times every step by the SOP's own minutes on a clock that never
// stops (every party open 24/7, no tiers): the workflow's arithmetic alone.
// Working time and the agencies' tiers are tested in sla_test.go.
func defaultSC() *aduan.StandardClock {
	sc := aduan.NewStandardClock(aduan.Standards{
		aduan.StepAgencyReceive: {Amount: 5, Unit: aduan.UnitMinute},
		aduan.StepAgencyAnswer:  {Amount: 5, Unit: aduan.UnitMinute},
	}, aduan.NewCalendarHours(aduan.AlwaysOpen, aduan.WIB, nil))
	sc.Rules = nil
	return sc
}

// recordedAt returns a complaint just recorded at `at`, its clock started.
func recordedAt(sc *aduan.StandardClock, at time.Time) *aduan.Complaint {
	c := &aduan.Complaint{
		ID: 100, Number: "ADU-2026-000100", Channel: aduan.ChannelPhone,
		Text: "Jalan berlubang di Jl. Margonda Raya", Priority: aduan.PriorityNormal,
		Confidentiality: aduan.Public, Status: aduan.StatusRecorded, CitizenID: 50, CategoryID: 3,
		ReceivedAt: at.Add(-4 * time.Minute), CreatedAt: at, UpdatedAt: at, CreatedBy: 1, Version: 1,
	}
	sc.Start(&c.Clock, at)
	return c
}

// inStatus returns a complaint sitting in status s, with agency 7 and an
// agency answer on file, as if it had got there the normal way.
func inStatus(s aduan.Status) *aduan.Complaint {
	c := recordedAt(defaultSC(), t0)
	c.Status = s
	c.AgencyID = 7
	c.AgencyAnswer = "Perbaikan dijadwalkan pekan depan."
	if !s.Open() {
		c.ClosedAt = ptrT(t0.Add(time.Hour))
	}
	if s == aduan.StatusDuplicate {
		c.DuplicateOf = 55
	}
	return c
}

// deepCopy copies c including what its pointers point to, so a later
// comparison catches changes made through shared pointers too.
func deepCopy(c *aduan.Complaint) *aduan.Complaint {
	cp := *c
	if c.Lat != nil {
		cp.Lat = ptrF(*c.Lat)
	}
	if c.Lng != nil {
		cp.Lng = ptrF(*c.Lng)
	}
	if c.ClosedAt != nil {
		cp.ClosedAt = ptrT(*c.ClosedAt)
	}
	if c.Clock.PausedSince != nil {
		cp.Clock.PausedSince = ptrT(*c.Clock.PausedSince)
	}
	if c.Clock.Deadline != nil {
		cp.Clock.Deadline = ptrT(*c.Clock.Deadline)
	}
	if c.Citizen != nil {
		z := *c.Citizen
		cp.Citizen = &z
	}
	return &cp
}

func apply(t *testing.T, sc *aduan.StandardClock, c *aduan.Complaint, a aduan.Actor, act aduan.Action, in aduan.ActionInput, at time.Time) aduan.Event {
	t.Helper()
	ev, err := aduan.Apply(c, a, act, in, at, sc)
	if err != nil {
		t.Fatalf("%s by %s from %s: %v", act, a.Role, c.Status, err)
	}
	return ev
}

// refuse applies an action that must fail with code (and, if field is not
// empty, name that field), leaving c exactly as it was.
func refuse(t *testing.T, sc *aduan.StandardClock, c *aduan.Complaint, a aduan.Actor, act aduan.Action, in aduan.ActionInput, at time.Time, code, field string) {
	t.Helper()
	before := deepCopy(c)
	ev, err := aduan.Apply(c, a, act, in, at, sc)
	if err == nil {
		t.Fatalf("%s by %s from %s: want %s, got success (event %+v)", act, a.Role, before.Status, code, ev)
	}
	if got := aduan.ErrorCode(err); got != code {
		t.Fatalf("%s by %s from %s: want code %s, got %s (%v)", act, a.Role, before.Status, code, got, err)
	}
	if field != "" {
		wantInvalid(t, err, field, "")
	}
	if !reflect.DeepEqual(before, c) {
		t.Fatalf("%s by %s failed but changed the complaint:\nbefore %+v\nafter  %+v", act, a.Role, before, c)
	}
}

type evWant struct {
	step     aduan.StepKey
	from, to aduan.Status
	deadline time.Time // zero: no deadline expected
	met      bool
	elapsed  time.Duration
	details  map[string]string
}

func checkEvent(t *testing.T, ev aduan.Event, w evWant) {
	t.Helper()
	if ev.Step != w.step {
		t.Errorf("%s: Step = %q, want %q", ev.Action, ev.Step, w.step)
	}
	if ev.From != w.from || ev.To != w.to {
		t.Errorf("%s: From/To = %s/%s, want %s/%s", ev.Action, ev.From, ev.To, w.from, w.to)
	}
	if w.deadline.IsZero() {
		if ev.Deadline != nil || ev.Met != nil {
			t.Errorf("%s: untimed step has Deadline %v Met %v", ev.Action, ev.Deadline, ev.Met)
		}
	} else {
		if ev.Deadline == nil || !ev.Deadline.Equal(w.deadline) {
			t.Errorf("%s: Deadline = %v, want %v", ev.Action, ev.Deadline, w.deadline)
		}
		if ev.Met == nil || *ev.Met != w.met {
			t.Errorf("%s: Met = %v, want %v", ev.Action, fmtBool(ev.Met), w.met)
		}
		if ev.Elapsed != w.elapsed {
			t.Errorf("%s: Elapsed = %v, want %v", ev.Action, ev.Elapsed, w.elapsed)
		}
	}
	if w.details == nil {
		w.details = map[string]string{}
	}
	if !reflect.DeepEqual(ev.Details, w.details) {
		t.Errorf("%s: Details = %v, want %v", ev.Action, ev.Details, w.details)
	}
}

func fmtBool(b *bool) any {
	if b == nil {
		return "nil"
	}
	return *b
}

// ---------------------------------------------------------------------------
// 1. The SOP paths.

func TestHappyPathThroughAgency(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)

	// Step 7: forward after 20 minutes (standard 25).
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7, Note: "  via WhatsApp  "}, t0.Add(mins(20)))
	checkEvent(t, ev, evWant{step: "forward", from: "recorded", to: "forwarded",
		deadline: t0.Add(mins(25)), met: true, elapsed: mins(20),
		details: map[string]string{"agency_id": "7", "note": "via WhatsApp"}})
	if ev.ComplaintID != 100 || ev.ActorID != 1 || ev.ActorName != "Sari" || ev.ActorRole != aduan.RoleOperatorCC || !ev.At.Equal(t0.Add(mins(20))) {
		t.Errorf("event identity wrong: %+v", ev)
	}
	if c.Status != aduan.StatusForwarded || c.AgencyID != 7 || !c.UpdatedAt.Equal(t0.Add(mins(20))) {
		t.Fatalf("after forward: status %s agency %d updated %v", c.Status, c.AgencyID, c.UpdatedAt)
	}

	// Step 8: the agency operator acknowledges and answers.
	ev = apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, t0.Add(mins(22)))
	checkEvent(t, ev, evWant{step: "agency_receive", from: "forwarded", to: "acknowledged",
		deadline: t0.Add(mins(25)), met: true, elapsed: mins(2)})
	if c.Status != aduan.StatusAcknowledged {
		t.Fatalf("after acknowledge: %s", c.Status)
	}

	ev = apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer,
		aduan.ActionInput{Answer: "  Lubang akan ditambal oleh UPT Jalan pada 12 Maret 2026.\n"}, t0.Add(mins(24)))
	checkEvent(t, ev, evWant{step: "agency_answer", from: "acknowledged", to: "agency_answered",
		deadline: t0.Add(mins(25)), met: true, elapsed: mins(4),
		details: map[string]string{"answer": "Lubang akan ditambal oleh UPT Jalan pada 12 Maret 2026."}})
	if c.Status != aduan.StatusAgencyAnswered || c.AgencyAnswer != "Lubang akan ditambal oleh UPT Jalan pada 12 Maret 2026." {
		t.Fatalf("after agency_answer: %s %q", c.Status, c.AgencyAnswer)
	}
	if c.Answer != "" {
		t.Errorf("the citizen has not been answered yet, but Answer = %q", c.Answer)
	}

	// Step 9: the call center takes the answer.
	ev = apply(t, sc, c, opCC, aduan.ActionReceiveAnswer, aduan.ActionInput{}, t0.Add(mins(27)))
	checkEvent(t, ev, evWant{step: "answer_receive", from: "agency_answered", to: "answer_received",
		deadline: t0.Add(mins(29)), met: true, elapsed: mins(3)})
	if c.Status != aduan.StatusAnswerReceived {
		t.Fatalf("after receive_answer: %s", c.Status)
	}

	// Step 10: relay to the citizen (no text typed: the agency's answer goes out).
	ev = apply(t, sc, c, koordCC, aduan.ActionRelay, aduan.ActionInput{}, t0.Add(mins(87)))
	checkEvent(t, ev, evWant{step: "relay", from: "answer_received", to: "relayed",
		deadline: t0.Add(mins(27) + 2*time.Hour), met: true, elapsed: time.Hour,
		details: map[string]string{"answer": "Lubang akan ditambal oleh UPT Jalan pada 12 Maret 2026."}})
	if c.Status != aduan.StatusRelayed || c.Answer != "Lubang akan ditambal oleh UPT Jalan pada 12 Maret 2026." ||
		c.AnswerSource != aduan.SourceAgency || c.AnswerRef != "" {
		t.Fatalf("after relay: %s %q %q %q", c.Status, c.Answer, c.AnswerSource, c.AnswerRef)
	}

	ev = apply(t, sc, c, opCC, aduan.ActionClose, aduan.ActionInput{}, t0.Add(mins(90)))
	checkEvent(t, ev, evWant{from: "relayed", to: "closed"})
	if c.Status != aduan.StatusClosed || c.Open() {
		t.Fatalf("after close: %s", c.Status)
	}
	if c.ClosedAt == nil || !c.ClosedAt.Equal(t0.Add(mins(90))) {
		t.Errorf("ClosedAt = %v, want %v", c.ClosedAt, t0.Add(mins(90)))
	}
	if c.Clock.Step != "" || c.Clock.Deadline != nil {
		t.Errorf("a closed complaint has nothing due, clock = %+v", c.Clock)
	}
	if c.AgencyID != 7 {
		t.Errorf("the handling agency is kept on a closed complaint, got %d", c.AgencyID)
	}
}

func TestRelayWithEditedText(t *testing.T) {
	sc := defaultSC()
	c := inStatus(aduan.StatusAnswerReceived)
	ev := apply(t, sc, c, opCC, aduan.ActionRelay, aduan.ActionInput{Answer: "Yth. Bapak, lubang akan ditambal 12 Maret."}, t0)
	if c.Answer != "Yth. Bapak, lubang akan ditambal 12 Maret." || ev.Details["answer"] != "Yth. Bapak, lubang akan ditambal 12 Maret." {
		t.Errorf("relayed text: %q / %q", c.Answer, ev.Details["answer"])
	}
	if c.AgencyAnswer != "Perbaikan dijadwalkan pekan depan." {
		t.Errorf("the agency's own answer must be kept, got %q", c.AgencyAnswer)
	}

	// Nothing to relay: no text typed and no agency answer on file.
	c = inStatus(aduan.StatusAnswerReceived)
	c.AgencyAnswer = "  "
	refuse(t, sc, c, opCC, aduan.ActionRelay, aduan.ActionInput{Answer: "   "}, t0, aduan.EINVALID, "answer")
}

func TestAgencyAnswersWithoutAcknowledging(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(10)))
	ev := apply(t, sc, c, ppidPb7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah ditangani."}, t0.Add(mins(13)))
	checkEvent(t, ev, evWant{step: "agency_answer", from: "forwarded", to: "agency_answered",
		deadline: t0.Add(mins(15)), met: true, elapsed: mins(3),
		details: map[string]string{"answer": "Sudah ditangani."}})
	refuse(t, sc, inStatus(aduan.StatusForwarded), opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: " "}, t0, aduan.EINVALID, "answer")
}

func TestDirectAnswer(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	ev := apply(t, sc, c, opCC, aduan.ActionAnswer,
		aduan.ActionInput{Answer: " Pembuatan KTP gratis di Disdukcapil. "}, t0.Add(mins(8)))
	checkEvent(t, ev, evWant{step: "direct_answer", from: "recorded", to: "answered",
		deadline: t0.Add(mins(10)), met: true, elapsed: mins(8),
		details: map[string]string{"answer": "Pembuatan KTP gratis di Disdukcapil.", "source": "direct"}})
	if c.Status != aduan.StatusAnswered || c.Answer != "Pembuatan KTP gratis di Disdukcapil." ||
		c.AnswerSource != aduan.SourceDirect || c.AnswerRef != "" {
		t.Fatalf("after answer: %s %q %q %q", c.Status, c.Answer, c.AnswerSource, c.AnswerRef)
	}
	if c.Clock.Step != "" || c.Clock.Deadline != nil {
		t.Errorf("an answered complaint has nothing due, clock = %+v", c.Clock)
	}
	ev = apply(t, sc, c, opCC, aduan.ActionClose, aduan.ActionInput{}, t0.Add(mins(9)))
	checkEvent(t, ev, evWant{from: "answered", to: "closed"})

	// Too late: 12 minutes against 10.
	c = recordedAt(sc, t0)
	ev = apply(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "Jawaban", Source: aduan.SourceDirect}, t0.Add(mins(12)))
	if ev.Met == nil || *ev.Met {
		t.Errorf("direct answer after 12 min must miss its 10-min standard, Met = %v", fmtBool(ev.Met))
	}
}

func TestLibraryAnswer(t *testing.T) {
	sc := defaultSC()
	for _, tc := range []struct {
		source aduan.AnswerSource
		ref    string
	}{
		{aduan.SourceLibrary, "JWB-0042"},
		{aduan.SourceWeb, "https://depok.go.id/layanan/pbb"},
		{aduan.SourceComplaint, "ADU-2026-000001"},
	} {
		t.Run(string(tc.source), func(t *testing.T) {
			c := recordedAt(sc, t0)
			refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "Bayar PBB di bank BJB.", Source: tc.source}, t0.Add(mins(15)), aduan.EINVALID, "source_ref")
			refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "Bayar PBB di bank BJB.", Source: tc.source, SourceRef: "   "}, t0.Add(mins(15)), aduan.EINVALID, "source_ref")
			ev := apply(t, sc, c, opCC, aduan.ActionAnswer,
				aduan.ActionInput{Answer: "Bayar PBB di bank BJB.", Source: tc.source, SourceRef: " " + tc.ref + " "}, t0.Add(mins(15)))
			checkEvent(t, ev, evWant{step: "library_answer", from: "recorded", to: "answered",
				deadline: t0.Add(mins(20)), met: true, elapsed: mins(15),
				details: map[string]string{"answer": "Bayar PBB di bank BJB.", "source": string(tc.source), "source_ref": tc.ref}})
			if c.AnswerSource != tc.source || c.AnswerRef != tc.ref || c.Status != aduan.StatusAnswered {
				t.Errorf("after answer: %s %q %q", c.Status, c.AnswerSource, c.AnswerRef)
			}
		})
	}
	c := recordedAt(sc, t0)
	ev := apply(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "x", Source: aduan.SourceWeb, SourceRef: "https://depok.go.id"}, t0.Add(mins(21)))
	if ev.Met == nil || *ev.Met {
		t.Errorf("library answer after 21 min must miss its 20-min standard")
	}

	c = recordedAt(sc, t0)
	refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "x", Source: aduan.SourceAgency}, t0, aduan.EINVALID, "source")
	refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "x", Source: "google"}, t0, aduan.EINVALID, "source")
	refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "  "}, t0, aduan.EINVALID, "answer")
	refuse(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "ok", Note: "a\x00b"}, t0, aduan.EINVALID, "note")
}

func TestIdentityPause(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	ev := apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}}, t0.Add(mins(5)))
	checkEvent(t, ev, evWant{from: "recorded", to: "awaiting_identity", details: map[string]string{"missing": "name,address"}})
	if c.Status != aduan.StatusAwaitingIdentity {
		t.Fatalf("after request_identity: %s", c.Status)
	}
	if c.Clock.Deadline != nil {
		t.Errorf("no deadline runs while waiting on the citizen, got %v", c.Clock.Deadline)
	}

	refuse(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{}, t0.Add(mins(30)), aduan.EINVALID, "citizen")
	refuse(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani", Email: "ani@"}}, t0.Add(mins(30)), aduan.EINVALID, "citizen.email")

	ev = apply(t, sc, c, opCC, aduan.ActionProvideIdentity,
		aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani", Phone: "081234567890", Address: "Jl. Kenanga 3"}}, t0.Add(mins(65)))
	checkEvent(t, ev, evWant{from: "awaiting_identity", to: "recorded"})
	if c.Status != aduan.StatusRecorded {
		t.Fatalf("after provide_identity: %s", c.Status)
	}
}

// An identity form submitted with only blanks provides nothing: the
// complaint must stay waiting for the citizen's identity.
func TestProvideIdentityRejectsBlankInput(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(5)))
	refuse(t, sc, c, opCC, aduan.ActionProvideIdentity,
		aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "  ", Phone: " ", Address: "\t"}}, t0.Add(mins(30)), aduan.EINVALID, "citizen")
}

func TestPhotoRequest(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	ev := apply(t, sc, c, opCC, aduan.ActionRequestPhotos, aduan.ActionInput{}, t0.Add(mins(3)))
	checkEvent(t, ev, evWant{step: "photo_request", from: "recorded", to: "awaiting_photos",
		deadline: t0.Add(mins(10)), met: true, elapsed: mins(3)})
	if c.Status != aduan.StatusAwaitingPhotos || c.Clock.Deadline != nil {
		t.Fatalf("after request_photos: %s, deadline %v", c.Status, c.Clock.Deadline)
	}
	ev = apply(t, sc, c, opCC, aduan.ActionPhotosReceived, aduan.ActionInput{}, t0.Add(mins(30)))
	checkEvent(t, ev, evWant{from: "awaiting_photos", to: "recorded"})
	if c.Status != aduan.StatusRecorded {
		t.Fatalf("after photos_received: %s", c.Status)
	}
	// 27 minutes paused: the forward deadline moves from 09:25 to 09:52.
	if c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 9, 52)) {
		t.Errorf("forward deadline after the photo pause = %v, want 09:52 WIB", c.Clock.Deadline)
	}
}

func TestReturnAndReforward(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(10)))
	apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, t0.Add(mins(12)))

	refuse(t, sc, c, opPD7, aduan.ActionReturn, aduan.ActionInput{}, t0.Add(mins(14)), aduan.EINVALID, "reason")
	refuse(t, sc, c, opPD7, aduan.ActionReturn, aduan.ActionInput{Reason: " \n "}, t0.Add(mins(14)), aduan.EINVALID, "reason")

	ev := apply(t, sc, c, opPD7, aduan.ActionReturn, aduan.ActionInput{Reason: " Bukan wewenang DPUPR: jaringan listrik urusan PLN. "}, t0.Add(mins(14)))
	checkEvent(t, ev, evWant{step: "agency_receive", from: "acknowledged", to: "returned",
		deadline: t0.Add(mins(15)), met: true, elapsed: mins(4),
		details: map[string]string{"reason": "Bukan wewenang DPUPR: jaringan listrik urusan PLN.", "agency_id": "7"}})
	if c.Status != aduan.StatusReturned || c.ReturnReason != "Bukan wewenang DPUPR: jaringan listrik urusan PLN." {
		t.Fatalf("after return: %s %q", c.Status, c.ReturnReason)
	}

	// Back to the agency that just said it is not theirs: refused.
	refuse(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(20)), aduan.EINVALID, "agency_id")
	refuse(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{}, t0.Add(mins(20)), aduan.EINVALID, "agency_id")

	ev = apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 9}, t0.Add(mins(20)))
	// Forwarding again is step 7 alone (5 minutes from the return), not a
	// fresh intake's 25: six minutes is late.
	checkEvent(t, ev, evWant{step: "reforward", from: "returned", to: "forwarded",
		deadline: t0.Add(mins(14) + mins(5)), met: false, elapsed: mins(6),
		details: map[string]string{"agency_id": "9"}})
	if c.Status != aduan.StatusForwarded || c.AgencyID != 9 || c.ReturnReason != "" {
		t.Fatalf("after re-forward: %s agency %d reason %q", c.Status, c.AgencyID, c.ReturnReason)
	}
	// The first agency is out of it now; the new one takes it.
	refuse(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, t0.Add(mins(21)), aduan.EFORBIDDEN, "")
	apply(t, sc, c, opPD9, aduan.ActionAcknowledge, aduan.ActionInput{}, t0.Add(mins(21)))
}

func TestForwardFromRecordedToSuggestedAgency(t *testing.T) {
	// The suggested agency on a fresh complaint is not a return: forwarding
	// to it is the normal case.
	sc := defaultSC()
	c := recordedAt(sc, t0)
	c.AgencyID = 7
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(5)))
	if c.Status != aduan.StatusForwarded || c.AgencyID != 7 {
		t.Fatalf("after forward: %s %d", c.Status, c.AgencyID)
	}
	c = recordedAt(sc, t0)
	refuse(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: -1}, t0, aduan.EINVALID, "agency_id")
}

func TestReopen(t *testing.T) {
	sc := defaultSC()
	for _, from := range []aduan.Status{aduan.StatusClosed, aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusRejected} {
		t.Run(string(from), func(t *testing.T) {
			c := inStatus(from)
			at := wib(2026, 3, 11, 8, 0)
			refuse(t, sc, c, opCC, aduan.ActionReopen, aduan.ActionInput{}, at, aduan.EINVALID, "reason")
			refuse(t, sc, c, opCC, aduan.ActionReopen, aduan.ActionInput{Reason: "   "}, at, aduan.EINVALID, "reason")
			ev := apply(t, sc, c, opCC, aduan.ActionReopen, aduan.ActionInput{Reason: "Warga menelepon lagi, lubang belum ditambal."}, at)
			checkEvent(t, ev, evWant{from: from, to: "recorded",
				details: map[string]string{"reason": "Warga menelepon lagi, lubang belum ditambal."}})
			if c.Status != aduan.StatusRecorded || c.ClosedAt != nil || !c.Open() {
				t.Fatalf("after reopen: %s closed %v", c.Status, c.ClosedAt)
			}
			// A fresh forward window starts at the reopen.
			if c.Clock.Step != aduan.StepForward || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 11, 8, 25)) {
				t.Errorf("clock after reopen = %+v, want forward due 08:25", c.Clock)
			}
		})
	}
}

func TestReject(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	refuse(t, sc, c, opCC, aduan.ActionReject, aduan.ActionInput{}, t0.Add(mins(2)), aduan.EINVALID, "reason")
	ev := apply(t, sc, c, opCC, aduan.ActionReject, aduan.ActionInput{Reason: "Telepon iseng"}, t0.Add(mins(2)))
	checkEvent(t, ev, evWant{from: "recorded", to: "rejected", details: map[string]string{"reason": "Telepon iseng"}})
	if c.Status != aduan.StatusRejected || c.Open() || c.ClosedAt == nil || !c.ClosedAt.Equal(t0.Add(mins(2))) {
		t.Fatalf("after reject: %s %v", c.Status, c.ClosedAt)
	}

	// Rejecting while waiting on the citizen also works.
	c = recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(1)))
	apply(t, sc, c, opCC, aduan.ActionReject, aduan.ActionInput{Reason: "Tidak ada balasan"}, t0.Add(48*time.Hour))
	if c.Status != aduan.StatusRejected {
		t.Fatalf("reject from awaiting_identity: %s", c.Status)
	}
}

func TestMarkDuplicate(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	refuse(t, sc, c, opCC, aduan.ActionMarkDuplicate, aduan.ActionInput{}, t0.Add(mins(2)), aduan.EINVALID, "duplicate_of")
	refuse(t, sc, c, opCC, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: -4}, t0.Add(mins(2)), aduan.EINVALID, "duplicate_of")
	refuse(t, sc, c, opCC, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: 100}, t0.Add(mins(2)), aduan.EINVALID, "duplicate_of")

	ev := apply(t, sc, c, opCC, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: 55}, t0.Add(mins(2)))
	checkEvent(t, ev, evWant{from: "recorded", to: "duplicate", details: map[string]string{"duplicate_of": "55"}})
	if c.Status != aduan.StatusDuplicate || c.DuplicateOf != 55 || c.Open() || c.ClosedAt == nil {
		t.Fatalf("after mark_duplicate: %s of %d closed %v", c.Status, c.DuplicateOf, c.ClosedAt)
	}

	// A returned complaint may turn out to be a duplicate.
	c = inStatus(aduan.StatusReturned)
	apply(t, sc, c, koordCC, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: 55}, t0.Add(mins(30)))
	if c.Status != aduan.StatusDuplicate {
		t.Fatalf("mark_duplicate from returned: %s", c.Status)
	}
}

func TestUnknownActionIsInvalid(t *testing.T) {
	sc := defaultSC()
	for _, act := range []aduan.Action{"fly", "", aduan.ActionEdit, aduan.ActionNote, aduan.ActionCreate} {
		refuse(t, sc, recordedAt(sc, t0), opCC, act, aduan.ActionInput{}, t0, aduan.EINVALID, "")
	}
}

func TestSystemActorMayTakeSteps(t *testing.T) {
	// Inbound messages (the citizen's SMS reply) are applied by the system.
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(1)))
	ev := apply(t, sc, c, aduan.System, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, t0.Add(mins(9)))
	if c.Status != aduan.StatusRecorded || ev.ActorName != "sistem" || ev.ActorID != 0 {
		t.Fatalf("system provide_identity: %s %+v", c.Status, ev)
	}
	refuse(t, sc, c, aduan.System, aduan.ActionRelay, aduan.ActionInput{}, t0.Add(mins(10)), aduan.ETRANSITION, "")
}

// ---------------------------------------------------------------------------
// 2. Illegal transitions and role denials.

func TestIllegalTransitions(t *testing.T) {
	sc := defaultSC()
	answer := aduan.ActionInput{Answer: "Jawaban"}
	reason := aduan.ActionInput{Reason: "Alasan"}
	tests := []struct {
		status aduan.Status
		actor  aduan.Actor
		act    aduan.Action
		in     aduan.ActionInput
	}{
		{"recorded", opCC, "relay", aduan.ActionInput{Answer: "x"}},
		{"recorded", opCC, "close", aduan.ActionInput{}},
		{"recorded", opCC, "receive_answer", aduan.ActionInput{}},
		{"recorded", opCC, "provide_identity", aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}},
		{"recorded", opCC, "photos_received", aduan.ActionInput{}},
		{"recorded", opCC, "reopen", reason},
		{"recorded", opPD7, "acknowledge", aduan.ActionInput{}},
		{"recorded", opPD7, "agency_answer", answer},
		{"recorded", opPD7, "return", reason},
		{"awaiting_identity", opCC, "answer", answer},
		{"awaiting_identity", opCC, "request_identity", aduan.ActionInput{}},
		{"awaiting_identity", opCC, "photos_received", aduan.ActionInput{}},
		{"awaiting_photos", opCC, "provide_identity", aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}},
		{"awaiting_photos", opCC, "request_photos", aduan.ActionInput{}},
		{"answered", opCC, "forward", aduan.ActionInput{AgencyID: 9}},
		{"answered", opCC, "answer", answer},
		{"answered", opCC, "reject", reason},
		{"forwarded", opCC, "close", aduan.ActionInput{}},
		{"forwarded", opCC, "forward", aduan.ActionInput{AgencyID: 9}},
		{"forwarded", opCC, "answer", answer},
		{"forwarded", opCC, "reject", reason},
		{"forwarded", opCC, "mark_duplicate", aduan.ActionInput{DuplicateOf: 55}},
		{"forwarded", opCC, "reopen", reason},
		{"forwarded", opCC, "receive_answer", aduan.ActionInput{}},
		{"acknowledged", opPD7, "acknowledge", aduan.ActionInput{}},
		{"acknowledged", opCC, "receive_answer", aduan.ActionInput{}},
		{"agency_answered", opPD7, "agency_answer", answer},
		{"agency_answered", opPD7, "return", reason},
		{"agency_answered", opCC, "relay", aduan.ActionInput{}},
		{"answer_received", opCC, "close", aduan.ActionInput{}},
		{"answer_received", opCC, "receive_answer", aduan.ActionInput{}},
		{"relayed", opCC, "relay", aduan.ActionInput{}},
		{"returned", opPD7, "return", reason},
		{"returned", opPD7, "acknowledge", aduan.ActionInput{}},
		{"returned", opCC, "close", aduan.ActionInput{}},
		{"closed", opCC, "forward", aduan.ActionInput{AgencyID: 9}},
		{"closed", opCC, "close", aduan.ActionInput{}},
		{"closed", opCC, "answer", answer},
		{"closed", opCC, "reject", reason},
		{"duplicate", opCC, "close", aduan.ActionInput{}},
		{"duplicate", opCC, "forward", aduan.ActionInput{AgencyID: 9}},
		{"rejected", opCC, "forward", aduan.ActionInput{AgencyID: 9}},
		{"rejected", opCC, "mark_duplicate", aduan.ActionInput{DuplicateOf: 55}},
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+"/"+string(tc.act), func(t *testing.T) {
			refuse(t, sc, inStatus(tc.status), tc.actor, tc.act, tc.in, t0.Add(mins(30)), aduan.ETRANSITION, "")
		})
	}
}

func TestRoleDenials(t *testing.T) {
	sc := defaultSC()
	answer := aduan.ActionInput{Answer: "Jawaban"}
	reason := aduan.ActionInput{Reason: "Bukan wewenang"}
	tests := []struct {
		name   string
		status aduan.Status
		actor  aduan.Actor
		act    aduan.Action
		in     aduan.ActionInput
	}{
		{"operator_pd of another agency acknowledges", "forwarded", opPD9, "acknowledge", aduan.ActionInput{}},
		{"operator_pd of another agency answers", "acknowledged", opPD9, "agency_answer", answer},
		{"operator_pd of another agency returns", "forwarded", opPD9, "return", reason},
		{"ppid_pembantu of another agency answers", "forwarded", aduan.Actor{UserID: 20, Role: aduan.RolePPIDPembantu, AgencyID: 9}, "agency_answer", answer},
		{"operator_pd without agency acknowledges", "forwarded", aduan.Actor{UserID: 21, Role: aduan.RoleOperatorPD}, "acknowledge", aduan.ActionInput{}},
		{"pimpinan_pd acknowledges", "forwarded", pimpinan7, "acknowledge", aduan.ActionInput{}},
		{"pimpinan_pd answers", "forwarded", pimpinan7, "agency_answer", answer},
		{"kasi_kabid forwards", "recorded", kasi, "forward", aduan.ActionInput{AgencyID: 9}},
		{"kasi_kabid closes", "relayed", kasi, "close", aduan.ActionInput{}},
		{"admin answers", "recorded", admin, "answer", answer},
		{"admin rejects", "recorded", admin, "reject", reason},
		{"ppid_utama relays", "answer_received", ppidUtama, "relay", aduan.ActionInput{}},
		{"ppid_utama reopens", "closed", ppidUtama, "reopen", reason},
		{"operator_pd forwards", "recorded", opPD7, "forward", aduan.ActionInput{AgencyID: 9}},
		{"operator_pd answers the citizen directly", "recorded", opPD7, "answer", answer},
		{"operator_pd receives its own answer", "agency_answered", opPD7, "receive_answer", aduan.ActionInput{}},
		{"operator_pd closes", "relayed", opPD7, "close", aduan.ActionInput{}},
		{"operator_cc acknowledges for the agency", "forwarded", opCC, "acknowledge", aduan.ActionInput{}},
		{"koordinator_cc answers for the agency", "acknowledged", koordCC, "agency_answer", answer},
		{"operator_cc returns for the agency", "forwarded", opCC, "return", reason},
		{"unknown role", "recorded", aduan.Actor{UserID: 30, Role: "tamu"}, "forward", aduan.ActionInput{AgencyID: 9}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			refuse(t, sc, inStatus(tc.status), tc.actor, tc.act, tc.in, t0.Add(mins(30)), aduan.EFORBIDDEN, "")
		})
	}
}

// ---------------------------------------------------------------------------
// 3. The buttons a console shows.

func TestAllowedActions(t *testing.T) {
	type A = aduan.Action
	tests := []struct {
		status aduan.Status
		agency int64
		actor  aduan.Actor
		want   []A
	}{
		{"recorded", 0, opCC, []A{"request_identity", "request_photos", "answer", "forward", "mark_duplicate", "reject"}},
		{"recorded", 0, koordCC, []A{"request_identity", "request_photos", "answer", "forward", "mark_duplicate", "reject"}},
		{"recorded", 0, aduan.System, []A{"request_identity", "request_photos", "answer", "forward", "mark_duplicate", "reject"}},
		{"recorded", 7, opPD7, nil},
		{"recorded", 0, kasi, nil},
		{"recorded", 0, admin, nil},
		{"recorded", 0, ppidUtama, nil},
		{"awaiting_identity", 0, opCC, []A{"provide_identity", "forward", "mark_duplicate", "reject", "remind_citizen", "close_no_reply"}},
		{"awaiting_photos", 0, opCC, []A{"photos_received", "mark_duplicate", "reject", "remind_citizen", "close_no_reply"}},
		{"answered", 0, opCC, []A{"close", "reopen"}},
		{"forwarded", 7, opCC, []A{"record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency", "agency_promise", "answer_clarification"}},
		{"forwarded", 7, opPD7, []A{"acknowledge", "agency_answer", "return", "agency_promise", "ask_clarification"}},
		{"forwarded", 7, ppidPb7, []A{"acknowledge", "agency_answer", "return", "agency_promise", "ask_clarification"}},
		{"forwarded", 7, opPD9, nil},
		{"forwarded", 7, pimpinan7, nil},
		{"acknowledged", 7, opPD7, []A{"agency_answer", "return", "agency_promise", "ask_clarification"}},
		{"acknowledged", 7, opCC, []A{"record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency", "agency_promise", "answer_clarification"}},
		{"promised", 7, opPD7, []A{"agency_answer", "agency_progress", "ask_clarification"}},
		{"promised", 7, opPD9, nil},
		{"promised", 7, opCC, []A{"record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency", "agency_progress", "answer_clarification"}},
		{"agency_answered", 7, opCC, []A{"receive_answer"}},
		{"agency_answered", 7, opPD7, nil},
		{"answer_received", 7, opCC, []A{"relay"}},
		{"relayed", 7, opCC, []A{"close", "reopen"}},
		{"relayed", 7, kasi, nil},
		{"returned", 7, opCC, []A{"forward", "mark_duplicate"}},
		{"returned", 7, opPD7, nil},
		{"closed", 7, opCC, []A{"reopen"}},
		{"closed", 7, koordCC, []A{"reopen"}},
		{"rejected", 0, opCC, []A{"reopen"}},
		{"duplicate", 0, opCC, []A{"reopen"}}, // a merge made by mistake can be undone
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+"/"+string(tc.actor.Role)+"/"+strconv.FormatInt(tc.actor.AgencyID, 10), func(t *testing.T) {
			c := inStatus(tc.status)
			c.AgencyID = tc.agency
			got := aduan.AllowedActions(c, tc.actor)
			if !slices.Equal(got, tc.want) {
				t.Errorf("AllowedActions = %v, want %v", got, tc.want)
			}
		})
	}
}

// Every button offered must actually work, and nothing else may.
func TestAllowedActionsAgreeWithApply(t *testing.T) {
	sc := defaultSC()
	inputs := map[aduan.Action]aduan.ActionInput{
		"provide_identity":     {Citizen: &aduan.CitizenInput{Name: "Ani"}},
		"answer":               {Answer: "Jawaban"},
		"forward":              {AgencyID: 9},
		"agency_answer":        {Answer: "Jawaban dinas"},
		"return":               {Reason: "Bukan wewenang"},
		"reopen":               {Reason: "Belum selesai"},
		"mark_duplicate":       {DuplicateOf: 55},
		"reject":               {Reason: "Iseng"},
		"record_agency_answer": {Answer: "Jawaban dinas lewat telepon", AnsweredBy: "Pak Budi", Via: aduan.ViaPhone},
		"call_agency":          {Outcome: aduan.CallReached, Note: "Pak Budi sudah tahu"},
		"withdraw":             {AgencyID: 9, Reason: "Salah alamat"},
		"escalate_agency":      {Note: "Tanpa kabar"},
		"agency_promise":       {Answer: "Diperbaiki", PromisedBy: "2026-03-20"},
		"agency_progress":      {Answer: "Sedang dikerjakan"},
		"ask_clarification":    {Answer: "Di mana tepatnya?"},
		"answer_clarification": {Answer: "Depan No. 12"},
	}
	actors := []aduan.Actor{opCC, koordCC, opPD7, opPD9, kasi, pimpinan7, ppidUtama, ppidPb7, admin}
	for _, s := range aduan.Statuses {
		for _, a := range actors {
			c := inStatus(s)
			allowed := aduan.AllowedActions(c, a)
			for _, tr := range aduan.Transitions {
				cc := inStatus(s)
				_, err := aduan.Apply(cc, a, tr.Action, inputs[tr.Action], t0.Add(mins(30)), sc)
				if offered := slices.Contains(allowed, tr.Action); offered != (err == nil) {
					t.Errorf("%s by %s/%d from %s: offered %v, Apply error %v", tr.Action, a.Role, a.AgencyID, s, offered, err)
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------
// 4. Who sees what.

func TestVisibility(t *testing.T) {
	type vis struct{ complaint, identity, content bool }
	all := vis{true, true, true}
	none := vis{false, false, false}
	noID := vis{true, false, true}
	tests := []struct {
		role   aduan.Role
		agency int64 // the actor's agency; the complaint's is 7
		conf   aduan.Confidentiality
		want   vis
	}{
		{"operator_cc", 0, "biasa", all},
		{"operator_cc", 0, "anonim", all},
		{"operator_cc", 0, "rahasia", all},
		{"koordinator_cc", 0, "biasa", all},
		{"koordinator_cc", 0, "anonim", all},
		{"koordinator_cc", 0, "rahasia", all},

		{"kasi_kabid", 0, "biasa", noID},
		{"kasi_kabid", 0, "anonim", noID},
		{"kasi_kabid", 0, "rahasia", vis{true, false, false}},
		{"ppid_utama", 0, "biasa", noID},
		{"ppid_utama", 0, "anonim", noID},
		{"ppid_utama", 0, "rahasia", vis{true, false, false}},

		{"admin", 0, "biasa", none},
		{"admin", 0, "anonim", none},
		{"admin", 0, "rahasia", none},

		{"operator_pd", 7, "biasa", all},
		{"operator_pd", 7, "anonim", noID},
		{"operator_pd", 7, "rahasia", all},
		{"operator_pd", 9, "biasa", none},
		{"operator_pd", 9, "anonim", none},
		{"operator_pd", 9, "rahasia", none},

		{"pimpinan_pd", 7, "biasa", all},
		{"pimpinan_pd", 7, "anonim", noID},
		{"pimpinan_pd", 7, "rahasia", all},
		{"pimpinan_pd", 9, "biasa", none},
		{"pimpinan_pd", 9, "anonim", none},
		{"pimpinan_pd", 9, "rahasia", none},

		{"ppid_pembantu", 7, "biasa", noID},
		{"ppid_pembantu", 7, "anonim", noID},
		{"ppid_pembantu", 7, "rahasia", noID},
		{"ppid_pembantu", 9, "biasa", none},
		{"ppid_pembantu", 9, "anonim", none},
		{"ppid_pembantu", 9, "rahasia", none},
	}
	for _, tc := range tests {
		name := string(tc.role) + "/" + string(tc.conf)
		if tc.agency != 0 {
			name += map[int64]string{7: "/own", 9: "/other"}[tc.agency]
		}
		t.Run(name, func(t *testing.T) {
			c := inStatus(aduan.StatusForwarded)
			c.Confidentiality = tc.conf
			a := aduan.Actor{UserID: 40, Name: "X", Role: tc.role, AgencyID: tc.agency}
			got := vis{a.CanSeeComplaint(c), a.CanSeeIdentity(c), a.CanSeeContent(c)}
			if got != tc.want {
				t.Errorf("complaint/identity/content = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestVisibilityEdgeCases(t *testing.T) {
	// Not yet sent to any agency: no agency user sees it.
	c := inStatus(aduan.StatusRecorded)
	c.AgencyID = 0
	for _, a := range []aduan.Actor{opPD7, pimpinan7, ppidPb7, {UserID: 41, Role: aduan.RoleOperatorPD}} {
		if a.CanSeeComplaint(c) || a.CanSeeIdentity(c) || a.CanSeeContent(c) {
			t.Errorf("%s (agency %d) sees a complaint no agency holds", a.Role, a.AgencyID)
		}
	}
	if !opCC.CanSeeComplaint(c) {
		t.Errorf("the call center sees every complaint")
	}
	// The system sees everything, rahasia and anonim included.
	for _, conf := range []aduan.Confidentiality{aduan.Public, aduan.Anonymous, aduan.Confidential} {
		c := inStatus(aduan.StatusForwarded)
		c.Confidentiality = conf
		if !aduan.System.CanSeeComplaint(c) || !aduan.System.CanSeeIdentity(c) || !aduan.System.CanSeeContent(c) {
			t.Errorf("system must see %s complaints fully", conf)
		}
	}
	// SeesAgency.
	if !opCC.SeesAgency(7) || !opPD7.SeesAgency(7) || opPD7.SeesAgency(9) || opPD7.SeesAgency(0) {
		t.Errorf("SeesAgency is wrong")
	}
}

func TestReopenUndoesAMistakenMerge(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: 55}, t0.Add(mins(2)))
	refuse(t, sc, c, opCC, aduan.ActionReopen, aduan.ActionInput{}, t0.Add(mins(3)), aduan.EINVALID, "reason")
	apply(t, sc, c, opCC, aduan.ActionReopen, aduan.ActionInput{Reason: "Bukan masalah yang sama: lokasinya berbeda."}, t0.Add(mins(4)))
	if c.Status != aduan.StatusRecorded || c.DuplicateOf != 0 || c.ClosedAt != nil || c.Clock.Step != aduan.StepForward {
		t.Errorf("after reopen: %s dup=%d closed=%v step=%s", c.Status, c.DuplicateOf, c.ClosedAt, c.Clock.Step)
	}
}

// A complaint waiting for the caller's identity is forwarded all the same
// (a darurat one must not wait on an SMS reply): the pause ends with the
// forward, which is timed on the call center's own time, and the agency's
// clock starts.
func TestForwardWhileAwaitingIdentity(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	c.Priority = aduan.PriorityEmergency
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name"}}, t0.Add(mins(5)))
	if !slices.Contains(aduan.AllowedActions(c, opCC), aduan.ActionForward) {
		t.Fatalf("awaiting identity: forward not offered, allowed %v", aduan.AllowedActions(c, opCC))
	}
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(65)))
	// The forward's standard from t0, moved on by the hour waited.
	checkEvent(t, ev, evWant{step: aduan.StepForward, from: "awaiting_identity", to: "forwarded", deadline: t0.Add(mins(85)), met: true, elapsed: mins(5),
		details: map[string]string{"agency_id": "7", "identity_pending": "1"}})
	if c.Status != aduan.StatusForwarded || c.AgencyID != 7 {
		t.Fatalf("after forward: status %s agency %d", c.Status, c.AgencyID)
	}
	// Five minutes of the call center's time before the pause, none of
	// the hour waiting on the caller.
	if ev.Elapsed != mins(5) {
		t.Errorf("forward elapsed %v, want 5m (the wait for identity excluded)", ev.Elapsed)
	}
	if ev.Met == nil || !*ev.Met {
		t.Errorf("forward after an hour's wait for identity: met = %v, want met", fmtBool(ev.Met))
	}
	if c.Clock.PausedSince != nil || c.Clock.Deadline == nil {
		t.Errorf("the agency's clock runs after the forward: paused since %v, deadline %v", c.Clock.PausedSince, c.Clock.Deadline)
	}
	// An agency operator still may not.
	c = recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(5)))
	refuse(t, sc, c, opPD7, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(6)), aduan.EFORBIDDEN, "")
}

// A complaint is answered, forwarded or closed only with a category: one
// given with the step, or on file. Refused, nothing changes.
func TestCategoryFirst(t *testing.T) {
	sc := defaultSC()
	for _, act := range []aduan.Action{aduan.ActionAnswer, aduan.ActionForward} {
		c := recordedAt(sc, t0)
		c.CategoryID = 0
		before := *c
		in := aduan.ActionInput{Answer: "Sudah dijadwalkan.", AgencyID: 7}
		err := refuseErr(t, sc, c, opCC, act, in, t0.Add(mins(10)))
		if aduan.ErrorCode(err) != aduan.EUNPROCESSABLE || !hasField(err, "category_id") {
			t.Errorf("%s without a category: %v, want unprocessable on category_id", act, err)
		}
		if c.Status != before.Status || c.Version != before.Version || c.CategoryID != 0 {
			t.Errorf("%s refused changed the complaint: %+v", act, c)
		}
		in.CategoryID = 12
		apply(t, sc, c, opCC, act, in, t0.Add(mins(10)))
		if c.CategoryID != 12 {
			t.Errorf("%s with category 12: category %d", act, c.CategoryID)
		}
	}
	// Closing an answered complaint that somehow has none.
	c := inStatus(aduan.StatusAnswered)
	c.CategoryID = 0
	if err := refuseErr(t, sc, c, opCC, aduan.ActionClose, aduan.ActionInput{}, t0.Add(mins(30))); aduan.ErrorCode(err) != aduan.EUNPROCESSABLE {
		t.Errorf("close without a category: %v", err)
	}
	// The system's auto-close of such a complaint goes through: a job
	// cannot classify.
	apply(t, sc, c, aduan.System, aduan.ActionClose, aduan.ActionInput{}, t0.Add(mins(31)))
	// Other steps need none: asking for identity, rejecting.
	c = recordedAt(sc, t0)
	c.CategoryID = 0
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(5)))
	apply(t, sc, c, opCC, aduan.ActionReject, aduan.ActionInput{Reason: "iseng"}, t0.Add(mins(6)))
}

func refuseErr(t *testing.T, sc *aduan.StandardClock, c *aduan.Complaint, a aduan.Actor, act aduan.Action, in aduan.ActionInput, at time.Time) error {
	t.Helper()
	_, err := aduan.Apply(c, a, act, in, at, sc)
	if err == nil {
		t.Fatalf("%s: want an error, got success", act)
	}
	return err
}

func hasField(err error, field string) bool {
	var e *aduan.Error
	if !errors.As(err, &e) {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
