# duplicates.sh: namesakes stay two people, end to end: the import lists
# them, `people duplicates` shows the pair, `people merge` keeps both
# histories, `people distinct` closes a pair, and the API answers 409
# with the candidates for a namesake and never overwrites her.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
F="$WORK/p.csv"
cat >"$F" <<'CSV'
full_name,dob,sex,phone,unit_code,household_code,relation,member
Nguyễn Thị Lan,1990,F,,29350,HGD1,Chủ hộ,có
Nguyễn Thị Lan,1990,F,0912000111,29350,,,không
Nguyễn Thị Lan,1990,F,,29365,,,
Trần Thị Mai,1985-02-03,F,,29350,,,
Trần Thị Mai,1985-02-03,F,,29350,,,
CSV
run import people "$F" --json
check "namesakes are inserted and listed" json_eq 'd' '{"read": 5, "inserted": 5, "updated": 0, "rejected": 0, "blank": 0, "possible_duplicates": 2}'
run import people "$F" --json
check "the same file again changes nobody" json_eq 'd' '{"read": 5, "inserted": 0, "updated": 5, "rejected": 0, "blank": 0}'
run people duplicates --json
check "two pairs, each in one unit" json_eq '[(p["older"]["full_name"], p["newer"]["full_name"], p["older"]["unit_code"], p["newer"]["unit_code"]) for p in d["duplicates"]]' '[["Nguyễn Thị Lan", "Nguyễn Thị Lan", "29350", "29350"], ["Trần Thị Mai", "Trần Thị Mai", "29350", "29350"]]'
LAN=$(printf '%s' "$OUT" | python3 -c 'import json,sys; p=json.load(sys.stdin)["duplicates"][0]; print(p["older"]["id"], p["newer"]["id"], p["id"])')
MAI=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["duplicates"][1]["id"])')
set -- $LAN
KEEP=$1 DROP=$2
run people duplicates --unit 29365 --json
check "none in Tập Ngãi" json_eq 'd' '{"duplicates": []}'
run people merge "$KEEP" "$DROP" --json
check "merge: the kept Lan has the phone, her household, stays a member" json_eq '[d["person"]["id"], d["person"]["phone"], d["person"]["household_code"], d["person"]["member"], d["dropped"]]' "[$KEEP, \"0912000111\", \"HGD1\", true, $DROP]"
run people show "$DROP" --json
check "the dropped Lan is gone" rc_is 2
run people merge "$KEEP" "$KEEP"
check "a person is not merged with herself" rc_is 2
run people distinct "$MAI" --json
check "the two Mai are two people" json_eq 'd' "{\"pair\": $MAI, \"status\": \"distinct\"}"
run people duplicates --json
check "no pair left" json_eq 'd' '{"duplicates": []}'
run people distinct "$MAI"
check "a closed pair is not found again" rc_is 2

# over HTTP: a namesake is asked about, never written over
PW='mật khẩu dài'
users_add "$PW" "hoi union 29350" "ngai union 29365"
serve_start
api_login hoi "$PW"
T=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
api_login ngai "$PW"
T2=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
H="Authorization: Bearer $T"
req POST /api/v1/people -H "$H" -d '{"full_name": "Nguyễn Thị Lan", "dob": "1990", "sex": "F", "unit_code": "29350", "member": "không"}'
check "a namesake: 409 with the candidates" json_eq '[d["field"], [c["id"] for c in d["candidates"]], d["candidates"][0]["member"]]' "[\"candidates\", [$KEEP], true]"
check "the status is 409" bash -c "[ '$RC' = 409 ]"
run people show "$KEEP" --json
check "she is still a member" json_eq 'd["member"]' 'true'
req POST /api/v1/people -H "$H" -d '{"full_name": "Nguyễn Thị Lan", "dob": "1990", "sex": "F", "unit_code": "29350", "confirm_new": true}'
check "confirmed: 201, a new person" bash -c "[ '$RC' = 201 ]"
NEW=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
check "a new id" bash -c "[ '$NEW' != '$KEEP' ]"
req POST "/api/v1/people/$KEEP/merge" -H "Authorization: Bearer $T2" -d "{\"merged_id\": $NEW}"
check "merging people of another commune: 404" bash -c "[ '$RC' = 404 ]"
req POST "/api/v1/people/$KEEP/merge" -H "$H" -d '{"merged_id": 999999}'
check "merging a missing person: 404" bash -c "[ '$RC' = 404 ]"
req POST "/api/v1/people/$KEEP/merge" -H "$H" -d "{\"merged_id\": $NEW}"
check "merge over the API" json_eq '[d["person"]["id"], d["merged_id"]]' "[$KEEP, $NEW]"
req GET /api/v1/duplicates -H "$H"
check "nothing left to review" json_eq 'd' '{"results": [], "next": null, "total": 0}'
req GET "/api/v1/duplicates?unit=29350" -H "$H"
check "the old filter name unit: 400 naming it" json_eq "[$RC, d['field']]" '[400, "unit"]'
req GET "/api/v1/duplicates?unit_code=29365" -H "$H"
MISSING_UNIT=$OUT
check "a unit outside her units: 422 naming unit_code" json_eq "[$RC, [x['field'] for x in d['errors']]]" '[422, ["unit_code"]]'
req GET "/api/v1/duplicates?unit_code=99999" -H "$H"
check "answered exactly like an unknown unit (the same message of its code)" bash -c "[ '${MISSING_UNIT//29365/99999}' = '$OUT' ]"
req POST "/api/v1/people/999999/merge" -H "$H" -d '{}'
check "merging into a missing person with an empty body: 404 before the body" bash -c "[ '$RC' = 404 ]"
req POST "/api/v1/people/$KEEP/merge" -H "$H" -d '{"drop": 5}'
check "the old member name drop: 400 naming it" json_eq "[$RC, d['field']]" '[400, "drop"]'
serve_stop
