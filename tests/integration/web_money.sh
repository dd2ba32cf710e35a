# web_money.sh: the money pages of `plusone serve` driven with curl as a
# browser would (cookie jar, forms with the CSRF field): collecting with a
# preview and a confirmation, the printable receipt (A5 and 58 mm), the
# receipts list, voiding with a confirmation step, remitting, the due list
# with tel: links and reminders, the 1+1 leaderboard, CSRF, scope, the
# security headers and the page sizes.
#
# The amounts a page shows are checked against the command line computing
# the same payment (`plusone collect` on a copy of the database taken just
# before the page confirmed it), so both go through app_collect on the
# same state.  For the record, with the shipped parameters (data/params)
# on 2026-11-29: BHXH 22 % of an income of 1.500.000 đ = 330.000 đ a
# month, state support 20 % of 22 % of the rural poverty line 1.500.000 đ
# = 66.000 đ, so 12 months = 3.960.000 − 792.000 = 3.168.000 đ; BHYT 4,5 %
# of the reference level 2.530.000 đ (NĐ 161/2026, from 2026-07-01) =
# 113.850 đ a month, 12 months 1.366.200 đ for the household's first
# member, 70 % of it (956.340 đ) for the second, 60 % (819.720 đ) for the
# third (Luật BHYT art. 13; docs/huong-dan.md 12.1): 6.310.260 đ in all.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune >/dev/null
PW='mật khẩu thu tiền'
users_add "$PW" "lan collector 29350" "xem viewer 29350" "xa collector 29365"
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation,phone
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350-01,HGD1,Chủ hộ,0912345678
Trần Văn Hùng,1978-01-01,M,Kinh,29350-01,HGD1,Chồng,
Trần Thị Mai,2005-01-01,F,Kinh,29350-01,HGD1,Con,
Thạch Thị Sa Ly,1975-01-01,F,Khmer,29350-01,HGD2,Chủ hộ,0987654321
Lê Văn Xa,1970-01-01,M,Kinh,29365,HGD3,Chủ hộ,
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
# Sa Ly paid one month of BHXH in January, brought in by Lan: due now,
# and a 1+1 pair; Xa paid in his commune, outside Lan's units
printf '{"payer": 4, "referred_by": 1, "items": [{"scheme": "bhxh", "person": 4, "income": 1500000, "months": 1}]}' |
	"$PLUSONE" collect --collector lan --date 2026-01-05 --json >/dev/null
printf '{"payer": 5, "items": [{"scheme": "bhyt", "person": 5, "months": 12}]}' |
	"$PLUSONE" collect --collector xa --date 2026-11-20 --json >"$WORK/xa.json"
XA_RECEIPT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["receipt"]["id"])' "$WORK/xa.json")

serve_start

# a safe HTML page: the three security headers, under 50 KB, no inline
# script or style
safe_page() {
	header "Content-Security-Policy:" && header "X-Content-Type-Options: nosniff" && header "Referrer-Policy:" &&
		[ "$(wc -c <"$WORK/body")" -lt 51200 ] && ! grep -qiE '<script>|<script [^>]*>[^<]|style=|<style' "$WORK/body"
}
# the money of a JSON amount as the pages write it: 1263600 → 1.263.600 đ
vnd() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}".replace(",", ".") + " đ")' "$1"; }

page_login lan lan "$PW"
check "collector logs in with the form" is 303

