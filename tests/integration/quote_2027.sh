# quote_2027.sh: the rural poverty line of NĐ 351/2025 (2,200,000 đ from
# 2027-01-01) quoted to the dong; a database created before the row was
# shipped gets it from `plusone init`, once, without touching the rows an
# administrator entered; a broken parameter row refuses a quote (exit 2,
# naming the parameter) instead of failing inside.
. "$(dirname "$0")/lib.sh"

run init --json

# category state support/month at the 2,200,000 floor, 1 month, 2027-01-15
while read -r cat s; do
	run quote bhxh --date 2027-01-15 --income 2200000 --months 1 --category "$cat" --json
	check "2027-01-15 at the floor, $cat: gross 484,000, support $s" json_eq '[d["monthly"]["gross"], d["monthly"]["state_support"], d["net"], d["params"]["poverty_line"]]' "[484000, $s, $((484000 - s)), 2200000]"
done <<'V'
poor 242000
near_poor 193600
ethnic_minority 145200
island 242000
other 96800
V
run quote bhxh --date 2027-01-15 --income 2199999 --months 1 --category other
check "2,199,999 on 2027-01-15 exits 2" rc_is 2
check "naming the income and the floor 2.200.000 đ" err_has "income: Thu nhập 2.199.999 đ thấp hơn mức tối thiểu 2.200.000 đ"
run quote bhxh --date 2027-01-15 --income 2199999 --months 1 --category other --lang en
check "in English too" err_has "income 2.199.999 đ is below the minimum 2.200.000 đ"
run quote bhxh --date 2026-12-31 --income 1500000 --months 1 --category poor --json
check "2026-12-31 still at the 1,500,000 floor" json_eq '[d["params"]["poverty_line"], d["monthly"]["gross"], d["monthly"]["state_support"]]' '[1500000, 330000, 165000]'
run quote bhxh --date 2026-12-31 --income 1499999 --months 1 --category poor
check "and 1,499,999 refused on 2026-12-31 naming 1.500.000 đ" bash -c "[ $RC -eq 2 ] && grep -q '1.500.000 đ' '$WORK/err'"

run params list --family poverty_line_rural --json
check "the poverty line rows and their sources" json_eq '[(p["valid_from"], p["value"], p["source"], p["status"]) for p in d["params"]]' '[["2016-01-01", 700000, "QĐ 59/2015/QĐ-TTg", "secondary"], ["2022-01-01", 1500000, "NĐ 07/2021/NĐ-CP, điều 3 khoản 1", "secondary"], ["2026-01-01", 1500000, "NĐ 351/2025/NĐ-CP (30/12/2025)", "secondary"], ["2027-01-01", 2200000, "NĐ 351/2025/NĐ-CP (30/12/2025)", "secondary"]]'
run params list --json
check "no row rests on an unverified article as law: base salary 2026, 90-day lapse, commissions" json_eq '[(p["family"], p["key"], p["status"]) for p in d["params"] if (p["family"], p["valid_from"]) in (("base_salary", "2026-07-01"), ("bhyt_lapse_days", "2025-07-01")) or p["family"] == "commission_bp"]' '[["base_salary", "", "secondary"], ["bhyt_lapse_days", "", "open"], ["commission_bp", "bhxh_m12_cont", "open"], ["commission_bp", "bhxh_m12_new", "open"], ["commission_bp", "bhyt_m12_cont", "open"], ["commission_bp", "bhyt_m12_new", "open"]]'

# ---- a database of the release before: init brings the new rows ----
sqlite3 "$PLUSONE_DB" "DELETE FROM param WHERE family = 'poverty_line_rural' AND valid_from >= '2026-01-01';
UPDATE param SET note = 'giữ nguyên từ 2026 đến khi có nghị định mới (chưa xác nhận)' WHERE family = 'poverty_line_rural' AND valid_from = '2022-01-01';
UPDATE param SET status = 'law', source = 'NĐ 161/2026/NĐ-CP, điều 3 khoản 2' WHERE family = 'base_salary' AND valid_from = '2026-07-01';"
run params add bhxh_fund_rate_ppm --key 2025 --from 2026-01-01 --value 5000 --source "Thông báo thử nghiệm" --status open --json
check "setup: an administrator's row" json_eq 'd["origin"]' admin
run quote bhxh --date 2027-01-15 --income 1500000 --months 1 --category other --json
check "setup: the old database still quotes 2027 at 1,500,000" json_eq 'd["params"]["poverty_line"]' 1500000
run init --json
check "init on the old database writes the 2 new rows and re-sources 2" json_eq '[d["params_changed"], d["migrations_applied"]]' '[4, 0]'
run quote bhxh --date 2027-01-15 --income 2200000 --months 1 --category near_poor --json
check "then 2027 is quoted at the 2,200,000 floor" json_eq '[d["monthly"]["gross"], d["monthly"]["state_support"]]' '[484000, 193600]'
run params list --json
check "the administrator's row is kept as entered" json_eq '[(p["value"], p["source"], p["origin"]) for p in d["params"] if p["family"] == "bhxh_fund_rate_ppm" and p["key"] == "2025"]' '[[5000, "Thông báo thử nghiệm", "admin"]]'
check "the old rows are re-sourced" json_eq '[(p["status"], p["source"]) for p in d["params"] if p["family"] == "base_salary" and p["valid_from"] == "2026-07-01"]' '[["secondary", "NĐ 161/2026/NĐ-CP (điều chưa xác minh)"]]'
run init --json
check "init again changes nothing" json_eq 'd["params_changed"]' 0
check "the audit log records one params.ship per init that wrote" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT group_concat(detail, ' ') FROM audit WHERE action = 'params.ship'\")\" = '{\"rows\":$(sqlite3 "$PLUSONE_DB" "SELECT count(*) FROM param WHERE origin = 'shipped'")} {\"rows\":4}' ]"

# an administrator who entered the 2027 row herself before the release keeps it
sqlite3 "$PLUSONE_DB" "DELETE FROM param WHERE family = 'poverty_line_rural' AND valid_from = '2027-01-01'"
run params add poverty_line_rural --from 2027-01-01 --value 2300000 --source "NĐ 351/2025 (nhập tay)" --status secondary --json
check "setup: her own 2027 row" json_eq '[d["value"], d["origin"]]' '[2300000, "admin"]'
run init --json
check "init leaves her row alone" json_eq 'd["params_changed"]' 0
run params list --family poverty_line_rural --json
check "her value and source stay" json_eq '[(p["value"], p["source"], p["origin"]) for p in d["params"] if p["valid_from"] == "2027-01-01"]' '[[2300000, "NĐ 351/2025 (nhập tay)", "admin"]]'

# ---- a broken row in the database never makes a quote fail inside ----
sqlite3 "$PLUSONE_DB" "UPDATE param SET value = 0 WHERE family = 'base_salary' AND valid_from = '2026-07-01'"
run quote bhxh --date 2026-12-01 --income 1500000 --months 1 --category other
check "base_salary = 0: the quote exits 2" rc_is 2
check "naming the parameter as invalid" err_has "Tham số base_salary áp dụng cho ngày 2026-12-01 không hợp lệ: giá trị 0"
run quote bhyt --date 2026-12-01 --members 1 --months 12
check "the BHYT quote too" bash -c "[ $RC -eq 2 ] && grep -q 'không hợp lệ' '$WORK/err'"
