#!/usr/bin/env bash
# http.sh BUILD: requests per second and latency of `plusone serve` under
# wrk, against nginx serving a static file of the same size on the same
# machine (the ceiling for HTTP here), with the server's memory.
#
#   - database: the 1,000,000 people of bench/import.sh (same file, same
#     seed) under one province (84) and district (846), cached in
#     bench/out/http/people.db (delete it to rebuild; `plusone init` is
#     run on it each time, so a schema change only migrates it);
#   - a login `bench` (role admin, unit 84: it sees every person);
#   - plusone serve --log off: after the login, waits until the server is
#     idle (it may build things in the background at start-up), warms up,
#     then wrk on one query (QUERY, default "lan nguyen"), then on 1,000
#     queries drawn from the people (bench/out/http/queries.txt, given
#     name + family name without accents, rotated by a wrk Lua script);
#   - plusone serve with the default request log (to a file): one query;
#   - nginx (own config under bench/out/http/nginx, one worker per core,
#     access_log off) serving the API's answer for QUERY as a file.
# Every wrk run: -t2 -c64 -d$DURATION --latency with the bearer token;
# for each, the cores used by the server and by the whole machine (wrk
# and anything else running: the machine's noise) and the load average.
# Memory: VmRSS and VmHWM sampled every second; VmHWM is reset (through
# /proc/PID/clear_refs) after the login and again once the server is
# idle, so the peaks of the login (argon2id takes 64 MiB), of start-up
# and of serving are reported apart.
#
# Environment: DURATION (default 30s), RUNS (default 1: each wrk run
# RUNS times, the median is reported), QUERY, WARMUP (default 5s: the
# length of one warm-up round; rounds go on until two agree within 10 %,
# at most 8).
# Prints figures and the issue's targets with MET / NOT MET; exits 0
# whatever the figures (a benchmark, not a test), non-zero only when it
# could not measure (no tools, server would not start, non-2xx answers).
set -euo pipefail
BUILD=${1:-build}
DURATION=${DURATION:-30s}
RUNS=${RUNS:-1}
WARMUP=${WARMUP:-5s}
QUERY=${QUERY:-lan nguyen}
ROWS=1000000
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=bench/out
WORK=$OUT/http
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
PLUSONE=$BUILD/plusone
DB=$WORK/people.db
PASSWORD=bench-http-password
unset PLUSONE_TODAY # the server uses the real date

# --- tools ---------------------------------------------------------------
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if ! command -v wrk >/dev/null || [ -z "$NGINX" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing wrk and nginx (apt-get)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null 2>&1 ||
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq wrk nginx >/dev/null
	else
		echo "http.sh: needs wrk and nginx: sudo apt-get install wrk nginx" >&2
		exit 1
	fi
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
for t in curl python3 "$PLUSONE"; do
	command -v "$t" >/dev/null || { echo "http.sh: $t missing (run make)" >&2; exit 1; }
done

PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
}
trap cleanup EXIT

# --- the database (cached) ------------------------------------------------
CSV="$OUT/people-$ROWS.csv"
if [ ! -f "$DB" ]; then
	[ -f "$CSV" ] || "$BUILD/plusone-gen" people --rows "$ROWS" --seed 7 >"$CSV"
	echo "building $DB from $CSV (once; cached)"
	T="$WORK/building.db"
	rm -f "$T" "$T"-wal "$T"-shm
	"$PLUSONE" --db "$T" init >/dev/null
	"$PLUSONE" --db "$T" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
	"$PLUSONE" --db "$T" unit add 846 --name "Huyện Tiểu Cần" --kind district --parent 84 >/dev/null
	for c in 29341 29344 29347 29350 29353 29356 29359 29362 29365 29368 29371; do
		"$PLUSONE" --db "$T" unit add "$c" --name "Xã $c" --kind commune --parent 846 >/dev/null
	done
	"$PLUSONE" --db "$T" import people "$CSV" --no-progress --reject "$WORK/rejects.csv" >/dev/null
	mv "$T" "$DB" # the import checkpointed and closed: no -wal left
