package inbox_test

import (
	"bytes"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
)

// FuzzRead feeds hostile messages to the MIME reader, the cleaners and
// the sorter: no panic, the caps hold, and nothing unverified is trusted.
func FuzzRead(f *testing.F) {
	for _, m := range [][]byte{inboxtest.HTMLWithPDF([]byte("%PDF-1.4\n")), inboxtest.Forwarded(), inboxtest.Stranger(),
		inboxtest.Forged(), inboxtest.Nested(30)} {
		f.Add(m)
	}
	cfg, err := config.Parse("partners.yaml", []byte(inboxtest.Config))
	if err != nil {
		f.Fatal(err)
	}
	lim := inbox.Limits{MaxParts: 50, MaxTextBytes: 64 << 10, MaxAttachmentBytes: 64 << 10}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := inbox.Read(bytes.NewReader(raw), lim)
		if err != nil {
			return
		}
		if len(m.Text) > 64<<10 || len(m.HTML) > 64<<10 {
			t.Errorf("body past the cap: %d, %d bytes", len(m.Text), len(m.HTML))
		}
		for _, a := range m.PDFs {
			if len(a.Data) > 64<<10 {
				t.Errorf("attachment %s past the cap: %d bytes", a.Name, len(a.Data))
			}
		}
		inbox.CleanText(m.Text)
		inbox.CleanHTML(m.HTML, false)
		inbox.CleanHTML(m.HTML, true)
		s := inbox.Sort(cfg, m, "")
		// Host names and results are case-insensitive (RFC 8601), so a
		// trusted host may be written "mX.GraceChurch.example".
		if s.Verified && !bytes.Contains(bytes.ToLower(raw), []byte("mx.gracechurch.example")) {
			t.Errorf("verified without a trusted host's results: %+v", s)
		}
	})
}
