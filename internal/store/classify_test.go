package store_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestClassifyDatabaseFailures: every way the database fails to answer is
// "unavailable" (503, the "cannot be reached" message) on every surface,
// never an internal error (500): a deadline that ran out in the store, a
// connection database/sql gave up on ("driver: bad connection"), a reset
// in the middle of a transaction, a connection that could not be made. A
// caller that gave up (canceled) is not the database's failure.
func TestClassifyDatabaseFailures(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close() // nothing listens there now: refused
	cfg, err := pgconn.ParseConfig(fmt.Sprintf("postgres://u@127.0.0.1:%d/db?connect_timeout=2", addr.Port))
	if err != nil {
		t.Fatal(err)
	}
	_, connectErr := pgconn.ConnectConfig(context.Background(), cfg)
	var ce *pgconn.ConnectError
	if !errors.As(connectErr, &ce) {
		t.Fatalf("not a connect error: %v", connectErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	for name, err := range map[string]error{
		"deadline in the store":  fmt.Errorf("ComplaintByID(7): %w", ctx.Err()),
		"bad connection":         driver.ErrBadConn,
		"reset mid-transaction":  fmt.Errorf("commit: %w", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}),
		"unexpected EOF":         fmt.Errorf("query: %w", io.ErrUnexpectedEOF),
		"could not connect":      connectErr,
		"statement timeout":      &pgconn.PgError{Code: "57014"},
		"lock timeout":           &pgconn.PgError{Code: "55P03"},
		"idle transaction ended": &pgconn.PgError{Code: "25P03"},
	} {
		if got := store.Classify(err); aduan.ErrorCode(got) != aduan.EUNAVAILABLE {
			t.Errorf("%s: %v is %s", name, err, aduan.ErrorCode(got))
		}
	}
	if got := store.Classify(context.Canceled); !errors.Is(got, context.Canceled) {
		t.Errorf("a caller that gave up: %v", got)
	}
	if got := store.Classify(errors.New("a bug")); aduan.ErrorCode(got) != aduan.EINTERNAL {
		t.Errorf("a bug: %s", aduan.ErrorCode(got))
	}
}
