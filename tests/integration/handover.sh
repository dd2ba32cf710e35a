# handover.sh: the money after collection over HTTP: the collectors'
# cash as the officer sees it, the remittances and their bảng kê, the
# officer's confirmation (once, officer only, inside her units), the
# collection point settings, and full names set through the users page.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
PW='mật khẩu thu tiền'
users_add "$PW" "root admin 84" "adm admin 29350" "canbo officer 29350" "canbo2 officer 29365" "hoi union 29350" "xa collector 29365"
printf '%s\n' "$PW" | "$PLUSONE" user add lan --role collector --unit 29350-01 --full-name 'Võ Thị Ngọc Lan' --password-stdin >/dev/null
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,bhxh_code,unit_code,household_code
Nguyễn Thị Ái,1988-09-23,F,8400037247,29350-01,HGD1
Trần Thị Bé,1985-01-01,F,,29350-01,HGD2
Lê Thị Xa,1970-01-01,F,,29365,HGD3
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
printf '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}' |
	"$PLUSONE" collect --collector lan --date 2026-11-29 --json >/dev/null
printf '{"payer": 2, "items": [{"scheme": "bhyt", "person": 2, "months": 6}]}' |
	"$PLUSONE" collect --collector lan --date 2026-11-29 --json >/dev/null
printf '{"payer": 3, "items": [{"scheme": "bhyt", "person": 3, "months": 12}]}' |
	"$PLUSONE" collect --collector xa --date 2026-11-29 --json >/dev/null
"$PLUSONE" remit --collector lan --date 2026-11-29 --json >/dev/null # remittance 1: 1.366.200 + 683.100
"$PLUSONE" remit --collector xa --date 2026-11-29 --json >/dev/null  # remittance 2, outside 29350

serve_start --log off
CANBO=$(bearer canbo "$PW")
CANBO2=$(bearer canbo2 "$PW")
LAN=$(bearer lan "$PW")
HOI=$(bearer hoi "$PW")
ROOT=$(bearer root "$PW")
ADM=$(bearer adm "$PW")

# ---- the officer's view
req GET /api/v1/collectors -H "$CANBO"
check "the officer sees the collectors of her units and their cash" json_eq '[[c["username"], c["full_name"], c["unit_code"], c["receipts"], c["collected"], c["remitted"], c["on_hand"]] for c in d["results"]]' '[["lan", "Võ Thị Ngọc Lan", "29350-01", 2, 2049300, 2049300, 0]]'
req GET /api/v1/collectors -H "$LAN"
check "a collector may not list collectors" is 403
req GET /api/v1/remittances -H "$CANBO"
check "the remittances of her units, with their state" json_eq '[[r["id"], r["collector"], r["collector_name"], r["receipts"], r["amount"], r["confirmed"], r["confirmed_by"]] for r in d["results"]] + [d["next"]]' '[[1, "lan", "Võ Thị Ngọc Lan", 2, 2049300, false, null], null]'
req GET /api/v1/remittances/1 -H "$CANBO"
check "a remittance lists its receipts by serial (the bảng kê)" json_eq '[[i["book"], i["serial"], i["payer_name"], i["amount"]] for i in d["items"]]' '[["Q-lan", 1, "Nguyễn Thị Ái", 1366200], ["Q-lan", 2, "Trần Thị Bé", 683100]]'
req GET /api/v1/remittances/2 -H "$CANBO"
check "a remittance outside her units answers 404" is 404

