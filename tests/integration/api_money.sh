# api_money.sh: the money API over HTTP with exact amounts: a preview
# computes what a payment records, and both equal the command line's
# `quote` and `collect` for the same inputs; receipts listed and shown in
# the caller's units; voiding, remitting and cash by role; 1+1 figures
# and referrals; due lists as `plusone due` gives them.  Today is
# 2026-11-29 (lib.sh).
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
PW='mật khẩu thu tiền'
users_add "$PW" "lan collector 29350" "mai collector 29350" "hoi union 29350" "ngai collector 29365" "xem viewer 29350"
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation,phone
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350-01,HGD1,Chủ hộ,0912345678
Trần Văn Hùng,1978-01-01,M,Kinh,29350-01,HGD1,Chồng,
Thạch Thị Sa Ly,1975-01-01,F,Khmer,29350-01,HGD2,Chủ hộ,
Lê Văn Xa,1970-01-01,M,Kinh,29365,HGD3,Chủ hộ,
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
"$PLUSONE" household poverty HGD2 --status poor --from 2026-01-01 --to 2026-12-31 >/dev/null
run quote bhxh --date 2026-11-29 --income 1500000 --months 3 --category poor --json
QUOTE=$OUT

serve_start --log off
LAN=$(bearer lan "$PW")
MAI=$(bearer mai "$PW")
HOI=$(bearer hoi "$PW")
NGAI=$(bearer ngai "$PW")
XEM=$(bearer xem "$PW")
# same A B: the JSON documents in files A and B are equal
same() { python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(a != b)" "$1" "$2"; }
sql() { sqlite3 "$PLUSONE_DB" "$1"; }

# ---- preview and payment: BHXH 1,500,000 x 3 months for a poor person on 2026-11-29
PAY='{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 1500000, "months": 3}, {"scheme": "bhyt", "person": 3, "months": 12}]}'
req POST /api/v1/collect/preview -H "$LAN" -d "$PAY"
check "a preview answers 200, marked as such, without id, book nor serial" json_eq '[d["preview"], d["receipt"]["id"], d["receipt"]["book"], d["receipt"]["serial"]]' '[true, null, null, null]'
check "the preview's BHXH line is the quote of the same inputs (category derived: poor)" bash -c "printf '%s' '$QUOTE' | python3 -c \"import json,sys; q=json.load(sys.stdin); l=json.loads(sys.argv[1])['receipt']['lines'][0]; sys.exit([l[k] for k in ('gross','state_support','local_support','net')] != [q[k] for k in ('gross','state_support','local_support','net')] or l['category'] != 'poor')\" '$OUT'"
check "exact amounts: 990,000 gross, 495,000 state support, 495,000 to pay, 2026-11-01 to 2027-01-31" json_eq '[(l["gross"], l["state_support"], l["local_support"], l["net"], l["from"], l["to"]) for l in d["receipt"]["lines"]][0]' '[990000, 495000, 0, 495000, "2026-11-01", "2027-01-31"]'
check "the BHYT line: first member, 12 x 113,850, card 30 days after paying" json_eq '[(l["ordinal"], l["net"], l["from"]) for l in d["receipt"]["lines"]][1]' '[1, 1366200, "2026-12-29"]'
check "totals split gross, state support, local support and what is paid" json_eq '[d["receipt"]["totals"], d["receipt"]["total"]]' '[{"gross": 2356200, "state_support": 495000, "local_support": 0, "net": 1861200}, 1861200]'
check "with the names a printed receipt needs" json_eq '[d["receipt"]["payer_name"], d["receipt"]["lines"][0]["full_name"], d["receipt"]["collector"]]' '["Thạch Thị Sa Ly", "Thạch Thị Sa Ly", "lan"]'
printf '%s' "$OUT" >"$WORK/preview.json"
check "a preview records nothing" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt') \$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt_book')\" = '0 0' ]"
cp "$PLUSONE_DB" "$WORK/cli.db"
printf '%s' "$PAY" | "$PLUSONE" --db "$WORK/cli.db" --json collect --collector lan --date 2026-11-29 >"$WORK/cli.json"
req POST /api/v1/collect -H "$LAN" -d "$PAY"
check "POST /collect answers 201 with the receipt: book Q-lan, serial 1" json_eq '[d["receipt"]["id"], d["receipt"]["book"], d["receipt"]["serial"], d["receipt"]["date"], d["receipt"]["void"]]' '[1, "Q-lan", 1, "2026-11-29", false]'
check "and the status is 201" is 201
printf '%s' "$OUT" >"$WORK/api.json"
check "the API's receipt is the command line's collect for the same payment, member for member" python3 -c "
import json; c = json.load(open('$WORK/cli.json'))['receipt']; a = json.load(open('$WORK/api.json'))['receipt']
a = {k: a[k] for k in c}; a['lines'] = [{k: l[k] for k in c['lines'][0]} for l in a['lines']]
assert a == c, (a, c)"
check "the payment recorded exactly what the preview showed" python3 -c "
import json; p = json.load(open('$WORK/preview.json'))['receipt']; a = json.load(open('$WORK/api.json'))['receipt']
assert p['lines'] == a['lines'] and p['totals'] == a['totals'] and p['total'] == a['total']"