# ---- collecting ----
page lan GET /collect
check "GET /collect answers 200" is 200
# "Thu cho cả hộ": the household's members who are due, and only them
page lan GET "/collect?household=2"
check "collecting for household HGD2 prefills Sa Ly's BHXH line" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'name=\"person_0\" value=\"4\"' && printf '%s' \"\$0\" | grep -qE 'name=\"scheme_0\"[^>]*><option value=\"bhyt\">[^<]*</option><option value=\"bhxh\" selected' && ! printf '%s' \"\$0\" | grep -q 'name=\"person_1\" value=\"[0-9]'" "$OUT"
page lan GET "/collect?household=1"
check "a household with nobody due says so and prefills no line" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'Không có ai trong hộ đến hạn đóng' && ! printf '%s' \"\$0\" | grep -q 'name=\"person_0\" value=\"[0-9]'" "$OUT"
page lan GET "/collect?household=3"
check "a household outside her units answers 404" is 404
page lan GET /households/2
check "the household page offers Thu cho cả hộ" has 'href="/collect?household=2"'
page lan GET /collect
check "the collect page is safe: CSP, nosniff, Referrer-Policy, < 50 KB, no inline script or style" safe_page
check "it loads money.js and receipt.css" bash -c "printf '%s' \"\$0\" | grep -q 'src=\"/static/money.js\"' && printf '%s' \"\$0\" | grep -q 'href=\"/static/receipt.css\"'" "$OUT"
check "it carries the CSRF field and the live quote endpoint" bash -c "printf '%s' \"\$0\" | grep -q 'name=\"csrf\"' && printf '%s' \"\$0\" | grep -q 'data-quote=\"/api/v1/collect/preview\"'" "$OUT"
TOKEN=$(csrf)
page lan GET "/collect?person=1&q=tran"
check "?person= prefills a line with her name; q= lists people of the caller's units" bash -c "printf '%s' \"\$0\" | grep -q 'name=\"person_0\" value=\"1\"' && printf '%s' \"\$0\" | grep -q 'Nguyễn Thị Lan' && printf '%s' \"\$0\" | grep -q 'person=1&amp;person=2'" "$OUT"
page lan GET "/collect?q=xa"
check "the search never shows people outside the caller's units" lacks "Lê Văn Xa"

FORM=(--data-urlencode "csrf=$TOKEN" --data "person_0=1&scheme_0=bhxh&months_0=12" --data-urlencode "income_0=1.500.000"
	--data "person_1=1&scheme_1=bhyt&months_1=12&person_2=2&scheme_2=bhyt&months_2=12&person_3=3&scheme_3=bhyt&months_3=12"
	--data "person_4=&scheme_4=bhyt&months_4=12&payer=&referred_by=2&method=cash")
page lan POST /collect "${FORM[@]}" --data do=preview
check "Tính / Xem trước renders the server's preview (200) with a confirm button" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -q 'value=\"confirm\"'" "$OUT"
cp "$WORK/body" "$WORK/preview.html"
page lan GET /receipts
check "a preview records nothing" lacks "Q-lan/2"

# what the command line computes for the same payment on the same state
sqlite3 "$PLUSONE_DB" ".backup '$WORK/copy.db'"
printf '{"payer": 1, "referred_by": 2, "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "months": 12}, {"scheme": "bhyt", "person": 1, "months": 12}, {"scheme": "bhyt", "person": 2, "months": 12}, {"scheme": "bhyt", "person": 3, "months": 12}]}' |
	"$PLUSONE" --db "$WORK/copy.db" collect --collector lan --date 2026-11-29 --json >"$WORK/cli.json"
# the amounts of the lines, formatted, in line order: gross state local net, then the total
python3 - "$WORK/cli.json" >"$WORK/want.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["receipt"]
f = lambda v: f"{v:,}".replace(",", ".") + " đ"
for l in r["lines"]:
    print(f(l["gross"]), f(l["state_support"]), f(l["local_support"]), f(l["net"]), sep="|")
print(f(r["total"]))
PY
# the same read from a page: the money cells of the table body, then the total
amounts() {
	python3 - "$1" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
body = html[html.index("<tbody>"):html.index("</tbody>")]
for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
    cells = re.findall(r'<td class="num"[^>]*>(?:<(?:strong|span)[^>]*>)?([^<]*)', row)
    print("|".join(cells))
m = re.search(r'class="(?:money-total|r-total)">[^<]*?(\d[\d.]* đ)', html)
print(m.group(1) if m else "")
PY
}
amounts "$WORK/preview.html" >"$WORK/got_preview.txt"
check "the preview shows exactly the command line's amounts (gross, NSNN, NSĐP, net per line; total)" diff "$WORK/want.txt" "$WORK/got_preview.txt"
check "and they are the hand-computed ones: 3.168.000 + 1.366.200 + 956.340 + 819.720 = 6.310.260 đ" bash -c "[ \"\$(cut -d'|' -f4 '$WORK/want.txt' | tr '\n' ' ')\" = '3.168.000 đ 1.366.200 đ 956.340 đ 819.720 đ 6.310.260 đ ' ]"

