package codegen_test

import (
	"fmt"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/tests/wasmtest"
)

// events are the inputs of every operator case; want strings give the
// expected truth per event, in this order.
var events = []wasmtest.Event{
	{ // 0
		"ka.user.name": wasmtest.S("admin"), "ka.verb": wasmtest.S("create"),
		"ka.uri":                      wasmtest.S("/api/v1/namespaces/foo/pods"),
		"ka.user.groups":              wasmtest.L("system:masters", "system:authenticated"),
		"jevt.rawtime":                wasmtest.N(1000),
		"ka.req.pod.containers.image": wasmtest.L("nginx:1.2", "busybox"),
		"ka.target.name":              wasmtest.S("Foo-Bar"), "ka.useragent": wasmtest.S("kubectl/v1.2 (linux/amd64)"),
	},
	{ // 1
		"ka.user.name": wasmtest.S("system:serviceaccount:kube-system:foo"), "ka.verb": wasmtest.S("get"),
		"ka.uri": wasmtest.S("/apis/apps/v1"), "ka.user.groups": wasmtest.L(),
		"jevt.rawtime": wasmtest.N(5), "ka.useragent": wasmtest.S("aGVsbG8="),
		"ka.target.name": wasmtest.S(""),
	},
	{}, // 2: every field missing
	{ // 3
		"ka.user.name": wasmtest.S("Admin"), "ka.verb": wasmtest.S("CREATE"),
		"ka.uri": wasmtest.S("/api//v1/x"), "ka.user.groups": wasmtest.L("a"),
		"ka.req.pod.containers.image": wasmtest.L(), "ka.target.name": wasmtest.S("foo\x00bar/baz"),
		"jevt.rawtime": wasmtest.N(1 << 63), "ka.useragent": wasmtest.S("aGVsbG8"),
	},
}

