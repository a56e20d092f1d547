#!/usr/bin/env bash
# Reproduces the README's performance table: the benchmarks of package
# bench (the library beside the obvious alternative, on the same inputs) in
# one `go test -bench` call, COUNT times (default 6), then benchstat.
# Usage: bench/run.sh [COUNT]
#
# A few benchmarks stay beside the code they need, because package bench
# cannot reach it:
#   phone                BenchmarkNormalize: its alternative is the unexported
#                        libphonenumber reading of the differential test
#   phone/internal/dfa   BenchmarkValid, BenchmarkPossible, BenchmarkPhonenumbers,
#                        BenchmarkAppendE164: an internal package
#   cmd/contactcheck     BenchmarkRun, BenchmarkRunCSV, BenchmarkRunNaive: the
#                        program's unexported run, in package main
#                        (BenchmarkContactcheck here runs the built program)
#   internal/jsonwire    BenchmarkSkip: the test's unexported whole (Skip, then
#                        the end of the text)
#   wasm                 BenchmarkCreateResult: the browser build's unexported
#                        createResult, in package main
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-6}
out=$(mktemp)
go test ./bench -run '^$' -bench 'Parse|CreateJSON|TypicalVsValid' -count "$count" | tee "$out"
go test ./bench -run '^$' -bench 'Hostile' -benchtime 10x -count "$count" | tee -a "$out"
go test ./bench -run '^$' -bench 'Contactcheck' -benchtime 1x -count "$count" | tee -a "$out"
# The browser module beside libphonenumber-js in one Node process (needs
# wasm/test's devDependencies: cd wasm/test && npm ci).
if [ -d wasm/test/node_modules/libphonenumber-js ]; then
  bash wasm/build.sh >/dev/null && { node wasm/test/bench.mjs || true; } # it reports a missed target; the table is still wanted
fi
if ! command -v benchstat >/dev/null; then
  go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
fi
"$(go env GOPATH)/bin/benchstat" "$out"
