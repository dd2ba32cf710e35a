# money_crash.sh: collections killed (kill -9) at random moments leave no
# half-written receipt and never reuse a serial; `plusone check` passes.
# Then kills that provably land inside a payment's transaction: the test
# builds' hook PLUSONE_TEST_PAUSE_ISSUE holds a payment after its receipt
# and lines are written and before its commit (and says so on standard
# error); while it waits, another connection finds the write lock taken
# and the receipt not visible; the kill then leaves nothing of it.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add lan --role collector --unit 29350 --password-stdin >/dev/null
{
	echo "full_name,dob,sex,unit_code,household_code"
	for i in $(seq 1 40); do echo "Người $i,1980,F,29350,H$((i / 3))"; done
} >"$WORK/p.csv"
"$PLUSONE" import people "$WORK/p.csv" >/dev/null

killed=0
for i in $(seq 1 40); do
	p=$(( (i % 40) + 1 ))
	printf '{"payer": %d, "items": [{"scheme": "bhxh", "person": %d, "income": 1500000, "months": 1}, {"scheme": "bhyt", "person": %d, "months": 3}]}' "$p" "$p" "$p" >"$WORK/pay.json"
	"$PLUSONE" collect --collector lan --date 2026-0$(( i % 9 + 1 ))-10 <"$WORK/pay.json" >/dev/null 2>&1 &
	pid=$!
	# let some finish, kill others at a random point of their run
	if [ $((i % 3)) -ne 0 ]; then
		sleep "0.0$((RANDOM % 4))$((RANDOM % 10))"
		kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	fi
	wait "$pid" 2>/dev/null
done
n=$(sqlite3 "$PLUSONE_DB" "SELECT count(*) FROM receipt")
echo "# $killed kill signals sent, $n receipts written"
check "some collections completed" [ "$n" -gt 0 ]
run check --json
check "after the kills every invariant holds (no half receipt, no reused serial)" json_eq 'd' '{"ok": true, "problems": []}'
check "serials are unique and below the book's next serial" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(DISTINCT serial) = count(*) AND max(serial) < (SELECT next_serial FROM receipt_book) FROM receipt')\" = 1 ]"
run_in '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}' collect --collector lan --date 2026-12-01 --json
check "collection goes on after the kills" rc_is 0

# ---- kills inside the transaction (the test builds' pause hook)
sql() { sqlite3 "$PLUSONE_DB" "$1"; }
proved=0
for i in 1 2 3 4 5; do
	before=$(sql "SELECT count(*) || ' ' || (SELECT next_serial FROM receipt_book) || ' ' || (SELECT count(*) FROM receipt_line) || ' ' || (SELECT count(*) FROM audit)")
	next_id=$(( $(sql "SELECT coalesce(max(id), 0) FROM receipt") + 1 ))
	: >"$WORK/pause.err"
	printf '{"payer": %d, "referred_by": %d, "items": [{"scheme": "bhxh", "person": %d, "income": 1500000, "months": 1}, {"scheme": "bhyt", "person": %d, "months": 3}]}' "$((i + 20))" "$((i + 30))" "$((i + 20))" "$((i + 20))" >"$WORK/pay.json"
	PLUSONE_TEST_PAUSE_ISSUE=20000 "$PLUSONE" collect --collector lan --date 2026-11-2$i <"$WORK/pay.json" >/dev/null 2>"$WORK/pause.err" &
	pid=$!
	for _ in $(seq 1 100); do grep -q 'not committed' "$WORK/pause.err" && break; sleep 0.1; done
	said=$(cat "$WORK/pause.err")
	# the write lock is held (a transaction is open) and its rows are not visible
	locked=$(sqlite3 "$PLUSONE_DB" "PRAGMA busy_timeout=0; BEGIN IMMEDIATE; ROLLBACK;" 2>&1 | grep -c 'locked')
	seen=$(sql "SELECT count(*) FROM receipt WHERE id = $next_id")
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	after=$(sql "SELECT count(*) || ' ' || (SELECT next_serial FROM receipt_book) || ' ' || (SELECT count(*) FROM receipt_line) || ' ' || (SELECT count(*) FROM audit)")
	if [ "$said" = "plusone: receipt $next_id written, not committed" ] && [ "$locked" -ge 1 ] && [ "$seen" = 0 ] &&
		[ "$after" = "$before" ] && [ "$(sql "SELECT count(*) FROM referral WHERE person_id = $((i + 20))")" = 0 ]; then
		proved=$((proved + 1))
	else
		echo "# round $i: said '$said', locked $locked, seen $seen, before '$before', after '$after'"
	fi
done
check "5 kills landed inside the transaction (receipt written, lock held, not committed), and left no receipt, line, serial, referral nor audit entry" [ "$proved" -eq 5 ]
run check --json
check "after the kills inside transactions every invariant holds" json_eq 'd' '{"ok": true, "problems": []}'
expect=$(( $(sql "SELECT max(serial) FROM receipt") + 1 ))
run_in '{"payer": 21, "items": [{"scheme": "bhyt", "person": 21, "months": 12}]}' collect --collector lan --date 2026-11-28 --json
check "the next payment takes the next serial ($expect), none lost to the kills" json_eq 'd["receipt"]["serial"]' "$expect"
check "and follows the last one without a gap" [ "$(sql "SELECT count(*) = max(serial) FROM receipt")" = 1 ]
