# web_collect_rules.sh: the collection page (GET/POST /collect, no
# script) on 20/12/2026, three weeks before the rural poverty line rises
# to 2.200.000 đ (NĐ 351/2025, from 01/01/2027): the review of a payment
# whose period reaches 2027 says which rule applied (the preview API's
# "notes", the same sentences), and so does the printed receipt; BHXH
# paid 2 years in advance is offered beside 1/3/6/12 months, refused at
# its line while the fund rate of 2025 is not recorded, and once it is,
# gives exactly what `plusone quote bhxh --advance-years 2` computes.
#
# By hand: 12 months at 1.500.000 đ on 20/12/2026: 330.000 × 12 =
# 3.960.000 − 66.000 × 12 = 3.168.000 đ.  2 years in advance at a fund
# rate of 0,5 %/month (test value): Σ_{i=1..24} 330.000 / 1,005^(i−1) =
# 7.482.975 đ less 24 × 66.000 = 1.584.000 đ (category other) =
# 5.898.975 đ; for an ethnic-minority participant 24 × 99.000 (30 %) =
# 2.376.000 đ, net 5.106.975 đ.
. "$(dirname "$0")/lib.sh"
export PLUSONE_TODAY=2026-12-20

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
PW='mật khẩu thu tiền'
users_add "$PW" "lan collector 29350"
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350,HGD1,Chủ hộ
Thạch Thị Sa Ly,1975-01-01,F,Khmer,29350,HGD2,Chủ hộ
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
serve_start
page_login lan lan "$PW"
page lan GET /collect
TOKEN=$(csrf)
check "the form offers the advance of 2 to 5 years beside the months" bash -c "printf '%s' \"\$0\" | grep -qF '<optgroup label=\"BHXH tự nguyện đóng trước (có chiết khấu)\"><option value=\"24\">Đóng trước 2 năm</option><option value=\"36\">Đóng trước 3 năm</option><option value=\"48\">Đóng trước 4 năm</option><option value=\"60\">Đóng trước 5 năm</option></optgroup>'" "$OUT"

NOTE='Số tiền tính theo quy định tại ngày đóng 20/12/2026. Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng (không áp dụng cho lần đóng này).'
# the money cells of the lines and the notes of a page, one line each
cells() {
	python3 - "$WORK/body" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
body = t[t.index("<tbody>"):t.index("</tbody>")] if "<tbody>" in t else ""
for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
    print("|".join(re.findall(r'<td class="num"[^>]*>(?:<(?:strong|span)[^>]*>)?([^<]*)', row)))
for ul in re.findall(r'<(?:section class="notice" id="review-notes"|ul class="r-notes")[^>]*>(.*?)</(?:section|ul)>', t, re.S):
    for li in re.findall(r"<li>(.*?)</li>", ul, re.S):
        print("note: " + html.unescape(li))
PY
}

# ---- 12 months on 20/12/2026: the review says the 2027 line is not applied ----
F12=(--data-urlencode "csrf=$TOKEN" --data "person_0=1&scheme_0=bhxh&months_0=12" --data-urlencode "income_0=1.500.000"
	--data "payer=&referred_by=&method=cash" --data-urlencode "date=20/12/2026")
page lan POST /collect "${F12[@]}" --data do=preview
cells >"$WORK/got12.txt"
printf '%s\n' '3.960.000 đ|792.000 đ|0 đ|3.168.000 đ' "note: $NOTE" >"$WORK/want12.txt"
check "the review of 12 months BHXH on 20/12/2026: 2026 amounts and the note of 01/01/2027" bash -c "[ $RC = 200 ] && diff '$WORK/want12.txt' '$WORK/got12.txt'"
check "the note has its heading" has 'Quy định thay đổi trong kỳ đóng'
J='Content-Type: application/json'
LAN=$(bearer lan "$PW")
req POST /api/v1/collect/preview -H "$LAN" -H "$J" -d '{"payer": 1, "date": "2026-12-20", "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "months": 12}]}'
check "the live quote (the preview API money.js reads) gives the same note" json_eq '[n["message"] for n in d["notes"]]' "[\"$NOTE\"]"
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "person_0=1&scheme_0=bhxh&months_0=1&payer=&method=cash" --data-urlencode "income_0=1.500.000" --data-urlencode "date=20/12/2026" --data do=preview
check "one month (to 31/12/2026) reaches no change: no note" bash -c "[ $RC = 200 ] && ! printf '%s' \"\$0\" | grep -q 'review-notes'" "$OUT"

