# money.sh: collection end to end: receipts with exact amounts, derived
# categories, household ordinals, coverage periods, void, remittance,
# cash on hand and 1+1 referrals.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune >/dev/null
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add lan --role collector --unit 29350 --password-stdin >/dev/null
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add xem --role viewer --unit 29350 --password-stdin >/dev/null
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350-01,HGD1,Chủ hộ
Trần Văn Hùng,1978-01-01,M,Kinh,29350-01,HGD1,Chồng
Trần Thị Mai,2005-01-01,F,Kinh,29350-01,HGD1,Con
Thạch Thị Sa Ly,1975-01-01,F,Khmer,29350-01,HGD2,Chủ hộ
Lê Văn Xa,1970-01-01,M,Kinh,29365,HGD3,Chủ hộ
Trần Văn Út,2007-01-01,M,Kinh,29350-01,HGD1,Con
Trần Thị Bé,2009-01-01,F,Kinh,29350-01,HGD1,Con
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
"$PLUSONE" household poverty HGD2 --status poor --from 2022-01-01 --to 2025-12-31 >/dev/null

# a household of three paying BHXH and BHYT together:
# 3,168,000 (BHXH 12 x 264,000) + 1,263,600 + 884,520 + 758,160 = 6,074,280
run_in '{"payer": 1, "referred_by": null, "items": [
  {"scheme": "bhxh", "person": 1, "income": 1500000, "months": 12},
  {"scheme": "bhyt", "person": 1, "months": 12},
  {"scheme": "bhyt", "person": 2, "months": 12},
  {"scheme": "bhyt", "person": 3, "months": 12}]}' collect --collector lan --date 2025-08-01 --json
check "a household of three pays BHXH and BHYT together" json_eq '[d["receipt"]["book"], d["receipt"]["serial"], d["receipt"]["total"], d["receipt"]["collector"], d["receipt"]["payer"]]' '["Q-lan", 1, 6074280, "lan", 1]'
check "the BHXH line: other, 12 months from the month paid" json_eq '[(l["scheme"], l["from"], l["to"], l["ordinal"], l["gross"], l["state_support"], l["net"]) for l in d["receipt"]["lines"]][0]' '["bhxh", "2025-08-01", "2026-07-31", null, 3960000, 792000, 3168000]'
check "BHYT ordinals 1, 2, 3 in item order, first cards after 30 days" json_eq '[(l["ordinal"], l["from"], l["net"]) for l in d["receipt"]["lines"][1:]]' '[[1, "2025-08-31", 1263600], [2, "2025-08-31", 884520], [3, "2025-08-31", 758160]]'

# the 4th and 5th members join later in the year
run_in '{"payer": 6, "referred_by": 1, "items": [{"scheme": "bhyt", "person": 6, "months": 12}, {"scheme": "bhyt", "person": 7, "months": 6}]}' collect --collector lan --date 2025-10-15 --json
check "members joining later take the 4th and 5th ordinals" json_eq '[(l["ordinal"], l["net"]) for l in d["receipt"]["lines"]]' '[[4, 631800], [5, 252720]]'
check "serials follow in the book" json_eq 'd["receipt"]["serial"]' 2

# a Khmer participant: ethnic minority from 2025-07-01 but poor wins while certified
run_in '{"payer": 4, "referred_by": 1, "items": [{"scheme": "bhxh", "person": 4, "income": 1500000, "months": 1}]}' collect --collector lan --date 2025-08-01 --json
check "a poor Khmer household gets the poor rate (the highest)" json_eq 'd["receipt"]["lines"][0]["state_support"]' 165000
run_in '{"payer": 4, "items": [{"scheme": "bhxh", "person": 4, "income": 1500000, "months": 1}]}' collect --collector lan --date 2026-02-01 --json
check "after the certificate lapses she is supported as an ethnic minority" json_eq '[d["receipt"]["lines"][0]["state_support"], d["receipt"]["lines"][0]["from"]]' '[99000, "2026-02-01"]'
run_in '{"payer": 4, "items": [{"scheme": "bhxh", "person": 4, "income": 1500000, "months": 1}]}' collect --collector lan --date 2025-06-15 --json
check "before 2025-07-01 the poor rate was 30 % (330,000 x 30 %)" json_eq 'd["receipt"]["lines"][0]["state_support"]' 99000

# refusals: nothing recorded
run_in '{"payer": 5, "items": [{"scheme": "bhyt", "person": 5, "months": 12}]}' collect --collector lan --date 2025-08-01
check "a person outside the collector's units is refused" rc_is 2
run_in '{"payer": 99, "items": [{"scheme": "bhyt", "person": 99, "months": 12}]}' collect --collector lan --date 2025-08-01
check "an unknown person is refused" rc_is 2
run_in '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 1000, "months": 12}]}' collect --collector lan --date 2025-08-01
check "an income below the floor is refused" err_has "1.500.000"
run_in '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}' collect --collector xem --date 2025-08-01
check "a viewer cannot collect" rc_is 2
run_in '{"payer": 1, "items": [' collect --collector lan --date 2025-08-01
check "malformed JSON is refused" rc_is 2

