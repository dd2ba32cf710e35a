#!/usr/bin/env bash
# search.sh BUILD [QUERIES]: 10,000 random two-word accentless queries
# against the database bench/import.sh left (1,000,000 people), answered
# from the database and from the in-memory index.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
DB=bench/out/people.db
[ -f "$DB" ] || bench/import.sh "$BUILD"
echo "from the database:"
"$BUILD/bench_search" "$DB" "${2:-10000}"
echo "from the in-memory index (what the web server uses):"
"$BUILD/bench_search" "$DB" "${2:-10000}" 42 index
