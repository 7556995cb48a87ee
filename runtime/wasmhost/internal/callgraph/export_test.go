package callgraph

// Module builds a module for the external tests: imports function imports,
// then one function per body (locals and code), every type () -> ().
func Module(imports int, bodies ...[]byte) []byte {
	return module{imports: imports, bodies: bodies}.bytes()
}