# ---- confirmation: officer only, inside her units, once
req POST /api/v1/remittances/1/confirm -H "$HOI"
check "a union cadre may not confirm" is 403
req POST /api/v1/remittances/1/confirm -H "$CANBO2"
check "an officer of another commune gets 404" is 404
req POST /api/v1/remittances/1/confirm -H "$CANBO2" -d '{"note": 1}'
check "whatever the body (404 before the 400 of an unknown member)" is 404
req POST /api/v1/remittances/1/confirm -H "$CANBO" -d '{"note": 1}'
check "a member in the body answers 400 naming it, and confirms nothing" json_eq '[d["code"], d["field"]]' '["bad_request", "note"]'
req POST /api/v1/remittances/1/confirm -H "$CANBO"
check "the officer confirms: 200 with who and when" json_eq '[d["remittance"]["confirmed"], d["remittance"]["confirmed_by"], len(d["remittance"]["confirmed_at"])]' '[true, "canbo", 20]'
req POST /api/v1/remittances/1/confirm -H "$CANBO"
check "confirming again answers 409" is 409
check "the confirmation is audited once" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT count(*) || ' ' || detail FROM audit WHERE action='remittance.confirm'\")\" = '1 {\"amount\":2049300,\"collector\":\"lan\",\"receipts\":2}' ]"
req GET /api/v1/remittances -H "$LAN"
check "the collector sees her remittance confirmed" json_eq '[[r["id"], r["confirmed_by"]] for r in d["results"]]' '[[1, "canbo"]]'

# ---- the printable bảng kê
page_login jar canbo "$PW"
page jar GET /remittances/1
check "the bảng kê page lists the receipts, the total in numbers and words, signatures" bash -c "[ $RC = 200 ] && for s in 'BẢNG KÊ BIÊN LAI THU TIỀN' 'Q-lan' 'Trần Thị Bé' '2.049.300 đ' 'Hai triệu không trăm bốn mươi chín nghìn ba trăm đồng' 'Người nhận tiền (cán bộ BHXH)' 'Đã xác nhận nhận tiền: canbo'; do printf '%s' \"\$0\" | grep -qF \"\$s\" || { echo \"# missing \$s\"; exit 1; }; done" "$OUT"
page jar GET /remittances
check "the hand-over page shows each collector's cash" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'Võ Thị Ngọc Lan' && printf '%s' \"\$0\" | grep -qF 'Ấp Ô Ét'" "$OUT"

# ---- the collection point
req PATCH /api/v1/settings/point -H "$ADM" -d '{"name": "Điểm thu"}'
check "an admin below the top of the tree may not set the collection point" is 403
req PATCH /api/v1/settings/point -H "$ROOT" -d '{"name": "  Điểm thu  Hội LHPN ", "code": "TV-01", "address": "Ấp Ô Ét"}'
check "the top admin sets it, cleaned" json_eq '[d["name"], d["code"], d["address"]]' '["Điểm thu Hội LHPN", "TV-01", "Ấp Ô Ét"]'
req PATCH /api/v1/settings/point -H "$ROOT" -d '{"code": 7}'
check "a code that is not text answers 422 on code" json_eq '[e["field"] for e in d["errors"]]' '["code"]'
req GET /api/v1/settings/point -H "$LAN"
check "every role reads it" json_eq '[d["name"], d["code"]]' '["Điểm thu Hội LHPN", "TV-01"]'
page_login rjar root "$PW"
page rjar GET /receipts/1
check "the receipt prints the collection point and the collector's full name" bash -c "[ $RC = 200 ] && for s in 'Điểm thu Hội LHPN' 'Mã điểm thu: TV-01' 'Võ Thị Ngọc Lan' 'Mã số BHXH 8400037247' 'Ngày sinh 23/09/1988'; do printf '%s' \"\$0\" | grep -qF \"\$s\" || { echo \"# missing \$s\"; exit 1; }; done" "$OUT"

# ---- full names through the users page
page rjar GET /users
TOKEN=$(csrf)
page rjar POST "/users/2" --data-urlencode "csrf=$TOKEN" --data-urlencode "role=admin" --data-urlencode "unit_code=29350" --data-urlencode "full_name=Trần Văn Hùng"
check "the users page saves a full name" bash -c "[ $RC = 303 ] && [ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT full_name FROM app_user WHERE username='adm'\")\" = 'Trần Văn Hùng' ]"

serve_stop
check "the server stops with exit 0" [ "$SERVE_RC" -eq 0 ]
