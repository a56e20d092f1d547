#!/usr/bin/env bash
# Builds the browser build: contactrules.wasm and Go's wasm_exec.js, beside
# the checked-in contactrules.mjs in npm/wasm, where the npm package ships
# its contactrules/wasm entry from (or in the directory given as the first
# argument), copies the message catalogs of the Go package messages there
# (messages/<language>.json, as they are), and prints the sizes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/npm/wasm}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

cd "$root"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/contactrules.wasm" ./wasm
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out/wasm_exec.js"
# The catalogs are the Go package's files, never a second copy in git;
# an old language's file does not linger.
rm -rf "$out/messages"
mkdir "$out/messages"
cp messages/catalog/*.json "$out/messages/"

raw=$(wc -c <"$out/contactrules.wasm")
gz=$(gzip -9 -c "$out/contactrules.wasm" | wc -c)
sizes="$raw bytes raw, $gz bytes gzip -9"
# brotli -q 11 takes seconds; it is printed when asked (WASM_SIZES=all),
# as bench/run.sh and .ci/run's size step do.
if [ "${WASM_SIZES:-}" = all ] && command -v brotli >/dev/null; then
  sizes="$sizes, $(brotli -c -q 11 "$out/contactrules.wasm" | wc -c) bytes brotli -q 11"
fi
echo "contactrules.wasm: $sizes"
