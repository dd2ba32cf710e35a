# api_registry.sh: the registry's JSON API over HTTP: the dashboard,
# units, people (edit, participation, coverage, pension, membership,
# stop), households, quotes and parameters; each record outside the
# caller's units answers 404 like a missing one; numbers equal the
# command line's for the same data.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 846 --name "Huyện Tiểu Cần" --kind district --parent 84 >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 846 >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add CH29350 --name "Chi hội Hiếu Tử" --kind branch --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 846 >/dev/null
PW='mật khẩu dài'
users_add "$PW" "admin admin 846" "lan union 29350" "ctv collector 29350" "xem viewer 29350" "bhxh officer 846"
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,cccd,unit_code,household_code,relation,member
Nguyễn Thị Lan,1980-01-01,F,084180000001,29350-01,HGD1,Chủ hộ,có
Trần Văn Hùng,1978-01-01,M,,29350-01,HGD1,Chồng,không
Trần Thị Mai,2005-01-01,F,,29350-01,HGD1,Con,có
Lê Văn Xa,1970-01-01,M,084070000004,29365,HGD3,Chủ hộ,có
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
# three payments: BHXH and BHYT in 2025, Lan's card renewed in 2026, Mai's first card today
run_in '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "months": 12},
  {"scheme": "bhyt", "person": 1, "months": 12}, {"scheme": "bhyt", "person": 2, "months": 12}]}' collect --collector ctv --date 2025-08-01 --json
check "setup: the 2025 payment" json_eq 'd["receipt"]["total"]' 5316120
run_in '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}' collect --collector ctv --date 2026-08-15 --json
RENEWAL=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["receipt"]["total"])')
run_in '{"payer": 3, "items": [{"scheme": "bhyt", "person": 3, "months": 12}]}' collect --collector ctv --date 2026-11-29 --json
TODAYS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["receipt"]["total"])')
check "setup: 2026 BHYT at the 2,530,000 base salary, Mai second in her household this year" bash -c "[ '$RENEWAL' = 1366200 ] && [ '$TODAYS' = 956340 ]"
run cash --collector ctv --json
CASH=$OUT
run due --unit 29350 --json
DUE=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([sum(x["scheme"] == "bhyt" for x in d["due"]), sum(x["scheme"] == "bhxh" for x in d["due"])]))')
run participation 1 --json
PARTICIPATION=$OUT
run unit list --json
UNITS=$OUT
uid() { printf '%s' "$UNITS" | python3 -c "import json,sys; print([u['id'] for u in json.load(sys.stdin)['units'] if u['code'] == '$1'][0])"; }
U29350=$(uid 29350)
U29365=$(uid 29365)

serve_start
# same_json A B: the two JSON texts are equal documents
same_json() { python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1]) == json.loads(sys.argv[2]) else 1)' "$1" "$2" || { echo "# $1"; echo "# != $2"; return 1; }; }
# fields_are STATUS LIST: the status and the fields of the 422 errors
fields_are() { [ "$RC" = 422 ] && json_eq 'sorted(x["field"] for x in d["errors"])' "$1"; }
# outside_like_missing WHAT OUTSIDE AUTH BODY "METHOD PATH"...: each
# request (with the header AUTH and the JSON BODY) on the record OUTSIDE
# the caller's units, put for ID in PATH, answers exactly as on 9999, a
# missing WHAT: two checks each, the same answer and a 404.
outside_like_missing() {
	local what=$1 outside=$2 auth=$3 body=$4 r missing
	shift 4
	for r in "$@"; do
		set -- $r
		req "$1" "${2/ID/9999}" -H "$auth" -H "$J" -d "$body"
		missing="$RC $OUT"
		req "$1" "${2/ID/$outside}" -H "$auth" -H "$J" -d "$body"
		check "$1 ${2/ID/\{id\}} outside her units answers 404 like a missing $what" [ "$RC $OUT" = "$missing" ]
		check "$1 ${2/ID/\{id\}}: and that is a 404" is 404
	done
}
LAN=$(bearer lan "$PW")
CTV=$(bearer ctv "$PW")
XEM=$(bearer xem "$PW")
ADMIN=$(bearer admin "$PW")
OFFICER=$(bearer bhxh "$PW")
J="Content-Type: application/json"

