# web_scope_params.sh: query parameters naming units or people answer a
# code or a login outside the caller's units exactly like an unknown one
# (same status, same body but for the code itself), through the API
# (/api/v1/due?unit=, /api/v1/referrals?unit=, /api/v1/receipts?collector=,
# /api/v1/cash?collector=) and the pages (/due, /referrals, /receipts,
# /remit), and never show a name from outside.  On the Tiểu Cần demo
# data: hoi.tieucan is the union cadre of Xã Tiểu Cần (29341), ctv.hieutu
# the collector of Ấp Tân Trung Giồng (29350-01, in Xã Tập Ngãi, 29365),
# hoi.tapngai the union cadre of Xã Tập Ngãi.
. "$(dirname "$0")/lib.sh"

run init --demo
run --json people search "thi" --unit 29350-01 --limit 2
P1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
P1_NAME=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["full_name"])')
P2=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][1]["id"])')
P2_NAME=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][1]["full_name"])')
printf '{"payer":%s,"referred_by":null,"items":[{"scheme":"bhyt","person":%s,"months":12}]}' "$P1" "$P1" |
	"$PLUSONE" collect --collector ctv.hieutu --date 2026-11-20 --json >/dev/null
printf '{"payer":%s,"referred_by":%s,"items":[{"scheme":"bhyt","person":%s,"months":12}]}' "$P2" "$P1" "$P2" |
	"$PLUSONE" collect --collector ctv.hieutu --date 2026-11-21 --json >/dev/null
COLLECTOR_NAME="Võ Thị Ngọc Hiếu"
PW=tieucan2022
serve_start
TC=$(bearer hoi.tieucan "$PW")
TN=$(bearer hoi.tapngai "$PW")
CTV=$(bearer ctv.hieutu "$PW")

# keep NAME: copies the last answer (status, body) aside as NAME
keep() { printf '%s' "$RC" >"$WORK/$1.rc"; cp "$WORK/body" "$WORK/$1.body"; }
# same A VALUE_A B VALUE_B: the answers A and B have the same status and
# the same body once each one's own value (a whole word) and the CSRF
# token are blanked; prints the first difference when not.
same() {
	[ "$(cat "$WORK/$1.rc")" = "$(cat "$WORK/$3.rc")" ] || { echo "# status $(cat "$WORK/$1.rc") vs $(cat "$WORK/$3.rc")"; return 1; }
	python3 - "$WORK/$1.body" "$2" "$WORK/$3.body" "$4" <<'PY'
import re, sys, difflib
def norm(path, v):
    s = open(path, encoding="utf-8").read()
    s = re.sub(r'name="csrf" value="[0-9a-f]*"', "", s)
    s = s.replace("%3D" + v, "%3DVAL")  # in the language switch's return address
    return re.sub(r"(?<![0-9A-Za-z.])" + re.escape(v) + r"(?![0-9A-Za-z])", "VAL", s).splitlines()
a, b = norm(sys.argv[1], sys.argv[2]), norm(sys.argv[3], sys.argv[4])
if a != b:
    for l in list(difflib.unified_diff(a, b, lineterm="", n=0))[:6]:
        print("# " + l[:300])
    sys.exit(1)
PY
}
body_is() { [ "$OUT" = "$1" ] || { echo "# body: $OUT"; return 1; }; }
no_names() { lacks "$P1_NAME" && lacks "$P2_NAME" && lacks "$COLLECTOR_NAME"; }

# ---- the API ----
for ep in due referrals; do
	req GET "/api/v1/$ep?unit=29365" -H "$TC"
	keep out
	check "/api/v1/$ep?unit=29365 (another commune) answers 404 naming the code as unknown" \
		body_is '{"error":"unknown unit code 29365","code":"not_found","message":"Mã đơn vị 29365 không tồn tại","field":"unit"}'
	check "with status 404" is 404
	req GET "/api/v1/$ep?unit=99999" -H "$TC"
	keep unknown
	check "/api/v1/$ep: the same answer as the unknown code 99999" same out 29365 unknown 99999
	req GET "/api/v1/$ep?unit=29350-01" -H "$TC"
	keep out2
	check "/api/v1/$ep: a hamlet of another commune (29350-01) too" same out2 29350-01 unknown 99999
	req GET "/api/v1/$ep?unit=29365" -H "$CTV"
	keep up
	req GET "/api/v1/$ep?unit=99999" -H "$CTV"
	keep upu
	check "/api/v1/$ep: the collector asking for her commune above her hamlet: as for an unknown code" same up 29365 upu 99999
	check "(404)" is 404
	req GET "/api/v1/$ep?unit=29350-01" -H "$TN"
	check "/api/v1/$ep?unit=29350-01 answers 200 to the union cadre of that commune" is 200
done
req GET "/api/v1/referrals?unit=29350-01" -H "$TN"
check "and her 1+1 figures count the hamlet's pair" json_eq 'd["pairs"]' 1
check "naming who brought someone" json_eq 'd["top"][0]["full_name"]' "$P1_NAME"

