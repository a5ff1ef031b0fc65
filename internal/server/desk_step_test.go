package server_test

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestDeskStepFailsAfterSave: the operator types a complaint and a library
// answer at the desk and presses "Simpan & jawab"; between the save and the
// answer the coordinator archives that library entry. The complaint stays
// saved (once) and unanswered, and the complaint page comes back at once
// with the answer step's form open and filled with the typed answer, its
// source and reference, the reason beside the reference, the flash saying
// it was saved, and the complaint's own address for the location bar (so a
// reload does not post the desk again).
func TestDeskStepFailsAfterSave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		en := e.entry(t, "Lampu penerangan jalan (PJU) mati", "Diteruskan ke UPT PJU Dishub; diperbaiki paling lambat 3 hari kerja.", e.dishub.ID)
		ko := e.users[KO].Actor()
		const marker = "PJU mati di Gg. Kenari"
		// The coordinator's change lands right after the complaint's save
		// commits, before the answer step runs.
		e.st.AfterCommit(func(c *aduan.Complaint, ev *aduan.Event) {
			if ev.Action != aduan.ActionCreate || !strings.Contains(c.Text, marker) {
				return
			}
			cur, err := e.st.Library().LibraryEntry(ctx, ko, en.ID)
			if err != nil {
				t.Error(err)
				return
			}
			cur.Active = false
			if err := e.st.Library().UpdateLibraryEntry(ctx, ko, cur); err != nil {
				t.Error(err)
			}
		})
		count := func() int {
			list, _, err := e.st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		n := count()
		// The operator edited the library's answer before saving: what
		// comes back is what they typed, line breaks and all.
		typed := en.Answer + "\nUntuk Gg. Kenari: petugas datang <Kamis> pagi & membawa tangga."
		ref := aduan.LibraryRef(en.ID)
		res, body := b.post(OP, "/desk", url.Values{"phone": {nextPhone()}, "name": {"Rudi"}, "address": {"Jl. Kenanga 3"},
			"text": {"lampu " + marker + " udh 3 hari"}, "kelurahan": {"32.76.01.1007"}, "channel": {"telepon"}, "confidentiality": {"biasa"},
			"next": {"answer"}, "answer": {typed}, "source": {"library"}, "source_ref": {ref}, "category": {fmt.Sprint(e.categoryID(t, "PJU"))}})
		if count() != n+1 {
			t.Fatalf("complaints saved: %d, want 1", count()-n)
		}
		list, _, _ := e.st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 1})
		c := list[0]
		if c.Status != aduan.StatusRecorded || c.Answer != "" || c.AnswerRef != "" {
			t.Errorf("saved complaint: %s, answer %q from %q", c.Status, c.Answer, c.AnswerRef)
		}
		if res.StatusCode != 400 {
			t.Errorf("status %d, want 400 (the step's input no longer holds)", res.StatusCode)
		}
		for what, want := range map[string]string{
			"the number":              c.Number,
			"the saved flash":         `<p class="flash" role="status">Tersimpan.</p>`,
			"the answer form open":    `id="act-answer" open>`,
			"the typed answer":        `<textarea name="answer" rows="4" required autofocus>` + html.EscapeString(typed) + `</textarea>`,
			"the source":              `<option value="library" selected>`,
			"the reference":           `name="source_ref" value="` + ref + `"`,
			"the reason by the field": "Rujukan folder jawaban tidak dikenal",
			"the address to show":     fmt.Sprintf(`data-canonical="/complaints/%d"`, c.ID),
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %s (%q)", what, want)
			}
		}
		// Nothing of the typed answer is left anywhere but the page: the
		// complaint opened again reads empty.
		_, again := b.get(OP, fmt.Sprintf("/complaints/%d", c.ID))
		if strings.Contains(again, "petugas datang") {
			t.Error("the typed answer outlives the page that showed it")
		}
	})
}