# ---- the dashboard ----
req GET /api/v1/dashboard -H "$LAN"
check "the dashboard of Hiếu Tử: people, members, members with a valid card, BHXH covered" json_eq '[d["date"], d["unit_code"], d["people"], d["members"], d["members_bhyt"], d["bhyt_active"], d["bhxh_active"]]' '["2026-11-29", "29350", 3, 2, 1, 1, 0]'
check "today's receipts: Mai's" json_eq '[d["receipts_today"]["count"], d["receipts_today"]["total"]]' "[1, $TODAYS]"
check "due: the counts of the due list (Lan's BHXH; Hùng's card lapsed 91 days ago)" json_eq '[d["due"]["days"], d["due"]["bhyt"], d["due"]["bhxh"]]' '[30, 0, 1]'
check "the due list says the same" json_eq '[d["due"]["bhyt"], d["due"]["bhxh"]]' "$DUE"
check "a union cadre's own cash is empty" json_eq 'd["cash"]' '{"receipts": 0, "collected": 0, "remitted": 0, "on_hand": 0}'
req GET /api/v1/dashboard -H "$CTV"
check "the collector's dashboard shows her cash on hand as the cash command" same_json "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["cash"]))')" "$CASH"
req GET /api/v1/dashboard -H "$XEM"
check "a viewer has no cash" json_eq 'd["cash"]' 'null'
req GET /api/v1/dashboard -H "$ADMIN"
check "the district's dashboard counts Tập Ngãi too" json_eq '[d["people"], d["members"], d["bhyt_active"]]' '[4, 3, 1]'
req GET "/api/v1/dashboard?date=2025-09-15" -H "$ADMIN"
check "on another date: both 2025 cards and the BHXH" json_eq '[d["members_bhyt"], d["bhyt_active"], d["bhxh_active"], d["receipts_today"]["count"]]' '[1, 2, 1, 0]'
req GET "/api/v1/dashboard?date=15/09/2025" -H "$ADMIN"
check "a bad date answers 422 naming it" fields_are '["date"]'
# parameters changing in the next 60 days (today is 2026-11-29)
UPCOMING='[["poverty_line_rural", "2027-01-01", 1500000, 2200000, "Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng"]]'
req GET /api/v1/dashboard -H "$LAN"
check "a union cadre's dashboard announces the 2027 poverty line" json_eq '[(c["family"], c["valid_from"], c["before"], c["after"], c["message"]) for c in d["upcoming_changes"]]' "$UPCOMING"
req GET /api/v1/dashboard -H "$OFFICER"
check "so does an officer's" json_eq '[(c["family"], c["valid_from"], c["before"], c["after"], c["message"]) for c in d["upcoming_changes"]]' "$UPCOMING"
req GET /api/v1/dashboard -H "$CTV"
check "a collector's dashboard announces nothing" json_eq 'd["upcoming_changes"]' '[]'
req GET "/api/v1/dashboard?date=2026-11-01" -H "$OFFICER"
check "61 days before the change: not yet announced" json_eq 'd["upcoming_changes"]' '[]'
req GET "/api/v1/dashboard?date=2026-11-02" -H "$OFFICER"
check "60 days before: announced" json_eq '[c["valid_from"] for c in d["upcoming_changes"]]' '["2027-01-01"]'
req GET "/api/v1/dashboard?date=2027-01-01" -H "$OFFICER"
check "on the day itself it is in force, no longer upcoming" json_eq 'd["upcoming_changes"]' '[]'
req GET "/api/v1/dashboard?date=2026-06-15" -H "$OFFICER"
check "in June 2026: the base salary of 2026-07-01" json_eq '[c["message"] for c in d["upcoming_changes"]]' '["Từ 01/07/2026: lương cơ sở 2.340.000 đ → 2.530.000 đ: mức đóng BHYT hộ gia đình và mức thu nhập tối đa đóng BHXH tăng"]'
page_login jar_dash lan "$PW"
page jar_dash GET /
check "the dashboard page shows the announcement" has "Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng"
page_login jar_dash_ctv ctv "$PW"
page jar_dash_ctv GET /
check "not the collector's" lacks "chuẩn nghèo nông thôn"