var cases = []struct{ cond, want string }{
	{`ka.user.name = admin`, "1000"},
	{`ka.user.name != admin`, "0101"},
	{`not ka.user.name = admin`, "0111"},
	{`ka.user.name < val(ka.verb)`, "1001"},
	{`ka.user.name <= val(ka.user.name)`, "1101"},
	{`ka.user.name > val(ka.verb)`, "0100"},
	{`ka.user.name >= val(ka.verb)`, "0100"},
	{`ka.user.name contains serviceaccount`, "0100"},
	{`ka.user.name icontains ADM`, "1001"},
	{`ka.user.name startswith system:`, "0100"},
	{`ka.user.name endswith min`, "1001"},
	{`ka.user.name glob "a*"`, "1000"},
	{`ka.user.name iglob "a*n"`, "1001"},
	{`ka.uri glob "/api/*/pods"`, "1000"},
	{`ka.uri glob "/api?v1*"`, "1000"},
	{`ka.uri glob "/api[/]v1*"`, "1000"},
	{`ka.uri glob "/a[!x]i*"`, "1101"},
	{`ka.uri glob "/a[o-q]i*"`, "1101"},
	{`ka.uri glob "/a[]pi*"`, "0000"},
	{`ka.uri glob "\/api*"`, "1101"},
	{`ka.uri glob "[a"`, "0000"},
	{`ka.uri pmatch (/api/v1)`, "1001"},
	{`ka.uri pmatch (/api/v)`, "0000"},
	{`ka.uri pmatch (/apis, /nothing)`, "0100"},
	{`ka.uri pmatch (/api/*/namespaces)`, "1000"},
	{`ka.uri pmatch (/)`, "1101"},
	{`ka.user.name in (admin, root, "system:serviceaccount:kube-system:foo")`, "1100"},
	{`ka.user.name intersects (Admin)`, "0001"},
	{`ka.user.name in (u00, u01, u02, u03, u04, u05, u06, u07, u08, u09, u10, u11, u12, u13, u14, u15, u16, u17, u18, admin)`, "1000"},
	{`ka.user.name in (v00, v01, v02, v03, v04, v05, v06, v07, v08, v09, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31, v32, v33, v34, v35, v36, v37, v38, v39, v40, v41, v42, v43, v44, v45, v46, v47, v48, v49, v50, v51, v52, v53, v54, v55, v56, v57, v58, v59, v60, v61, v62, v63, v64, v65, v66, v67, v68, Admin, zzz)`, "0001"},
	{`ka.user.groups intersects (v00, v01, v02, v03, v04, v05, v06, v07, v08, v09, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31, v32, v33, v34, v35, v36, v37, v38, v39, v40, v41, v42, v43, v44, v45, v46, v47, v48, v49, v50, v51, v52, v53, v54, v55, v56, v57, v58, v59, v60, v61, v62, v63, v64, v65, v66, v67, v68, a)`, "0001"},
	{`ka.user.name in (` + manyNames(300) + `, admin, Admin)`, "1001"}, // beyond searchTreeMax: set_has
	{`ka.user.groups intersects (` + manyNames(300) + `, a)`, "0001"},
	{`ka.user.groups in (system:masters, system:authenticated, a)`, "1101"},
	{`ka.user.groups in (system:masters)`, "0100"},
	{`ka.user.groups intersects (system:masters, x)`, "1000"},
	{`ka.user.groups intersects (a)`, "0001"},
	{`ka.user.groups intersects val(ka.user.groups)`, "1001"},
	{`ka.user.groups in val(ka.user.groups)`, "1101"},
	{`ka.user.name in val(ka.user.groups)`, "0000"},
	{`ka.user.name in val(ka.user.name)`, "1101"},
	{`ka.user.groups in val(ka.user.name)`, "0100"},
	{`ka.user.name contains val(ka.user.groups)`, "0000"},
	{`ka.req.pod.containers.image contains busy`, "1000"},
	{`ka.req.pod.containers.image startswith nginx`, "1000"},
	{`ka.user.name exists`, "1101"},
	{`not ka.user.name exists`, "0010"},
	{`ka.req.pod.containers.image exists`, "1001"},
	{`jevt.rawtime = 1000`, "1000"},
	{`jevt.rawtime != 1000`, "0101"},
	{`jevt.rawtime > 5`, "1001"},
	{`jevt.rawtime >= 5`, "1101"},
	{`jevt.rawtime < 1000`, "0100"},
	{`jevt.rawtime <= 1000`, "1100"},
	{`jevt.rawtime in (5, 1000)`, "1100"},
	{`jevt.rawtime in (1, 2, 3, 4, 5, 6, 7)`, "0100"},
	{`ka.user.name regex "ad.*"`, "1000"},
	{`ka.user.name regex "[aA]dmin|root"`, "1001"},
	{`ka.user.name regex "dmi"`, "0000"},
	{`ka.verb = oneof (create, CREATE, get)`, "1101"},
	{`ka.user.name startswith anyof (adm, Adm)`, "1001"},
	{`ka.user.name contains allof (a, d, m)`, "1000"},
	{`ka.user.name contains oneof (a, d, sys)`, "0001"},
	{`tolower(ka.verb) = create`, "1001"},
	{`toupper(ka.verb) = CREATE`, "1001"},
	{`basename(ka.uri) = pods`, "1000"},
	{`basename(ka.uri) = x`, "0001"},
	{`b64(ka.useragent) = hello`, "0101"},
	{`b64(ka.useragent) exists`, "0101"},
	{`len(ka.user.name) = 5`, "1001"},
	{`len(ka.target.name) = 3`, "0001"},
	{`len(ka.user.groups) = 0`, "0100"},
	{`len(ka.user.groups) > 1`, "1000"},
	{`ka.user.name = val(ka.verb)`, "0000"},
	{`ka.user.name != val(ka.verb)`, "1101"},
	{`tolower(ka.user.name) = tolower(ka.user.name)`, "1101"},
	{`ka.verb = toupper(ka.verb)`, "0001"},
	{`concat(ka.verb, "-", ka.user.name) = "create-admin"`, "1000"},
	{`join(",", ka.user.groups) = "system:masters,system:authenticated"`, "1000"},
	{`join(",", ka.user.groups) = ""`, "0100"},
	{`join(",", (ka.verb, "x")) = "create,x"`, "1000"},
	{`join("-", (ka.user.groups, ka.verb)) = "a-CREATE"`, "0001"},
	{`join("-", (ka.user.groups)) = ""`, "0100"},
	{`join("-", ()) = ""`, "1111"},
	{`ka.user.name = admin or ka.verb = get`, "1100"},
	{`ka.user.name = admin and ka.verb = get`, "0000"},
	{`(ka.user.name = admin or ka.verb = get) and not jevt.rawtime = 5`, "1000"},
	{`not (ka.user.name = admin or not ka.verb exists)`, "0101"},
	{`ka.target.name = ""`, "0100"},
	{`ka.uri.param[x] = y or ka.user.name = admin`, "1000"},
}

func TestOperators(t *testing.T) {
	for _, c := range cases {
		t.Run(c.cond, func(t *testing.T) {
			p, err := wasmtest.Load(wasmtest.Rule(c.cond))
			if err != nil {
				t.Fatal(err)
			}
			e := wasmtest.MustBuild(t, p, "k8s_audit")
			batch := wasmtest.Bind(e.Wasm.Metadata(), events...)
			w, ref, err := e.Eval(batch)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := bits(w, len(events)), bits(ref, len(events)); got != want {
				t.Errorf("wasm %s, interpreter %s", got, want)
			}
			if got := bits(w, len(events)); got != c.want {
				t.Errorf("wasm %s, want %s", got, c.want)
			}
		})
	}
}

func bits(ms []abi.Match, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	for _, m := range ms {
		b[m.Event] = '1'
	}
	return fmt.Sprint(string(b))
}
