#!/usr/bin/env bash
# soak.sh BUILD: `plusone serve` on the demo database under a steady mixed
# load for SOAK_SECONDS (default 600), then stopped with SIGTERM and the
# database checked.  Not part of run-all (it takes ten minutes).
#
# Load (a Python client, standard library only, SOAK_THREADS threads with
# keep-alive connections, SOAK_RATE requests per second in all, spread
# evenly): searches GET /api/v1/people?q= (given name + family name
# without accents, drawn from the demo's people) 45 %, GET
# /api/v1/people/{id} (people inside the caller's units) 30 %, GET
# /api/v1/dashboard 10 %, all with bearer tokens of four demo logins
# (admin, union, viewer, collector); and 15 % writes by the demo
# collector ctv.hieutu for people of her hamlet: POST /api/v1/collect
# (BHYT 3/6/12 months or BHXH 1/3/6/12 months), and, when a person's
# cover would run more than a year ahead (BHYT refuses that), POST
# /api/v1/receipts/{id}/void of her latest receipt instead, so the
# cycle can go on for ever; 1 write in 15 is a deliberately invalid
# collection (BHYT for 5 months) that must answer 422 and is counted
# apart.  Every other answer must be 2xx; anything else, and any
# connection error, is a failure.  After the load, one POST
# /api/v1/remittances hands over the receipts still valid (201).
#
# The server's VmRSS (and VmHWM) is sampled every 10 s; printed as a
# series with the growth after the warm-up (the first SOAK_WARMUP
# seconds, default 60) and the least-squares slope.  After the load:
# SIGTERM, the server's exit status, then `plusone check` on the file.
#
# Environment: SOAK_SECONDS (600), SOAK_RATE (200), SOAK_THREADS (16),
# SOAK_WARMUP (60).  Exit status: 0 when there was no failure, the
# server stopped with 0 and check passed; 1 otherwise.
set -euo pipefail
BUILD=${1:-build}
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_RATE=${SOAK_RATE:-200}
SOAK_THREADS=${SOAK_THREADS:-16}
SOAK_WARMUP=${SOAK_WARMUP:-60}
cd "$(dirname "$0")/.."
ROOT=$PWD
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
PLUSONE=$BUILD/plusone
WORK=$ROOT/bench/out/soak
mkdir -p "$WORK"
DB=$WORK/demo.db
unset PLUSONE_TODAY # the server's today is the real one

rm -f "$DB" "$DB"-wal "$DB"-shm "$WORK/serve.log"
"$PLUSONE" --db "$DB" init --demo >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# the default request log, to a file: the soak covers logging too
"$PLUSONE" --db "$DB" serve --listen "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SPID=$!
trap 'kill $SPID 2>/dev/null || true' EXIT
for i in $(seq 100); do
	curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
	kill -0 "$SPID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
	sleep 0.1
done
echo "soak: plusone serve (pid $SPID) on 127.0.0.1:$PORT, demo database $DB"
echo "soak: ${SOAK_SECONDS} s at ${SOAK_RATE} req/s with ${SOAK_THREADS} threads"

set +e
python3 - "$PORT" "$SPID" "$SOAK_SECONDS" "$SOAK_RATE" "$SOAK_THREADS" "$SOAK_WARMUP" <<'PY'
import http.client, json, random, sys, threading, time, unicodedata, urllib.parse

port, spid = int(sys.argv[1]), int(sys.argv[2])
seconds, rate, nthreads, warmup = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
PASSWORD = "tieucan2022"
USERS = ["admin", "hoi.tapngai", "xem.tanhoa", "ctv.hieutu"]
COLLECTOR = "ctv.hieutu"
CAP_DAYS = 360      # see collect_or_void
FAMILIES = ["nguyen", "tran", "le", "pham", "huynh", "phan", "vo", "dang", "bui", "do", "ho", "ngo",
            "duong", "ly", "doan", "truong", "lam", "chau", "thach", "kim", "son", "danh", "tra", "trieu"]

def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()

