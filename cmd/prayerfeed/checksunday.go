package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// describeSunday prints, for `check`, when the weekly e-mail goes and how
// long points are kept, and warns of an SMTP password that is not set:
// the mistakes a config file cannot show.
func describeSunday(w io.Writer, cfg *config.Config) {
	if d := cfg.Digest; d != nil {
		fmt.Fprintf(w, "digest: e-mail to %s every %s at %02d:00 %s via %s:%d (%s)\n",
			strings.Join(d.To, ", "), d.Day, *d.Hour, d.Timezone, d.Host, d.Port, d.TLS)
		if d.User != "" && os.Getenv(d.PasswordEnv) == "" {
			fmt.Fprintf(w, "digest: WARNING: $%s is empty here; serve and digest --send need the SMTP password of %q in it\n", d.PasswordEnv, d.User)
		}
	}
	r := cfg.Retention
	if r.KeepsAll() {
		fmt.Fprintln(w, "retention: every point is kept")
		return
	}
	var rules []string
	if r.MaxAge > 0 {
		rules = append(rules, fmt.Sprintf("points older than %d days", time.Duration(r.MaxAge)/(24*time.Hour)))
	}
	if r.FollowSource > 0 {
		rules = append(rules, fmt.Sprintf("points their source stopped listing %d days ago", time.Duration(r.FollowSource)/(24*time.Hour)))
	}
	if r.MaxItems > 0 {
		rules = append(rules, fmt.Sprintf("each partner's points beyond the newest %d", r.MaxItems))
	}
	fmt.Fprintf(w, "retention: after each fetch, deletes %s\n", strings.Join(rules, "; "))
}
