// Command prayerfeed pulls missions partners' news, lifts out each prayer
// and praise point, and republishes them as one combined prayer feed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "prayerfeed:", err)
		os.Exit(1)
	}
}

const usage = `usage: prayerfeed [--config FILE] [--db FILE] COMMAND [flags]

commands:
  serve     serve the feeds, widget and status page; fetch due sources in the background
  fetch     run one fetch cycle (for cron); per-source failures are reported, not fatal
  build     write every route as static files: build --out DIR
  check     validate partners.yaml; --live fetches and shows what each source yields
  extract   print the points found in one update: extract [--json] FILE|-
  discover  find the feeds a page links to: discover URL
  token     manage reader tokens for private partners: token create|list|revoke NAME
  demo      serve bundled sample partners offline, fetch them, and serve the result
  review    list extracted points and correct them: review list|hide|restore|kind|edit|add|approve|export
  print     the weekly prayer sheet as PDF (headless Chromium): print --out sheet.pdf
  digest    the weekly e-mail to the prayer team: digest [--send|--preview]
  ingest    one e-mail message from a mail server's pipe: ingest [--partner ID] < message.eml
  migrate-store  copy a whole store into a new one (SQLite to PostgreSQL or back): migrate-store --from DB --to DB

  help      this list, or one command's flags: help [COMMAND]

global flags (also accepted after the command):
  --config  partners.yaml to read (env PRAYERFEED_CONFIG; default partners.yaml)
  --db      SQLite database file, or postgres://user@host/db (env PRAYERFEED_DB; default prayerfeed.db)
  --version print the version and exit
`

type command func(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error

func commands() map[string]command {
	return map[string]command{
		"serve":         runServe,
		"fetch":         runFetch,
		"build":         runBuild,
		"check":         runCheck,
		"extract":       runExtract,
		"discover":      runDiscover,
		"token":         runToken,
		"demo":          runDemo,
		"review":        runReview,
		"print":         runPrint,
		"digest":        runDigest,
		"ingest":        runIngest,
		"migrate-store": runMigrateStore,
	}
}

// run parses the global flags and hands the rest to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	g := &globals{}
	fs := flag.NewFlagSet("prayerfeed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	g.register(fs)
	version := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no command given")
	}
	name := fs.Arg(0)
	if name == "help" || name == "version" {
		return runHelp(ctx, g, name, fs.Args()[1:], stdout)
	}
	cmd, ok := commands()[name]
	if !ok {
		fs.Usage()
		return unknownCommand(name)
	}
	return cmd(ctx, g, fs.Args()[1:], stdout, stderr)
}
