package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// runToken manages reader tokens for private partners' feeds. Tokens are
// shown once, at creation, and stored only as hashes.
func runToken(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("token", "create|list|revoke [NAME]", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	verb, name := fs.Arg(0), fs.Arg(1)
	if (verb == "create" || verb == "revoke") && name == "" {
		fs.Usage()
		return fmt.Errorf("token %s: want a NAME, like the reader's name", verb)
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "create":
		tok, err := st.CreateToken(ctx, name)
		if err != nil {
			return fmt.Errorf("token create %s: %w", name, err)
		}
		// The config is optional here: tokens live in the database, and a
		// reader can be given a token before partners.yaml is final.
		base := "{base_url}"
		if cfg, err := g.loadConfig(); err == nil {
			base = cfg.BaseURL
		}
		fmt.Fprintf(stdout, "created reader token %q; it is shown only now.\nsubscribe at: %s/private/%s/feed.atom\n%s\n", name, base, tok, tok)
		return nil
	case "list":
		toks, err := st.Tokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tCREATED\tREVOKED")
		for _, t := range toks {
			revoked := "-"
			if !t.Revoked.IsZero() {
				revoked = t.Revoked.Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Created.Format(time.DateTime), revoked)
		}
		return tw.Flush()
	case "revoke":
		if err := st.RevokeToken(ctx, name); err != nil {
			return fmt.Errorf("token revoke %s: %w", name, err)
		}
		fmt.Fprintf(stdout, "revoked reader token %q\n", name)
		return nil
	}
	fs.Usage()
	return errors.New("token: want create, list or revoke")
}
