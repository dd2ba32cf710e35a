# quote.sh: `quote bhxh` and `quote bhyt` on the published vectors, the
# refusals, and a new decree recorded as one parameter row.
. "$(dirname "$0")/lib.sh"

run init --json
check "init loads the shipped parameters" json_eq 'd["params_changed"] > 20' true
run init --json
check "init again changes no parameter" json_eq 'd["params_changed"]' 0

# date income months category gross/month state/month net/month net total
while read -r d inc m cat g s n tn; do
	run quote bhxh --date "$d" --income "$inc" --months "$m" --category "$cat" --json
	check "bhxh $d $inc x$m $cat" json_eq '[d["monthly"]["gross"], d["monthly"]["state_support"], d["monthly"]["net"], d["net"], d["gross"] - d["state_support"] - d["local_support"] == d["net"]]' "[$g, $s, $n, $tn, true]"
done <<'V'
2025-08-01 1500000 1 poor 330000 165000 165000 165000
2025-08-01 1500000 1 near_poor 330000 132000 198000 198000
2025-08-01 1500000 1 ethnic_minority 330000 99000 231000 231000
2025-08-01 1500000 1 other 330000 66000 264000 264000
2025-08-01 1500000 12 other 330000 66000 264000 3168000
2023-03-15 1500000 1 poor 330000 99000 231000 231000
2023-03-15 1500000 1 near_poor 330000 82500 247500 247500
2023-03-15 1500000 1 ethnic_minority 330000 33000 297000 297000
2023-03-15 1500000 1 other 330000 33000 297000 297000
V
run quote bhxh --date 2025-08-01 --income 1500000 --months 12 --category other --json
check "the quote carries the contract's fields and parameters" json_eq '[d["scheme"], d["date"], d["income"], d["months"], d["category"], d["params"]["poverty_line"], d["params"]["base_salary"], d["params"]["ceiling"], d["params"]["rate_bp"], d["params"]["support_bp"], d["state_support"], d["local_support"]]' '["bhxh", "2025-08-01", 1500000, 12, "other", 1500000, 2340000, 46800000, 2200, 2000, 792000, 0]'
run quote bhxh --date 2025-08-01 --income 1499999 --months 1 --category other
check "an income below the floor exits 2" rc_is 2
check "the message states the floor in dong" err_has "1.500.000"
run quote bhxh --date 2026-07-01 --income 50600001 --months 1 --category other
check "an income above the ceiling exits 2 stating it" bash -c "[ $RC -eq 2 ] && grep -q '50.600.000' '$WORK/err'"
run quote bhxh --date 2026-07-01 --income 50600000 --months 1 --category other --json
check "the ceiling itself is allowed" json_eq 'd["monthly"]["gross"]' 11132000
run quote bhxh --date 2025-08-01 --income 1500000 --months 2 --category other
check "2 months is refused" rc_is 2
run quote bhxh --date 2025-08-01 --income 1500000 --months 1 --category rich
check "an unknown category is refused naming it" err_has "rich"

while read -r d k m first amounts total; do
	run quote bhyt --date "$d" --members "$k" --months "$m" --first-ordinal "$first" --json
	check "bhyt $d $k members x$m" json_eq '[",".join(str(p["amount"]) for p in d["per_person"]), d["total"]]' "[\"$amounts\", $total]"
done <<'V'
2025-01-10 5 12 1 1263600,884520,758160,631800,505440 4043520
2025-01-10 1 3 1 315900 315900
2026-09-01 1 12 1 1366200 1366200
V
run quote bhyt --date 2025-01-10 --members 2 --months 12 --first-ordinal 4 --json
check "--first-ordinal continues a household's ordinals" json_eq '[(p["ordinal"], p["amount"]) for p in d["per_person"]]' '[[4, 631800], [5, 505440]]'
check "bhyt params are in the answer" json_eq '[d["params"]["base_salary"], d["params"]["rate_bp"], d["scheme"], d["months"]]' '[2340000, 450, "bhyt", 12]'
run quote bhyt --date 2025-01-10 --members 1 --months 1
check "1 month of BHYT is refused" rc_is 2

# a new decree is one data row
run quote bhyt --date 2027-07-01 --members 1 --months 12 --json
check "before the fictional decree the 2026 base salary applies" json_eq 'd["total"]' 1366200
run params add base_salary --from 2027-07-01 --value 2800000 --source "Nghị định thử nghiệm 2027" --status open --json
check "an admin adds a base salary row" json_eq '[d["family"], d["valid_from"], d["value"], d["origin"]]' '["base_salary", "2027-07-01", 2800000, "admin"]'
run quote bhyt --date 2027-07-01 --members 1 --months 12 --json
check "quotes from that day use it" json_eq '[d["params"]["base_salary"], d["total"]]' '[2800000, 1512000]'
run quote bhyt --date 2027-06-30 --members 1 --months 12 --json
check "the day before does not" json_eq 'd["params"]["base_salary"]' 2530000
run quote bhxh --date 2027-07-01 --income 56000000 --months 1 --category other --json
check "the BHXH ceiling follows the new base salary" json_eq 'd["params"]["ceiling"]' 56000000
run params add base_salary --from 2027-07-01 --value 2900000 --source "lần hai" --status open
check "the same date twice is refused" rc_is 2
run params add base_salary --from 2027-07-01 --value 2900000 --status open
check "a row without a source is refused" rc_is 2
check "the change is in the audit log" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT count(*) FROM audit WHERE action = 'params.add'\")\" = 1 ]"
run init --json
check "init keeps the admin's row" json_eq 'd["params_changed"]' 0
run params list --family base_salary --json
check "params list shows every base salary with its source" json_eq '[(p["valid_from"], p["value"], p["status"]) for p in d["params"]][-2:]' '[["2026-07-01", 2530000, "secondary"], ["2027-07-01", 2800000, "open"]]'
