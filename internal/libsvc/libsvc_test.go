package libsvc_test

import (
	"context"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/store"
)

// TestRetrainChecksAndAuditsItself: whoever asks (the API, the console's
// button, the queue's daily job as the system), the retrain refuses a
// person without the right and leaves an audit record naming who did it.
// The scheduled retrain used to leave none.
func TestRetrainChecksAndAuditsItself(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.OpenSeeded(t, d)
		lib := libsvc.New(st, nil)
		defer lib.Routing.Close()
		op := aduan.Actor{UserID: 1, Name: "Operator", Role: aduan.RoleOperatorCC}
		if _, err := lib.Retrain(ctx, op); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Fatalf("an operator retrained: %v", err)
		}
		if _, err := lib.Retrain(ctx, aduan.System); err != nil {
			t.Fatal(err)
		}
		list, err := st.Audit(ctx, aduan.System, aduan.AuditFilter{Action: "routing.retrain"})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ActorName != aduan.System.Name {
			t.Fatalf("audit %+v, want one retrain by %q", list, aduan.System.Name)
		}
	})
}
