# money_advance.sh: voluntary BHXH collected in advance (advance_years):
# the discounted amount, the state support of each advance month under
# the 120-month cap, 12 × years months of cover, through `collect` and
# POST /api/v1/collect; a one-year "advance" is the 12-month mode.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add lan --role collector --unit 29350 --password-stdin >/dev/null
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,ethnicity,unit_code,household_code,relation
Nguyễn Thị Lan,1980-01-01,F,Kinh,29350,HGD1,Chủ hộ
Thạch Thị Sa Ly,1975-01-01,F,Khmer,29350,HGD2,Chủ hộ
Trần Văn Hùng,1978-01-01,M,Kinh,29350,HGD3,Chủ hộ
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
"$PLUSONE" household poverty HGD2 --status poor --from 2026-01-01 --to 2026-12-31 >/dev/null
# the fund's rate for 2025 (test value: 0.5 % a month), needed by advances paid in 2026
"$PLUSONE" params add bhxh_fund_rate_ppm --key 2025 --from 2026-01-01 --value 5000 --source "thử nghiệm" --status open >/dev/null

# 2 years in advance on 2026-11-29 at the 1,500,000 floor, category other (20 %):
# Σ_{i=1..24} 330,000 / 1.005^(i−1) = 7,482,975; support 24 × 66,000 = 1,584,000
run_in '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "advance_years": 2}]}' collect --collector lan --date 2026-11-29 --json
check "an advance is collected" rc_is 0
check "its line: 24 months from the month paid, discounted, with 24 months of support" json_eq '[(l["scheme"], l["months"], l["from"], l["to"], l["gross"], l["state_support"], l["local_support"], l["net"]) for l in d["receipt"]["lines"]]' '[["bhxh", 24, "2026-11-01", "2028-10-31", 7482975, 1584000, 0, 5898975]]'
check "the receipt's total is the participant's part" json_eq 'd["receipt"]["total"]' 5898975
check "24 months counted toward the 120" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT supported_months || '/' || category FROM receipt_line WHERE person_id = 1\")\" = 24/other ]"
run participation 1 --date 2027-06-01 --json
check "she is covered in 2027 by the advance" json_eq '[d["state"], d["last_covered"]]' '["active", "2028-10-31"]'

# a poor household (certificate valid on the day): 50 % → 165,000 a month, 5 years
run_in '{"payer": 2, "items": [{"scheme": "bhxh", "person": 2, "income": 1500000, "advance_years": 5}]}' collect --collector lan --date 2026-11-29 --json
check "5 years in advance for a poor household: 17,154,782 less 60 × 165,000" json_eq '[(l["months"], l["gross"], l["state_support"], l["net"], l["to"]) for l in d["receipt"]["lines"]]' '[[60, 17154782, 9900000, 7254782, "2031-10-31"]]'
check "the category derived from her certificate" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT category || '/' || supported_months FROM receipt_line WHERE person_id = 2\")\" = poor/60 ]"

# 110 months already supported: only 10 of the advance are
sqlite3 "$PLUSONE_DB" "UPDATE receipt_line SET supported_months = 110 WHERE person_id = 1"
run_in '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "advance_years": 2}]}' collect --collector lan --date 2026-11-29 --json
check "the 120-month cap: 10 months of support left" json_eq '[(l["from"], l["state_support"], l["net"]) for l in d["receipt"]["lines"]]' '[["2028-11-01", 660000, 6822975]]'
sqlite3 "$PLUSONE_DB" "UPDATE receipt_line SET supported_months = 24 WHERE person_id = 1 AND supported_months = 110"

# refusals
run_in '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 1500000, "advance_years": 1}]}' collect --collector lan --date 2026-11-29
check "one year at once is the 12-month mode: exit 2 naming advance_years" bash -c "[ $RC -eq 2 ] && grep -q 'advance_years' '$WORK/err'"
run_in '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 1500000, "advance_years": 2, "months": 12}]}' collect --collector lan --date 2026-11-29
check "months that disagree with the years: exit 2 naming months" bash -c "[ $RC -eq 2 ] && grep -q 'months' '$WORK/err'"
run_in '{"payer": 3, "items": [{"scheme": "bhyt", "person": 3, "advance_years": 2}]}' collect --collector lan --date 2026-11-29
check "BHYT has no advance: exit 2" rc_is 2
run_in '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 1500000, "advance_years": 2, "months": 24}]}' collect --collector lan --date 2025-03-01
check "without the fund rate of the year before: exit 2, nothing recorded" bash -c "[ $RC -eq 2 ] && [ \"\$(sqlite3 '$PLUSONE_DB' 'SELECT count(*) FROM receipt_line WHERE person_id = 3')\" = 0 ]"
run_in '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 1500000, "advance_years": 2, "months": 24}]}' collect --collector lan --date 2026-11-29 --json
check "months = 12 × years is accepted" json_eq '[(l["months"], l["net"]) for l in d["receipt"]["lines"]]' '[[24, 5898975]]'

# the API collects the same way
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add thu --role collector --unit 29350 --password-stdin >/dev/null
serve_start
THU=$(bearer thu "mật khẩu thu tiền")
J='Content-Type: application/json'
req POST /api/v1/collect/preview -H "$THU" -H "$J" -d '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 2200000, "advance_years": 2}]}'
check "the preview over the API: 2 years at 2,200,000 (g 484,000), 20 % of 22 % × 1,500,000" json_eq '[(l["months"], l["gross"], l["state_support"], l["net"]) for l in d["receipt"]["lines"]]' '[[24, 10975029, 1584000, 9391029]]'
req POST /api/v1/collect/preview -H "$THU" -H "$J" -d '{"payer": 3, "items": [{"scheme": "bhxh", "person": 3, "income": 2200000, "advance_years": 9}]}'
check "9 years answers 422 naming items[0].advance_years" bash -c "[ $RC = 422 ] && printf '%s' '$OUT' | grep -q 'items\[0\].advance_years'"
# a preview whose periods reach 2027 says which rule applied
req POST /api/v1/collect/preview -H "$THU" -H "$J" -d '{"payer": 1, "items": [{"scheme": "bhxh", "person": 1, "income": 1500000, "months": 12}, {"scheme": "bhyt", "person": 1, "months": 12}]}'
check "the preview of a 12-month payment on 2026-11-29: 2026 amounts" json_eq '[(l["scheme"], l["gross"], l["state_support"]) for l in d["receipt"]["lines"]]' '[["bhxh", 3960000, 792000], ["bhyt", 1366200, 0]]'
check "and one note: the 2027 poverty line is not applied" json_eq '[(n["family"], n["valid_from"], n["message"]) for n in d["notes"]]' '[["poverty_line_rural", "2027-01-01", "Số tiền tính theo quy định tại ngày đóng 29/11/2026. Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng (không áp dụng cho lần đóng này)."]]'
req POST /api/v1/collect/preview -H "$THU" -H "$J" -d '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}'
check "a BHYT card alone reaches no change: no note" json_eq 'd["notes"]' '[]'
run check --json
check "every invariant holds" json_eq 'd["ok"]' true
serve_stop
