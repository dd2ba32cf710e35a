#!/usr/bin/env bash
# search.sh BUILD [QUERIES]: 10,000 random two-word accentless queries
# against the database bench/import.sh left (1,000,000 people).
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
DB=bench/out/people.db
[ -f "$DB" ] || bench/import.sh "$BUILD"
"$BUILD/bench_search" "$DB" "${2:-10000}"
