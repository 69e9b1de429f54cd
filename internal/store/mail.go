package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// Mail is one e-mail message received and what became of it.
type Mail struct {
	ID int64
	// MessageID is the message's Message-ID; a message received again
	// (from the pipe and the mailbox, or redelivered) replaces its row.
	MessageID string
	// Mailbox is the imap source's URL, or "ingest" for a piped message.
	Mailbox   string
	Received  time.Time
	Sender    string
	Subject   string
	PartnerID string
	// State is published, held, unmatched, unreadable or discarded (by an
	// admin); Reason says why a message is held, unmatched or unreadable.
	State, Reason string
	Points        int
	// Raw is the message as received, kept for unmatched and unreadable
	// messages only.
	Raw []byte
}

// MailDelivery is what one message leaves to store: its points, the
// updates they were read from, and its record, written together.
type MailDelivery struct {
	Mail    Mail
	Items   []feed.Item
	Updates []Update
	// Hold stores new points held for review.
	Hold bool
	// Filed, when set, says an admin filed a kept message to its
	// partner: the kept row is replaced and the action audited.
	Filed *MailFiling
}

// MailFiling is an admin's filing of a kept message (from no partner, or
// unreadable) to a partner.
type MailFiling struct {
	// Kept is the mail row filed.
	Kept int64
	// Who is the admin (session or "cli:USER"), for the audit.
	Who string
}

// SaveMail stores a message's points (held when d.Hold) and its record in
// one transaction.
func (s *Store) SaveMail(ctx context.Context, d MailDelivery) (SaveResult, error) {
	var res SaveResult
	items, err := prepareItems(d.Items)
	if err != nil {
		return res, fmt.Errorf("save mail %q: %w", d.Mail.MessageID, err)
	}
	now := s.now().UTC()
	err = s.write(ctx, func(tx *sql.Tx) error {
		w := newItemWriter(ctx, tx, s.stmts, now)
		var err error
		if res, err = w.saveItems(ctx, items, d.Updates, d.Hold); err != nil {
			return err
		}
		if err := fileMail(ctx, tx, d, now); err != nil {
			return err
		}
		if err := putMail(ctx, tx, d.Mail, now); err != nil {
			return err
		}
		if res.New+res.Updated+res.Retired > 0 || d.Filed != nil {
			_, err := w.bump.ExecContext(ctx, unixNano(now))
			return err
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("save mail %q: %w", d.Mail.MessageID, err)
	}
	return res, nil
}

// fileMail removes the kept row d files and audits the filing.
func fileMail(ctx context.Context, tx *sql.Tx, d MailDelivery, now time.Time) error {
	if d.Filed == nil {
		return nil
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM mail WHERE id = ? AND state IN ('unmatched', 'unreadable')`, d.Filed.Kept)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return cmp.Or(err, fmt.Errorf("kept mail %d: %w", d.Filed.Kept, ErrNotFound))
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO audit (at, who, action, target, detail) VALUES (?, ?, ?, ?, ?)",
		unixNano(now), d.Filed.Who, "file mail", fmt.Sprint(d.Filed.Kept),
		fmt.Sprintf("%s to %s: %s, %d point(s)", d.Mail.MessageID, d.Mail.PartnerID, d.Mail.State, d.Mail.Points))
	return err
}

// KeptMail returns the kept message id (unmatched or unreadable) with its
// raw bytes; ErrNotFound when there is none (filed, discarded, or never).
func (s *Store) KeptMail(ctx context.Context, id int64) (Mail, error) {
	var m Mail
	var received int64
	err := s.db.QueryRowContext(ctx, `SELECT id, message_id, mailbox, received, sender, subject, partner_id, state, reason, points, raw
		FROM mail WHERE id = ? AND state IN ('unmatched', 'unreadable')`, id).Scan(&m.ID, &m.MessageID, &m.Mailbox, &received,
		&m.Sender, &m.Subject, &m.PartnerID, &m.State, &m.Reason, &m.Points, &m.Raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Mail{}, fmt.Errorf("kept mail %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Mail{}, fmt.Errorf("read kept mail %d: %w", id, err)
	}
	m.Received = time.Unix(0, received).UTC()
	return m, nil
}

// DiscardMail drops a kept message an admin judged not a prayer letter:
// its row stays, in state discarded and without its raw bytes, so the
// audit and a re-delivery (same Message-ID) still find it.
func (s *Store) DiscardMail(ctx context.Context, who string, id int64) error {
	return s.correct(ctx, who, "discard mail", fmt.Sprint(id), "", func(tx *sql.Tx, now time.Time) error {
		res, err := tx.ExecContext(ctx, `UPDATE mail SET state = 'discarded', reason = ?, raw = NULL
			WHERE id = ? AND state IN ('unmatched', 'unreadable')`, "discarded by "+who, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmp.Or(err, fmt.Errorf("kept mail %d: %w", id, ErrNotFound))
		}
		return nil
	})
}

// PutMail records a message that brought no points (unmatched, unreadable).
func (s *Store) PutMail(ctx context.Context, m Mail) error {
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error { return putMail(ctx, tx, m, now) })
	if err != nil {
		return fmt.Errorf("record mail %q: %w", m.MessageID, err)
	}
	return nil
}

func putMail(ctx context.Context, tx *sql.Tx, m Mail, now time.Time) error {
	if m.Received.IsZero() {
		m.Received = now
	}
	if m.MessageID != "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM mail WHERE message_id = ?`, m.MessageID); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mail (message_id, mailbox, received, sender, subject, partner_id, state, reason, points, raw)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.MessageID, m.Mailbox, unixNano(m.Received), m.Sender, m.Subject,
		m.PartnerID, m.State, m.Reason, m.Points, m.Raw)
	return err
}

// MailQuery narrows MailMessages.
type MailQuery struct {
	// States, when set, keeps messages in these states.
	States []string
	// Since keeps messages received at or after it.
	Since time.Time
	// Limit defaults to 100.
	Limit int
	// WithRaw reads the kept raw messages too.
	WithRaw bool
}

// MailMessages lists received messages, newest first.
func (s *Store) MailMessages(ctx context.Context, q MailQuery) ([]Mail, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	states := ""
	args := []any{unixNano(q.Since)}
	for i, st := range q.States {
		if i > 0 {
			states += ", "
		}
		states += "?"
		args = append(args, st)
	}
	where := "received >= ?"
	if states != "" {
		where += " AND state IN (" + states + ")"
	}
	raw := "NULL"
	if q.WithRaw {
		raw = "raw"
	}
	args = append(args, q.Limit)
	rows, err := s.db.QueryContext(ctx, `SELECT id, message_id, mailbox, received, sender, subject, partner_id, state, reason, points, `+raw+`
		FROM mail WHERE `+where+` ORDER BY received DESC, id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list mail: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var received int64
		if err := rows.Scan(&m.ID, &m.MessageID, &m.Mailbox, &received, &m.Sender, &m.Subject, &m.PartnerID,
			&m.State, &m.Reason, &m.Points, &m.Raw); err != nil {
			return nil, fmt.Errorf("list mail: %w", err)
		}
		m.Received = time.Unix(0, received).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}
