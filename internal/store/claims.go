package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	mathrand "math/rand/v2"
	"os"
	"sync"
	"time"
)

// Claim says how a fetch run takes a source.
type Claim struct {
	// Now is the run's clock reading: a source is due when its NextDue
	// is not after it, and a lease runs from it.
	Now time.Time
	// Lease is how long the source stays this run's before another run
	// may take it over: longer than a fetch and its recording take.
	Lease time.Duration
	// All takes the source whether it is due or not.
	All bool
}

// ClaimSource returns the source's state and whether this Store's run
// should fetch it now: it is due (or c.All), and no other run holds it.
// On PostgreSQL the source is then this run's until its fetch is recorded
// (SaveFetch, PutSourceState) or c.Lease passes, so that of any number of
// runs on any number of machines exactly one fetches a due source, and a
// source whose run died (killed mid-cycle) is taken over once its lease
// ends. The row is taken with FOR UPDATE SKIP LOCKED: a run never waits
// for another's claim, it moves on. On SQLite the lock file already
// makes one run at a time (Lock), so nothing is written.
func (s *Store) ClaimSource(ctx context.Context, partnerID, url string, c Claim) (SourceState, bool, error) {
	now := c.Now
	if now.IsZero() {
		now = s.now()
	}
	if s.dialect == sqlite || !c.All {
		// Most sources are not due most of the time: a plain read says
		// so without a transaction, as on SQLite.
		st, err := s.SourceState(ctx, partnerID, url)
		due := err == nil && (c.All || !st.NextDue.After(now))
		if s.dialect == sqlite || !due {
			return st, due, err
		}
	}
	var st SourceState
	claimed := false
	err := s.claimTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources (partner_id, url) VALUES (?, ?)
			ON CONFLICT (partner_id, url) DO NOTHING`, partnerID, url); err != nil {
			return err
		}
		var by string
		var until int64
		err := tx.QueryRowContext(ctx, "SELECT "+sourceColumns+`, 0, claimed_by, lease_until FROM sources
			WHERE partner_id = ? AND url = ? FOR UPDATE SKIP LOCKED`, partnerID, url).
			Scan(append(sourceStateDest(&st), &by, &until)...)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // another run is claiming or recording it right now
		}
		if err != nil {
			return err
		}
		if by != "" && by != s.claimant && until > now.UnixNano() {
			return nil
		}
		if !c.All && st.NextDue.After(now) {
			return nil
		}
		_, err = tx.ExecContext(ctx, "UPDATE sources SET claimed_by = ?, lease_until = ? WHERE partner_id = ? AND url = ?",
			s.claimant, unixNano(now.Add(c.Lease)), partnerID, url)
		claimed = err == nil
		return err
	})
	if err != nil {
		return SourceState{}, false, fmt.Errorf("claim source %s %s: %w", partnerID, url, err)
	}
	return st, claimed, nil
}

// ReleaseSource gives back this run's claim on a source it will not
// record (its cycle ran out of time), so another run may take it at once.
func (s *Store) ReleaseSource(ctx context.Context, partnerID, url string) error {
	if s.dialect == sqlite {
		return nil
	}
	_, err := s.db.ExecContext(ctx, "UPDATE sources SET claimed_by = '', lease_until = 0 WHERE partner_id = ? AND url = ? AND claimed_by = ?",
		partnerID, url, s.claimant)
	if err != nil {
		return fmt.Errorf("release source %s %s: %w", partnerID, url, err)
	}
	return nil
}

// claimTx runs fn in a short transaction of its own: not the writer's,
// so a claim never waits behind this process's or another's writes.
func (s *Store) claimTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A claim need not survive a crash of the server: lost, it only lets
	// another run take the source. Not waiting for its WAL flush halved a
	// first cycle's time (100 sources: 12.6 s, 6.0 s without the waits).
	if _, err := tx.ExecContext(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// newClaimant names this Store's run in claims: the machine, the process
// and a random part, since pids repeat across machines and restarts.
func newClaimant() string {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// hostSlots holds the connection whose session keeps this process's host
// slots (HostSlot).
type hostSlots struct {
	mu   sync.Mutex
	conn *sql.Conn
	// held are the slots taken: a session may take its own advisory lock
	// again, so the server would not refuse them.
	held map[[2]int32]bool
}

// A run waiting for a busy host looks again after hostSlotPoll, twice as
// long each time up to hostSlotPollMax, give or take a quarter so that
// waiters spread out: dozens of them polling at once cost the server
// more than the fetches they wait for.
const (
	hostSlotPoll    = 10 * time.Millisecond
	hostSlotPollMax = 320 * time.Millisecond
)

// HostSlot waits for one of the n fetch slots of host and returns its
// release: per-host politeness across every run sharing a PostgreSQL
// database, wherever it runs. A slot is a session advisory lock on one
// connection held for the purpose, so the server frees the slots of a run
// that dies with its connection. On SQLite, where one run fetches at a
// time, the worker's own per-host limit is the whole bound: it returns at
// once.
func (s *Store) HostSlot(ctx context.Context, host string, n int) (release func(), err error) {
	if s.dialect == sqlite || n <= 0 {
		return func() {}, nil
	}
	h := fnv.New32a()
	h.Write([]byte(host))
	key := int32(h.Sum32())
	wait := hostSlotPoll
	for {
		slot, err := s.tryHostSlot(ctx, key, n)
		if err != nil {
			return nil, fmt.Errorf("host slot %s: %w", host, err)
		}
		if slot >= 0 {
			return func() { s.releaseHostSlot(key, slot) }, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("host slot %s: %w", host, ctx.Err())
		case <-time.After(wait + time.Duration(mathrand.Int64N(int64(wait/2))) - wait/4):
		}
		wait = min(2*wait, hostSlotPollMax)
	}
}

// tryHostSlot takes the first free slot of key's n, or returns -1.
func (s *Store) tryHostSlot(ctx context.Context, key int32, n int) (int, error) {
	s.slots.mu.Lock()
	defer s.slots.mu.Unlock()
	if s.slots.conn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return -1, err
		}
		s.slots.conn = conn
	}
	if s.slots.held == nil {
		s.slots.held = map[[2]int32]bool{}
	}
	for slot := range n {
		if s.slots.held[[2]int32{key, int32(slot)}] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return -1, err
		}
		// pg_try_advisory_lock does not wait, so the query is not bound to
		// ctx: a deadline reached mid-query makes pgx close the connection,
		// and with it every slot this process holds.
		var ok bool
		err := s.slots.conn.QueryRowContext(context.WithoutCancel(ctx), "SELECT pg_try_advisory_lock(CAST(? AS integer), CAST(? AS integer))",
			key, slot).Scan(&ok)
		if err != nil {
			// The session (and its locks) is gone: start a new one next time.
			s.slots.conn.Close()
			s.slots.conn, s.slots.held = nil, nil
			return -1, err
		}
		if ok {
			s.slots.held[[2]int32{key, int32(slot)}] = true
			return slot, nil
		}
	}
	return -1, nil
}

func (s *Store) releaseHostSlot(key int32, slot int) {
	s.slots.mu.Lock()
	defer s.slots.mu.Unlock()
	delete(s.slots.held, [2]int32{key, int32(slot)})
	if s.slots.conn != nil {
		s.slots.conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(CAST(? AS integer), CAST(? AS integer))", key, slot)
	}
}

func (h *hostSlots) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conn == nil {
		return nil
	}
	// Closing the database ends the session, and with it the slots.
	err := h.conn.Close()
	h.conn = nil
	return err
}
