#!/usr/bin/env bash
# Reproduces the README's performance table: every benchmark of issue 7 in
# one `go test -bench` call, COUNT times (default 6), then benchstat.
# Usage: bench/run.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-6}
out=$(mktemp)
go test ./bench -run '^$' -bench 'Parse|CreateJSON' -count "$count" | tee "$out"
go test ./bench -run '^$' -bench 'Contactcheck' -benchtime 1x -count "$count" | tee -a "$out"
if ! command -v benchstat >/dev/null; then
  go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
fi
"$(go env GOPATH)/bin/benchstat" "$out"
