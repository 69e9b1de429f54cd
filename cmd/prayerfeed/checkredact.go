package main

import (
	"context"
	"fmt"
	"io"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// checkRedact prints, for each name partners.yaml redacts, the spellings
// a reader would still recognise and whether redaction catches each, then
// every stored item where the name may still be published. It fails when
// a spelling is missed or an item still shows the name.
func checkRedact(ctx context.Context, g *globals, cfg *config.Config, partner string, w io.Writer) error {
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	checks, err := site.New(site.Config{Config: cfg, Store: st}).CheckRedactions(ctx)
	if err != nil {
		return err
	}
	problems := 0
	for _, c := range checks {
		if partner != "" && c.PartnerID != partner {
			continue
		}
		fmt.Fprintf(w, "\nredact %q → %q (%s)\n", c.Name, c.Replacement, c.PartnerID)
		for _, f := range c.Forms {
			verdict := "caught"
			if !f.Caught {
				verdict, problems = "NOT CAUGHT", problems+1
			}
			fmt.Fprintf(w, "  %-28s %-11s %s\n", f.Label, verdict, f.Text)
		}
		if len(c.Leaks) == 0 {
			fmt.Fprintf(w, "  stored items: the name appears in none\n")
		}
		for _, l := range c.Leaks {
			problems++
			fmt.Fprintf(w, "  STILL SHOWN in item %s (%s), %s: …%s…\n", l.ItemID, l.PartnerID, l.Field, l.Snippet)
		}
	}
	if len(checks) == 0 {
		fmt.Fprintln(w, "redact: partners.yaml redacts no names")
	}
	if problems > 0 {
		return fmt.Errorf("check --redact: %d problems", problems)
	}
	return nil
}
