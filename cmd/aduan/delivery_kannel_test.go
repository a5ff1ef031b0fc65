package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// TestAnswerToAnSMSQuestionReachesThePhone: on both databases, through a
// real Kannel and its fake SMSC, a citizen's SMS question opens a
// complaint, the citizen's phone gets the receipt (the complaint's number,
// the tracking link, the STATUS hint), and the call center's direct answer
// (SOP step 4) reaches the same phone by SMS, delivered, as the step's
// recorded output.
func TestAnswerToAnSMSQuestionReachesThePhone(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, k := kannelService(t, d)
		setReceipts(t, m.Store, "on")
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		const phoneMSISDN = "6281299990001"
		// What the phone has received, its parts joined in order (the
		// fake SMSC logs a concatenated part's header before " data ").
		atPhone := func(ms []kanneltest.MT) string {
			var b strings.Builder
			for _, mt := range ms {
				if mt.To == phoneMSISDN {
					b.WriteString(udhRe.ReplaceAllString(mt.Text, ""))
				}
			}
			return b.String()
		}

		k.Inject(phoneMSISDN, "1500", "Bagaimana cara mengurus akta kelahiran anak yang lahir di rumah?")
		var cmp map[string]any
		waitUntil(t, "the SMS's complaint", 30*time.Second, func() bool {
			items := apitest.Items(op.Do("GET", "/api/v1/complaints?channel=sms", nil).Must(t, 200))
			if len(items) == 1 {
				cmp = items[0]
			}
			return cmp != nil
		})
		number := apitest.Str(cmp, "number")
		if _, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool {
			s := atPhone(ms)
			return strings.Contains(s, "STATUS "+number) && strings.HasSuffix(s, "-- Call Center Kota Depok")
		}); !ok {
			t.Fatalf("no receipt at the phone: %q", atPhone(k.Received()))
		}
		receipt := atPhone(k.Received())
		for _, want := range []string{"sudah kami terima dengan nomor " + number, "/lacak?nomor=" + number, "kirim SMS STATUS " + number} {
			if !strings.Contains(receipt, want) {
				t.Errorf("receipt lacks %q: %q", want, receipt)
			}
		}

		cmp = op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id")), nil).Must(t, 200)
		answer := "Datang ke Disdukcapil dengan surat keterangan lahir dari bidan atau kelurahan, KK, dan KTP-el orang tua."
		act(t, op, cmp, "answer", map[string]any{"answer": answer, "category_id": classified(t, op)})
		if _, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool {
			return strings.Contains(atPhone(ms), answer)
		}); !ok {
			t.Fatalf("the answer did not reach the phone: %q", atPhone(k.Received()))
		}
		waitUntil(t, "the answer delivered", 20*time.Second, func() bool {
			for _, msg := range messagesOf(t, op, cmp) {
				if apitest.Str(msg, "purpose") == "answer" && apitest.Str(msg, "status") == "delivered" {
					return true
				}
			}
			return false
		})
		for _, msg := range messagesOf(t, op, cmp) {
			if apitest.Str(msg, "purpose") == "answer" && (apitest.Str(msg, "to") != "+"+phoneMSISDN ||
				!strings.Contains(apitest.Str(msg, "body"), answer)) {
				t.Errorf("the answer's message: %v", msg)
			}
		}
	})
}

// udhRe is the user-data header of a concatenated SMS part (IEI 0, 3 bytes:
// reference, parts, part) as the fake SMSC logs it.
var udhRe = regexp.MustCompile("\x05\x00\x03[\\s\\S]{3} data ")