run cash --collector lan --json
check "cash on hand is the sum of valid receipts" json_eq 'd' '{"receipts": 5, "collected": 7585800, "remitted": 0, "on_hand": 7585800}'
run receipt void 2 --reason "ghi nhầm người" --json
check "an unremitted receipt can be voided" json_eq '[d["receipt"]["void"], d["receipt"]["serial"]]' '[true, 2]'
run receipt void 2 --reason "lần hai"
check "a void receipt cannot be voided again" rc_is 2
run cash --collector lan --json
check "a void receipt leaves cash" json_eq '[d["receipts"], d["collected"]]' '[4, 6701280]'
run_in '{"payer": 6, "items": [{"scheme": "bhyt", "person": 6, "months": 12}]}' collect --collector lan --date 2025-11-01 --json
check "the voided coverage is withdrawn: the ordinal is 4 again" json_eq '[d["receipt"]["lines"][0]["ordinal"], d["receipt"]["serial"]]' '[4, 6]'
run remit --collector lan --date 2025-11-30 --json
check "remittance hands over every valid receipt" json_eq '[d["remittance"]["receipts"], d["remittance"]["amount"]]' '[5, 7333080]'
# commission: 19 % of 3,168,000 (BHXH 12 months, new) + 9.8 % of 1,263,600, 884,520, 758,160 and 631,800
# (BHYT 12 months, new; the voided receipt does not make person 6 continuing); 1-month BHXH has no rate
check "the commission follows the contract rates per product" json_eq 'd["remittance"]["commission"]' 948652
run receipt void 1 --reason "muộn"
check "a remitted receipt cannot be voided" rc_is 2
check "the refusal says so" err_has "1"
run cash --collector lan --json
check "after remittance nothing is on hand" json_eq '[d["collected"], d["remitted"], d["on_hand"]]' '[7333080, 7333080, 0]'
run remit --collector lan --date 2025-12-01 --json
check "remitting again hands over nothing" json_eq 'd["remittance"]' '{"id": null, "receipts": 0, "amount": 0, "commission": 0}'

"$PLUSONE" people member 1 >/dev/null
"$PLUSONE" people member 3 >/dev/null
run referrals --unit 29350 --json
check "1+1 referrals count pairs and mobilisers" json_eq '[d["pairs"], d["mobilizers"], d["top"], d["longest_chain"]]' '[2, 1, [{"person": 1, "full_name": "Nguyễn Thị Lan", "mobilized": 2}], 2]'
check "the 1+1 completion rate: of 2 enrolled members, 1 brought someone" json_eq '[d["enrolled_members"], d["members_who_brought"], d["completion_bp"]]' '[2, 1, 5000]'
run referrals --unit 29365 --json
check "referrals are counted where the mobilised person lives" json_eq '[d["pairs"], d["top"]]' '[0, []]'
check "no serial repeats in a book" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) - count(DISTINCT book_id || \"/\" || serial) FROM receipt')\" = 0 ]"

run check --json
check "check finds every invariant holding" json_eq 'd' '{"ok": true, "problems": []}'
sqlite3 "$PLUSONE_DB" "UPDATE receipt SET total = total + 1 WHERE id = 3"
run check --json
check "check exits 1 when a receipt's total disagrees with its lines" rc_is 1
check "and names the invariants and the records: the receipt, and its remittance" json_eq 'd["problems"]' '[{"invariant": "receipt_total", "id": 3}, {"invariant": "remittance_amount", "id": 1}]'
sqlite3 "$PLUSONE_DB" "UPDATE receipt SET total = total - 1 WHERE id = 3"

# the 120-month cap: ten years of supported payments, then no more support
for y in 2026 2027 2028 2029 2030 2031 2032 2033 2034 2035; do
	printf '{"payer": 2, "items": [{"scheme": "bhxh", "person": 2, "income": 2200000, "months": 12}]}' |
		"$PLUSONE" collect --collector lan --date "$y-01-05" >/dev/null
done
run_in '{"payer": 2, "items": [{"scheme": "bhxh", "person": 2, "income": 2200000, "months": 1}]}' collect --collector lan --date 2036-01-05 --json
check "the 121st month gets no state support (2,200,000 floor from 2027)" json_eq '[d["receipt"]["lines"][0]["state_support"], d["receipt"]["lines"][0]["net"]]' '[0, 484000]'
check "ten years were supported in all" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT sum(supported_months) FROM receipt_line WHERE person_id = 2 AND scheme = 'bhxh'\")\" = 120 ]"

# two collectors at the same instant never share or skip a serial
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add mai --role collector --unit 29350 --password-stdin >/dev/null
for i in 1 2 3 4 5 6; do
	printf '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 2200000, "months": 1}]}' |
		"$PLUSONE" collect --collector lan --date "2040-0$i-01" >/dev/null &
	printf '{"payer": 7, "items": [{"scheme": "bhxh", "person": 7, "income": 2200000, "months": 1}]}' |
		"$PLUSONE" collect --collector mai --date "2040-0$i-01" >/dev/null &
done
wait
check "parallel collections give every receipt its own serial" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT count(*) || '/' || count(DISTINCT serial) || '/' || max(serial) FROM receipt r JOIN receipt_book b ON b.id = r.book_id WHERE b.code = 'Q-mai'\")\" = 6/6/6 ]"
run check
check "check still passes" rc_is 0

# referrals recorded afterwards, chains
run referral add 2 --by 4 --relation neighbour --json
check "a referral can be recorded after the payment" json_eq 'd' '{"person": 2, "referred_by": 4, "relation": "neighbour"}'
run referral add 2 --by 1
check "a person is mobilised once" rc_is 2
run referral add 3 --by 2 --relation cousin
check "an unknown relation is refused naming it" err_has "cousin"
run referral add 3 --by 2 --relation family
run referrals --unit 29350 --json
check "the longest chain follows who brought whom (Lan → Sa Ly → Hùng → Mai)" json_eq '[d["pairs"], d["longest_chain"]]' '[4, 4]'

# receipts as printed, payment method
run_in '{"payer": 1, "method": "transfer", "items": [{"scheme": "bhyt", "person": 1, "months": 3}]}' collect --collector lan --date 2026-08-20 --json
RID=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["receipt"]["id"])')
check "a payment by bank transfer is recorded as such" json_eq 'd["receipt"]["method"]' transfer
run receipt show "$RID" --json
check "receipt show gives the receipt and its lines" json_eq '[d["receipt"]["method"], d["receipt"]["void"], d["receipt"]["remitted"], len(d["receipt"]["lines"]), d["receipt"]["lines"][0]["scheme"]]' '["transfer", false, false, 1, "bhyt"]'
run receipt show "$RID"
check "the printed receipt names the book and serial" bash -c "grep -q 'BIÊN LAI  quyển Q-lan' '$WORK/out'"
run_in '{"payer": 1, "method": "gold", "items": [{"scheme": "bhyt", "person": 1, "months": 3}]}' collect --collector lan --date 2026-08-20
check "an unknown payment method is refused" err_has "gold"