# ---- refusals of a payment: 422 naming the field by its path
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}, {"scheme": "bhyt", "person": 2, "months": 13}]}'
check "a wrong item answers 422 naming items[1].months" json_eq '[x["field"] for x in d["errors"]]' '["items[1].months"]'
req POST /api/v1/collect -H "$LAN" -d '{"payer": "x", "items": [{"scheme": "bhxh", "person": 1, "months": 3}, {"scheme": "gold", "person": 1, "months": 3}]}'
check "every problem of the body is listed" json_eq '[x["field"] for x in d["errors"]]' '["payer", "items[0].income", "items[1].scheme"]'
check "the schema's words where it names the field, the rule's elsewhere" json_eq '[x["code"] for x in d["errors"]]' '["type", "invalid", "enum"]'
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12, "extra": 1}]}'
check "an unknown member of an item answers 400 naming its path" json_eq '[d["code"], d["field"]]' '["bad_request", "items[0].extra"]'
req POST /api/v1/collect -H "$LAN" -H 'Accept-Language: en' -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 4, "months": 12}]}'
check "a person outside the collector's units answers 422 on items[0].person" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"], d["errors"][0]["code"]]' '["items[0].person", "no person with id 4", "invalid"]'
req POST /api/v1/collect -H "$LAN" -H 'Accept-Language: en' -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 99, "months": 12}]}'
check "exactly as an unknown person does" json_eq 'd["errors"][0]["message"]' "no person with id 99"
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "date": "2026-11-30", "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}'
check "a payment dated after today is refused" json_eq '[d["errors"][0]["field"]]' '["date"]'
req POST /api/v1/collect -H "$LAN" -H 'Accept-Language: en-GB,en;q=0.8' -d '{"payer": 1, "date": "2026-10-29", "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}'
check "a payment dated more than 30 days back is refused" json_eq '[d["errors"][0]["field"], "30 days" in d["errors"][0]["message"]]' '["date", true]'
req POST /api/v1/collect -H "$XEM" -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}'
check "a viewer may not collect" is 403
check "nothing was recorded by the refusals" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt')\" = 1 ]"

# more receipts: 2 by mai (backdated 30 days), 3 and 4 by lan, 5 by ngai in 29365
req POST /api/v1/collect -H "$MAI" -d '{"payer": 2, "date": "2026-10-30", "items": [{"scheme": "bhyt", "person": 2, "months": 12}]}'
check "a collector may date a payment 30 days back" json_eq '[d["receipt"]["book"], d["receipt"]["date"], d["receipt"]["lines"][0]["ordinal"]]' '["Q-mai", "2026-10-30", 1]'
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "method": "transfer", "referred_by": 3, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}'
check "the second BHYT member of HGD1 this year: 12 x 79,695, by transfer" json_eq '[d["receipt"]["lines"][0]["ordinal"], d["receipt"]["total"], d["receipt"]["method"]]' '[2, 956340, "transfer"]'
req POST /api/v1/collect -H "$LAN" -d '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 2000000, "months": 1, "category": "other"}]}'
check "a BHXH month at 2,000,000 for category other: 440,000 less 66,000" json_eq 'd["receipt"]["total"]' 374000
req POST /api/v1/collect -H "$NGAI" -d '{"payer": 4, "items": [{"scheme": "bhyt", "person": 4, "months": 3}]}'
check "another commune's collector collects in hers" is 201

