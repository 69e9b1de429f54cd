package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a config file, located by line and field.
type Error struct {
	File  string
	Line  int
	Field string // e.g. "partners[2].sources[0].url"; empty for syntax errors
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Load reads, checks and completes the config at path. On any problem it
// returns every error found (joined), each naming the file, line and field.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load for bytes already read; name is used in error messages.
func Parse(name string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErrors(name, err)
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: name, Msg: "empty config: want at least a title and partners"}
	}
	cfg := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlErrors(name, err)
	}
	cfg.Path = name
	cfg.setDefaults()
	if errs := cfg.validate(); len(errs) > 0 {
		out := make([]error, len(errs))
		for i, fe := range errs {
			out[i] = &Error{File: name, Line: lineOf(&root, fe.field), Field: fe.field, Msg: fe.msg}
		}
		return nil, errors.Join(out...)
	}
	return cfg, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlErrors turns the yaml package's messages ("yaml: line 3: ...",
// "field x not found in type config.Partner") into located Errors.
func yamlErrors(name string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := make([]error, 0, len(msgs))
	for _, m := range msgs {
		e := &Error{File: name, Msg: m}
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			e.Line, _ = strconv.Atoi(sub[1])
			e.Msg = sub[2]
		}
		e.Msg = unknownField.ReplaceAllStringFunc(e.Msg, func(m string) string {
			sub := unknownField.FindStringSubmatch(m)
			return unknownKeyMsg(sub[1], sub[2])
		})
		out = append(out, e)
	}
	return errors.Join(out...)
}

var unknownField = regexp.MustCompile(`field (\S+) not found in type (\S+)`)

// lineOf finds the line of a field path like "partners[2].sources[0].url",
// falling back to the nearest enclosing node when the field is absent.
func lineOf(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range splitPath(path) {
		next := child(n, step)
		if next == nil {
			break
		}
		n, line = next, next.Line
	}
	return line
}

func splitPath(path string) []string {
	path = strings.ReplaceAll(path, "[", ".[")
	var steps []string
	for _, s := range strings.Split(path, ".") {
		if s != "" {
			steps = append(steps, s)
		}
	}
	return steps
}

func child(n *yaml.Node, step string) *yaml.Node {
	if i, ok := strings.CutPrefix(step, "["); ok {
		idx, err := strconv.Atoi(strings.TrimSuffix(i, "]"))
		if err != nil || n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
			return nil
		}
		return n.Content[idx]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == step {
			return n.Content[i+1]
		}
	}
	return nil
}
