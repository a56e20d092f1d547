//go:build js && wasm

// staticcheck does not see that go:wasmexport uses a function.
//lint:file-ignore U1000 the exports are called by JavaScript

package main

import (
	"unsafe"
)

// The exports JavaScript calls (npm/wasm/contactrules.mjs). Arguments travel
// as bytes through one buffer in the module's memory, which JavaScript
// fills (TextEncoder.encodeInto, or a copy of a Uint8Array); a call
// passes their lengths and returns a status, 0 for an answer and an
// errorKind for a thrown error; the answer or the error's message is
// written to another buffer, whose address and length the call leaves in
// header, with the answer's verdict. No JavaScript value is made or held
// on the Go side: a call costs the rules and two copies of bytes.
var (
	argv   [3][]byte // the arguments of the call running (a local would go to the heap: f is not known)
	input  []byte    // the arguments, back to back
	output []byte    // the last answer
	header [3]uint32 // address and length of the last answer, its verdict
	ready  uint32    // 1 once main waits for calls
)

// main starts the program and keeps it alive for calls to the exports.
func main() {
	ready = 1
	select {}
}

// contactrulesReady reports 1 once the program waits for calls.
//
//go:wasmexport contactrules_ready
func contactrulesReady() uint32 { return ready }

// contactrulesHeader returns the address of header, which does not move.
//
//go:wasmexport contactrules_header
func contactrulesHeader() uint32 { return uint32(uintptr(unsafe.Pointer(&header))) }

// contactrulesInput makes the input buffer at least n bytes long, and
// gives a large one back when n is small (sized), and returns its
// address, which stays until the next call of this function.
//
//go:wasmexport contactrules_input
func contactrulesInput(n uint32) uint32 {
	input = sized(input, n)
	argv = [3][]byte{} // views of the last call's arguments would hold a buffer given back
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(input))))
}

// contactrulesCreate is validateCreate(body, policy); the input holds the
// policy (no bytes for the default) and the body. With text 0 the
// answer's text is written only for a refused payload: JavaScript builds
// an acceptable answer from its verdict.
//
//go:wasmexport contactrules_create
func contactrulesCreate(policyLen, bodyLen, text uint32) uint32 {
	return answer(func(dst []byte, args [][]byte) ([]byte, verdict, error) {
		return createResult(dst, args[1], args[0], text != 0)
	}, policyLen, bodyLen)
}

// contactrulesUpdate is validateUpdate(current, patch, policy); the input
// holds the policy, the stored contact and the patch. text is as for
// contactrulesCreate.
//
//go:wasmexport contactrules_update
func contactrulesUpdate(policyLen, currentLen, patchLen, text uint32) uint32 {
	return answer(func(dst []byte, args [][]byte) ([]byte, verdict, error) {
		return updateResult(dst, args[1], args[2], args[0], text != 0)
	}, policyLen, currentLen, patchLen)
}

// contactrulesNormalize is normalizePhone(input, defaultRegion).
//
//go:wasmexport contactrules_normalize
func contactrulesNormalize(inputLen, regionLen uint32) uint32 {
	return answer(func(dst []byte, args [][]byte) ([]byte, verdict, error) {
		b, err := normalizeResult(dst, string(args[0]), string(args[1]))
		return b, 0, err
	}, inputLen, regionLen)
}

// answer cuts the input into the arguments of the given lengths, runs f
// and leaves its answer (or its error's message) in output and header.
// A panic, which validate promises never to raise, is an internal error
// rather than the end of the program and of every later call.
func answer(f func(dst []byte, args [][]byte) ([]byte, verdict, error), lens ...uint32) (status uint32) {
	defer func() {
		if recover() != nil {
			status = finish(internalError, "internal error")
		}
	}()
	args := argv[:len(lens)]
	at := uint64(0)
	for i, n := range lens {
		if at+uint64(n) > uint64(len(input)) {
			return finish(internalError, "arguments larger than the input buffer")
		}
		args[i] = input[at : at+uint64(n) : at+uint64(n)]
		at += uint64(n)
	}
	out, sum, err := f(output[:0], args)
	if err != nil {
		var ce *callerError
		if e, ok := err.(*callerError); ok {
			ce = e
		} else {
			ce = &callerError{internalError, "internal error"}
		}
		return finish(ce.kind, ce.msg)
	}
	output = out
	header = [3]uint32{uint32(uintptr(unsafe.Pointer(unsafe.SliceData(output)))), uint32(len(output)), uint32(sum)}
	return 0
}

// finish leaves msg as the answer and returns kind as the status.
func finish(kind errorKind, msg string) uint32 {
	output = append(output[:0], msg...)
	header = [3]uint32{uint32(uintptr(unsafe.Pointer(unsafe.SliceData(output)))), uint32(len(output)), 0}
	return uint32(kind)
}
