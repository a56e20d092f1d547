#!/usr/bin/env bash
# Reproduces the README's performance table: the benchmarks of package
# bench (the library beside the obvious alternative, on the same inputs),
# COUNT rounds (default 6), then benchstat; and, when valgrind is
# installed, the instructions per call of the typical contact.
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
# COUNT rounds of every benchmark, rather than COUNT runs of one and then
# the next: the machine's speed drifts over minutes, and a benchmark set
# beside its alternative should see the same drift.
go test -c -o "$out.test" ./bench
for _ in $(seq "$count"); do
  (
    cd bench # where go test runs it: the Contactcheck benchmark reads ../examples
    "$out.test" -test.run '^$' -test.bench 'Parse|CreateJSON|TypicalVsValid|Type$|Format$|AsYouType'
    "$out.test" -test.run '^$' -test.bench 'Hostile' -test.benchtime 10x
    "$out.test" -test.run '^$' -test.bench 'Contactcheck' -test.benchtime 3x # 3 back-to-back pairs: one is too noisy
  ) | tee -a "$out"
done
rm -f "$out.test"
# The npm package's engine and wasm entries beside libphonenumber-js in
# one Node process (needs npm/test's devDependencies: cd npm/test && npm ci).
if [ -d npm/test/node_modules/libphonenumber-js ]; then
  bash wasm/build.sh >/dev/null && { node npm/test/bench.mjs || true; } # it reports a missed target; the table is still wanted
fi
# Instructions per call on the typical contact, counted by valgrind: a
# figure that, unlike time, does not move with the machine's load (see
# bench/count). Run once and 1+n times; the difference over n is the call.
if command -v valgrind >/dev/null; then
  go build -o "$out.count" ./bench/count
  count() {
    # (no asynchronous preemption: its signals are no part of the call, and
    # valgrind can trip over them)
    GODEBUG=asyncpreemptoff=1 valgrind --tool=lackey --basic-counts=yes "$out.count" "$1" "$2" 2>&1 |
      sed -n 's/.*guest instrs: *\([0-9,]*\)$/\1/p' | tr -d ,
  }
  n=10000
  declare -A per
  for f in json.Valid CreateJSON CheckCreateJSON; do
    per[$f]=$(( ($(count "$f" $((n + 1))) - $(count "$f" 1)) / n ))
  done
  echo "instructions per call on the typical contact (valgrind):"
  for f in CreateJSON CheckCreateJSON json.Valid; do
    awk -v f="$f" -v i="${per[$f]}" -v v="${per[json.Valid]}" \
      'BEGIN { printf "  %-16s %6d   %.3f of json.Valid\n", f, i, i / v }'
  done
  rm -f "$out.count"
fi
if ! command -v benchstat >/dev/null; then
  go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
fi
"$(go env GOPATH)/bin/benchstat" "$out"