# a quote whose period reaches 2027 says which rule applied
req GET "/api/v1/quotes/bhxh?date=2026-12-20&income=1500000&months=12&category=poor" -H "$XEM"
check "a 12-month quote paid on 2026-12-20: the 2026 amounts" json_eq '[d["monthly"]["gross"], d["monthly"]["state_support"], d["params"]["poverty_line"]]' '[330000, 165000, 1500000]'
check "with a note naming the rule applied and the change" json_eq '[(n["valid_from"], n["message"]) for n in d["notes"]]' '[["2027-01-01", "Số tiền tính theo quy định tại ngày đóng 20/12/2026. Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng (không áp dụng cho lần đóng này)."]]'
req GET "/api/v1/quotes/bhxh?date=2026-12-20&income=1500000&months=1&category=poor" -H "$XEM"
check "a month paid in December 2026 reaches no change: no note" json_eq 'd["notes"]' '[]'

# ---- units ----
req GET /api/v1/units -H "$LAN"
check "units inside the caller's commune, in code order" json_eq '[[u["code"] for u in d["results"]], d["next"], d["total"]]' '[["29350", "29350-01", "CH29350"], null, 3]'
req GET "/api/v1/units?limit=2" -H "$LAN"
check "a page of 2 units names the cursor of the next" json_eq '[[u["code"] for u in d["results"]], d["next"] is not None, d["total"]]' '[["29350", "29350-01"], true, 3]'
req GET "/api/v1/units?limit=2&after=$(field next)" -H "$LAN"
check "the next page has the third, and no cursor" json_eq '[[u["code"] for u in d["results"]], d["next"]]' '[["CH29350"], null]'
req GET "/api/v1/units?limit=201" -H "$LAN"
check "a limit over 200 answers 422 naming limit" fields_are '["limit"]'
req GET "/api/v1/units?after=12" -H "$LAN"
check "a malformed cursor answers 422 naming after" fields_are '["after"]'
req GET "/api/v1/units?all=1" -H "$LAN"
check "a boolean argument is true or false, not 1" json_eq '[d["errors"][0]["field"], d["errors"][0]["code"]]' '["all", "type"]'
req GET "/api/v1/units?limt=2" -H "$LAN"
check "a misspelled argument answers 400 naming it" json_eq '[d["code"], d["field"]]' '["bad_request", "limt"]'
req GET "/api/v1/units/$U29350" -H "$LAN"
check "one unit: its children and the people of its subtree" json_eq '[d["code"], d["people"], d["parent"], d["parent_code"], [c["code"] for c in d["children"]]]' '["29350", 3, null, "846", ["29350-01", "CH29350"]]'
req GET "/api/v1/units/$U29350" -H "$ADMIN"
check "the district's administrator sees its parent" json_eq 'd["parent"]["code"]' '846'
req GET /api/v1/units/9999 -H "$LAN"
MISSING=$OUT
check "a missing unit answers 404" is 404
req GET "/api/v1/units/$U29365" -H "$LAN"
check "a unit outside her units answers 404 exactly like a missing one" bash -c "[ $RC = 404 ] && [ '$MISSING' = '$OUT' ]"
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": "29365-01", "name": "Ấp Sóc Cầu", "kind": "hamlet", "parent_code": "29365"}'
check "an administrator adds a hamlet under a commune of hers: 201" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if (d[\"code\"], d[\"parent_code\"], d[\"kind\"]) == (\"29365-01\", \"29365\", \"hamlet\") else 1)'"
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": "29365-01", "name": "Ấp Sóc Cầu", "kind": "hamlet", "parent_code": "29365"}'
check "the same code in force again answers 409" is 409
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": "29999", "name": "Xã Lạ", "kind": "commune", "parent_code": "84"}'
check "a parent outside her units answers 422 naming parent" fields_are '["parent"]'
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": "29999", "name": "Xã Lạ", "kind": "commune", "parent": "846"}'
check "the old name parent is an unknown member: 400 naming it" json_eq "[$RC, d['code'], d['field']]" '[400, "bad_request", "parent"]'
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": 29999, "name": "Xã Lạ", "kind": "commune", "island": "yes"}'
check "a number for a string, a text for a boolean and a missing member: every problem listed" json_eq '[(x["field"], x["code"]) for x in d["errors"]]' '[["code", "type"], ["parent_code", "required"], ["island", "type"]]'
req POST /api/v1/units -H "$ADMIN" -H "$J" -d '{"code": "29999", "name": "Xã Lạ", "kind": "village", "parent_code": "846"}'
check "an unknown kind answers 422 naming kind" fields_are '["kind"]'
req POST /api/v1/units -H "$LAN" -H "$J" -d '{"code": "29350-02", "name": "Ấp Mới", "kind": "hamlet", "parent_code": "29350"}'
check "only an administrator adds units: 403" is 403

# ---- people ----
req GET "/api/v1/people?q=lan" -H "$XEM"
check "a viewer's search shows CCCD masked" json_eq '[(r["full_name"], r["cccd"]) for r in d["results"]]' '[["Nguyễn Thị Lan", "084******001"]]'
req GET "/api/v1/people?q=lan&limit=0" -H "$LAN"
check "a limit out of range answers 422 naming limit" fields_are '["limit"]'
req GET "/api/v1/people?q=thi&limit=2" -H "$LAN"
TWO=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([r["id"] for r in d["results"]]))')
req GET "/api/v1/people?q=thi&limit=1" -H "$LAN"
NEXT1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["next"])')
check "a first page of one names its next page" bash -c "[ -n '$NEXT1' ] && [ '$NEXT1' != None ]"
req GET "/api/v1/people?q=thi&limit=1&after=$NEXT1" -H "$LAN"
check "the search pages by after: the second page of one is the second of two" json_eq '[r["id"] for r in d["results"]]' "[$(printf '%s' "$TWO" | python3 -c 'import json,sys; print(json.load(sys.stdin)[1])')]"
req GET "/api/v1/people?q=thi&limit=200" -H "$LAN"
check "the last page has next null and the exact total" json_eq '[d["next"], d["total"] == len(d["results"])]' '[null, true]'
req GET "/api/v1/people?q=lan&limit=1000" -H "$LAN"
check "limit is at most 200" fields_are '["limit"]'
req GET "/api/v1/people?q=lan&cover=1" -H "$LAN"
check "cover is a boolean: 1 answers 422" fields_are '["cover"]'
req GET /api/v1/people/1 -H "$LAN"
check "a person with her details" json_eq '[d["full_name"], d["cccd"], d["household_code"], d["membership"], d["poverty"], d["poverty_today"], d["member"]]' '["Nguyễn Thị Lan", "084180000001", "HGD1", null, [], null, true]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"phone": "0912 345 678", "ethnicity": "Khmer"}'
check "PATCH changes the fields given" json_eq '[d["phone"], d["ethnicity"], d["full_name"], d["cccd"]]' '["0912345678", "Khmer", "Nguyễn Thị Lan", "084180000001"]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"full_name": "Nguyễn Thị Lan Anh"}'
req GET "/api/v1/people?q=lan%20anh" -H "$LAN"
check "the search follows the new name" json_eq '[r["full_name"] for r in d["results"]]' '["Nguyễn Thị Lan Anh"]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"dob": "31/02/1990", "sex": "X"}'
check "an invalid change answers 422 with every field" fields_are '["dob", "sex"]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"dob": "1981-01-01"}'
check "a date of birth against her CCCD answers 422 naming cccd" fields_are '["cccd"]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"nickname": "Lan"}'
check "an unknown field answers 400 naming it" json_eq "[$RC, d['code'], d['field']]" '[400, "bad_request", "nickname"]'
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"phone": 912345678}'
check "a number where text is expected answers 422" fields_are '["phone"]'
req PATCH /api/v1/people/2 -H "$LAN" -H "$J" -d '{"cccd": "084070000004", "dob": "1970-01-01"}'
check "a CCCD of someone else answers 409" is 409
req PATCH /api/v1/people/1 -H "$LAN" -H "$J" -d '{"unit_code": "29365"}'
check "moving her out of the caller's units answers 422 naming unit_code" fields_are '["unit_code"]'
req PATCH /api/v1/people/1 -H "$XEM" -H "$J" -d '{"phone": "0912345679"}'
check "a viewer may not change people: 403" is 403
req PATCH /api/v1/people/9999 -H "$LAN" -H "$J" -d '{"phone": "0912345679"}'
MISSING=$OUT
req PATCH /api/v1/people/4 -H "$LAN" -H "$J" -d '{"phone": "0912345679"}'
check "PATCH of a person outside her units answers 404 like a missing one" bash -c "[ $RC = 404 ] && [ '$MISSING' = '$OUT' ]"
req PATCH /api/v1/people/9999 -H "$LAN" -H "$J" -d '{}'
check "PATCH of a missing person with an empty body answers 404, not 422" bash -c "[ $RC = 404 ] && [ '$MISSING' = '$OUT' ]"
req PATCH /api/v1/people/4 -H "$LAN" -H "$J" -d '{"phone": 912345678}'
check "and of a person outside her units with a bad body too" bash -c "[ $RC = 404 ] && [ '$MISSING' = '$OUT' ]"
req POST /api/v1/people -H "$LAN" -H "$J" -d '{"full_name": "Trần Thị Bé", "dob": "1990-02-03", "sex": "F", "unit_code": "29350-01", "phone": 912000773}'
check "POST /people with a phone written as a number answers 422 naming phone (was stored as null)" json_eq '[(x["field"], x["code"]) for x in d["errors"]]' '[["phone", "type"]]'
req POST /api/v1/people -H "$LAN" -H "$J" -d '{"full_name": "Trần Thị Bé", "dob": "1990-02-03", "sex": "F", "unit_code": "29350-01", "nick": "Bé"}'
check "POST /people with an unknown key answers 400 naming it" json_eq "[$RC, d['code'], d['field']]" '[400, "bad_request", "nick"]'

