#!/usr/bin/env bash
# import.sh BUILD [ROWS]: imports ROWS (default 1,000,000) generated people
# into an empty database and prints rows per second and peak memory; in
# the same run, the sqlite3 shell's .import of the same file into an
# equivalent table (unique cccd and bhxh_code, indexes on phone and on
# the name), once with the indexes in place and once building them after
# the load.  Leaves the database in bench/out/people.db for the search
# benchmark.
set -euo pipefail
BUILD=${1:-build}
ROWS=${2:-1000000}
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
CSV="$OUT/people-$ROWS.csv"
[ -f "$CSV" ] || "$BUILD/plusone-gen" people --rows "$ROWS" --seed 7 >"$CSV"
echo "file: $CSV ($(wc -c <"$CSV") bytes, $ROWS rows)"

# measure NAME CMD...: wall time and the peak RSS of the command
measure() {
	local name=$1
	shift
	python3 - "$name" "$ROWS" "$@" <<'PY'
import resource, subprocess, sys, time
name, rows, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
t = time.monotonic()
r = subprocess.run(cmd, stdout=subprocess.DEVNULL)
dt = time.monotonic() - t
if r.returncode != 0:
    sys.exit(f"{name}: exit {r.returncode}")
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{name:<34} {dt:7.2f} s  {rows/dt:9.0f} rows/s  peak {rss:6.1f} MB")
PY
}

DB="$OUT/people.db"
rm -f "$DB" "$DB"-wal "$DB"-shm
"$BUILD/plusone" --db "$DB" init >/dev/null
for c in 29341 29344 29347 29350 29353 29356 29359 29362 29365 29368 29371; do
	"$BUILD/plusone" --db "$DB" unit add "$c" --name "Xã $c" --kind commune >/dev/null
done
measure "plusone import people" "$BUILD/plusone" --db "$DB" import people "$CSV" --no-progress

SCHEMA="CREATE TABLE person(full_name TEXT, dob TEXT, sex TEXT, cccd TEXT, bhxh_code TEXT, phone TEXT,
 ethnicity TEXT, unit_code TEXT, household_code TEXT, relation TEXT, member TEXT);"
INDEXES="CREATE UNIQUE INDEX p_cccd ON person(cccd) WHERE cccd <> '';
 CREATE UNIQUE INDEX p_bhxh ON person(bhxh_code) WHERE bhxh_code <> '';
 CREATE INDEX p_phone ON person(phone); CREATE INDEX p_name ON person(full_name);"
RAW="$OUT/raw.db"
rm -f "$RAW"
sqlite3 "$RAW" "PRAGMA journal_mode=WAL; $SCHEMA $INDEXES" >/dev/null
measure "sqlite3 .import, indexes during" sqlite3 "$RAW" ".mode csv" ".import --skip 1 $CSV person"
rm -f "$RAW"
sqlite3 "$RAW" "PRAGMA journal_mode=WAL; $SCHEMA" >/dev/null
measure "sqlite3 .import, indexes after" sqlite3 "$RAW" ".mode csv" ".import --skip 1 $CSV person" "$INDEXES"
rm -f "$RAW" "$RAW"-wal "$RAW"-shm
