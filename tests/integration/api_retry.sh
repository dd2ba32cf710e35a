# api_retry.sh: retry-safe collection over HTTP.  POST /api/v1/collect,
# voids and remittances honour an Idempotency-Key header: a request sent
# again answers the first answer (200, the same body), another request
# under the same key answers 409, a key that is not one 422 naming the
# header; two identical requests sent at once by two processes give one
# receipt, round after round; keys are each login's own.  The collection
# form carries a key from the moment it is shown, so confirming twice
# gives the same receipt page.  Then the rules a payment follows
# whoever sends it: the category a collector may give, the referrer's
# scope, 1+1 loops (and `check` finding one written around the program),
# and the command line refusing an officer as collector.  Today is
# 2026-11-29 (lib.sh).
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
PW='mật khẩu thu tiền'
users_add "$PW" "lan collector 29350" "mai collector 29350" "ngai collector 29365" "kiem officer 84"
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350,HGD1,Chủ hộ
Trần Văn Hùng,1978-01-01,M,Kinh,29350,HGD2,Chủ hộ
Võ Văn Năm,1985-01-01,M,Kinh,29350,HGD5,Chủ hộ
Lê Văn Xa,1970-01-01,M,Kinh,29365,HGD3,Chủ hộ
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
sql() { sqlite3 "$PLUSONE_DB" "$1"; }

serve_start --log off
LAN=$(bearer lan "$PW")
MAI=$(bearer mai "$PW")
NGAI=$(bearer ngai "$PW")
PAY='{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 3}]}'

# ---- the key's form
for bad in "a b" "khóa" "a.b" "$(printf 'k%.0s' $(seq 1 65))"; do
	req POST /api/v1/collect -H "$LAN" -H "Idempotency-Key: $bad" -H 'Accept-Language: en' -d "$PAY"
	check "a key \"${bad:0:12}\" that is not 1-64 of A-Za-z0-9_- answers 422 naming the header" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["Idempotency-Key", "the Idempotency-Key header must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -"]'
done
req POST /api/v1/collect -H "$LAN" -H "Idempotency-Key;" -d "$PAY"
check "an empty key answers 422 too" json_eq 'd["errors"][0]["field"]' "Idempotency-Key"
check "and nothing was recorded" [ "$(sql 'SELECT count(*) FROM receipt')" = 0 ]
K64=$(printf 'A%.0s' $(seq 1 64))

# ---- sent again: the first receipt
req POST /api/v1/collect -H "$LAN" -H "Idempotency-Key: $K64" -d "$PAY"
check "a keyed payment answers 201 with its receipt (a 64-character key)" json_eq '[d["receipt"]["id"], d["receipt"]["serial"], d["receipt"]["total"]]' '[1, 1, 341550]'
check "status 201" is 201
cp "$WORK/body" "$WORK/first.json"
req POST /api/v1/collect -H "$LAN" -H "Idempotency-Key: $K64" -d '{"items": [{"months": 3, "person": 1, "scheme": "bhyt"}], "payer": 1}'
check "sent again (members in another order): 200" is 200
check "with exactly the same body" cmp -s "$WORK/body" "$WORK/first.json"
check "and no second receipt" [ "$(sql 'SELECT count(*) FROM receipt') $(sql "SELECT count(*) FROM audit WHERE action = 'receipt.issue'")" = "1 1" ]
req POST /api/v1/collect -H "$LAN" -H "Idempotency-Key: $K64" -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 6}]}'
check "the same key with another body answers 409 naming the header" json_eq '[d["field"], d["error"]]' '["Idempotency-Key", "this Idempotency-Key was already used for a different request within 30 days: use a new key"]'
check "status 409" is 409
req POST /api/v1/collect -H "$MAI" -H "Idempotency-Key: $K64" -d '{"payer": 2, "items": [{"scheme": "bhyt", "person": 2, "months": 3}]}'
check "another login's same key is hers alone: a new receipt" json_eq '[d["receipt"]["id"], d["receipt"]["book"]]' '[2, "Q-mai"]'
check "keys remembered: one per login" [ "$(sql 'SELECT count(*) FROM idem_key')" = 2 ]