req GET /api/v1/people/1/participation -H "$LAN"
check "participation is the command's" same_json "$OUT" "$PARTICIPATION"
req GET /api/v1/people/1/coverage -H "$LAN"
check "coverage: paid periods newest first, from receipts" json_eq '[(p["scheme"], p["from"], p["to"], p["net"]) for p in d["periods"]]' "[[\"bhyt\", \"2026-08-31\", \"2027-08-30\", $RENEWAL], [\"bhyt\", \"2025-08-31\", \"2026-08-30\", 1263600], [\"bhxh\", \"2025-08-01\", \"2026-07-31\", 3168000]]"
check "and her receipts, newest first" json_eq '[(r["serial"], r["date"], r["total"]) for r in d["receipts"]]' "[[2, \"2026-08-15\", $RENEWAL], [1, \"2025-08-01\", 5316120]]"
req GET "/api/v1/people/1/pension?income=2000000&months_planned=0" -H "$LAN"
PENSION=$OUT
run project pension --dob 1980-01-01 --sex F --income 2000000 --months-from-2014 12 --months-planned 0 --support 792000 --json
check "the pension projection is the command's with her months and support" same_json "$(printf '%s' "$PENSION" | python3 -c 'import json,sys; d=json.load(sys.stdin); [d.pop(k) for k in ("plan", "person")]; print(json.dumps(d))')" "$OUT"
check "and tells what it was computed from" bash -c "OUT='$PENSION'; printf '%s' \"\$OUT\" | python3 -c 'import json,sys; p=json.load(sys.stdin)[\"plan\"]; sys.exit(0 if (p[\"months_from_2014\"], p[\"support_received\"], p[\"joined_before_2021\"], p[\"average_income\"]) == (12, 792000, False, 2000000) else 1)'"
req GET "/api/v1/people/1/pension" -H "$LAN"
check "without an income her latest one is taken, and months until retirement" json_eq '[d["plan"]["average_income"], d["plan"]["planned_to_retirement"], d["retirement_date"]]' '[1500000, true, "2040-01-01"]'
req GET "/api/v1/people/2/pension" -H "$LAN"
check "no income known: 422 naming income" fields_are '["income"]'
req POST /api/v1/people/1/membership -H "$LAN" -H "$J" -d '{"branch_code": "CH29350", "role": "branch_head", "since": "2022-03-01"}'
check "membership is recorded with branch and role" json_eq 'd["membership"]' '{"branch_code": "CH29350", "role": "branch_head", "since": "2022-03-01"}'
req POST /api/v1/people/1/membership -H "$LAN" -H "$J" -d '{"branch": "CH29350"}'
check "the old name branch is an unknown member: 400 naming it" json_eq "[$RC, d['field']]" '[400, "branch"]'
req POST /api/v1/people/1/membership -H "$LAN" -H "$J" -d '{"role": "chief"}'
check "an unknown member role answers 422 naming role" fields_are '["role"]'
req POST /api/v1/people/1/stop -H "$CTV" -H "$J" -d '{"reason": "đóng BHXH bắt buộc"}'
check "a stop answers 201 with the participation: stopped" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | grep -q '\"state\":\"stopped\"'"
req POST /api/v1/people/1/stop -H "$CTV" -H "$J" -d '{}'
check "a stop without a reason answers 422 naming reason" fields_are '["reason"]'
req POST /api/v1/people/1/stop -H "$XEM" -H "$J" -d '{"reason": "x"}'
check "a viewer may not record a stop: 403" is 403
outside_like_missing person 4 "$CTV" '{"reason": "x"}' "GET /api/v1/people/ID" "GET /api/v1/people/ID/participation" \
	"GET /api/v1/people/ID/coverage" "GET /api/v1/people/ID/pension?income=2000000" \
	"POST /api/v1/people/ID/membership" "POST /api/v1/people/ID/stop"