# ---- receipts
req GET /api/v1/receipts -H "$HOI"
check "the list: the union's units only, newest first" json_eq '[r["id"] for r in d["results"]]' '[4, 3, 2, 1]'
check "each as printed: book, serial, payer's name, lines with names" json_eq '[d["results"][3]["book"], d["results"][3]["serial"], d["results"][3]["payer_name"], d["results"][3]["lines"][1]["full_name"], d["next"]]' '["Q-lan", 1, "Thạch Thị Sa Ly", "Thạch Thị Sa Ly", null]'
req GET "/api/v1/receipts?limit=2" -H "$HOI"
check "limit 2: two, and the cursor of the next page" json_eq '[[r["id"] for r in d["results"]], d["next"]]' '[[4, 3], "k3"]'
req GET "/api/v1/receipts?limit=2&after=k3" -H "$HOI"
check "the next page" json_eq '[[r["id"] for r in d["results"]], d["next"]]' '[[2, 1], null]'
req GET "/api/v1/receipts?limit=2&before=3" -H "$HOI"
check "the old before argument answers 400 naming it" json_eq '[d["code"], d["field"]]' '["bad_request", "before"]'
req GET "/api/v1/receipts?collector=mai" -H "$HOI"
check "by collector" json_eq '[r["id"] for r in d["results"]]' '[2]'
req GET "/api/v1/receipts?collector=nobody" -H "$HOI"
check "an unknown login answers 404 naming the collector" json_eq '[d["code"], d["field"]]' '["not_found", "collector"]'
UNKNOWN=$OUT
req GET "/api/v1/cash?collector=nobody" -H "$HOI"
check "exactly as the cash of that name answers" bash -c "[ $RC = 404 ] && [ '$UNKNOWN' = '$OUT' ]"
req GET "/api/v1/receipts?collector=ngai" -H "$HOI"
check "a login outside the caller's units answers as an unknown one (but for the name)" bash -c "[ $RC = 404 ] && [ '$UNKNOWN' = \"\$(printf '%s' '$OUT' | sed 's/ngai/nobody/g')\" ]"
req GET "/api/v1/receipts?from=2026-10-01&to=2026-10-31" -H "$HOI"
check "by dates" json_eq '[r["id"] for r in d["results"]]' '[2]'
req GET "/api/v1/receipts?person=2" -H "$HOI"
check "by person" json_eq '[r["id"] for r in d["results"]]' '[2]'
req GET "/api/v1/receipts?limit=201" -H "$HOI"
check "a limit over 200 answers 422" json_eq '[x["field"] for x in d["errors"]]' '["limit"]'
req GET /api/v1/receipts -H "$NGAI"
check "another commune sees only its own" json_eq '[r["id"] for r in d["results"]]' '[5]'
req GET /api/v1/receipts/1 -H "$NGAI"
check "a receipt outside the caller's units answers 404" is 404
NOTHERS=$OUT
req GET /api/v1/receipts/999 -H "$NGAI"
check "exactly as a missing one (but for the id)" bash -c "[ $RC = 404 ] && [ '$NOTHERS' = \"\$(printf '%s' '$OUT' | sed 's/999/1/g')\" ]"
req GET /api/v1/receipts/1 -H "$XEM"
check "a viewer reads a receipt of her units: the receipt itself" json_eq '[d["id"], d["total"], "receipt" in d]' '[1, 1861200, false]'

