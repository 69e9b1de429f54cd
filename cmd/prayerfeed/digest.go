package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/digest"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// runDigest shows (--preview, the default) or sends (--send) the weekly
// e-mail of the digest week that ended last, for cron.
func runDigest(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("digest", "[--send|--preview]", stderr)
	send := fs.Bool("send", false, "send the e-mail, unless this week's went already or nothing is new")
	preview := fs.Bool("preview", false, "print the e-mail instead of sending it (the default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *send && *preview {
		return errors.New("digest: --send and --preview: choose one")
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	if cfg.Digest == nil {
		return fmt.Errorf("digest: %s has no digest: section; add one with host, from and to (see the README)", g.config)
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sender, err := newDigestSender(cfg, st)
	if err != nil && *send {
		return err
	}
	if !*send {
		return previewDigest(ctx, sender, stdout)
	}
	res, err := sender.Send(ctx)
	switch {
	case errors.Is(err, digest.ErrNothingNew):
		fmt.Fprintf(stdout, "nothing sent: %v\n", err)
		return nil
	case err != nil:
		return fmt.Errorf("digest: %w", err)
	case !res.Sent:
		fmt.Fprintf(stdout, "nothing sent: the e-mail for the week ending %s went already\n", res.Week)
	default:
		fmt.Fprintf(stdout, "sent the e-mail for the week ending %s (%d points) to %s\n", res.Week, res.Points, strings.Join(cfg.Digest.To, ", "))
	}
	return nil
}

// newDigestSender wires a digest sender; the error says the SMTP password
// is missing (a preview still works without it).
func newDigestSender(cfg *config.Config, st *store.Store) (*digest.Sender, error) {
	d := cfg.Digest
	pw := os.Getenv(d.PasswordEnv)
	s := digest.New(digest.Config{
		Digest: d, Weeks: site.New(site.Config{Config: cfg, Store: st}), Store: st, Password: pw,
	})
	if d.User != "" && pw == "" {
		return s, fmt.Errorf("digest: digest.user is %q but $%s is empty: set the SMTP password there", d.User, d.PasswordEnv)
	}
	return s, nil
}

func previewDigest(ctx context.Context, s *digest.Sender, stdout io.Writer) error {
	msg, err := s.Prepare(ctx)
	if errors.Is(err, digest.ErrNothingNew) {
		fmt.Fprintf(stdout, "nothing to send: %v\n", err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	fmt.Fprintf(stdout, "From: %s\nTo: %s\nSubject: %s\nList-Unsubscribe: <%s>\n\n%s\n(and an HTML part of %d bytes; not sent: use --send)\n",
		msg.From, strings.Join(msg.To, ", "), msg.Subject, msg.Unsubscribe, msg.Text, len(msg.HTML))
	return nil
}

// How often serve looks whether a week's e-mail is due, and how long it
// waits after a failed send: a wrong password tried every few minutes can
// get the church's mail account locked.
const (
	digestCheckEvery = 5 * time.Minute
	digestRetryAfter = time.Hour
)

// digestLoop sends each week's e-mail from serve, soon after the week ends
// (and, after a restart, the last week's if it had not gone), until ctx
// ends. The store records each week sent, so a restart or a cron job's
// `digest --send` never makes it twice.
func digestLoop(ctx context.Context, cfg *config.Config, st *store.Store, logger *slog.Logger) {
	sender, err := newDigestSender(cfg, st)
	if err != nil {
		logger.Error("weekly e-mail off", "err", err)
		return
	}
	lastQuiet := ""
	for {
		wait := digestCheckEvery
		res, err := sender.Send(ctx)
		switch {
		case errors.Is(err, digest.ErrNothingNew):
			if msg := err.Error(); msg != lastQuiet {
				logger.Info("weekly e-mail not sent", "reason", msg)
				lastQuiet = msg
			}
		case err != nil && ctx.Err() == nil:
			logger.Error("weekly e-mail", "err", err, "retry_in", digestRetryAfter)
			wait = digestRetryAfter
		case res.Sent:
			logger.Info("weekly e-mail sent", "week", res.Week, "points", res.Points)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}