fi
"$PLUSONE" --db "$DB" init >/dev/null # migrates a cached file made by an older build
# the login (refused with exit 2 when it exists already)
printf '%s\n' "$PASSWORD" | "$PLUSONE" --db "$DB" user add bench --role admin --unit 84 --password-stdin \
	>/dev/null 2>&1 || true

# --- helpers ----------------------------------------------------------------
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# sample_rss PID FILE: "seconds VmRSS VmHWM RssAnon RssFile" (kB) every
# second while PID lives
sample_rss() {
	local pid=$1 out=$2 t=0
	: >"$out"
	while [ -r "/proc/$pid/status" ]; do
		awk -v t=$t '/^VmRSS/{r=$2} /^VmHWM/{h=$2} /^RssAnon/{a=$2} /^RssFile/{f=$2}
			END{if (r) print t, r, h, a, f}' "/proc/$pid/status" >>"$out" 2>/dev/null || true
		sleep 1
		t=$((t + 1))
	done
}

# start_server LOGARGS...: starts plusone serve on a free port; sets PORT, SPID
start_server() {
	PORT=$(free_port)
	"$PLUSONE" --db "$DB" serve --listen "127.0.0.1:$PORT" "$@" 2>"$WORK/serve.stderr" &
	SPID=$!
	SERVER_PIDS=$SPID
	PIDS+=("$SPID")
	local i
	for i in $(seq 100); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && return 0
		kill -0 "$SPID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# reset_hwm NAME: keeps the server's peak memory so far in
# $WORK/hwm-NAME.txt, then resets VmHWM (echo 5 > clear_refs), so that
# the peaks of the login (argon2id works in 64 MiB), of the work done at
# start-up and of serving are told apart
reset_hwm() {
	awk '/^VmHWM/{print $2}' "/proc/$SPID/status" >"$WORK/hwm-$1.txt"
	echo 5 >"/proc/$SPID/clear_refs" 2>/dev/null || rm -f "$WORK/hwm-$1.txt"
}

# wait_idle: waits (at most 300 s) until the server, under no load, uses
# less than 5 % of a core over a second: work it does in the background
# after it starts (an index built in memory) is over; prints how long
wait_idle() {
	local t0=$SECONDS a b hz
	hz=$(getconf CLK_TCK)
	a=$(awk '{print $14 + $15}' "/proc/$SPID/stat")
	while [ $((SECONDS - t0)) -lt 300 ]; do
		sleep 1
		b=$(awk '{print $14 + $15}' "/proc/$SPID/stat")
		[ $((b - a)) -lt $((hz / 20 + 1)) ] && break
		a=$b
	done
	echo "server idle $((SECONDS - t0)) s after the login (work done at start-up in the background)"
}

stop_server() {
	kill -TERM "$SPID" 2>/dev/null || true
	wait "$SPID" 2>/dev/null || true
}

# cpu_ticks PID...: "machine_busy_ticks processes_ticks" (USER_HZ ticks)
cpu_ticks() {
	local busy p t=0
	busy=$(awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)
	for p in "$@"; do
		t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$busy $t"
}

# wrk_run NAME [wrk options] URL [-- script args]: RUNS runs of wrk,
# output in $WORK/wrk-NAME.N.txt; CPU used by the server (SERVER_PIDS)
# and by the whole machine during each in $WORK/cpu-NAME.N.txt
# ("seconds machine_ticks server_ticks hz loadavg1")
wrk_run() {
	local name=$1 r a b t0 load
	shift
	for r in $(seq "$RUNS"); do
		sleep 1 # lets the server close the previous run's connections (64 per address at most)
		load=$(cut -d' ' -f1 /proc/loadavg)
		a=$(cpu_ticks $SERVER_PIDS)
		t0=$(date +%s.%N)
		wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$@" >"$WORK/wrk-$name.$r.txt"
		b=$(cpu_ticks $SERVER_PIDS)
		echo "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b - a}') $((${b% *} - ${a% *}))" \
			"$((${b#* } - ${a#* })) $(getconf CLK_TCK) $load" >"$WORK/cpu-$name.$r.txt"
	done
}

rm -f "$WORK"/wrk-*.txt "$WORK"/rss-*.txt "$WORK"/hwm-*.txt "$WORK"/cpu-*.txt

# --- the server, log off --------------------------------------------------
LOGNOTE=""
if ! start_server --log off; then
	if grep -qi 'log' "$WORK/serve.stderr"; then # a build without --log
		LOGNOTE="(this build has no --log: it logs to standard error, sent to a file)"
		start_server || { cat "$WORK/serve.stderr" >&2; exit 1; }
	else
		cat "$WORK/serve.stderr" >&2
		exit 1
	fi
fi
login() {
	curl -fsS -X POST -H 'Content-Type: application/json' \
		-d "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" \
		"http://127.0.0.1:$PORT/api/v1/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
TOKEN=$(login)
reset_hwm login-off
wait_idle
reset_hwm startup-off
sample_rss "$SPID" "$WORK/rss-off.txt" &
PIDS+=($!)

QENC=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")
mkdir -p "$WORK/nginx/www" "$WORK/nginx/logs"
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/people?q=$QENC" \
	>"$WORK/nginx/www/people.json"
BODY=$(wc -c <"$WORK/nginx/www/people.json")

# 1,000 queries drawn from the people (seeded, so the same every run),
# given name + family name without accents, as a cadre types them; each
# one's number of matches through the API
python3 - "$CSV" "$WORK/queries.txt" "$PORT" "$TOKEN" "$QUERY" <<'PY'
import csv, random, statistics, sys, unicodedata, urllib.parse, urllib.request, json
path, out, port, token, single = sys.argv[1:]
def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
rng = random.Random(2024)
queries = []
for row in rng.sample(rows, 1000):
    w = fold(row[0]).split()
    queries.append(w[-1] + " " + w[0])
def total(q):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/people?q=" + urllib.parse.quote(q),
                                 headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["total"]
tot = sorted(total(q) for q in queries)
with open(out, "w") as f:
    for q in queries:
        f.write(urllib.parse.quote(q) + "\n")
n1 = total(single)
rank = sum(t <= n1 for t in tot) / len(tot) * 100
print(f"query \"{single}\": {n1} matches (at the {rank:.0f}th percentile of the 1,000 queries)")
print(f"1,000 rotating queries: matches median {statistics.median(tot):.0f}, "
      f"p90 {tot[899]}, max {tot[-1]}, {len(set(queries))} distinct")
PY
echo "answer body: $BODY bytes (limit 20)"

cat >"$WORK/rotate.lua" <<'LUA'
-- rotate.lua FILE: GET /api/v1/people?q=Q for each line Q of FILE in
-- turn, each thread starting at its own place.
local n = 0
function setup(thread)
	thread:set("id", n)
	n = n + 1
end
function init(args)
	queries = {}
	for line in io.lines(args[1]) do
		queries[#queries + 1] = line
	end
	i = (id or 0) * 500
end
function request()
	i = i % #queries + 1
	return wrk.format("GET", "/api/v1/people?q=" .. queries[i])
end
LUA

# warm_up: rotating queries in rounds of WARMUP until two rounds in a row
# agree within 10 % (at most 8 rounds): the server may still be getting
# ready (caches, indexes built in the background) after it answers
warm_up() {
	local prev=0 r i t0=$SECONDS series=""
	for i in $(seq 8); do
		r=$(wrk -t2 -c64 -d"$WARMUP" -H "Authorization: Bearer $TOKEN" -s "$WORK/rotate.lua" "$API" -- \
			"$WORK/queries.txt" | awk '/^Requests\/sec/{printf "%.0f", $2}')
		series="$series ${r:-?}"
		if [ -n "$r" ] && [ "$prev" -gt 0 ] && [ $(((r - prev) * 100 / prev)) -le 10 ] &&
			[ $(((prev - r) * 100 / prev)) -le 10 ]; then
			break
		fi
		prev=${r:-0}
	done
	echo "warm-up, rotating queries, req/s per $WARMUP round:$series ($((SECONDS - t0)) s)"
}

API="http://127.0.0.1:$PORT/api/v1/people"
warm_up
echo "plusone, log off: one query, then rotating queries ($RUNS x $DURATION each)"
wrk_run one "$API?q=$QENC"
wrk_run rotate -s "$WORK/rotate.lua" "$API" -- "$WORK/queries.txt"
stop_server

# --- the server with the default request log -------------------------------
if [ -z "$LOGNOTE" ]; then
	echo "plusone, default request log (to a file): one query"
	start_server || { cat "$WORK/serve.stderr" >&2; exit 1; }
	TOKEN=$(login)
	reset_hwm login-on
	wait_idle
	reset_hwm startup-on
	sample_rss "$SPID" "$WORK/rss-on.txt" &
	PIDS+=($!)
	API="http://127.0.0.1:$PORT/api/v1/people"
	warm_up
	wrk_run log "http://127.0.0.1:$PORT/api/v1/people?q=$QENC"
	LOGLINES=$(grep -c 'method=' "$WORK/serve.stderr" || true)
	stop_server
	rm -f "$WORK/serve.stderr"
fi

# --- nginx ------------------------------------------------------------------
NPORT=$(free_port)
{
	[ "$(id -u)" = 0 ] && echo "user root;"
	cat <<EOF
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/tmp;
	proxy_temp_path $WORK/nginx/tmp;
	fastcgi_temp_path $WORK/nginx/tmp;
	uwsgi_temp_path $WORK/nginx/tmp;
	scgi_temp_path $WORK/nginx/tmp;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$NPORT;
		root $WORK/nginx/www;
		default_type application/json;
	}
}
EOF
} >"$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
NPID=$!
PIDS+=("$NPID")
for i in $(seq 50); do
	curl -fsS -o /dev/null "http://127.0.0.1:$NPORT/people.json" 2>/dev/null && break
	sleep 0.1
done
SERVER_PIDS="$NPID $(pgrep -P "$NPID" | tr '\n' ' ')"
echo "nginx: the same body as a static file ($RUNS x $DURATION)"
wrk_run nginx "http://127.0.0.1:$NPORT/people.json"
kill "$NPID" 2>/dev/null || true
wait "$NPID" 2>/dev/null || true

# --- figures -----------------------------------------------------------------
echo
python3 - "$WORK" "$RUNS" "$DURATION" "$QUERY" "$LOGNOTE" "${LOGLINES:-}" <<'PY'
import glob, os, re, statistics, sys
work, runs, duration, query, lognote, loglines = sys.argv[1:]
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", t, re.M)
    p99 = float(m.group(1)) * UNIT[m.group(2)]
    m = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", t, re.M)
    p50 = float(m.group(1)) * UNIT[m.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    sock = re.search(r"Socket errors: (.*)", t)
    return rps, p50, p99, int(bad.group(1)) if bad else 0, sock.group(1) if sock else ""
res, cpu, failed = {}, {}, False
for name in ("one", "rotate", "log", "nginx"):
    files = sorted(glob.glob(f"{work}/wrk-{name}.*.txt"))
    if not files:
        continue
    rs = [parse(f) for f in files]
    for f, r in zip(files, rs):
        if r[3] or r[4]:
            failed = failed or r[3] > 0
            print(f"!! {os.path.basename(f)}: non-2xx answers {r[3]}, socket errors: {r[4] or 'none'}")
    res[name] = (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
                 statistics.median(r[2] for r in rs), [r[0] for r in rs], [r[2] for r in rs])
    cp = []
    for f in files:
        c = f.replace("/wrk-", "/cpu-")
        if os.path.exists(c):
            secs, mach, srv, hz, load = open(c).read().split()
            cp.append((int(srv) / int(hz) / float(secs), int(mach) / int(hz) / float(secs), float(load)))
    if cp:
        cpu[name] = (statistics.median(x[0] for x in cp), statistics.median(x[1] for x in cp), max(x[2] for x in cp))
def peak(tag):
    """(peak VmHWM, last VmRSS, max RssAnon, max RssFile) in MB while serving."""
    p = f"{work}/rss-{tag}.txt"
    rows = [l.split() for l in open(p) if len(l.split()) >= 5] if os.path.exists(p) else []
    if not rows:
        return None, None, None, None
    return (max(int(r[2]) for r in rows) / 1024, int(rows[-1][1]) / 1024,
            max(int(r[3]) for r in rows) / 1024, max(int(r[4]) for r in rows) / 1024)
label = {"one": f"plusone, one query \"{query}\"", "rotate": "plusone, 1,000 rotating queries",
         "log": "plusone, one query, request log on", "nginx": "nginx, static file, same body"}
print(f"wrk -t2 -c64 -d{duration} --latency; median of {runs} run(s)" + (f"; {lognote}" if lognote else ""))
print(f"{'':<40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'server':>7} {'machine':>7} {'load':>5}"
      "   runs (req/s | p99 ms)")
for k, (rps, p50, p99, all_rps, all_p99) in res.items():
    sc, mc, ld = cpu.get(k, (float("nan"),) * 3)
    print(f"{label[k]:<40} {rps:9.0f} {p50:8.2f} {p99:8.2f} {sc:7.2f} {mc:7.2f} {ld:5.1f}   "
          + " ".join(f"{x:.0f}" for x in all_rps) + " | " + " ".join(f"{x:.2f}" for x in all_p99))
print("(server, machine: cores busy during the run, the server's processes and the whole machine"
      f" (wrk and anything else running), of {os.cpu_count()}; load: the 1-minute load average before it)")
if loglines:
    print(f"(request log: {loglines} lines written)")
def kept(name):
    p = f"{work}/hwm-{name}.txt"
    t = open(p).read().strip() if os.path.exists(p) else ""
    return int(t) / 1024 if t else None
hwm_off, last_off, anon_off, file_off = peak("off")
hwm_on, last_on, anon_on, file_on = peak("on")
reset = kept("startup-off") is not None
what = "peak while serving (VmHWM reset before the load)" if reset else "peak (VmHWM, start-up and login included)"
print(f"server memory, log off: {what} {hwm_off:.1f} MB, at the end (VmRSS) {last_off:.1f} MB;"
      f" RssAnon at most {anon_off:.1f} MB, RssFile {file_off:.1f} MB")
if hwm_on is not None:
    print(f"server memory, log on:  {what} {hwm_on:.1f} MB, at the end (VmRSS) {last_on:.1f} MB;"
          f" RssAnon at most {anon_on:.1f} MB, RssFile {file_on:.1f} MB")
# with a memory map of the database (mmap_mib), VmRSS counts the mapped
# file pages, which are the system's file cache: then the server's own
# memory is its anonymous memory
mapped = max(x for x in (file_off, file_on) if x is not None) > 32
if reset:
    print(f"peak during the login: {kept('login-off'):.1f} MB (argon2id works in 64 MiB);"
          f" from the login until idle: {kept('startup-off'):.1f} MB")
ng = res["nginx"][0]
def verdict(ok):
    return "MET" if ok else "NOT MET"
print()
print("targets (issue)                      figure                          verdict")
for k in ("one", "rotate", "log"):
    if k not in res:
        continue
    rps, _, p99, _, _ = res[k]
    name = {"one": "one query", "rotate": "rotating", "log": "one query, log on"}[k]
    print(f"  >= 15,000 req/s                    {rps:8.0f} req/s ({name:<18}) {verdict(rps >= 15000)}")
    print(f"  p99 < 20 ms                        {p99:8.2f} ms    ({name:<18}) {verdict(p99 < 20)}")
    print(f"  >= 1/3 of nginx ({ng:.0f} req/s)    {rps / ng:8.3f}       ({name:<18}) {verdict(rps / ng >= 1 / 3)}")
if mapped:
    peakmb, how = max(x for x in (anon_off, anon_on) if x is not None), "RssAnon serving "
else:
    peakmb, how = max(x for x in (hwm_off, hwm_on) if x is not None), "peak serving    "
print(f"  server memory < 64 MB              {peakmb:8.1f} MB {how}         {verdict(peakmb < 64)}")
if reset:
    lp = max(x for x in (kept("login-off"), kept("startup-off"), kept("login-on"), kept("startup-on")) if x is not None)
    print(f"  server memory < 64 MB, start-up    {lp:8.1f} MB peak                      {verdict(lp < 64)}")
sys.exit(1 if failed else 0)
PY
