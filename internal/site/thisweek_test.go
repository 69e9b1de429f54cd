package site

import "testing"

func TestThisWeekSentence(t *testing.T) {
	ijm := WeekPartner{Name: "IJM", Region: "South Asia"}
	kelu := WeekPartner{Name: "Kelu"}
	sim := WeekPartner{Name: "SIM", Region: "West Africa"}
	tests := []struct {
		name     string
		partners []WeekPartner
		want     string
	}{
		{"nobody", nil, ""},
		{"one with a region", []WeekPartner{ijm}, "This week we are praying for IJM, our partner in South Asia."},
		{"two", []WeekPartner{kelu, ijm}, "This week we are praying for Kelu and IJM, our partner in South Asia."},
		{"a region first needs the serial comma", []WeekPartner{ijm, kelu}, "This week we are praying for IJM, our partner in South Asia, and Kelu."},
		{"three", []WeekPartner{kelu, ijm, sim}, "This week we are praying for Kelu, IJM, our partner in South Asia, and SIM, our partner in West Africa."},
		{"worldwide", []WeekPartner{{Name: "The Smiths", Region: "Worldwide"}}, "This week we are praying for The Smiths, serving worldwide."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (ThisWeek{Partners: tt.partners}).Sentence(); got != tt.want {
				t.Errorf("Sentence() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFeedLabel(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"IJM", "IJM's feed"},
		{"The Smiths", "The Smiths' feed"},
		{"Kelu Bible Translation", "Kelu Bible Translation's feed"},
		{"Grace Mission Fellowship Ministries", "Grace Mission Fellowship Ministries' feed"},
		{"Loss", "Loss's feed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := (WeekPartner{Name: tt.name}).FeedLabel(); got != tt.want {
				t.Errorf("FeedLabel() = %q, want %q", got, tt.want)
			}
		})
	}
}
