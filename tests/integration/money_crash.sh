# money_crash.sh: collections killed (kill -9) at random moments leave no
# half-written receipt and never reuse a serial; `plusone check` passes.
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
