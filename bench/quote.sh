#!/usr/bin/env bash
# quote.sh BUILD: quotes per second on one core (rules engine alone).
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
"$BUILD/bench_quote" "${2:-10000000}"
