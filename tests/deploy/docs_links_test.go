package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// The user documentation of issue 7 links only to files that exist, and
// every repository path it names in backquotes under deploy/ exists too.
func TestDeployDocsLinksResolve(t *testing.T) {
	root := testenv.RepoRoot(t)
	docs := []string{"README.md", "docs/quickstart.md", "docs/deploy.md", "docs/ci-modules.md", "docs/metrics.md",
		"docs/operations.md", "docs/migrating-from-falco.md", "docs/configuration.md", "deploy/apiserver/README.md"}
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(root, d))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") {
				continue
			}
			if _, err := os.Stat(filepath.Join(root, filepath.Dir(d), target)); err != nil {
				t.Errorf("%s: link %s: %v", d, m[1], err)
			}
		}
		for _, m := range deployPath.FindAllStringSubmatch(string(b), -1) {
			if _, err := os.Stat(filepath.Join(root, m[1])); err != nil {
				t.Errorf("%s: names %s, which does not exist", d, m[1])
			}
		}
	}
}

var deployPath = regexp.MustCompile("`((?:deploy|docs|tests|rules)/[A-Za-z0-9_./-]+\\.(?:yaml|json|md|go))`")