# ---- two identical requests at once, by two processes, round after round
ROUNDS=12
ok=0
for r in $(seq 1 $ROUNDS); do
	before=$(sql 'SELECT count(*) FROM receipt')
	body="{\"payer\": 3, \"items\": [{\"scheme\": \"bhxh\", \"person\": 3, \"income\": 1500000, \"months\": 1, \"category\": \"other\"}], \"date\": \"2026-11-$(printf %02d $((r + 10)))\"}"
	pids=()
	for i in 1 2; do
		curl -s -o "$WORK/race$i" -w '%{http_code}' -X POST -H "$LAN" -H "Idempotency-Key: race-$r" -d "$body" "$URL/api/v1/collect" >"$WORK/code$i" &
		pids+=($!)
	done
	wait "${pids[@]}"
	codes=$(sort "$WORK/code1" "$WORK/code2" | tr '\n' ' ')
	after=$(sql 'SELECT count(*) FROM receipt')
	if [ "$codes" = "200 201 " ] && cmp -s "$WORK/race1" "$WORK/race2" && [ "$after" -eq $((before + 1)) ]; then
		ok=$((ok + 1))
	else
		echo "# round $r: codes $codes, receipts $before -> $after"
	fi
done
check "$ROUNDS rounds of two concurrent identical requests: each one receipt, one 201 and one 200 with the same body" [ "$ok" -eq $ROUNDS ]
check "the receipts of the rounds: one a day, no serial skipped" [ "$(sql "SELECT count(DISTINCT date) || ' ' || max(serial) FROM receipt WHERE payer_id = 3")" = "$ROUNDS $((ROUNDS + 1))" ]

# ---- voids and remittances sent again
req POST /api/v1/receipts/1/void -H "$LAN" -H "Idempotency-Key: void-1" -d '{"reason": "ghi nhầm"}'
check "a keyed void answers 200, void" json_eq '[d["receipt"]["id"], d["receipt"]["void"]]' '[1, true]'
cp "$WORK/body" "$WORK/void.json"
req POST /api/v1/receipts/1/void -H "$LAN" -H "Idempotency-Key: void-1" -d '{"reason": "ghi nhầm"}'
check "sent again: the first answer (200, same body), not 409" bash -c "[ $RC = 200 ] && cmp -s '$WORK/body' '$WORK/void.json'"
req POST /api/v1/receipts/1/void -H "$LAN" -d '{"reason": "ghi nhầm"}'
check "without the key, voiding again is 409" is 409
req POST /api/v1/receipts/1/void -H "$LAN" -H "Idempotency-Key: void-1" -d '{"reason": "khác"}'
check "the void's key with another reason: 409" json_eq 'd["field"]' "Idempotency-Key"
req POST /api/v1/remittances -H "$LAN" -H "Idempotency-Key: remit-1" -d '{}'
check "a keyed remittance answers 201" json_eq '[d["remittance"]["id"], d["remittance"]["receipts"]]' "[1, $ROUNDS]"
check "status 201" is 201
cp "$WORK/body" "$WORK/remit.json"
req POST /api/v1/collect -H "$LAN" -d "$PAY"
req POST /api/v1/remittances -H "$LAN" -H "Idempotency-Key: remit-1" -d '{}'
check "sent again after a new receipt: the first remittance (200, same body), nothing more handed over" bash -c "[ $RC = 200 ] && cmp -s '$WORK/body' '$WORK/remit.json' && [ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM remittance')\" = 1 ]"
req POST /api/v1/remittances -H "$LAN" -H "Idempotency-Key: a b" -d '{}'
check "a remittance's bad key: 422 naming the header" json_eq 'd["errors"][0]["field"]' "Idempotency-Key"

# ---- the category: only an officer or an administrator overrides the derived one
req POST /api/v1/collect -H "$LAN" -H 'Accept-Language: en' -d '{"payer": 2, "items": [{"scheme": "bhxh", "person": 2, "income": 1500000, "months": 1, "category": "poor"}]}'
check "a collector's category other than the derived one: 422 on items[0].category" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["items[0].category", "category \"poor\" differs from the one derived for person 2 (\"other\"): only an officer (or an administrator) may choose another, with a reason"]'
printf '%s' '{"payer": 2, "items": [{"scheme": "bhxh", "person": 2, "income": 1500000, "months": 1, "category": "poor"}]}' >"$WORK/poor.json"
run_in "$(cat "$WORK/poor.json")" collect --collector lan --date 2026-11-29 --json
check "the command line refuses it the same way (exit 2, naming category)" bash -c "[ $RC = 2 ] && printf '%s' \"\$0\" | grep -qF 'category'" "$ERR"
run_in "$PAY" collect --collector kiem --date 2026-11-29 --json
check "the command line refuses an officer as collector, as the web does (exit 2)" bash -c "[ $RC = 2 ] && [ -z \"\$0\" ]" "$OUT"
check "naming the collector" err_has "kiem"

