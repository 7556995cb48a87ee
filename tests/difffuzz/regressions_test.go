package difffuzz

import (
	"testing"

	"github.com/aeriesec/aerie/tests/wasmtest"
)

// regressions are conditions that once broke the Wasm engine, named after
// what broke. New disagreements from FuzzEngines are added here.
var regressions = map[string]string{
	// basename and concat wrote their result without its address on the
	// stack: the module failed wazero's validation.
	"basename copy":          `basename(ka.uri) = pods`,
	"concat copy":            `concat(ka.verb, ka.user.name) startswith createadmin`,
	"nested transformers":    `toupper(basename(ka.uri)) = PODS or tolower(b64(ka.useragent)) contains a`,
	"list element scan":      `ka.req.pod.containers.image startswith nginx and not ka.user.groups in (system:masters)`,
	"modifier on a list":     `ka.req.pod.containers.image contains allof (ngi, inx)`,
	"field to field on list": `ka.user.groups = val(ka.user.name)`,
	"empty list in":          `ka.user.groups in () and len(ka.user.groups) = 0`,
}

func TestRegressions(t *testing.T) {
	c := loadCorpus(t)
	for name, cond := range regressions {
		t.Run(name, func(t *testing.T) {
			if _, err := wasmtest.Load(wasmtest.Rule(cond)); err != nil {
				t.Fatalf("a regression must load: %v", err)
			}
			check(t, c, cond)
		})
	}
}
