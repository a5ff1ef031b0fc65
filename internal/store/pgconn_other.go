//go:build !linux

package store

import (
	"syscall"
	"time"
)

// userTimeoutControl: TCP_USER_TIMEOUT is Linux's; elsewhere the query
// timeout and keepalives bound a partition alone.
func userTimeoutControl(time.Duration) func(network, address string, c syscall.RawConn) error {
	return nil
}