# ---- households ----
req GET /api/v1/households/1 -H "$LAN"
check "a household with its members, the head first" json_eq '[d["code"], d["unit_code"], d["head"], [m["id"] for m in d["members"]], d["poverty_today"]]' '["HGD1", "29350-01", 1, [1, 2, 3], null]'
req GET /api/v1/households/1 -H "$XEM"
check "a viewer sees the members' CCCD masked" json_eq 'd["members"][0]["cccd"]' '084******001'
req PATCH /api/v1/households/1 -H "$LAN" -H "$J" -d '{"head": 2}'
check "the head changes to another member" json_eq '[d["head"], [m["id"] for m in d["members"]]]' '[2, [2, 1, 3]]'
req PATCH /api/v1/households/1 -H "$LAN" -H "$J" -d '{"head": 4}'
check "someone of another household answers 422 naming head" fields_are '["head"]'
req PATCH /api/v1/households/1 -H "$LAN" -H "$J" -d '{"head": "2"}'
check "head as a string of digits answers 422 (a JSON integer is required)" json_eq '[(x["field"], x["code"]) for x in d["errors"]]' '[["head", "type"]]'
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "poor", "valid_from": "2026-01-01", "valid_to": "2026-12-31"}'
check "a poverty certificate answers 201; the household is poor today" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if (d[\"poverty_today\"], len(d[\"poverty\"])) == (\"poor\", 1) else 1)'"
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "rich", "valid_from": "2026-01-01", "valid_to": "2026-12-31"}'
check "an unknown status answers 422 naming status" fields_are '["status"]'
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "poor", "valid_from": "2026-03-01", "valid_to": "2026-02-01"}'
check "an end before the start answers 422 naming valid_to" fields_are '["valid_to"]'
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "poor", "from": "2026-01-01", "to": "2026-12-31"}'
check "the old names from and to: 400 naming from" json_eq "[$RC, d['field']]" '[400, "from"]'
req POST /api/v1/households/1/poverty -H "$CTV" -H "$J" -d '{"status": "poor", "valid_from": "2027-01-01", "valid_to": "2027-12-31"}'
check "a collector may not certify poverty: 403" is 403
outside_like_missing household 2 "$LAN" '{"head": 4, "status": "poor", "valid_from": "2027-01-01", "valid_to": "2027-12-31"}' \
	"GET /api/v1/households/ID" "PATCH /api/v1/households/ID" "POST /api/v1/households/ID/poverty"

