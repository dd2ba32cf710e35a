# coverage.sh: cover paid outside plusone (online renewals, insurance-
# office lists) recorded by `import coverage`, counted like receipts.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
printf 'mật khẩu thu tiền\n' | "$PLUSONE" user add lan --role collector --unit 29350 --password-stdin >/dev/null
cat >"$WORK/p.csv" <<'CSV'
full_name,dob,sex,cccd,bhxh_code,unit_code,household_code,relation
Nguyễn Thị Lan,1980-01-01,F,084180000001,8400000001,29350,HGD1,Chủ hộ
Trần Văn Hùng,1978-01-01,M,084078000002,,29350,HGD1,Chồng
Trần Thị Mai,2005-01-01,F,,8400000003,29350,HGD1,Con
CSV
"$PLUSONE" import people "$WORK/p.csv" >/dev/null

cat >"$WORK/c.csv" <<'CSV'
Số CCCD,Mã số BHXH,Loại bảo hiểm,Từ ngày,Đến ngày
084180000001,,BHYT,01/01/2026,31/12/2026
,8400000003,bhyt,2026-02-01,2026-07-31
084078000002,,bhxh,2026-01-01,2026-03-31
084180000001,,BHYT,01/06/2026,30/06/2026
099999999999,,bhyt,2026-01-01,2026-12-31
084078000002,,bhyt,2026-05-01,2026-04-01
,,bhyt,2026-01-01,2026-12-31
084078000002,,vàng,2026-01-01,2026-12-31
CSV
run import coverage "$WORK/c.csv" --json
check "every row is accounted for" json_eq 'd' '{"read": 8, "inserted": 3, "updated": 0, "rejected": 5, "blank": 0}'
check "an overlapping period is rejected with its line" bash -c "grep -q ',5,' '$WORK/c.csv.rejects.csv' && grep -q 'Trùng với thời gian đã đóng' '$WORK/c.csv.rejects.csv'"
check "an unknown CCCD is rejected" bash -c "grep -q ',6,' '$WORK/c.csv.rejects.csv'"
run import coverage "$WORK/c.csv" --json
check "importing the same list again records nothing new" json_eq '[d["inserted"], d["updated"], d["rejected"]]' '[0, 3, 5]'
printf 'Loại bảo hiểm,Từ ngày,Đến ngày\nbhyt,2026-01-01,2026-12-31\n' >"$WORK/bad.csv"
run import coverage "$WORK/bad.csv"
check "a list without a CCCD or BHXH column is refused whole" rc_is 2

# imported cover counts: the household's next BHYT member is the 3rd, and
# Lan's renewal continues her card
run_in '{"payer": 2, "items": [{"scheme": "bhyt", "person": 2, "months": 12}]}' collect --collector lan --date 2026-03-01 --json
check "members covered online count for the ordinal" json_eq 'd["receipt"]["lines"][0]["ordinal"]' 3
run_in '{"payer": 1, "items": [{"scheme": "bhyt", "person": 1, "months": 12}]}' collect --collector lan --date 2026-12-20 --json
check "a renewal continues the imported card" json_eq '[d["receipt"]["lines"][0]["from"], d["receipt"]["lines"][0]["to"]]' '["2027-01-01", "2027-12-31"]'
run due --unit 29350 --date 2026-07-15 --days 30 --json
check "imported cover appears in the due list" json_eq '[(x["person"], x["last_covered"]) for x in d["due"] if x["scheme"] == "bhyt"]' '[[3, "2026-07-31"]]'
run check --json
check "check passes with imported cover" json_eq 'd["ok"]' true
