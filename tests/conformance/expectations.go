package conformance

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// Expectations is the part of expectations.yaml the runner needs.
type Expectations struct {
	Counts struct {
		Tests int `yaml:"tests"`
	} `yaml:"counts"`
	Tests []Case `yaml:"tests"`
}

// Case is one regression case.
type Case struct {
	Name       string         `yaml:"name"`
	RulesFiles []string       `yaml:"rules_files"`
	EventFile  string         `yaml:"event_file"`
	Detect     bool           `yaml:"detect"`
	Level      string         `yaml:"detect_level"`
	Counts     map[string]int `yaml:"expected_detections"`
	Error      *struct {
		StderrContains string `yaml:"stderr_contains"`
		ExitStatus     int    `yaml:"exit_status"`
	} `yaml:"expected_error"`
}

// ReadExpectations parses the expectations file.
func ReadExpectations(path string) (*Expectations, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read expectations: %w", err)
	}
	var e Expectations
	if err := yaml.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("parse expectations %s: %w", path, err)
	}
	return &e, nil
}
