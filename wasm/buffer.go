package main

// keptInput is the largest input buffer the module keeps between calls:
// room for a body at the default limit (1 MiB) written from a string, 3
// bytes a UTF-16 code unit at most, and a policy. One call with a larger
// argument (a 300 MiB string takes 900 MiB) should not hold that memory
// for the life of the page: npm/wasm/contactrules.mjs asks for a small buffer
// again after such a call, and the large one is garbage.
const keptInput = 4 << 20

// sized returns buf when it holds n bytes and is not a large buffer
// that a call of at most keptInput bytes no longer needs; else a new
// buffer of n bytes.
func sized(buf []byte, n uint32) []byte {
	if uint32(len(buf)) >= n && (len(buf) <= keptInput || n > keptInput) {
		return buf
	}
	return make([]byte, n)
}
