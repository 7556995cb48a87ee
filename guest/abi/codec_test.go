package abi_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
)

func sample() *abi.Metadata {
	return &abi.Metadata{
		ABI: abi.Version, Toolchain: "t", Source: "k8s_audit", Hash: "00",
		Rules:   []abi.Rule{{ID: 0, Name: "r", Tags: []string{"k8s"}, Enabled: true}},
		Fields:  []abi.Field{{Name: "ka.uri.param", Arg: "x", HasArg: true}},
		Regexes: []string{"a.*"},
	}
}

func TestMetadataRoundTrip(t *testing.T) {
	b := abi.EncodeMetadata(sample())
	if !reflect.DeepEqual(b, abi.EncodeMetadata(sample())) {
		t.Fatal("encoding is not deterministic")
	}
	got, err := abi.DecodeMetadata(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sample()) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, sample())
	}
}

func TestMetadataRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       error
		text       string
	}{
		{"not json", "{", abi.ErrBadMetadata, "corrupt metadata"},
		{"unknown key", `{"abi":1,"source":"s","x":1}`, abi.ErrBadMetadata, `unknown field "x"`},
		{"other ABI", `{"abi":2,"source":"s"}`, abi.ErrABIVersion, "module has ABI 2, this host supports 1"},
		{"no source", `{"abi":1}`, abi.ErrBadMetadata, "no source"},
		{"rule id", `{"abi":1,"source":"s","rules":[{"id":3,"name":"r"}]}`, abi.ErrBadMetadata, `rule "r" has id 3 at position 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := abi.DecodeMetadata([]byte(tc.json))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %v, want %v containing %q", err, tc.want, tc.text)
			}
		})
	}
}
