package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestHelpAndVersion(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdout  string // substring of stdout
		errText string // substring of the error; "" for none
	}{
		{"help", []string{"help"}, "usage: prayerfeed", ""},
		{"help for a command", []string{"help", "fetch"}, "fetch only this partner's sources", ""},
		{"help for a command with verbs", []string{"help", "token"}, "usage: prayerfeed token create|list|revoke", ""},
		{"help for an unknown command", []string{"help", "fecth"}, "", `unknown command "fecth": did you mean fetch?`},
		{"--version", []string{"--version"}, "prayerfeed ", ""},
		{"version", []string{"version"}, "prayerfeed ", ""},
		{"misspelt command", []string{"serv"}, "", `unknown command "serv": did you mean serve?`},
		{"unknown command", []string{"frobnicate"}, "", `unknown command "frobnicate" (prayerfeed help lists them)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, &stdout, &stderr)
			switch {
			case tt.errText == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.errText != "" && (err == nil || !strings.Contains(err.Error(), tt.errText)):
				t.Fatalf("error %v, want one containing %q", err, tt.errText)
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
		})
	}
}