def call(conn, method, path, token=None, body=None):
    h = {}
    if token:
        h["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    return r.status, r.read()

def rss():
    v = {}
    try:
        with open(f"/proc/{spid}/status") as f:
            for line in f:
                k, _, rest = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    v[k] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return v.get("VmRSS"), v.get("VmHWM")

# --- set-up: tokens, and each login's people found through the API itself
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
tokens, people = {}, {}
rss_before_login = rss()
for u in USERS:
    st, b = call(conn, "POST", "/api/v1/login", body={"username": u, "password": PASSWORD})
    if st != 200:
        sys.exit(f"soak: login {u}: {st} {b[:200]!r}")
    tokens[u] = json.loads(b)["token"]
rss_after_login = rss()
for u in USERS:
    seen = {}
    for fam in FAMILIES:
        st, b = call(conn, "GET", "/api/v1/people?limit=1000&q=" + fam, tokens[u])
        if st != 200:
            sys.exit(f"soak: search as {u}: {st} {b[:200]!r}")
        for p in json.loads(b)["results"]:
            seen[p["id"]] = p["full_name"]
    people[u] = list(seen.items())
    if not people[u]:
        sys.exit(f"soak: {u} sees nobody")
st, b = call(conn, "GET", "/api/v1/dashboard", tokens[COLLECTOR])
if st != 200:
    sys.exit(f"soak: dashboard: {st} {b[:200]!r}")
today = json.loads(b)["date"]
import datetime
cap = (datetime.date.fromisoformat(today) + datetime.timedelta(days=CAP_DAYS)).isoformat()
conn.close()
queries = {}
for u in USERS:
    qs = []
    for _, name in people[u]:
        w = fold(name).split()
        qs.append(urllib.parse.quote(w[-1] + " " + w[0]))
    queries[u] = qs
own = [pid for pid, _ in people[COLLECTOR]]
print(f"set-up: {', '.join(f'{u} sees {len(people[u])}' for u in USERS)} (people found by family name);"
      f" RSS {rss_before_login[0]:.1f} MB before the logins, {rss_after_login[0]:.1f} MB after"
      f" (peak {rss_after_login[1]:.1f} MB: the argon2id hashes)")
sys.stdout.flush()

# --- the load
KINDS = [("search", 45), ("person", 30), ("dashboard", 10), ("collect", 14), ("collect_bad", 1)]
REPORT = ["search", "person", "dashboard", "collect", "void", "collect_bad", "remit", "client"]
lock = threading.Lock()
stats = {}          # kind -> {status: count}
lat = {}            # kind -> [seconds]
failures, errors, late = [], 0, 0
t0 = time.monotonic()
end = t0 + seconds

def record(kind, status, dt, ok, detail=""):
    global errors
    with lock:
        stats.setdefault(kind, {}).setdefault(status, 0)
        stats[kind][status] += 1
        lat.setdefault(kind, []).append(dt)
        if not ok:
            if len(failures) < 20:
                failures.append(f"{kind} {status} {detail}")
            if status == "error":
                errors += 1

# The collector's ledger as the client knows it: for each (person,
# scheme), the stack of her valid receipts made here (receipt id, last
# day covered).  Cover may be paid at most a year ahead (a BHYT card
# ending later than a year after the payment is refused), so when the
# last one ends more than CAP_DAYS after today the next operation on
# that person and scheme voids it instead (a cadre correcting a
# mistake); the cycle collect, collect, void, ... can go on for ever.
# A person is handled by one thread at a time.
ledger, busy = {}, set()

def collect_or_void(c, rng):
    with lock:
        for _ in range(50):
            p = rng.choice(own)
            if p not in busy:
                busy.add(p)
                break
        else:
            return c
    try:
        scheme = "bhyt" if rng.random() < 0.6 else "bhxh"
        stack = ledger.setdefault((p, scheme), [])
        if stack and stack[-1][1] > cap:
            kind, path = "void", f"/api/v1/receipts/{stack[-1][0]}/void"
            body = {"reason": "soak: nhập nhầm"}
        elif scheme == "bhyt":
            kind, path = "collect", "/api/v1/collect"
            body = {"payer": p, "items": [{"scheme": "bhyt", "person": p, "months": rng.choice([3, 6, 12])}]}
        else:
            kind, path = "collect", "/api/v1/collect"
            body = {"payer": p, "method": rng.choice(["cash", "transfer"]),
                    "items": [{"scheme": "bhxh", "person": p, "income": rng.choice([1500000, 2000000, 3000000]),
                               "months": rng.choice([1, 3, 6, 12])}]}
        t = time.monotonic()
        try:
            st, b = call(c, "POST", path, tokens[COLLECTOR], body)
        except Exception as ex:
            record(kind, "error", time.monotonic() - t, False, f"POST {path}: {ex!r}")
            c.close()
            return http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        dt = time.monotonic() - t
        ok = (kind == "collect" and st == 201) or (kind == "void" and st == 200)
        if ok and kind == "collect":
            r = json.loads(b)["receipt"]
            stack.append((r["id"], max(l["to"] for l in r["lines"])))
        elif ok:
            stack.pop()
        record(kind, st, dt, ok, "" if ok else f"POST {path} {json.dumps(body)} {b[:300]!r}")
        return c
    finally:
        with lock:
            busy.discard(p)

def worker(k):
    global late
    rng = random.Random(1000 + k)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    period = nthreads / rate
    nxt = t0 + period * k / nthreads
    kinds = [n for n, w in KINDS for _ in range(w)]
    while True:
        now = time.monotonic()
        if nxt >= end:
            break
        if nxt > now:
            time.sleep(nxt - now)
        elif now - nxt > 1.0:        # more than a second behind: count, do not burst
            with lock:
                late += 1
            nxt = now
        nxt += period
        kind = rng.choice(kinds)
        body, expect = None, (200, 299)
        if kind == "search":
            u = rng.choice(USERS)
            method, path = "GET", "/api/v1/people?q=" + rng.choice(queries[u])
        elif kind == "person":
            u = rng.choice(USERS)
            method, path = "GET", f"/api/v1/people/{rng.choice(people[u])[0]}"
        elif kind == "dashboard":
            u = rng.choice(USERS)
            method, path = "GET", "/api/v1/dashboard"
        elif kind == "collect_bad":
            u, method, path = COLLECTOR, "POST", "/api/v1/collect"
            p = rng.choice(own)
            body, expect = {"payer": p, "items": [{"scheme": "bhyt", "person": p, "months": 5}]}, (422, 422)
        else:
            c = collect_or_void(c, rng)
            continue
        t = time.monotonic()
        try:
            st, b = call(c, method, path, tokens[u], body)
        except Exception as ex:  # connection closed, timeout, reset
            record(kind, "error", time.monotonic() - t, False, f"{method} {path}: {ex!r}")
            c.close()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        ok = expect[0] <= st <= expect[1]
        record(kind, st, time.monotonic() - t, ok, "" if ok else f"{method} {path} {b[:160]!r}")
    c.close()

def guarded(k):
    try:
        worker(k)
    except Exception as ex:  # a bug of this client, or an answer it cannot read
        record("client", "error", 0.0, False, repr(ex))

threads = [threading.Thread(target=guarded, args=(k,)) for k in range(nthreads)]
for th in threads:
    th.start()
series = []
tick = t0
while any(th.is_alive() for th in threads):
    r, h = rss()
    series.append((time.monotonic() - t0, r, h))
    tick += 10
    while time.monotonic() < tick and any(th.is_alive() for th in threads):
        time.sleep(0.2)
r, h = rss()
series.append((time.monotonic() - t0, r, h))
elapsed = time.monotonic() - t0
for th in threads:
    th.join()

# a remittance of everything still valid, once, after the load
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
t = time.monotonic()
try:
    st, b = call(c, "POST", "/api/v1/remittances", tokens[COLLECTOR], {})
    record("remit", st, time.monotonic() - t, st == 201, "" if st == 201 else f"{b[:200]!r}")
    if st == 201:
        m = json.loads(b)["remittance"]
        print(f"remittance after the load: {m.get('receipts')} receipts, {m.get('amount')} dong,"
              f" commission {m.get('commission')}")
except Exception as ex:
    record("remit", "error", time.monotonic() - t, False, repr(ex))
c.close()

# --- figures
total = sum(sum(s.values()) for s in stats.values())
def good(k, st):
    return st != "error" and (st == 422 if k == "collect_bad" else 200 <= st <= 299)
nfail = sum(n for k, s in stats.items() for st, n in s.items() if not good(k, st))
print(f"\nrequests {total} in {elapsed:.0f} s: {total / elapsed:.0f} req/s; failures {nfail}"
      f" (connection errors {errors}); late ticks {late}")
print(f"{'kind':<12} {'count':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
for k in REPORT:
    if k not in stats:
        continue
    l = sorted(lat[k])
    p50, p99 = l[len(l) // 2] * 1e3, l[min(len(l) - 1, int(len(l) * 0.99))] * 1e3
    sts = ", ".join(f"{st}: {n}" for st, n in sorted(stats[k].items(), key=lambda x: str(x[0])))
    print(f"{k:<12} {sum(stats[k].values()):8d} {p50:8.2f} {p99:8.2f}  {sts}")
for f in failures:
    print("  failure:", f)
print("\nRSS every 10 s (s: VmRSS MB):")
print("  " + "  ".join(f"{t:.0f}:{r:.1f}" for t, r, _ in series if r is not None))
rs = [(t, r) for t, r, _ in series if r is not None]
after = [(t, r) for t, r in rs if t >= warmup] or rs
n = len(after)
mt = sum(t for t, _ in after) / n
mr = sum(r for _, r in after) / n
den = sum((t - mt) ** 2 for t, _ in after)
slope = sum((t - mt) * (r - mr) for t, r in after) / den if den else 0.0
growth = after[-1][1] - after[0][1]
print(f"RSS first {rs[0][1]:.1f} MB, last {rs[-1][1]:.1f} MB, max {max(r for _, r in rs):.1f} MB;"
      f" peak VmHWM {max(h for _, _, h in series if h):.1f} MB")
print(f"after the warm-up ({warmup:.0f} s): growth {growth:+.1f} MB, slope {slope * 3600:+.1f} MB/hour"
      f" -> {'FLAT' if abs(growth) < 4 else 'GROWING'} (flat: under 4 MB)")
sys.exit(1 if nfail else 0)
PY
LOAD=$?
set -e

kill -TERM "$SPID"
set +e
wait "$SPID"
SRC=$?
set -e
trap - EXIT
echo "server stopped by SIGTERM: exit $SRC; request log $(grep -c 'method=' "$WORK/serve.log" || true) lines"
set +e
CHECK=$("$PLUSONE" --db "$DB" check 2>&1)
CRC=$?
set -e
echo "plusone check: exit $CRC: $CHECK"
echo "receipts: $(sqlite3 "$DB" "SELECT count(*) FROM receipt" 2>/dev/null || echo '?')"
if [ "$LOAD" = 0 ] && [ "$SRC" = 0 ] && [ "$CRC" = 0 ]; then
	echo "soak: PASS (no failure, clean stop, check passed)"
else
	echo "soak: FAIL (load $LOAD, server exit $SRC, check $CRC)"
	exit 1
fi
