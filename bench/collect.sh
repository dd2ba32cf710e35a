#!/usr/bin/env bash
# collect.sh BUILD [N]: receipts issued per second with durable commits.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
mkdir -p bench/out
"$BUILD/bench_collect" bench/out/collect.db "${2:-5000}"