page lan POST /collect "${FORM[@]}" --data do=confirm
RECEIPT=$(location)
check "Xác nhận thu answers 303 to the printable receipt" bash -c "[ $RC = 303 ] && [[ '$RECEIPT' =~ ^/receipts/[0-9]+$ ]]"
page lan GET "$RECEIPT"
cp "$WORK/body" "$WORK/receipt.html"
check "the receipt page answers 200 and is safe" bash -c "[ $RC = 200 ]" && check "the receipt page is safe" safe_page
amounts "$WORK/receipt.html" >"$WORK/got_receipt.txt"
check "the receipt shows the command line's exact amounts" diff "$WORK/want.txt" "$WORK/got_receipt.txt"
check "the receipt names the book and serial, the date, payer and collector" bash -c "for s in 'Quyển Q-lan · Số 2' 'Ngày 29/11/2026' 'Nguyễn Thị Lan (số 1' '<dd>lan</dd>' 'BIÊN LAI THU TIỀN'; do grep -qF \"\$s\" '$WORK/receipt.html' || { echo \"# missing \$s\"; exit 1; }; done"
check "the receipt gives the total in words, the payer's unit by name and how to verify" bash -c "for s in 'Bằng chữ: <em>Sáu triệu ba trăm mười nghìn hai trăm sáu mươi đồng</em>' 'Ấp Ô Ét <span class=\"nw\">29350-01</span>' 'Tra cứu: ứng dụng VssID hoặc baohiemxahoi.gov.vn' 'Thẻ có giá trị' 'Ngày sinh 01/01/1980'; do grep -qF \"\$s\" '$WORK/receipt.html' || { echo \"# missing \$s\"; exit 1; }; done"
check "A5 is the default layout with a print button for money.js" bash -c "grep -q 'class=\"receipt-page paper-a5\"' '$WORK/receipt.html' && grep -q 'data-print' '$WORK/receipt.html' && grep -q 'href=\"/static/receipt.css\"' '$WORK/receipt.html'"
page lan GET "$RECEIPT?paper=58"
check "?paper=58 renders the receipt with the thermal class" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -q 'class=\"receipt-page paper-58\"'" "$OUT"
page lan POST /collect "${FORM[@]}" --data do=confirm --data "person_0=99"
check "an unknown person is refused (422) and nothing is recorded" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -q 'role=\"alert\"'" "$OUT"
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "do=preview&person_0=1&scheme_0=bhxh&months_0=12&income_0=1.000"
check "an income below the floor names the bound at its line" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -q '1.500.000' && printf '%s' \"\$0\" | grep -q 'aria-invalid'" "$OUT"

# ---- dates typed and shown dd/mm/yyyy, whatever the phone's language ----
page lan GET /collect
check "the collection date is a text field showing today as 29/11/2026" bash -c "printf '%s' \"\$0\" | grep -qE '<input type=\"text\" inputmode=\"numeric\" id=\"date\" name=\"date\" value=\"29/11/2026\"'" "$OUT"
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "do=preview&person_0=4&scheme_0=bhyt&months_0=3&date=5/11/2026"
check "a date typed 5/11/2026 is read as 5 November 2026" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF '05/11/2026'" "$OUT"
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "do=preview&person_0=4&scheme_0=bhyt&months_0=3&date=30/11/2026"
check "a date after today is refused, the message in dd/mm/yyyy" bash -c "[ $RC = 422 ] && printf '%s' \"\$0\" | grep -qF '30/11/2026' && printf '%s' \"\$0\" | grep -qF '29/11/2026' && ! printf '%s' \"\$0\" | grep -qF '2026-11-30'" "$OUT"
page lan GET "/receipts?from=01/11/2026&to=30/11/2026"
check "the receipts filter takes dd/mm/yyyy and shows it back" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'name=\"from\" value=\"01/11/2026\"' && printf '%s' \"\$0\" | grep -qF 'name=\"to\" value=\"30/11/2026\"'" "$OUT"
page lan GET "/receipts?from=2026-11-01"
check "and ISO dates still, shown dd/mm/yyyy" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'name=\"from\" value=\"01/11/2026\"'" "$OUT"

# ---- the live quote through the API (what money.js calls) ----
page lan POST /api/v1/collect/preview -H "X-CSRF-Token: $TOKEN" -H "Content-Type: application/json" -d '{"payer": 4, "items": [{"scheme": "bhyt", "person": 4, "months": 6}]}'
check "POST /api/v1/collect/preview with the cookie and X-CSRF-Token computes without recording" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -q '\"preview\":true'" "$OUT"
page lan POST /api/v1/collect/preview -H "Content-Type: application/json" -d '{"payer": 3, "items": [{"scheme": "bhyt", "person": 3, "months": 6}]}'
check "without X-CSRF-Token it answers 403" is 403

