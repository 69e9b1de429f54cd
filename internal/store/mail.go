package store

import (
	"context"
	"database/sql"
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
	// State is published, held, unmatched or unreadable; Reason says why
	// a message is held, unmatched or unreadable.
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
		if err := putMail(ctx, tx, d.Mail, now); err != nil {
			return err
		}
		if res.New+res.Updated+res.Retired > 0 {
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
