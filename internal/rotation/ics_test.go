package rotation

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/rotation/icstest"
)

func TestWriteICS(t *testing.T) {
	long := strings.Repeat("Mission in Ålesund, Tromsø; and Bergen\\ ", 6) + "\nsecond line 🙏"
	cal := Calendar{
		Name: "Grace, Church", ProdID: "-//prayerfeed//prayerfeed//EN",
		Stamp: time.Date(2026, 1, 7, 10, 0, 0, 0, time.UTC),
		Events: []Event{{
			UID: "20260105-ijm@prayer.example", Start: date("2026-01-05"), End: date("2026-01-12"),
			Summary: "Praying for IJM", Description: long, URL: "https://www.ijm.org/",
		}},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, cal); err != nil {
		t.Fatal(err)
	}
	root, err := icstest.Parse(buf.String())
	if err != nil {
		t.Fatalf("parse back: %v\n%s", err, buf.String())
	}
	if root.Name != "VCALENDAR" || len(root.Children) != 1 {
		t.Fatalf("root %s with %d children, want VCALENDAR with 1", root.Name, len(root.Children))
	}
	ev := root.Children[0]
	for name, want := range map[string]string{
		"SUMMARY": "Praying for IJM", "DESCRIPTION": long, "DTSTART": "20260105", "DTEND": "20260112",
		"DTSTAMP": "20260107T100000Z", "UID": "20260105-ijm@prayer.example", "URL": "https://www.ijm.org/",
	} {
		p, ok := ev.Get(name)
		if !ok || p.Value != want {
			t.Errorf("%s = %q, want %q", name, p.Value, want)
		}
	}
	if p, _ := ev.Get("DTSTART"); p.Params["VALUE"] != "DATE" {
		t.Errorf("DTSTART params = %v, want VALUE=DATE", p.Params)
	}
	if n, _ := root.Get("X-WR-CALNAME"); n.Value != "Grace, Church" {
		t.Errorf("calendar name = %q", n.Value)
	}
}

func FuzzWriteICS(f *testing.F) {
	f.Add("Praying for IJM", "a, b; c\\d\ne")
	f.Add(strings.Repeat("ø", 80), strings.Repeat("🙏x", 50))
	f.Fuzz(func(t *testing.T, summary, desc string) {
		var buf bytes.Buffer
		if err := WriteICS(&buf, Calendar{ProdID: "-//t//t//EN", Events: []Event{{
			UID: "u", Start: date("2026-01-05"), End: date("2026-01-12"), Summary: summary, Description: desc,
		}}}); err != nil {
			t.Fatal(err)
		}
		root, err := icstest.Parse(buf.String())
		if err != nil {
			t.Fatalf("parse back: %v", err)
		}
		got, _ := root.Children[0].Get("SUMMARY")
		if want := icstest.Normalize(summary); got.Value != want {
			t.Errorf("SUMMARY = %q, want %q", got.Value, want)
		}
	})
}
