package wasmhost

// CheckStatic exposes checkStatic to the benchmarks.
var CheckStatic = checkStatic
