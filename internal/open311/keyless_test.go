package open311_test

import (
	"net/url"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestBadKeyOnReads: GeoReport v2 reads need no key, so an unknown or
// revoked api_key on a read is served as a read without one; filing with
// it is still refused with 403.
func TestBadKeyOnReads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		secret, k, err := e.st.Open311().CreateOpen311Key(ctx, aduan.System, "lama", 100)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.Open311().RevokeOpen311Key(ctx, aduan.System, k.ID); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"tidak-dikenal", secret} {
			q := "?api_key=" + url.QueryEscape(key)
			e.get("/open311/v2/services.xml"+q).check(t, "xml", 200)
			e.get("/open311/v2/services.json"+q).check(t, "json", 200)
			e.get("/open311/v2/discovery.json"+q).check(t, "json", 200)
			e.get("/open311/v2/requests.json"+q).check(t, "json", 200)
			f := form("api_key", key, "service_code", "PJU", "address_string", "Jl. Juanda", "description", "Lampu mati.")
			e.post("/open311/v2/requests.json", f).check(t, "json", 403)
		}
	})
}