# ---- the advance: refused without the 2025 fund rate, at its line ----
FADV=(--data-urlencode "csrf=$TOKEN" --data "person_0=1&scheme_0=bhxh&months_0=24&person_1=2&scheme_1=bhxh&months_1=24"
	--data-urlencode "income_0=1.500.000" --data-urlencode "income_1=1.500.000"
	--data "payer=1&referred_by=&method=cash" --data-urlencode "date=20/12/2026")
page lan POST /collect "${FADV[@]}" --data do=preview
check "2 years in advance without the 2025 fund rate: 422, the reason at line 1, its choice kept and marked" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -qF '<p class=\"ferr\">Chưa có lãi suất đầu tư quỹ BHXH năm 2025 (cần cho khoản đóng ngày 20/12/2026): quản trị viên cần nhập khi BHXH Việt Nam công bố</p>' && printf '%s' \"\$0\" | grep -qF 'name=\"months_0\" aria-invalid=\"true\"' && printf '%s' \"\$0\" | grep -qF '<option value=\"24\" selected>Đóng trước 2 năm'" "$OUT"
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "person_0=1&scheme_0=bhyt&months_0=24&payer=&method=cash" --data-urlencode "date=20/12/2026" --data do=preview
check "BHYT has no advance: 422 with the reason at the line" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -qF 'Chỉ BHXH tự nguyện được đóng trước nhiều năm; BHYT hộ gia đình chọn 3, 6 hoặc 12 tháng.'" "$OUT"

# ---- with the rate recorded: the command line's quote, exactly ----
"$PLUSONE" params add bhxh_fund_rate_ppm --key 2025 --from 2026-01-01 --value 5000 --source "thử nghiệm" --status open >/dev/null
vnd() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}".replace(",", ".") + " đ")' "$1"; }
: >"$WORK/wantadv.txt"
for cat in other ethnic_minority; do
	"$PLUSONE" quote bhxh --date 2026-12-20 --income 1500000 --advance-years 2 --category $cat --json >"$WORK/q.json"
	python3 - "$WORK/q.json" >>"$WORK/wantadv.txt" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
f = lambda v: f"{v:,}".replace(",", ".") + " đ"
print(f(q["amount"]), f(q["state_support"]), f(0), f(q["net"]), sep="|")
PY
done
check "the command line's quotes are the hand-computed ones" bash -c "[ \"\$(tr '\n' ' ' <'$WORK/wantadv.txt')\" = '7.482.975 đ|1.584.000 đ|0 đ|5.898.975 đ 7.482.975 đ|2.376.000 đ|0 đ|5.106.975 đ ' ]"
printf '%s\n' "note: $NOTE" >>"$WORK/wantadv.txt"
page lan POST /collect "${FADV[@]}" --data do=preview
cells >"$WORK/gotadv.txt"
check "the review of 2 years in advance: the quote's discounted amount, state support and net for each, and the note" bash -c "[ $RC = 200 ] && diff '$WORK/wantadv.txt' '$WORK/gotadv.txt'"
check "the review names the advance and its 24 months from 01/12/2026" bash -c "printf '%s' \"\$0\" | grep -qF '01/12/2026 – 30/11/2028 (24 tháng)<br>Đóng trước 2 năm' && printf '%s' \"\$0\" | grep -qF 'name=\"months_0\" value=\"24\"'" "$OUT"
check "the total to collect is 5.898.975 + 5.106.975 = 11.005.950 đ" has 'Số tiền thu: 11.005.950 đ'
page lan POST /collect "${FADV[@]}" --data do=confirm
RECEIPT=$(location)
check "confirming the advance answers 303 to the receipt" bash -c "[ $RC = 303 ] && [[ '$RECEIPT' =~ ^/receipts/[0-9]+$ ]]"
page lan GET "$RECEIPT"
cells >"$WORK/gotrec.txt"
check "the printed receipt: the same amounts and the note" diff "$WORK/wantadv.txt" "$WORK/gotrec.txt"
page lan GET "$RECEIPT?paper=58"
cells >"$WORK/got58.txt"
check "the 58 mm receipt: the same amounts, without the note (one page)" bash -c "[ \"\$(cat '$WORK/got58.txt')\" = \"\$(head -2 '$WORK/wantadv.txt')\" ]"
req POST /api/v1/collect/preview -H "$LAN" -H "$J" -d '{"payer": 1, "date": "2026-12-20", "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "advance_years": 2}]}'
check "the preview API (what money.js sends) agrees: gross, support, net of the next 24 months" json_eq '[(l["from"], l["gross"], l["state_support"], l["net"]) for l in d["receipt"]["lines"]]' '[["2028-12-01", 7482975, 1584000, 5898975]]'
run check --json
check "every invariant holds" json_eq 'd["ok"]' true
serve_stop
