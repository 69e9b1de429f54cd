package fetcher

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"rfc3339", "2026-07-14T09:30:00-05:00", time.Date(2026, 7, 14, 14, 30, 0, 0, time.UTC)},
		{"rfc3339 millis", "2026-07-14T09:30:00.000Z", time.Date(2026, 7, 14, 9, 30, 0, 0, time.UTC)},
		{"iso date", "2026-07-14", day(2026, 7, 14)},
		{"iso date in text", "Posted 2026-07-14 by Dan", day(2026, 7, 14)},
		{"rfc1123", "Tue, 14 Jul 2026 10:00:00 GMT", time.Date(2026, 7, 14, 10, 0, 0, 0, time.UTC)},
		{"month day year", "July 14, 2026", day(2026, 7, 14)},
		{"ordinal", "July 14th, 2026", day(2026, 7, 14)},
		{"abbreviated", "Jul. 14, 2026", day(2026, 7, 14)},
		{"day month year", "14 July 2026", day(2026, 7, 14)},
		{"the nth of", "the 14th of July, 2026", day(2026, 7, 14)},
		{"weekday and byline", "Posted on Tuesday, July 14, 2026 by Pastor Dan", day(2026, 7, 14)},
		{"dotted", "14.07.2026", day(2026, 7, 14)},
		{"dashed day first", "14-07-2026", day(2026, 7, 14)},
		{"slashed day first by value", "14/07/2026", day(2026, 7, 14)},
		{"slashed us", "07/14/2026", day(2026, 7, 14)},
		{"slashed ambiguous is month first", "03/04/2026", day(2026, 3, 4)},
		{"german", "14. Juli 2026", day(2026, 7, 14)},
		{"spanish", "14 de julio de 2026", day(2026, 7, 14)},
		{"portuguese", "2 de junho de 2026", day(2026, 6, 2)},
		{"french", "1er août 2026", day(2026, 8, 1)},
		{"indonesian", "14 Agustus 2026", day(2026, 8, 14)},
		{"swahili", "14 Julai 2026", day(2026, 7, 14)},
		{"month and year", "July 2026 prayer letter", day(2026, 7, 1)},
		{"year-less past", "July 14th", day(2026, 7, 14)},
		{"year-less later in year is last year", "December 3rd", day(2025, 12, 3)},
		{"year-less today", "September 1", day(2026, 9, 1)},
		{"feb 29 year-less", "February 29", day(2024, 2, 29)},
		{"impossible day", "February 30, 2026", time.Time{}},
		{"no date", "Prayer requests", time.Time{}},
		{"relative time", "3 days ago", time.Time{}},
		{"may as a verb", "You may pray for them", time.Time{}},
		{"empty", "  ", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseDate(tt.in, now)
			if !got.Equal(tt.want) {
				t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