# ---- voiding
req POST /api/v1/receipts/2/void -H "$LAN" -d '{"reason": "nhầm"}'
check "a collector may not void a colleague's receipt (403, role)" json_eq '[d["field"], d["message"]]' '["role", "Cộng tác viên chỉ được hủy biên lai do chính mình thu; biên lai 2 do mai thu"]'
req POST /api/v1/receipts/2/void -H "$NGAI" -d '{}'
check "nor one outside her units (404, whatever the body)" is 404
req POST /api/v1/receipts/2/void -H "$NGAI" -d '{"reason": 5, "why": "x"}'
check "a body of the wrong shape too: 404 before its 400 or 422" is 404
req POST /api/v1/receipts/3/void -H "$LAN" -d '{"reason": "nhầm", "why": "x"}'
check "inside her units an unknown member answers 400 naming it" json_eq '[d["code"], d["field"]]' '["bad_request", "why"]'
req POST /api/v1/receipts/3/void -H "$LAN" -d '{"reason": 5}'
check "and a reason that is not text 422 (type)" json_eq '[[x["field"], x["code"]] for x in d["errors"]]' '[["reason", "type"]]'
req POST /api/v1/receipts/3/void -H "$LAN" -d '{"reason": "  "}'
check "a reason is required" json_eq '[d["errors"][0]["field"]]' '["reason"]'
req POST /api/v1/receipts/3/void -H "$LAN" -d '{"reason": "ghi nhầm người"}'
check "her own receipt is voided, with the reason, who and when" json_eq '[d["receipt"]["void"], d["receipt"]["void_reason"], d["receipt"]["voided_by"], len(d["receipt"]["voided_at"])]' '[true, "ghi nhầm người", "lan", 20]'
req POST /api/v1/receipts/3/void -H "$LAN" -d '{"reason": "lần hai"}'
check "voiding it again answers 409" is 409
req POST /api/v1/receipts/2/void -H "$XEM" -d '{"reason": "nhầm"}'
check "a viewer may not void" is 403
req GET "/api/v1/receipts?void=true" -H "$HOI"
check "void receipts are listed with void=true only" json_eq '[r["id"] for r in d["results"] if r["void"]]' '[3]'
req GET "/api/v1/receipts?void=1" -H "$HOI"
check "void is a boolean: 1 answers 422 naming it" json_eq '[x["field"] for x in d["errors"]]' '["void"]'

# ---- cash and remittance
req GET /api/v1/cash -H "$LAN"
check "a collector's cash: receipts 1 and 4 (3 is void)" json_eq 'd' '{"collector": "lan", "receipts": 2, "collected": 2235200, "remitted": 0, "on_hand": 2235200}'
"$PLUSONE" --json cash --collector lan >"$WORK/cash.json"
req GET "/api/v1/cash?collector=lan" -H "$HOI"
check "the union cadre sees it too, as the command line gives it" python3 -c "
import json; c = json.load(open('$WORK/cash.json')); a = json.loads('''$OUT'''); assert {k: a[k] for k in c} == c"
req GET "/api/v1/cash?collector=lan" -H "$MAI"
check "a collector may not ask for another's cash" is 422
req GET "/api/v1/cash?collector=ngai" -H "$HOI"
check "a collector outside the union's units answers 404" is 404
req GET "/api/v1/cash?collector=nobody" -H "$MAI"
check "an unknown login answers a collector 404 too, before the rule of her own cash" json_eq '[d["code"], d["field"]]' '["not_found", "collector"]'
req POST /api/v1/remittances -H "$LAN" -d '{"date": "2026-11-30"}'
check "a remittance dated after today is refused" json_eq '[x["field"] for x in d["errors"]]' '["date"]'
req POST /api/v1/remittances -H "$LAN"
# commission: 9.8 % of the new BHYT 12 months (1,366,200 → 133,887.6, rounded half up); no rate for BHXH 1 or 3 months
check "a remittance of her own receipts answers 201" json_eq 'd["remittance"]' '{"id": 1, "receipts": 2, "amount": 2235200, "commission": 133888}'
req GET /api/v1/cash -H "$MAI"
check "a colleague's money stays with her" json_eq '[d["collected"], d["remitted"]]' '[1366200, 0]'
req POST /api/v1/remittances -H "$LAN"
check "nothing more to hand over: 200, id null" json_eq '[d["remittance"]["id"], d["remittance"]["receipts"]]' '[null, 0]'
req POST /api/v1/receipts/1/void -H "$HOI" -d '{"reason": "muộn"}'
check "a remitted receipt cannot be voided: 409 with the rule's message" json_eq '[d["error"], d["message"]]' '["receipt 1 has been remitted and cannot be voided", "Biên lai 1 đã nộp về cơ quan BHXH, không hủy được"]'
check "and the status is 409" is 409

