#!/usr/bin/env bash
# Runs the native fuzz targets of the payloads and their packages (fuzz,
# phone, errs/httperr) for a while, one after another, and prints how many
# inputs each one tried.
#
# Usage: fuzz/run-long.sh [duration] [target ...]
#   duration  per target, as go test's -fuzztime takes it (default 10m)
#   target    names of Fuzz functions of those packages (default: all of them)
# Environment:
#   FUZZ_PARALLEL  fuzzing workers per target (default 1: the machine is shared)
#   PROPS_CASES    when set, also run the properties with this many cases
#                  each and a random seed (printed, to reproduce a failure)
#
# A failing input is written to <package>/testdata/fuzz/<Target>/ by go
# test; commit it, it is then a regression case of plain `go test` of that
# package.
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(./fuzz ./phone ./errs/httperr)
duration=${1:-10m}
shift || true

# Every target of the packages, and the package of each.
module=$(go list -m)
declare -A where
all=()
names=()
while read -r line; do
  case $line in
    Fuzz*) names+=("$line") ;;
    ok*)
      pkg=./${line#*"$module"/}
      pkg=${pkg%%[[:space:]]*}
      for n in "${names[@]}"; do where[$n]=$pkg; all+=("$n"); done
      names=()
      ;;
  esac
done < <(go test -list '^Fuzz' "${packages[@]}")

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${all[@]}")
fi
for t in "${targets[@]}"; do
  if [ -z "${where[$t]:-}" ]; then
    echo "no fuzz target $t in ${packages[*]} (there are: ${all[*]})" >&2
    exit 2
  fi
done
parallel=${FUZZ_PARALLEL:-1}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

failed=()
for t in "${targets[@]}"; do
  echo "== ${where[$t]} $t for $duration ($parallel worker(s))"
  if ! go test "${where[$t]}" -run '^$' -fuzz "^$t\$" -fuzztime "$duration" -parallel "$parallel" 2>&1 | tee "$logs/$t"; then
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
  printf '%-18s %-22s %s\n' "${where[$t]}" "$t" "${execs:-?}"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