# ---- quotes: the command line's JSON for the same flags ----
req GET "/api/v1/quotes/bhxh?date=2025-08-01&income=1500000&months=12&category=other" -H "$XEM"
run quote bhxh --date 2025-08-01 --income 1500000 --months 12 --category other --json
check "GET quotes/bhxh equals quote bhxh --json" same_json "$(cat "$WORK/body")" "$OUT"
req GET "/api/v1/quotes/bhxh?date=2025-08-01&income=2000000&months=6&category=poor&province=84&supported_months=110" -H "$XEM"
run quote bhxh --date 2025-08-01 --income 2000000 --months 6 --category poor --province 84 --supported-months 110 --json
check "with province and supported months too" same_json "$(cat "$WORK/body")" "$OUT"
req GET "/api/v1/quotes/bhxh?date=2020-03-01&income=1500000&advance_years=2" -H "$XEM"
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 2 --json
check "a payment in advance equals quote bhxh --advance-years" same_json "$(cat "$WORK/body")" "$OUT"
req GET "/api/v1/quotes/bhxh?date=2020-03-01&income=1500000&advance_years=3&category=near_poor&supported_months=100" -H "$XEM"
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 3 --category near_poor --supported-months 100 --json
check "with a category and the support received before" same_json "$(cat "$WORK/body")" "$OUT"
check "20 months supported at 25 % of 22 % × 700,000" json_eq '[d["supported_months"], d["state_support"]]' '[20, 770000]'
req GET "/api/v1/quotes/bhxh?date=2020-03-01&income=1500000&advance_years=1" -H "$XEM"
check "a 1-year advance answers 422 naming advance_years" fields_are '["advance_years"]'
req GET "/api/v1/quotes/bhxh?date=2025-08-01&income=1000&months=12&category=other" -H "$XEM"
check "an income below the floor answers 422 naming income" fields_are '["income"]'
check "and states the bound in dong" bash -c "printf '%s' '$OUT' | grep -q '1.500.000'"
req GET "/api/v1/quotes/bhxh?date=2025-08-01&income=1500000&months=5&category=other" -H "$XEM"
check "5 months answers 422 naming months" fields_are '["months"]'
req GET "/api/v1/quotes/bhxh?date=2025-08-01&income=1500000&months=12&category=rich" -H "$XEM"
check "an unknown category answers 422 naming category" fields_are '["category"]'
req GET "/api/v1/quotes/bhxh?date=2025-03-01&income=1500000&advance_years=2" -H "$XEM"
check "an advance without the fund rate answers 422" is 422
req GET "/api/v1/quotes/bhyt?date=2025-08-01&months=12&members=3" -H "$XEM"
run quote bhyt --date 2025-08-01 --months 12 --members 3 --json
check "GET quotes/bhyt equals quote bhyt --json" same_json "$(cat "$WORK/body")" "$OUT"
req GET "/api/v1/quotes/bhyt?date=2026-09-01&months=6&ordinal=4&first_time=true" -H "$XEM"
run quote bhyt --date 2026-09-01 --months 6 --members 1 --first-ordinal 4 --first-time --json
check "with an ordinal and the first card's dates" same_json "$(cat "$WORK/body")" "$OUT"
req GET "/api/v1/quotes/bhyt?date=2025-08-01&months=2" -H "$XEM"
check "2 months answers 422 naming months" fields_are '["months"]'

