package docxtext_test

import (
	"context"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/docxtext"
	"github.com/prayerfeed/prayerfeed/internal/docxtext/docxtexttest"
)

// FuzzRead: whatever an attachment holds, Read returns (text or an error)
// within its caps.
func FuzzRead(f *testing.F) {
	f.Add(docxtexttest.Letter())
	f.Add(docxtexttest.Build(docxtexttest.P("", docxtexttest.R("Pray."))))
	f.Add([]byte("PK\x05\x06"))
	cfg := docxtext.Config{MaxXMLBytes: 1 << 20, MaxTextBytes: 64 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := docxtext.Read(context.Background(), cfg, data)
		if err == nil && len(doc.HTML) > cfg.MaxTextBytes+(1<<20) {
			t.Fatalf("HTML of %d bytes past the cap", len(doc.HTML))
		}
	})
}