# ---- the command line's --idempotency-key
CLIPAY='{"payer": 2, "items": [{"scheme": "bhyt", "person": 2, "months": 6}]}'
before=$(sql 'SELECT count(*) FROM receipt')
run_in "$CLIPAY" collect --collector lan --date 2026-11-29 --idempotency-key cli-1 --json
FIRST_OUT=$OUT
check "collect --idempotency-key records the payment" bash -c "[ $RC = 0 ] && [ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt')\" = $((before + 1)) ]"
run_in "$CLIPAY" collect --collector lan --date 2026-11-29 --idempotency-key cli-1 --json
check "run again with the key: the same receipt printed, nothing recorded" bash -c "[ $RC = 0 ] && [ '$OUT' = '$FIRST_OUT' ] && [ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt')\" = $((before + 1)) ]"
run_in "$CLIPAY" collect --collector lan --date 2026-11-29 --idempotency-key cli-1
check "and as text, the receipt first issued" bash -c "[ $RC = 0 ] && printf '%s' \"\$0\" | grep -q 'BIÊN LAI  quyển Q-lan  số $(printf '%s' "$FIRST_OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["receipt"]["serial"])')'" "$OUT"
run_in "$CLIPAY" collect --collector lan --date 2026-11-28 --idempotency-key cli-1 --json
check "the key with another payment: exit 2, nothing recorded" bash -c "[ $RC = 2 ] && [ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt')\" = $((before + 1)) ]"
run_in "$CLIPAY" collect --collector lan --date 2026-11-29 --idempotency-key "a b" --json
check "a key that is not one: exit 2 naming --idempotency-key" bash -c "[ $RC = 2 ] && printf '%s' \"\$0\" | grep -qF -- '--idempotency-key'" "$ERR"

# ---- referrers: both ends scoped; loops refused
req POST /api/v1/collect -H "$LAN" -H 'Accept-Language: en' -d '{"payer": 2, "referred_by": 4, "items": [{"scheme": "bhyt", "person": 2, "months": 3}]}'
check "a referrer outside the collector's units answers like an unknown one" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["referred_by", "no person with id 4"]'
req POST /api/v1/referrals -H "$LAN" -d '{"person": 2, "referred_by": 4}'
OUTSIDE=$OUT
req POST /api/v1/referrals -H "$LAN" -d '{"person": 2, "referred_by": 99}'
check "POST /referrals: a referrer outside answers exactly as an unknown one (but for the id)" bash -c "[ $RC = 422 ] && [ \"\$(printf '%s' '$OUTSIDE' | sed 's/4/99/g')\" = '$OUT' ]"
req POST /api/v1/referrals -H "$LAN" -d '{"person": 2, "referred_by": 1}'
check "Lan brought Hùng in" is 201
req POST /api/v1/referrals -H "$LAN" -d '{"person": 3, "referred_by": 2}'
check "Hùng brought Năm in" is 201
req POST /api/v1/referrals -H "$LAN" -H 'Accept-Language: en' -d '{"person": 1, "referred_by": 3}'
check "Năm bringing Lan would close a loop: 422 naming the referrer" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["referred_by", "person 3 was brought in by person 1 (directly or through others): the referral would close a loop"]'
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "referred_by": 2, "items": [{"scheme": "bhyt", "person": 1, "months": 3}]}'
check "so would a payment naming Hùng as Lan's referrer" json_eq '[d["errors"][0]["field"]]' '["referred_by"]'
run check --json
check "check holds before a loop is written around the program" json_eq 'd["ok"]' "true"
sql "INSERT INTO referral (person_id, referrer_id, date) VALUES (1, 3, '2026-11-29')"
run check --json
check "check finds the loop written by SQL: its three people" json_eq '[(p["invariant"], p["id"]) for p in d["problems"]]' '[["referral_loop", 1], ["referral_loop", 2], ["referral_loop", 3]]'
check "and exits 1" rc_is 1
sql "DELETE FROM referral WHERE person_id = 1"