# ---- receipts list ----
page lan GET /receipts
check "the receipts list answers 200, safe" bash -c "[ $RC = 200 ]" && check "the receipts list is safe" safe_page
check "it lists the caller's units' receipts, newest first" bash -c "printf '%s' \"\$0\" | grep -o 'Q-lan/[0-9]*' | tr '\n' ' ' | grep -q '^Q-lan/2 Q-lan/1 $'" "$OUT"
check "a receipt of another commune is not listed" lacks "Q-xa"
page lan GET "/receipts?from=2026-11-01&to=2026-11-30&collector=lan"
check "filters by date and collector" bash -c "printf '%s' \"\$0\" | grep -q 'Q-lan/2' && ! printf '%s' \"\$0\" | grep -q 'Q-lan/1<'" "$OUT"
page lan GET "/receipts/$XA_RECEIPT"
check "a receipt outside the caller's units answers 404" is 404

# ---- void ----
ID=${RECEIPT#/receipts/}
page lan POST "$RECEIPT/void" --data-urlencode "csrf=$TOKEN" --data-urlencode "reason=ghi nhầm người"
check "voiding asks to confirm first (nothing voided yet)" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -q 'name=\"confirm\" value=\"1\"' && ! printf '%s' \"\$0\" | grep -q 'ĐÃ HỦY'" "$OUT"
page lan POST "$RECEIPT/void" --data-urlencode "csrf=$TOKEN" --data-urlencode "reason=   "
check "a blank reason is refused" is 422
page lan POST "$RECEIPT/void" --data-urlencode "csrf=$TOKEN" --data-urlencode "reason=ghi nhầm người" --data confirm=1
check "confirmed, the receipt is voided (303 back to it)" bash -c "[ $RC = 303 ] && [ '$(location)' = '$RECEIPT' ]"
page lan GET "$RECEIPT"
check "the receipt is marked ĐÃ HỦY with the reason" bash -c "printf '%s' \"\$0\" | grep -q 'ĐÃ HỦY' && printf '%s' \"\$0\" | grep -q 'ghi nhầm người'" "$OUT"
run receipt show "$ID" --json
check "the command line agrees: void" json_eq 'd["receipt"]["void"]' true
page lan POST "$RECEIPT/void" --data-urlencode "csrf=$TOKEN" --data-urlencode "reason=lần hai" --data confirm=1
check "voiding it again is refused (409) with the message on the receipt" bash -c "[ $RC = 409 ] && printf '%s' \"\$0\" | grep -q 'đã bị hủy'" "$OUT"

# ---- remittance ----
page lan POST /collect --data-urlencode "csrf=$TOKEN" --data "do=confirm&person_0=3&scheme_0=bhyt&months_0=12&method=transfer"
check "a second collection by transfer" is 303
SECOND=$(location)
run cash --collector lan --json
ONHAND=$(vnd "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["on_hand"])')")
page lan GET /remit
check "/remit shows the cash on hand as the command line counts it ($ONHAND)" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -q 'id=\"on-hand\">$ONHAND<' && printf '%s' \"\$0\" | grep -q 'action=\"/remit\"'" "$OUT"
check "the remittance page is safe" safe_page
page lan POST /remit
check "remitting without the CSRF field answers 403" is 403
page lan POST /remit --data-urlencode "csrf=$TOKEN"
check "remitting answers 303" is 303
page lan GET "$(location)"
check "the remittance is shown: its id, the amount and the commission" bash -c "printf '%s' \"\$0\" | grep -q 'Mã lần nộp' && printf '%s' \"\$0\" | grep -q '<dd>$ONHAND</dd>' && printf '%s' \"\$0\" | grep -q 'Thù lao thu'" "$OUT"
check "and nothing is on hand any more" has 'id="on-hand">0 đ<'
run cash --collector lan --json
check "the command line agrees: on hand 0" json_eq 'd["on_hand"]' 0
page lan POST "$SECOND/void" --data-urlencode "csrf=$TOKEN" --data-urlencode "reason=muộn" --data confirm=1
check "a remitted receipt cannot be voided (409, said on the page)" bash -c "[ $RC = 409 ] && printf '%s' \"\$0\" | grep -q 'đã nộp'" "$OUT"

# ---- due list, 1+1 ----
page lan GET "/due?days=30"
check "the due list answers 200, safe" bash -c "[ $RC = 200 ]" && check "the due list is safe" safe_page
check "it lists Sa Ly (BHXH ended 31/01/2026) with a tel: link" bash -c "printf '%s' \"\$0\" | grep -q 'href=\"tel:0987654321\"' && printf '%s' \"\$0\" | grep -q '31/01/2026'" "$OUT"
check "with a Vietnamese reminder ready to copy" bash -c "printf '%s' \"\$0\" | grep -q 'Chào chị Sa Ly, kỳ đóng BHXH tự nguyện của chị đã hết ngày 31/01/2026.' && printf '%s' \"\$0\" | grep -q 'data-copy=\"rm-1\"'" "$OUT"
page lan GET /referrals
check "the 1+1 page answers 200, safe" bash -c "[ $RC = 200 ]" && check "the 1+1 page is safe" safe_page
check "its leaderboard names the mobilisers with links to their pages" bash -c "printf '%s' \"\$0\" | grep -q '<a href=\"/people/1\"><span class=\"name\">1. Nguyễn Thị Lan</span>' && printf '%s' \"\$0\" | grep -q '<a href=\"/people/2\">'" "$OUT"
check "with the pairs (Lan brought Sa Ly, Hùng brought Lan) and the longest chain (Hùng → Lan → Sa Ly)" bash -c "printf '%s' \"\$0\" | grep -q '<span class=\"n\">2</span><span class=\"k\">cặp 1+1' && printf '%s' \"\$0\" | grep -q '<span class=\"n\">3</span><span class=\"k\">người trong chuỗi'" "$OUT"

# ---- roles, CSRF, language, assets ----
page lan POST /collect --data "do=confirm&person_0=3&scheme_0=bhyt&months_0=12"
check "a form POST without the CSRF field answers 403" is 403
page_login xem xem "$PW"
page xem GET /collect
check "a viewer may not open the collect page (403)" is 403
page xem GET /receipts
check "a viewer sees the receipts list" is 200
page lan GET /collect -b "plusone_lang=en"
check "English through the plusone_lang cookie" has "Collect a payment"
req GET /static/money.js
# (9 KB: the pages' dates are typed dd/mm/yyyy and sent to the API as ISO)
check "money.js is served and under 9 KB" bash -c "[ $RC = 200 ] && [ \$(wc -c <'$WORK/body') -lt 9216 ] && ! grep -q innerHTML '$WORK/body'"
req GET /static/receipt.css
check "receipt.css is served with the A5 and 58 mm pages" bash -c "[ $RC = 200 ] && grep -q 'size: A5' '$WORK/body' && grep -q '58mm' '$WORK/body'"

# ---- units by name on the money pages' filters ----
page lan GET /due
check "the due list picks units by name, her own selected, none outside" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF '<option value=\"29350\" selected>Xã Hiếu Tử (29350)</option>' && printf '%s' \"\$0\" | grep -qF '<option value=\"29350-01\">Ấp Ô Ét (29350-01)</option>' && ! printf '%s' \"\$0\" | grep -qF 'value=\"29365\"'" "$OUT"
page lan GET "/referrals?unit=29350-01"
check "so does the 1+1 page" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF '<option value=\"29350-01\" selected>Ấp Ô Ét (29350-01)</option>'" "$OUT"
page lan GET "/referrals?q=thach+sa&person=1"
check "the 1+1 name search offers Sa Ly as either side, keeping Lan chosen" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF 'href=\"/referrals?referrer=4&amp;person=1\"' && printf '%s' \"\$0\" | grep -qF 'Nguyễn Thị Lan</span>'" "$OUT"

page lan GET /receipts
check "the receipts filter picks the collector by name: a collector, herself only" bash -c "[ $RC = 200 ] && printf '%s' \"\$0\" | grep -qF '<option value=\"lan\">lan (lan)</option>' && ! printf '%s' \"\$0\" | grep -qF 'value=\"xa\"'" "$OUT"

serve_stop
check "the server stops cleanly" [ "$SERVE_RC" -eq 0 ]
