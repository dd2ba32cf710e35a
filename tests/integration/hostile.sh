# hostile.sh: the server against hostile and broken clients, over real
# sockets on loopback addresses only: a bounded slowloris (10 addresses
# 127.0.0.2..11 x 60 connections, one head byte every 2 s, for 14 s) does
# not keep a normal request from its answer; a head trickled byte by
# byte is cut at its deadline; a kept-alive connection closes after a
# second idle when slots run short; malformed heads get our error answers
# with our headers; libmicrohttpd's error lines rate-limited; the
# client address in the log (a trusted proxy's
# X-Forwarded-For believed, nobody else's); login locks per address;
# files created 0600; a request in flight when SIGTERM comes is answered
# and the server exits 0; a busy port says how to pick another.
. "$(dirname "$0")/lib.sh"
HOSTILE="python3 $(dirname "$0")/hostile.py"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
PW='mật khẩu dài'
users_add "$PW" "lan admin 29350"
check "the database is created 0600" [ "$(stat -c %a "$PLUSONE_DB")" = 600 ]
printf 'full_name,dob,sex,cccd,unit_code\nNguyễn Thị Lan,1980-01-01,F,084180000001,29350\nSai,1980-13-01,F,,29350\n' >"$WORK/p.csv"
"$PLUSONE" import people "$WORK/p.csv" --reject "$WORK/rej.csv" >/dev/null 2>&1
check "a reject file is created 0600" [ "$(stat -c %a "$WORK/rej.csv")" = 600 ]

# a config line of invalid UTF-8 names the line
printf 'listen = 127.0.0.1:1\n\xff\xfe = 1\n' >"$WORK/bad.conf"
run serve --config "$WORK/bad.conf"
check "a config key of invalid UTF-8 is refused naming the line" bash -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'dòng 2: không phải văn bản UTF-8'" _ "$ERR"

PORT_OF() { printf '%s' "${URL##*:}"; }
export PLUSONE_HEAD_TIMEOUT=3 PLUSONE_LOG="$WORK/access.log" PLUSONE_TRUSTED_PROXY=127.0.0.1
serve_start
P=$(PORT_OF)
check "the request log is created 0600" [ "$(stat -c %a "$WORK/access.log")" = 600 ]

# malformed heads: our answers, our headers
rawreq() { OUT=$(printf "$1" | $HOSTILE raw "$P"); RC=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f2); ERR=$OUT; }
rawreq 'POST /api/v1/login HTTP/1.1\nHost: x\nContent-Length: 2\nContent-Length: 2\nConnection: close\n\n{}'
check "a repeated Content-Length is refused 400 with our headers" bash -c "[ $RC = 400 ] && printf '%s' \"\$1\" | grep -q '^X-Content-Type-Options: nosniff' && printf '%s' \"\$1\" | grep -q '\"field\":\"Content-Length\"'" _ "$OUT"
rawreq 'POST /api/v1/login HTTP/1.1\nHost: x\nContent-Length: -5\nConnection: close\n\n'
check "a negative Content-Length is refused 400" is 400
rawreq 'POST /api/v1/people HTTP/1.1\nHost: x\nContent-Length: 2000000\nExpect: 100-continue\nConnection: close\n\n'
check "Expect: 100-continue with a body over 1 MiB gets 413, never 100" bash -c "[ $RC = 413 ] && ! printf '%s' \"\$1\" | grep -q '100 Continue' && printf '%s' \"\$1\" | grep -q '^Cache-Control: no-store'" _ "$OUT"
BIG=$(head -c 17000 /dev/zero | tr '\0' a)
rawreq "GET /healthz HTTP/1.1\nHost: x\nX-Big: $BIG\nConnection: close\n\n"
check "headers over 16 KiB are refused 431 with our headers" bash -c "[ $RC = 431 ] && printf '%s' \"\$1\" | grep -q '^X-Content-Type-Options: nosniff'" _ "$OUT"
rawreq "GET /healthz HTTP/1.1\nHost: x\nX-Big: ${BIG:0:15000}\nConnection: close\n\n"
check "headers under 16 KiB pass" is 200
rawreq 'DELETE /api/v1/people HTTP/1.1\nHost: x\nConnection: close\n\n'
check "a 405 carries Allow" bash -c "[ $RC = 405 ] && printf '%s' \"\$1\" | grep -q '^Allow: GET, HEAD, POST'" _ "$OUT"
rawreq 'GET /api/v1/me HTTP/1.1\nHost: x\nConnection: close\n\n'
check "a 401 carries WWW-Authenticate: Bearer" bash -c "[ $RC = 401 ] && printf '%s' \"\$1\" | grep -q '^WWW-Authenticate: Bearer'" _ "$OUT"
AUTH=$(bearer lan "$PW")
req GET "/api/v1/referrals?unit=%ff%fe" -H "$AUTH"
check "invalid UTF-8 in a query answers 422 naming the field" bash -c "[ $RC = 422 ] && printf '%s' '$OUT' | grep -q '\"field\":\"unit\"'"
req GET "/api/v1/due?q=%ff" -H "$AUTH"
check "on /api/v1/due too" bash -c "[ $RC = 422 ] && printf '%s' '$OUT' | grep -q '\"field\":\"q\"'"

