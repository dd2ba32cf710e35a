# lib.sh: helpers for the integration tests, which run the real binary.
# Each check prints "ok - NAME" or "not ok - NAME" (with details after
# "# "); tests/run-all counts them.
set -u
PLUSONE=${PLUSONE_BIN:-build-test/plusone}
GEN=${PLUSONE_GEN:-build-test/plusone-gen}
WORK=$(mktemp -d /tmp/plusone-it.XXXXXX)
SERVER=
# On the way out, however the script ends (a failed command, set -u, a
# signal), stops the server serve_start started if it still runs, then
# removes $WORK.
cleanup() {
	if [ -n "$SERVER" ]; then
		kill -TERM "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
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

# ---- the web server, for the HTTP tests ----

# users_add PASSWORD "NAME ROLE UNIT"...: adds each login with the
# command line, in the order given (so with ids 1, 2, ...), all with
# that password.
users_add() {
	local pw=$1 u
	shift
	for u in "$@"; do
		set -- $u
		printf '%s\n' "$pw" | "$PLUSONE" user add "$1" --role "$2" --unit "$3" --password-stdin >/dev/null
	done
}

# serve_start [serve options...]: starts `plusone serve` on 127.0.0.1 at
# a random port that nothing listens on, standard error in
# $WORK/serve.err, and returns once GET /healthz answers; sets URL (no
# trailing slash) and SERVER (its pid).  When the server ends instead
# (the port was taken meanwhile), it tries another port; after five
# tries it prints a failed check and ends the script (each failed try
# prints the server's errors).  The EXIT trap stops the server if the
# script ends first.
serve_start() {
	local try port
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 20000))
		URL="http://127.0.0.1:$port"
		# curl's 7: nothing listens there
		curl -s -o /dev/null --max-time 2 "$URL/" && continue
		[ $? -eq 7 ] || continue
		"$PLUSONE" serve --listen "127.0.0.1:$port" "$@" 2>"$WORK/serve.err" &
		SERVER=$!
		for _ in $(seq 1 100); do
			if curl -s -o /dev/null "$URL/healthz"; then
				kill -0 "$SERVER" 2>/dev/null && return 0
				break
			fi
			kill -0 "$SERVER" 2>/dev/null || break
			sleep 0.1
		done
		kill -TERM "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
		SERVER=
		echo "# try $try: no server on port $port: $(head -c 300 "$WORK/serve.err")"
	done
	echo "not ok - plusone serve starts and answers /healthz"
	exit 1
}

# serve_stop: stops the server with SIGTERM and waits for it to end; its
# exit status in $SERVE_RC (0 when it stopped cleanly), also returned.
serve_stop() {
	local pid=$SERVER
	SERVER=
	kill -TERM "$pid"
	wait "$pid"
	SERVE_RC=$?
	return $SERVE_RC
}

# req METHOD PATH [curl args...]: one request to the server: the status
# in $RC, the body in $OUT and $WORK/body, the headers in $ERR and
# $WORK/headers (so that check shows them when a check fails).
req() {
	local m=$1 p=$2
	shift 2
	RC=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$m" "$@" "$URL$p")
	OUT=$(cat "$WORK/body")
	ERR=$(cat "$WORK/headers")
}

# page JAR METHOD PATH [curl args...]: req as a browser: the cookies in
# the jar $WORK/JAR are sent and the ones set are kept there.
page() {
	local jar=$1
	shift
	req "$1" "$2" -b "$WORK/$jar" -c "$WORK/$jar" "${@:3}"
}

# page_login JAR USER PASSWORD: an empty jar, then the login form posted
# with it (the session cookie lands in the jar).
page_login() {
	: >"$WORK/$1"
	page "$1" POST /login --data-urlencode "username=$2" --data-urlencode "password=$3"
}

# api_login USER PASSWORD [curl args...]: req POST /api/v1/login.
api_login() {
	req POST /api/v1/login -d "{\"username\": \"$1\", \"password\": \"$2\"}" "${@:3}"
}

# bearer USER PASSWORD: logs in through the API and prints the header
# "Authorization: Bearer TOKEN" of the new session (for $(...): the
# caller's $RC and $OUT stay as they were).
bearer() {
	api_login "$1" "$2"
	printf 'Authorization: Bearer %s\n' "$(field token)"
}

# field NAME: prints the top-level member NAME of the JSON in $OUT.
field() { printf '%s' "$OUT" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

# The last answer's status is STATUS.
is() { [ "$RC" = "$1" ]; }

# The last answer has a header line starting with TEXT (any case).
header() { grep -qi "^$1" "$WORK/headers"; }

# The last body contains TEXT / does not.
has() { printf '%s' "$OUT" | grep -qF -- "$1"; }
lacks() { ! printf '%s' "$OUT" | grep -qF -- "$1"; }

# location: prints the last answer's Location; location_is PATH: it is
# exactly PATH.
location() { sed -n 's/^[Ll]ocation: \([^\r]*\).*/\1/p' "$WORK/headers" | head -1; }
location_is() { grep -qi "^Location: $1"$'\r'"\?$" "$WORK/headers"; }

# csrf: prints the value of the first hidden csrf field of the last page.
csrf() { printf '%s' "$OUT" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