run_in '{"payer": 2, "referred_by": 4, "items": [{"scheme": "bhyt", "person": 2, "months": 3}]}' collect --collector lan --date 2026-11-29 --json
check "the command line refuses a referrer outside the collector's units like an unknown one (exit 2)" bash -c "[ $RC = 2 ] && printf '%s' \"\$0\" | grep -qF 'referred_by: Không có người số 4'" "$ERR"
: >"$WORK/ljar"
page_login ljar lan "$PW"
page ljar GET /referrals
LTOKEN=$(csrf)
page ljar POST /referrals --data-urlencode "csrf=$LTOKEN" --data "person=3&referrer=4&relation=other&date=2026-11-29"
check "the referrals form: a referrer outside answers like an unknown one (422)" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -qF 'Không có người số 4'" "$OUT"
page ljar GET "/collect?person=2"
page ljar POST /collect --data-urlencode "csrf=$LTOKEN" --data "person_0=2&scheme_0=bhyt&months_0=3&payer=2&referred_by=4&method=cash&date=2026-11-29&do=preview"
check "the collection form: a referrer outside answers like an unknown one (422)" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -qF 'Không có người số 4'" "$OUT"

# a referral across communes (the command line is the operator's tool):
# Xa's collector sees the pair, not the name of the mobiliser from 29350
"$PLUSONE" referral add 4 --by 1 >/dev/null
req GET /api/v1/referrals -H "$NGAI"
check "the 1+1 figures name no mobiliser outside the caller's units" json_eq '[d["pairs"], d["top"]]' '[1, [{"person": 1, "full_name": null, "mobilized": 1}]]'
: >"$WORK/njar"
page_login njar ngai "$PW"
page njar GET /referrals
check "nor does the referrals page" bash -c "[ $RC = 200 ] && ! printf '%s' \"\$0\" | grep -qF 'Nguyễn Thị Lan' && printf '%s' \"\$0\" | grep -qF 'Người ngoài đơn vị của bạn'" "$OUT"
req GET /api/v1/referrals -H "$LAN"
check "while Lan's collector sees her name" json_eq '[t["full_name"] for t in d["top"] if t["person"] == 1]' '["Nguyễn Thị Lan"]'

# ---- the collection form: a key from the moment it is shown
: >"$WORK/jar"
page_login jar lan "$PW"
page jar GET "/collect?person=3"
TOKEN=$(csrf)
IDEM=$(printf '%s' "$OUT" | sed -n 's/.*name="idem" value="\([0-9a-f]*\)".*/\1/p' | head -1)
check "the form carries a key of 32 hex digits" [ "${#IDEM}" -eq 32 ]
page jar GET "/collect?person=3"
check "each form shown has its own" bash -c "printf '%s' \"\$0\" | grep -q 'name=\"idem\"' && ! printf '%s' \"\$0\" | grep -q '$IDEM'" "$OUT"
FORM=(--data-urlencode "csrf=$TOKEN" --data "person_0=3&scheme_0=bhyt&months_0=6&payer=3&method=cash&date=2026-11-29&idem=$IDEM")
page jar POST /collect "${FORM[@]}" --data do=preview
check "the review carries the same key" bash -c "printf '%s' \"\$0\" | grep -q 'name=\"idem\" value=\"$IDEM\"'" "$OUT"
before=$(sql 'SELECT count(*) FROM receipt')
page jar POST /collect "${FORM[@]}" --data do=confirm
check "confirming records and goes to the receipt" [ "$RC" = 303 ]
FIRST=$(location)
page jar POST /collect "${FORM[@]}" --data do=confirm
check "confirming again goes to the same receipt page" bash -c "[ $RC = 303 ] && [ '$(location)' = '$FIRST' ]"
check "and one receipt only" [ "$(sql 'SELECT count(*) FROM receipt')" -eq $((before + 1)) ]
page jar POST /collect --data-urlencode "csrf=$TOKEN" --data "person_0=3&scheme_0=bhyt&months_0=12&payer=3&method=cash&date=2026-11-29&idem=$IDEM&do=confirm"
check "the same form's key with other lines: 409, the form shown again with the reason" bash -c "[ $RC = 409 ] && printf '%s' \"\$0\" | grep -qF 'Idempotency-Key'" "$OUT"
check "and nothing more recorded" [ "$(sql 'SELECT count(*) FROM receipt')" -eq $((before + 1)) ]

serve_stop
check "the server stops with exit 0" [ "$SERVE_RC" -eq 0 ]