# the client address: the trusted proxy's X-Forwarded-For, else the socket's
req GET /healthz -H "X-Forwarded-For: 203.0.113.9, 198.51.100.7"
check "behind the trusted proxy the log names the forwarded client" grep -q 'addr=198.51.100.7 method=GET route=/healthz status=200' "$WORK/access.log"
req GET /healthz --interface 127.0.0.3 -H "X-Forwarded-For: 198.51.100.8"
check "another peer's X-Forwarded-For is not believed" grep -q 'addr=127.0.0.3 method=GET route=/healthz' "$WORK/access.log"
check "the log holds no path, query or name" bash -c "! grep -q 'referrals?\|unit=\|lan ' '$WORK/access.log'"
for i in 1 2 3 4 5 6; do api_login lan sai -H "X-Forwarded-For: 198.51.100.20"; done
api_login lan "$PW" -H "X-Forwarded-For: 198.51.100.20"
check "six wrong passwords lock the name at that client address" is 429
api_login lan "$PW" -H "X-Forwarded-For: 198.51.100.21"
check "the same user logs in from another address" is 200
req GET /api/v1/login-locks -H "$AUTH"
check "the admin sees the lock" json_eq '[[l["username"], l["address"], l["failures"]] for l in d["results"]] + [d["next"], d["total"]]' '[["lan", "198.51.100.20", 6], null, 1]'
req POST /api/v1/login-locks/clear -H "$AUTH" -d '{"username": "lan", "address": "198.51.100.20"}'
check "and clears it" json_eq 'd["cleared"]' 1
api_login lan "$PW" -H "X-Forwarded-For: 198.51.100.20"
check "after which the name logs in from there" is 200

# libmicrohttpd's own complaints (one per broken connection) are
# rate-limited in the log: 30 heads over 48 KiB at once
$HOSTILE burst "$P" 30
sleep 1.2
$HOSTILE burst "$P" 1
N=$(grep -c '^server: Error' "$WORK/access.log")
check "30 broken connections write at most 5 error lines a second ($N)" bash -c "[ $N -ge 1 ] && [ $N -le 11 ]"
check "and the dropped ones are counted" grep -q '^server: [0-9]* similar lines dropped' "$WORK/access.log"

# a head trickled a byte a second is cut at its deadline (3 s here), not
# kept alive by each byte
T=$($HOSTILE trickle "$P" 127.0.0.12 12)
check "a trickled head is closed at its deadline (3 s): ${T}s" python3 -c "import sys; t=float('$T'); sys.exit(0 if 2.5 <= t <= 6 else 1)"

# the bounded slowloris: 600 connections from 10 addresses, for 14 s
$HOSTILE slowloris "$P" 14 >"$WORK/loris.out" &
LORIS=$!
sleep 3
ok=0
for i in $(seq 1 8); do
	t0=$(date +%s%N)
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$URL/healthz")
	t1=$(date +%s%N)
	[ "$code" = 200 ] && ok=$((ok + 1))
	echo "# during the slowloris: $code in $(( (t1 - t0) / 1000000 )) ms"
	sleep 1
done
wait $LORIS
check "every normal request is answered during the slowloris (8 of 8)" [ "$ok" -eq 8 ]
check "the attackers' heads were cut ($(cat "$WORK/loris.out"))" grep -q 'reopened [1-9]' "$WORK/loris.out"
req GET /healthz
check "the server still answers after it" is 200

# SIGTERM while a request is in flight: it is answered, the exit is 0
BODY="{\"username\": \"lan\", \"password\": \"$PW\"}"
ST=$($HOSTILE drain "$P" "$SERVER" "$BODY")
PID=$SERVER
SERVER=
wait "$PID"
SERVE_RC=$?
check "a request in flight at SIGTERM completes with 200" [ "$ST" = 200 ]
check "and the server exits 0" [ "$SERVE_RC" -eq 0 ]

# short of slots, a kept-alive connection idle for a second is closed
export PLUSONE_HEAD_TIMEOUT=10 PLUSONE_MAX_CONNECTIONS=40
serve_start
$HOSTILE keepalive "$(PORT_OF)" 29 >"$WORK/keep.out"
check "a kept-alive connection stays open while slots are free" [ "$(sed -n 1p "$WORK/keep.out")" = alive ]
check "and closes after about a second once three quarters are taken: $(sed -n 2p "$WORK/keep.out")s" python3 -c "import sys; t=float('$(sed -n 2p "$WORK/keep.out")'); sys.exit(0 if 0.3 <= t <= 3 else 1)"
serve_stop
unset PLUSONE_MAX_CONNECTIONS

# a busy port: the message says how to pick another
nc_pid=
python3 -c "
import socket,time,sys
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True); time.sleep(20)" >"$WORK/busy.port" &
nc_pid=$!
for _ in $(seq 1 50); do [ -s "$WORK/busy.port" ] && break; sleep 0.1; done
BP=$(cat "$WORK/busy.port")
run serve --listen "127.0.0.1:$BP"
kill "$nc_pid" 2>/dev/null; wait "$nc_pid" 2>/dev/null
check "a busy port says so in Vietnamese and English, with another to pick" bash -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -qF 'Cổng $BP đang được dùng. Chọn cổng khác: make run PORT=$((BP + 1))'" _ "$ERR"