req GET "/api/v1/receipts?collector=ctv.hieutu" -H "$TC"
keep out
check "/api/v1/receipts?collector= a collector of another commune: 404 as an unknown login" \
	bash -c "[ $RC = 404 ] && [ '$OUT' = '{\"error\":\"no user ctv.hieutu\",\"code\":\"not_found\",\"message\":\"Không có người dùng ctv.hieutu\",\"field\":\"collector\"}' ]"
req GET "/api/v1/receipts?collector=khongco" -H "$TC"
keep unknown
check "the same answer as an unknown login" same out ctv.hieutu unknown khongco
req GET "/api/v1/receipts?collector=ctv.hieutu" -H "$TN"
check "the union cadre of her commune sees her two receipts" json_eq 'len(d["results"])' 2

req GET "/api/v1/cash?collector=ctv.hieutu" -H "$TC"
keep out
check "/api/v1/cash?collector= a collector of another commune: 404 as an unknown login" \
	body_is '{"error":"no user ctv.hieutu","code":"not_found","message":"Không có người dùng ctv.hieutu","field":"collector"}'
check "with status 404" is 404
req GET "/api/v1/cash?collector=khongco" -H "$TC"
keep unknown
check "the same answer as the unknown login khongco" same out ctv.hieutu unknown khongco
req GET "/api/v1/cash?collector=hoi.tapngai" -H "$CTV"
keep up
check "a collector asking for the cash of her commune's cadre: 404, as an unknown login" \
	body_is '{"error":"no user hoi.tapngai","code":"not_found","message":"Không có người dùng hoi.tapngai","field":"collector"}'
req GET "/api/v1/cash?collector=khongco" -H "$CTV"
keep upu
check "the same answer as for an unknown login" same up hoi.tapngai upu khongco
req GET "/api/v1/cash?collector=ctv.hieutu" -H "$TN"
check "the union cadre of her commune sees her cash: 200" json_eq 'd["on_hand"]' 2732400

# ---- the pages ----
: >"$WORK/tc"
page tc POST /login --data-urlencode "username=hoi.tieucan" --data-urlencode "password=$PW"
: >"$WORK/ctv"
page ctv POST /login --data-urlencode "username=ctv.hieutu" --data-urlencode "password=$PW"
: >"$WORK/tn"
page tn POST /login --data-urlencode "username=hoi.tapngai" --data-urlencode "password=$PW"
for ep in due referrals; do
	page tc GET "/$ep?unit=29365"
	keep out
	check "/$ep?unit=29365 (another commune): 404 naming the code as unknown" \
		bash -c "[ $RC = 404 ] && grep -qF '<p class=\"err\" role=\"alert\">Mã đơn vị 29365 không tồn tại</p>' '$WORK/body'"
	check "/$ep: no name from the other commune" no_names
	check "/$ep: nor the commune's name" lacks "Xã Tập Ngãi"
	page tc GET "/$ep?unit=99999"
	keep unknown
	check "/$ep: the same page as the unknown code 99999" same out 29365 unknown 99999
	page tc GET "/$ep?unit=29350-01"
	keep out2
	check "/$ep: a hamlet of another commune (29350-01) too" same out2 29350-01 unknown 99999
	page ctv GET "/$ep?unit=29365"
	keep up
	page ctv GET "/$ep?unit=99999"
	keep upu
	check "/$ep: the collector asking for her commune above her hamlet: the same as unknown" same up 29365 upu 99999
	page tn GET "/$ep?unit=29350-01"
	check "/$ep?unit=29350-01 answers 200 to the union cadre of that commune" is 200
done
page tn GET "/referrals?unit=29350-01"
check "and her 1+1 page names who brought someone in the hamlet" has "$P1_NAME"

page tc GET "/receipts?collector=ctv.hieutu"
keep out
check "/receipts?collector= a collector of another commune: 404, as an unknown login" \
	bash -c "[ $RC = 404 ]"
check "/receipts: neither her full name nor her payers' names" no_names
page tc GET "/receipts?collector=khongco"
keep unknown
check "/receipts: the same page as an unknown login" same out ctv.hieutu unknown khongco
page tn GET "/receipts?collector=ctv.hieutu"
check "the union cadre of her commune sees her receipts and her name" \
	bash -c "[ $RC = 200 ] && grep -qF '$P1_NAME' '$WORK/body' && grep -qF '$COLLECTOR_NAME' '$WORK/body'"

page tc GET "/remit?collector=ctv.hieutu"
keep out
check "/remit?collector= a collector of another commune: 404 as an unknown login" \
	bash -c "[ $RC = 404 ] && grep -qF '<p class=\"err\" role=\"alert\">Không có người dùng ctv.hieutu</p>' '$WORK/body'"
check "/remit: not her full name" no_names
page tc GET "/remit?collector=khongco"
keep unknown
check "/remit: the same page as the unknown login khongco" same out ctv.hieutu unknown khongco
page ctv GET "/remit?collector=hoi.tapngai"
keep up
page ctv GET "/remit?collector=khongco"
keep upu
check "/remit: the collector asking for her commune's cadre: the same as unknown" same up hoi.tapngai upu khongco
page tn GET "/remit?collector=ctv.hieutu"
check "the union cadre of her commune sees her cash on hand and her name" \
	bash -c "[ $RC = 200 ] && grep -qF '$COLLECTOR_NAME' '$WORK/body' && grep -qF '2.732.400 đ' '$WORK/body'"
