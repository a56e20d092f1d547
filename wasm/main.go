//go:build js && wasm

package main

import (
	"syscall"
	"syscall/js"
)

// globalName is where the API goes when no loader asked for it: for pages
// that start the program with wasm_exec.js alone.
const globalName = "__contactrules"

// loaderVar is the environment variable in which dist/contactrules.mjs
// passes the name of a one-shot global callback that takes the API and
// deletes itself, so no global outlives loading but wasm_exec.js's own.
// (The environment rather than the arguments: os.Args would link package
// os, 3 % of the module, for one string.)
const loaderVar = "CONTACTRULES_LOADER"

// main hands the API to the loader and keeps the program alive for its
// calls.
func main() {
	api := js.Global().Get("Object").New()
	api.Set("validateCreate", function(func(a *args) ([]byte, error) {
		body, policy := a.bytes(0, "payload"), a.policy(1)
		if a.err != nil {
			return nil, a.err
		}
		return createResult(body, policy)
	}))
	api.Set("validateUpdate", function(func(a *args) ([]byte, error) {
		current, body, policy := a.bytes(0, "current"), a.bytes(1, "patch"), a.policy(2)
		if a.err != nil {
			return nil, a.err
		}
		return updateResult(current, body, policy)
	}))
	api.Set("normalizePhone", function(func(a *args) ([]byte, error) {
		input, region := a.string(0, "input"), a.string(1, "defaultRegion")
		if a.err != nil {
			return nil, a.err
		}
		return normalizeResult(input, region), nil
	}))

	if name, ok := syscall.Getenv(loaderVar); ok {
		js.Global().Get(name).Invoke(api)
	} else {
		js.Global().Set(globalName, api)
	}
	select {}
}

// function wraps f for JavaScript: the result is the JSON text as a
// string, an error is returned as an Error object for the module to
// throw. A panic, which validate promises never to raise, becomes an
// Error too rather than ending the program and every later call with it.
func function(f func(a *args) ([]byte, error)) js.Func {
	return js.FuncOf(func(_ js.Value, vals []js.Value) (result any) {
		defer func() {
			if recover() != nil {
				result = jsError("contactrules: internal error")
			}
		}()
		b, err := f(&args{vals: vals})
		if err != nil {
			return jsError(err.Error())
		}
		return string(b)
	})
}

func jsError(msg string) js.Value { return js.Global().Get("Error").New(msg) }

// args reads the arguments of a call; err holds the first one of the
// wrong type.
type args struct {
	vals []js.Value
	err  error
}

func (a *args) arg(i int) js.Value {
	if i < len(a.vals) {
		return a.vals[i]
	}
	return js.Undefined()
}

func (a *args) fail(name, want string) {
	if a.err == nil {
		a.err = callerError(name + " must be " + want)
	}
}

// bytes reads a JSON text passed as a string or, byte for byte, as a
// Uint8Array.
func (a *args) bytes(i int, name string) []byte {
	switch v := a.arg(i); {
	case v.Type() == js.TypeString:
		return []byte(v.String())
	case v.InstanceOf(js.Global().Get("Uint8Array")):
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b
	}
	a.fail(name, "a string or a Uint8Array")
	return nil
}

func (a *args) string(i int, name string) string {
	if v := a.arg(i); v.Type() == js.TypeString {
		return v.String()
	}
	a.fail(name, "a string")
	return ""
}

// policy reads the optional policy JSON; undefined and null mean the
// default policy.
func (a *args) policy(i int) []byte {
	if v := a.arg(i); v.IsUndefined() || v.IsNull() {
		return nil
	}
	return []byte(a.string(i, "policy"))
}