# due lists
run due --unit 29350 --date 2026-08-01 --days 40 --json
check "BHYT cards ending within the window are due (Lan renewed by transfer is not)" json_eq '[(x["person"], x["scheme"], x["last_covered"]) for x in d["due"] if x["scheme"] == "bhyt"]' '[[2, "bhyt", "2026-08-30"], [3, "bhyt", "2026-08-30"]]'
check "the reminder is in Vietnamese with the date" json_eq '[x["reminder"] for x in d["due"] if x["scheme"] == "bhyt"][0].startswith("Chào chị/anh Trần Văn Hùng, thẻ BHYT hộ gia đình của chị/anh có giá trị đến ngày 30/08/2026.")' true
check "BHXH participants whose paid period has ended are due" json_eq '[(x["person"], x["last_covered"]) for x in d["due"] if x["scheme"] == "bhxh"][:1]' '[[4, "2026-03-31"]]'

# a member who already paid this year and is paid for again with a new
# member: the new member takes the next ordinal, not one more
run_in '{"payer": 6, "items": [{"scheme": "bhyt", "person": 6, "months": 3}, {"scheme": "bhyt", "person": 7, "months": 3}]}' collect --collector lan --date 2025-12-01 --json
check "a renewing member is not counted twice in the ordinals" json_eq '[l["ordinal"] for l in d["receipt"]["lines"]]' '[4, 5]'
run receipt show 9999
check "an unknown receipt is refused with a clear message" err_has "9999"

# participation state from the paid periods and the mode's deadline
run participation 4 --date 2026-03-15 --json
check "covered on the date: active" json_eq '[d["state"], d["mode_months"], d["last_covered"], d["next_from"], d["deadline"]]' '["active", 1, "2026-03-31", "2026-04-01", "2026-04-30"]'
run participation 4 --date 2026-04-30 --json
check "monthly mode: due until the end of the month" json_eq 'd["state"]' due
run participation 4 --date 2026-05-01 --json
check "the deadline missed: paused" json_eq 'd["state"]' paused
run participation 1 --date 2026-12-01 --json
check "12-month mode: the next year may be paid within its first 7 months" json_eq '[d["state"], d["deadline"], d["income"]]' '["due", "2027-02-28", 1500000]'
run participation 5 --json
check "someone who never paid is not enrolled" json_eq '[d["state"], d["start"]]' '["not_enrolled", null]'
run referrals --person 1 --json
check "the people a member brought in, in date order" json_eq '[(x["person"], x["full_name"], x["relation"], x["date"]) for x in d["brought"]]' '[[4, "Thạch Thị Sa Ly", "other", "2025-08-01"], [6, "Trần Văn Út", "other", "2025-10-15"]]'
run referrals --person 999
check "referrals of nobody are refused" rc_is 2
run participation 4 --stop --date 2026-06-01 --reason "tham gia BHXH bắt buộc" --json
check "a stop is recorded and the state is stopped" json_eq 'd["state"]' stopped
run participation 4 --date 2026-05-15 --json
check "before the stop she was paused" json_eq 'd["state"]' paused
run participation 4 --stop --date 2026-06-01 --reason "lần hai"
check "a second stop the same day is refused" rc_is 2
