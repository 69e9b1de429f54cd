package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

const reviewUsage = `list [--partner ID] [--pending] [--json]
       prayerfeed review hide|restore ID...
       prayerfeed review kind ID prayer|praise
       prayerfeed review edit ID TEXT
       prayerfeed review add --update UPDATE_ID --kind prayer|praise TEXT
       prayerfeed review no-points UPDATE_ID...
       prayerfeed review approve ID...|--update UPDATE_ID|--partner ID|--all
       prayerfeed review export DIR
       prayerfeed review mail [list] [--json]
       prayerfeed review mail file ID --partner PARTNER
       prayerfeed review mail discard ID...`

// runReview lists extracted items and corrects them; corrections are
// keyed to each item's stable id and outlast re-fetches.
func runReview(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("review", reviewUsage, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	verb := fs.Arg(0)
	rest := fs.Args()
	if len(rest) > 0 {
		rest = rest[1:]
	}
	sub := g.newFlagSet("review "+verb, reviewUsage, stderr)
	r := &reviewCmd{g: g, fs: sub, stdout: stdout, who: cliActor()}
	switch verb {
	case "list":
		return r.list(ctx, rest)
	case "hide", "restore", "kind", "edit", "add", "no-points", "approve":
		return r.correct(ctx, verb, rest)
	case "export":
		return r.export(ctx, rest)
	case "mail":
		return r.mail(ctx, rest)
	}
	fs.Usage()
	return errors.New("review: want list, hide, restore, kind, edit, add, no-points, approve, export or mail")
}

// cliActor names the command line's user in the audit.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

type reviewCmd struct {
	g      *globals
	fs     *flag.FlagSet
	stdout io.Writer
	who    string
}

// parse parses the verb's flags, accepting them before and after its
// other arguments, and returns the other arguments.
//
// Item ids are base64url and a sixteenth of them start with "-", so an
// argument that starts with "-" but names none of the verb's flags is an
// id, not a mistyped flag; "--" ends the flags as usual.
func (r *reviewCmd) parse(args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		f := r.fs.Lookup(flagName(a))
		if !strings.HasPrefix(a, "-") || a == "-" || f == nil {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && !strings.Contains(a, "=") && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := r.fs.Parse(flags); err != nil {
		return nil, err
	}
	return rest, nil
}

// flagName is the name a command-line argument gives as a flag: "-kind"
// and "--kind=praise" both name "kind".
func flagName(arg string) string {
	name := strings.TrimLeft(arg, "-")
	if i := strings.IndexByte(name, '='); i >= 0 {
		name = name[:i]
	}
	return name
}

// ReviewJSON is review list --json's output, a stable interface: fields
// may be added, none renamed or removed.
type ReviewJSON struct {
	Items []ReviewItemJSON `json:"items"`
}

// ReviewItemJSON is one item in ReviewJSON.
type ReviewItemJSON struct {
	ID string `json:"id"`
	// State is published, hidden or pending.
	State string `json:"state"`
	// Kind and Text are as published, corrections applied.
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Partner string `json:"partner"`
	// Update is the UPDATE_ID review add and approve --update take.
	Update      string `json:"update"`
	UpdateTitle string `json:"update_title"`
	UpdateLink  string `json:"update_link"`
	Published   string `json:"published"`
	// ExtractedKind and ExtractedText are what the extractor found.
	ExtractedKind string `json:"extracted_kind"`
	ExtractedText string `json:"extracted_text"`
	Added         bool   `json:"added"`
	Edited        bool   `json:"edited"`
	KindChanged   bool   `json:"kind_changed"`
	// CopyOf is the id of the point this one repeats (it came in another
	// letter too): hidden because that point is published and links here.
	CopyOf string `json:"copy_of,omitempty"`
}

func reviewItemJSON(it store.ReviewItem) ReviewItemJSON {
	return ReviewItemJSON{ID: it.ID, State: string(it.State), Kind: string(it.Kind), Text: it.Text,
		Partner: it.PartnerID, Update: it.UpdateID, UpdateTitle: it.UpdateTitle, UpdateLink: it.UpdateLink,
		Published: it.Published.Format(time.RFC3339), ExtractedKind: string(it.ExtractedKind),
		ExtractedText: it.ExtractedText, Added: it.Added, Edited: it.Edited, KindChanged: it.KindChanged, CopyOf: it.CopyOf}
}

func (r *reviewCmd) list(ctx context.Context, args []string) error {
	partner := r.fs.String("partner", "", "only this partner's items")
	pending := r.fs.Bool("pending", false, "only items waiting for approval")
	asJSON := r.fs.Bool("json", false, "print JSON (see README: review list --json)")
	limit := r.fs.Int("limit", 500, "at most this many items")
	if _, err := r.parse(args); err != nil {
		return err
	}
	st, err := r.g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	items, err := st.ReviewItems(ctx, store.ReviewQuery{Partner: *partner, Pending: *pending, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		out := ReviewJSON{Items: []ReviewItemJSON{}}
		for _, it := range items {
			out.Items = append(out.Items, reviewItemJSON(it))
		}
		enc := json.NewEncoder(r.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tKIND\tPARTNER\tUPDATE\tTEXT")
	copies := 0
	for _, it := range items {
		text, state := it.Text, string(it.State)
		if it.Edited || it.KindChanged || it.Added {
			text = "(corrected) " + text
		}
		if it.CopyOf != "" && it.State == store.StateHidden {
			state, text = "copy", "(of "+it.CopyOf+") "+text
			copies++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", it.ID, state, it.Kind, it.PartnerID, it.UpdateID, shorten(text, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if copies > 0 {
		fmt.Fprintln(r.stdout, "copy: the same point came in another letter too; it is published once, as the point named, which links to both letters")
	}
	return nil
}

// correct runs one of the correcting verbs.
func (r *reviewCmd) correct(ctx context.Context, verb string, args []string) error {
	var update, kind, partner *string
	var all *bool
	switch verb {
	case "add":
		update = r.fs.String("update", "", "the UPDATE_ID (see review list) to add the point to")
		kind = r.fs.String("kind", "prayer", "prayer or praise")
	case "approve":
		update = r.fs.String("update", "", "approve every waiting point of this update")
		partner = r.fs.String("partner", "", "approve every waiting point of this partner")
		all = r.fs.Bool("all", false, "approve every waiting point")
	}
	rest, err := r.parse(args)
	if err != nil {
		return err
	}
	st, err := r.g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "hide", "restore", "no-points":
		if len(rest) == 0 {
			return fmt.Errorf("review %s: want one or more ids (see review list)", verb)
		}
		return r.each(ctx, st, verb, rest)
	case "kind":
		if len(rest) != 2 {
			return errors.New("review kind: want ID prayer|praise")
		}
		k, err := feed.ParseKind(rest[1])
		if err != nil {
			return fmt.Errorf("review kind %s: %w", rest[0], err)
		}
		if err := st.SetKind(ctx, r.who, rest[0], k); err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "%s is now published as a %s\n", rest[0], k)
		return nil
	case "edit":
		if len(rest) < 2 {
			return errors.New("review edit: want ID TEXT")
		}
		if err := st.EditText(ctx, r.who, rest[0], strings.Join(rest[1:], " ")); err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "%s is now published with the new text; review restore %s brings back the original\n", rest[0], rest[0])
		return nil
	case "add":
		k, err := feed.ParseKind(*kind)
		if err != nil {
			return fmt.Errorf("review add: %w", err)
		}
		if *update == "" || len(rest) == 0 {
			return errors.New("review add: want --update UPDATE_ID and the point's TEXT")
		}
		id, err := st.AddPoint(ctx, r.who, *update, k, strings.Join(rest, " "))
		if err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "added %s %s to update %s\n", k, id, *update)
		return nil
	}
	return r.approve(ctx, st, rest, *update, *partner, *all)
}

// each runs a verb that takes ids one after another.
func (r *reviewCmd) each(ctx context.Context, st *store.Store, verb string, ids []string) error {
	var err error
	switch verb {
	case "hide":
		err = st.Hide(ctx, r.who, ids...)
	case "restore":
		var copies []store.ReviewItem
		if copies, err = st.ReviewItems(ctx, store.ReviewQuery{IDs: ids}); err != nil {
			return err
		}
		if err = st.Restore(ctx, r.who, ids...); err == nil {
			sayRestoredCopies(r.stdout, copies)
		}
	case "no-points":
		for _, id := range ids {
			if err = st.MarkNoPoints(ctx, r.who, id); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	done := map[string]string{"hide": "hidden", "restore": "restored", "no-points": "marked as holding no points"}[verb]
	fmt.Fprintf(r.stdout, "%s: %s\n", done, strings.Join(ids, " "))
	return nil
}

func (r *reviewCmd) approve(ctx context.Context, st *store.Store, ids []string, update, partner string, all bool) error {
	chosen := 0
	for _, set := range []bool{len(ids) > 0, update != "", partner != "", all} {
		if set {
			chosen++
		}
	}
	if chosen != 1 {
		return errors.New("review approve: want ids, or one of --update UPDATE_ID, --partner ID, --all")
	}
	if len(ids) > 0 {
		if err := st.Approve(ctx, r.who, ids...); err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "approved: %s\n", strings.Join(ids, " "))
		return nil
	}
	n, err := st.ApproveAll(ctx, r.who, store.ApproveWhere{Partner: partner, UpdateID: update})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "approved %d waiting points\n", n)
	return nil
}

// sayRestoredCopies says what restoring a copy did: it is published on
// its own now, so the point shows twice, once from each letter.
func sayRestoredCopies(w io.Writer, items []store.ReviewItem) {
	for _, it := range items {
		if it.CopyOf != "" && it.State == store.StateHidden {
			fmt.Fprintf(w, "%s was a copy of %s (the same point in another letter); it is now published on its own too, "+
				"so readers see the point twice. To undo: prayerfeed review hide %s\n", it.ID, it.CopyOf, it.ID)
		}
	}
}
