//go:build !js

package main

import (
	"fmt"
	"os"
)

// main explains itself: the program only makes sense in JavaScript. This
// file lets the package build, vet and test on the host.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm; see wasm/build.sh")
	os.Exit(2)
}
