#!/usr/bin/env bash
# Runs every native fuzz target of package fuzz for a while, one after
# another, and prints how many inputs each one tried.
#
# Usage: fuzz/run-long.sh [duration] [target ...]
#   duration  per target, as go test's -fuzztime takes it (default 10m)
#   target    names of Fuzz functions (default: all of them)
# Environment:
#   FUZZ_PARALLEL  fuzzing workers per target (default 1: the machine is shared)
#   PROPS_CASES    when set, also run the properties with this many cases
#                  each and a random seed (printed, to reproduce a failure)
#
# A failing input is written to fuzz/testdata/fuzz/<Target>/ by go test;
# commit it, it is then a regression case of plain `go test ./fuzz/`.
set -uo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10m}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(go test ./fuzz -list '^Fuzz' | grep '^Fuzz')
fi
parallel=${FUZZ_PARALLEL:-1}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

failed=()
for t in "${targets[@]}"; do
  echo "== $t for $duration ($parallel worker(s))"
  if ! go test ./fuzz -run '^$' -fuzz "^$t\$" -fuzztime "$duration" -parallel "$parallel" 2>&1 | tee "$logs/$t"; then
    failed+=("$t")
  fi
done

if [ -n "${PROPS_CASES:-}" ]; then
  seed=$RANDOM$RANDOM
  echo "== properties, $PROPS_CASES cases each, seed $seed"
  if ! go test ./fuzz -run '^Test' -props.cases "$PROPS_CASES" -props.seed "$seed" -timeout 0; then
    failed+=("properties (seed $seed)")
  fi
fi

echo "== inputs tried"
for t in "${targets[@]}"; do
  execs=$(grep -o 'execs: [0-9]*' "$logs/$t" | tail -1 | cut -d' ' -f2)
  printf '%-22s %s\n' "$t" "${execs:-?}"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
