package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// runHelp answers `prayerfeed help [COMMAND]` (on stdout, exit 0, as a
// user asking for help expects) and `prayerfeed version`.
func runHelp(ctx context.Context, g *globals, name string, args []string, stdout io.Writer) error {
	if name == "version" {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		return unknownCommand(args[0])
	}
	if line := usageLine(args[0]); line != "" {
		fmt.Fprintln(stdout, line)
		fmt.Fprintln(stdout)
	}
	// Every command prints its flags on -h and returns flag.ErrHelp.
	if err := cmd(ctx, g, []string{"-h"}, stdout, stdout); err != nil && !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}

// usageLine is the command's line of the main usage, trimmed.
func usageLine(name string) string {
	for _, l := range strings.Split(usage, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == name && strings.HasPrefix(l, "  ") {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), name))
		}
	}
	return ""
}

// unknownCommand is the error for a command name run does not know,
// with the nearest one when it looks like a typo.
func unknownCommand(name string) error {
	names := []string{"help", "version"}
	for n := range commands() {
		names = append(names, n)
	}
	slices.Sort(names)
	if near := config.Closest(name, names); near != "" {
		return fmt.Errorf("unknown command %q: did you mean %s?", name, near)
	}
	return fmt.Errorf("unknown command %q (prayerfeed help lists them)", name)
}

// versionLine says which build this is: the module version when built
// with `go install …@version`, else the commit it was built from.
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "prayerfeed (unknown version)"
	}
	v := bi.Main.Version
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	line := "prayerfeed " + v
	if rev != "" {
		line += " commit " + rev[:min(12, len(rev))]
		if dirty {
			line += " (modified)"
		}
		if at != "" {
			line += " " + at
		}
	}
	return line + " " + bi.GoVersion
}
