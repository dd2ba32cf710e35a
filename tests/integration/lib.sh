# lib.sh: helpers for the integration tests, which run the real binary.
# Each check prints "ok - NAME" or "not ok - NAME" (with details after
# "# "); tests/run-all counts them.
set -u
PLUSONE=${PLUSONE_BIN:-build-test/plusone}
GEN=${PLUSONE_GEN:-build-test/plusone-gen}
WORK=$(mktemp -d /tmp/plusone-it.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PLUSONE_DB="$WORK/t.db"
export PLUSONE_TODAY=2026-11-29
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# Runs plusone, keeping stdout, stderr and the exit status in $OUT, $ERR, $RC.
run() {
	"$PLUSONE" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	RC=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# Like run, with standard input from the first argument.
run_in() {
	local input=$1
	shift
	printf '%s' "$input" | "$PLUSONE" "$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# check NAME CONDITION...: ok when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then
		echo "ok - $name"
	else
		echo "not ok - $name"
		echo "# rc=$RC stdout=${OUT:0:400}"
		echo "# stderr=${ERR:0:400}"
	fi
}

# json_eq EXPR VALUE: evaluates a Python expression over the JSON in $OUT
# (as `d`) and compares its repr-free value with VALUE.
json_eq() {
	local got
	got=$(printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); v=($1); print(json.dumps(v, ensure_ascii=False) if not isinstance(v,str) else v)" 2>&1)
	[ "$got" = "$2" ] || { echo "# $1 = $got, expected $2"; return 1; }
}

# Exit status is N.
rc_is() { [ "$RC" -eq "$1" ]; }

# Standard error is one line containing TEXT.
err_has() { [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && printf '%s' "$ERR" | grep -qF -- "$1"; }

# Standard output is empty.
out_empty() { [ -z "$OUT" ]; }
