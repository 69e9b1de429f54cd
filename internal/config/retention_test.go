package config

import (
	"strings"
	"testing"
	"time"
)

func TestRetentionConfig(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       Retention
		wantErr    string
	}{
		{"keep all", "retention: {keep: all}", Retention{Keep: "all"}, ""},
		{"max age in weeks", "retention: {max_age: 26w}", Retention{MaxAge: Age(26 * 7 * 24 * time.Hour)}, ""},
		{"follow source true", "retention: {follow_source: true}", Retention{FollowSource: FollowSource(DefaultFollowSource)}, ""},
		{"follow source after 30 days", "retention: {follow_source: 30d, max_items: 100}", Retention{FollowSource: FollowSource(30 * 24 * time.Hour), MaxItems: 100}, ""},
		{"keep all with a rule", "retention: {keep: all, max_age: 26w}", Retention{}, "retention.keep: all keeps every point"},
		{"an unknown keep", "retention: {keep: some}", Retention{}, `retention.keep: "some"`},
		{"a bad age", "retention: {max_age: soon}", Retention{}, `age "soon"`},
		{"too short an age", "retention: {max_age: 2d}", Retention{}, "retention.max_age: 48h0m0s is under a week"},
		{"negative max items", "retention: {max_items: -1}", Retention{}, "retention.max_items: -1"},
		{"a bad follow source", "retention: {follow_source: maybe}", Retention{}, "follow_source: want true, false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("partners.yaml", []byte("title: T\n"+tt.yaml+digestPartners))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one holding %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *cfg.Retention != tt.want {
				t.Errorf("retention %+v, want %+v", *cfg.Retention, tt.want)
			}
		})
	}
	cfg, err := Parse("partners.yaml", []byte("title: T\n"+digestPartners))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Retention.KeepsAll() {
		t.Errorf("no retention: must keep everything")
	}
}
