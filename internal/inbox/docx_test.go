package inbox_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/docxtext/docxtexttest"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
)

// docxPoints are what the extractor finds in docxtexttest.Letter.
var docxPoints = []string{"Pray for the nurses' exams on Friday.", "Praise God for rain in the north."}

// TestDeliverWordLetter: a prayer letter written in Word and attached,
// alone or in a zip, gives its points; a hostile one is noted and the
// rest of the message read.
func TestDeliverWordLetter(t *testing.T) {
	docx := docxtexttest.Letter()
	zipped := docxtexttest.Zip(map[string]string{"letters/march.docx": string(docx)})
	crowded := map[string]string{"march.docx": string(docx)}
	for i := range 2000 {
		crowded[fmt.Sprintf("e/%d", i)] = ""
	}
	var bomb bytes.Buffer
	bomb.Write(docxtexttest.Build(docxtexttest.P("", docxtexttest.R(strings.Repeat("pray ", 4<<20)))))
	for _, tc := range []struct {
		name, file, mediaType string
		data                  []byte
		want                  []string
		note                  string
	}{
		{"attached", "march.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, docxPoints, ""},
		{"as octet-stream", "march.docx", "application/octet-stream", docx, docxPoints, ""},
		{"in a zip", "letters.zip", "application/zip", zipped, docxPoints, ""},
		{"20 MiB of text in one paragraph", "big.docx", "application/octet-stream", bomb.Bytes(), nil, "big.docx: Word document too large"},
		{"a zip of 2,001 entries", "crowded.zip", "application/zip", docxtexttest.Zip(crowded), nil, "crowded.zip: zip archive too large: 2001 entries"},
		{"not a Word document", "fake.docx", "application/octet-stream", []byte("MZ not a zip"), nil, "fake.docx: not a Word document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, st := newDeliverer(t)
			r, err := d.Deliver(context.Background(), inboxtest.WithAttachment("docx", tc.file, tc.mediaType, tc.data), inbox.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.State != inbox.StatePublished {
				t.Fatalf("receipt %+v", r)
			}
			got := published(t, st, "okafor")
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("published %q, want %q among them", got, w)
				}
			}
			if tc.note != "" && !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
				t.Errorf("notes %q, want one saying %q", r.Notes, tc.note)
			}
		})
	}
}
