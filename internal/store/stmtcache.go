package store

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"reflect"
)

// The SQLite driver (modernc.org/sqlite) prepares every statement that
// database/sql runs without an explicit Prepare, parses it, plans it and
// throws it away: on the complaint write path that was a third of the CPU,
// most of it for the job queue's large insert. cachingConnector keeps the
// prepared statements of each connection, keyed by their SQL text, and runs
// every Exec and Query through them; SQLite re-prepares a cached statement
// by itself when the schema changes. It covers our statements and River's
// alike, which a cache of *sql.Stmt in the store could not.
//
// keepRunning (the write connection) runs statements without their
// context's cancellation: SQLite answers an interrupted write inside a
// transaction by rolling back the whole transaction, which under group
// commit is other requests' too (see groupcommit.go). Reads stay
// interruptible.
type cachingConnector struct {
	driver.Connector
	size        int // statements kept per connection
	keepRunning bool
}

// The interfaces every modernc.org/sqlite connection implements; the
// wrapper forwards them all (see sqlite.NewConnector).
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(sqliteConn)
	if !ok {
		conn.Close()
		return nil, errors.New("sqlite connection lacks the context interfaces")
	}
	return &cachingConn{sqliteConn: sc, size: c.size, keepRunning: c.keepRunning, stmts: map[string]*list.Element{}, lru: list.New()}, nil
}

// cachingConn is one connection with its statements. database/sql never
// uses a connection from two goroutines at once, so it needs no lock.
type cachingConn struct {
	sqliteConn
	size        int
	keepRunning bool
	stmts       map[string]*list.Element // of *cachedStmt, most recently used first
	lru         *list.List
}

type cachedStmt struct {
	query string
	stmt  driver.Stmt
	// busy while a Rows of the statement is open: the same query run
	// again meanwhile (a nested loop) gets a statement of its own.
	busy bool
}

// Unwrap returns the driver's connection (sqlite.Limit looks for it).
func (c *cachingConn) Unwrap() driver.Conn { return c.sqliteConn }

// get returns the cached statement of query, preparing it if needed; nil
// when it is in use.
func (c *cachingConn) get(ctx context.Context, query string) (*cachedStmt, error) {
	if e, ok := c.stmts[query]; ok {
		c.lru.MoveToFront(e)
		cs := e.Value.(*cachedStmt)
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	st, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{query: query, stmt: st}
	c.stmts[query] = c.lru.PushFront(cs)
	for e := c.lru.Back(); c.lru.Len() > c.size && e != nil; {
		prev := e.Prev()
		if old := e.Value.(*cachedStmt); !old.busy {
			old.stmt.Close()
			delete(c.stmts, old.query)
			c.lru.Remove(e)
		}
		e = prev
	}
	return cs, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.keepRunning {
		ctx = context.WithoutCancel(ctx)
	}
	cs, err := c.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.keepRunning {
		ctx = context.WithoutCancel(ctx)
	}
	cs, err := c.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, cs: cs}, nil
}

func (c *cachingConn) Close() error {
	for e := c.lru.Front(); e != nil; e = e.Next() {
		e.Value.(*cachedStmt).stmt.Close()
	}
	c.stmts, c.lru = nil, list.New()
	return c.sqliteConn.Close()
}

// cachedRows frees its statement for the next query when closed, and
// forwards the column type interfaces of the driver's rows.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.cs.busy = false
	return err
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