# ---- parameters ----
# results_of FILE MEMBER: the list MEMBER of the JSON in FILE (or standard input).
results_of() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]) if sys.argv[1] != "-" else sys.stdin)[sys.argv[2]]))' "$1" "$2"; }
req GET "/api/v1/params?limit=200" -H "$XEM"
run params list --json
check "GET params equals params list --json" same_json "$(results_of "$WORK/body" results)" "$(printf '%s' "$OUT" | results_of - params)"
ALLPARAMS=$(printf '%s' "$OUT" | results_of - params)
req GET "/api/v1/params?limit=3" -H "$XEM"
check "a page of 3 rows, the total and the next cursor" json_eq '[len(d["results"]), d["total"], d["next"]]' "[3, $(printf '%s' "$ALLPARAMS" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'), \"k3\"]"
req GET "/api/v1/params?limit=3&after=k3" -H "$XEM"
check "the next page is the 4th to 6th rows" same_json "$(results_of "$WORK/body" results)" "$(printf '%s' "$ALLPARAMS" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)[3:6]))')"
req GET "/api/v1/params?family=base_salary" -H "$XEM"
run params list --family base_salary --json
check "with a family" same_json "$(results_of "$WORK/body" results)" "$(printf '%s' "$OUT" | results_of - params)"
printf '%s\n' "$PW" | "$PLUSONE" user add quocgia --role admin --unit 84 --password-stdin >/dev/null
TOP=$(bearer quocgia "$PW")
NEWROW='{"family": "base_salary", "valid_from": "2027-07-01", "value": 2700000, "source": "NĐ thử nghiệm", "status": "law"}'
req POST /api/v1/params -H "$OFFICER" -H "$J" -d "$NEWROW"
check "an officer may not record parameters: 403" is 403
req POST /api/v1/params -H "$ADMIN" -H "$J" -d "$NEWROW"
check "nor an administrator of the district (846 has a parent): 403" is 403
check "saying who may" json_eq '[d["field"], d["message"]]' '["role", "Chỉ quản trị viên của đơn vị cấp cao nhất (không có đơn vị cấp trên) được ghi tham số pháp lý; admin là admin của đơn vị 846"]'
req POST /api/v1/params -H "$ADMIN" -H "$J" -d '{}'
check "refused before the body is read" is 403
req POST /api/v1/params -H "$TOP" -H "$J" -d "$NEWROW"
check "the administrator of the province (no parent) records it: 201" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | grep -q '\"origin\":\"admin\"'"
req POST /api/v1/params -H "$TOP" -H "$J" -d "$NEWROW"
check "the same family, key and date again answers 409" is 409
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "base_salary", "valid_from": "2028-07-01", "value": "2,7 triệu", "source": "NĐ", "status": "law"}'
check "a value that is not a whole number answers 422 naming value" fields_are '["value"]'
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "base_salary", "valid_from": "2028-07-01", "value": 2800000, "source": "NĐ", "status": "maybe"}'
check "an unknown status answers 422 naming status" fields_are '["status"]'
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "poor", "valid_from": "2026-03-01", "valid_to": "2026-02-01"}'
check "an end before the start answers 422 naming valid_to" fields_are '["valid_to"]'
req POST /api/v1/households/1/poverty -H "$LAN" -H "$J" -d '{"status": "poor", "from": "2026-01-01", "to": "2026-12-31"}'
check "the old names from and to: 400 naming from" json_eq "[$RC, d['field']]" '[400, "from"]'
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "base_salary", "valid_from": "2028-07-01", "value": 0, "source": "NĐ", "status": "law"}'
check "base_salary 0 answers 422 naming value" fields_are '["value"]'
check "with its bounds, in Vietnamese" json_eq 'd["errors"][0]["message"]' "Giá trị 0 của tham số base_salary không hợp lệ: phải từ 1000000 đến 20000000"
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "base_salery", "valid_from": "2028-07-01", "value": 2800000, "source": "NĐ", "status": "law"}'
check "an unknown family answers 422 naming family" fields_are '["family"]'
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "bhxh_support_bp", "key": "rich", "valid_from": "2028-07-01", "value": 5000, "source": "NĐ", "status": "law"}'
check "a key outside the family answers 422 naming key" fields_are '["key"]'
req POST /api/v1/params -H "$TOP" -H "$J" -d '{"family": "bhxh_support_bp", "key": "poor", "valid_from": "2028-07-01", "value": 10001, "source": "NĐ", "status": "law"}'
check "a share over 10000 bp answers 422 naming value" fields_are '["value"]'
req POST /api/v1/params -H "$LAN" -H "$J" -d '{"family": "base_salary", "valid_from": "2028-07-01", "value": 2800000, "source": "NĐ", "status": "law"}'
check "a union cadre may not record parameters: 403" is 403
req GET "/api/v1/params?limit=200" -H "$XEM"
run params list --json
check "the new row is listed as the command lists it" same_json "$(results_of "$WORK/body" results)" "$(printf '%s' "$OUT" | results_of - params)"

run check --json
check "every invariant still holds" json_eq '[d["ok"], d["problems"]]' '[true, []]'

# a parameter broken behind plusone's back: quotes answer 422 naming it, never 500
sqlite3 "$PLUSONE_DB" "UPDATE param SET value = 0 WHERE family = 'base_salary' AND valid_from = '2026-07-01'"
req GET "/api/v1/quotes/bhxh?date=2026-12-01&income=1500000&months=1&category=other" -H "$XEM"
check "base_salary = 0 in the database: the BHXH quote answers 422 naming base_salary" fields_are '["base_salary"]'
check "saying the parameter is invalid" has "không hợp lệ"
req GET "/api/v1/quotes/bhyt?date=2026-12-01&months=12" -H "$XEM"
check "the BHYT quote too" fields_are '["base_salary"]'
sqlite3 "$PLUSONE_DB" "UPDATE param SET value = 2530000 WHERE family = 'base_salary' AND valid_from = '2026-07-01'"
serve_stop
check "the server stops with exit 0" [ "$SERVE_RC" -eq 0 ]
