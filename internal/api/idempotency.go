package api

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/reqctx"
)

// idempotent starts a handler that honours Idempotency-Key. Without the
// header it returns nil and leaves the request alone. With one, it reads
// the body (the handler decodes it afterwards as usual) and looks the key
// up: when it answered this very request before, that answer is written
// again and done is true; when it answered another request, the error is a
// 422. Call it after the permission check, so that a caller without the
// right learns nothing from a key.
func (a *API) idempotent(w http.ResponseWriter, r *http.Request) (o *idem.Once, done bool, err error) {
	key, err := idem.ParseKey(r.Header.Values(idem.KeyHeader))
	if err != nil || key == "" {
		return nil, false, err
	}
	u := reqctx.UserFrom(r.Context())
	if u == nil {
		return nil, false, aduan.Errorf(aduan.EUNAUTHORIZED, "err.unauthorized")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, reqctx.MaxBody+1))
	if err != nil {
		return nil, false, err
	}
	if len(body) > reqctx.MaxBody {
		return nil, false, aduan.Errorf(aduan.ETOOLARGE, "err.too_large", reqctx.MaxBody/1024)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	o = idem.New(a.Store, "user:"+strconv.FormatInt(u.ID, 10), key, idem.Fingerprint(r.Method, r.URL.Path, body))
	done, err = o.Replay(w, r)
	return o, done, err
}