# ---- 1+1
req POST /api/v1/referrals -H "$LAN" -d '{"person": 2, "referred_by": 1, "relation": "family", "date": "2026-11-01"}'
check "a referral is recorded (201)" json_eq 'd' '{"person": 2, "referred_by": 1, "relation": "family", "date": "2026-11-01"}'
req GET /api/v1/people/2 -H "$LAN"
check "her record names who brought her in: referred_by her id, referral how and when" json_eq '[d["referred_by"], d["referral"]]' '[1, {"relation": "family", "date": "2026-11-01"}]'
req GET /api/v1/people/1 -H "$LAN"
check "Lan was brought in by Sa Ly at her payment" json_eq '[d["referred_by"], d["referral"]]' '[3, {"relation": "other", "date": "2026-11-29"}]'
req GET /api/v1/people/3 -H "$LAN"
check "and is null for someone nobody brought" json_eq '[d["referred_by"], d["referral"]]' '[null, null]'
req POST /api/v1/referrals -H "$LAN" -d '{"person": 2, "referred_by": 3}'
check "a person is brought in once (409)" is 409
req POST /api/v1/referrals -H "$LAN" -H 'Accept-Language: en' -d '{"person": 4, "referred_by": 1}'
check "a person outside her units is refused as unknown" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["person", "no person with id 4"]'
req POST /api/v1/referrals -H "$LAN" -d '{"person": 3, "referred_by": 1, "relation": "cousin"}'
check "an unknown relation is refused naming it" json_eq 'd["errors"][0]["field"]' relation
req POST /api/v1/referrals -H "$LAN" -d '{"person": 3, "referrer": 1}'
check "the old name referrer answers 400 naming it" json_eq '[d["code"], d["field"]]' '["bad_request", "referrer"]'
req POST /api/v1/referrals -H "$XEM" -d '{"person": 3, "referred_by": 1}'
check "a viewer may not record one" is 403
req GET /api/v1/referrals -H "$HOI"
check "the caller's unit by default: Sa Ly brought Lan, Lan brought Hùng" json_eq '[d["unit"], d["pairs"], d["mobilizers"], d["longest_chain"], [t["person"] for t in d["top"]]]' '["29350", 2, 2, 3, [1, 3]]'
"$PLUSONE" --json referrals --unit 29350 >"$WORK/ref.json"
check "the same figures as the command line" python3 -c "
import json; c = json.load(open('$WORK/ref.json')); a = json.loads('''$OUT''')
assert all(a[k] == c[k] for k in ('pairs', 'mobilizers', 'top', 'longest_chain'))
assert a['completion'] == {'enrolled': c['enrolled_members'], 'brought': c['members_who_brought'], 'bp': c['completion_bp']}"
req GET "/api/v1/referrals?unit=29365" -H "$HOI"
check "a unit outside the caller's answers 404" is 404
req GET "/api/v1/referrals?unit=1234" -H "$HOI"
check "an unknown unit too" is 404

# ---- due lists
req GET "/api/v1/due?date=2027-12-20&days=30" -H "$HOI"
check "due: as plusone due lists them" bash -c "'$PLUSONE' --json due --unit 29350 --date 2027-12-20 --days 30 >'$WORK/due.json' && printf '%s' '$OUT' | python3 -c \"import json,sys; a=json.load(sys.stdin); c=json.load(open('$WORK/due.json')); sys.exit(a['results'] != c['due'] or a['total'] != len(c['due']))\""
check "the BHXH periods ended, the BHYT cards ending by 2028-01-19 (Lan's was voided)" json_eq '[(r["person"], r["scheme"], r["last_covered"]) for r in d["results"]]' '[[1, "bhxh", "2026-11-30"], [3, "bhxh", "2027-01-31"], [2, "bhyt", "2027-11-28"], [3, "bhyt", "2027-12-28"]]'
req GET "/api/v1/due?date=2027-12-20&days=30&limit=1" -H "$HOI"
check "limit gives the first entries, the total and the cursor of the next page" json_eq '[len(d["results"]), d["total"], d["next"]]' '[1, 4, "k1"]'
req GET "/api/v1/due?date=2027-12-20&days=30&limit=2&after=k1" -H "$HOI"
check "after the cursor: the next entries" json_eq '[[(r["person"], r["scheme"]) for r in d["results"]], d["next"]]' '[[[3, "bhxh"], [2, "bhyt"]], "k3"]'
req GET "/api/v1/due?limit=201" -H "$HOI"
check "a limit over 200 answers 422" json_eq '[x["field"] for x in d["errors"]]' '["limit"]'
req GET "/api/v1/due?unit=29365" -H "$HOI"
check "a unit outside the caller's answers 404" is 404
req GET "/api/v1/due?days=400" -H "$HOI"
check "days over 366 answers 422" is 422

serve_stop
check "the server stops with exit 0" [ "$SERVE_RC" -eq 0 ]
