package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
)

// VerifyPerHour bounds the checks of a copy one address may post in an
// hour (the console's /verify and the API's together): the check needs no
// log-in, and each post may bring a file of up to MaxVerifyUpload to read
// and hash. People check a copy or two; typing the printed code instead
// (GET ?hash=) is not counted.
const VerifyPerHour = 30

// VerifyLimit counts a posted check against the address's hourly limit;
// past it, ERATELIMIT naming the minutes to wait, with Retry-After set.
// Called before the body is read.
func (a *API) VerifyLimit(w http.ResponseWriter, r *http.Request) error {
	ok, retry, err := a.Store.Hit(r.Context(), "verify-ip:"+reqctx.ClientIP(r), time.Hour, VerifyPerHour)
	if err != nil {
		return err
	}
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return aduan.Errorf(aduan.ERATELIMIT, "upload.err.verify_limit", int(retry.Minutes())+1)
	}
	return nil
}
