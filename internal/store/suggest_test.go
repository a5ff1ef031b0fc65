package store_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestPastAnswerOnlyAnExample: a past complaint's answer sent as it stood
// (the same text, whatever its spacing or case) is refused with a message
// on the answer field and changes nothing; edited for this caller it is
// accepted and recorded as taken from that case. A folder answer's
// placeholders are filled from the complaint it answers.
func TestPastAnswerOnlyAnExample(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		past := f.complaint(t, "081234500011")
		past = act(t, f, f.op, past, aduan.ActionAnswer, aduan.ActionInput{Answer: "Akta kelahiran anak Bapak sudah dapat diambil di Kelurahan Limo mulai 3 Maret."})

		c := f.complaint(t, "081234500012")
		_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{
			Answer: "  akta kelahiran anak Bapak sudah dapat diambil di Kelurahan Limo\nmulai 3 Maret. ", Source: aduan.SourceComplaint, SourceRef: past.Number})
		wantCode(t, err, aduan.EINVALID, "answer")
		if cur, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID); cur.Status != aduan.StatusRecorded || cur.Version != c.Version {
			t.Fatalf("a refused answer changed the complaint: %s v%d", cur.Status, cur.Version)
		}
		c = act(t, f, f.op, c, aduan.ActionAnswer, aduan.ActionInput{
			Answer: "Akta kelahiran dapat diurus di Disdukcapil dengan membawa surat keterangan lahir dan KK.", Source: aduan.SourceComplaint, SourceRef: past.Number})
		if c.AnswerSource != aduan.SourceComplaint || c.AnswerRef != past.Number {
			t.Errorf("source %s %s, want the past case", c.AnswerSource, c.AnswerRef)
		}

		e := &aduan.LibraryEntry{Title: "Jalan rusak", Answer: "Yth. {nama}, laporan {nomor} tentang jalan di {kelurahan} sudah kami teruskan ke DPUPR.", Active: true}
		if err := f.st.Library().CreateLibraryEntry(ctx, f.koord, e); err != nil {
			t.Fatal(err)
		}
		c3 := f.complaint(t, "081234500013")
		c3 = act(t, f, f.op, c3, aduan.ActionAnswer, aduan.ActionInput{Answer: e.Answer, Source: aduan.SourceLibrary, SourceRef: aduan.LibraryRef(e.ID)})
		want := "Yth. Ani Suryani, laporan " + c3.Number + " tentang jalan di " + c3.KelurahanName + " sudah kami teruskan ke DPUPR."
		if c3.Answer != want || strings.Contains(c3.Answer, "{") || c3.KelurahanName == "" {
			t.Errorf("filled answer %q, want %q", c3.Answer, want)
		}
	})
}
