# people_details.sh: poverty certificates, union membership with branch
# and role, and what `people show` tells of them.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Ô Ét" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add CH29350-01 --name "Chi hội Ô Ét" --kind branch --parent 29350-01 >/dev/null
printf 'full_name,dob,sex,unit_code,household_code,relation,member\nKim Thị Sa Ly,1975-02-03,F,29350-01,HGD9,Chủ hộ,có\nSơn Văn Tài,1970,M,29350-01,HGD9,Chồng,không\n' >"$WORK/p.csv"
"$PLUSONE" import people "$WORK/p.csv" >/dev/null

run household poverty HGD9 --status near_poor --from 2022-01-01 --to 2025-12-31 --json
check "a near-poor certificate is recorded" json_eq '[d["status"], d["valid_from"], d["valid_to"]]' '["near_poor", "2022-01-01", "2025-12-31"]'
run household poverty HGD9 --status poor --from 2026-01-01 --to 2026-12-31
check "a poor certificate for 2026 is recorded" rc_is 0
run household poverty HGD9 --status poor --from 2026-01-01 --to 2026-06-30
check "a second certificate starting the same day is refused" rc_is 2
run household poverty HGD9 --status poor --from 2026-05-01 --to 2026-01-01
check "an end before the start is refused" rc_is 2
run household poverty HGD404 --status poor --from 2026-01-01 --to 2026-12-31
check "an unknown household is refused naming it" err_has "HGD404"
run household poverty HGD9 --status rich --from 2026-01-01 --to 2026-12-31
check "an unknown status is refused" err_has "rich"

run people member 1 --branch CH29350-01 --role branch_head --since 2022-03-01 --json
check "membership records the branch and the role" json_eq '[d["branch_code"], d["role"]]' '["CH29350-01", "branch_head"]'
run people member 1 --branch 29350-01
check "a hamlet is not a branch" rc_is 2
run people member 1 --role chief
check "an unknown member role is refused" err_has "chief"
run people member 99 --role member
check "an unknown person is refused" rc_is 2

run people show 1 --json
check "people show tells the membership" json_eq 'd["membership"]' '{"branch_code": "CH29350-01", "role": "branch_head", "since": "2022-03-01"}'
check "people show lists the household's certificates" json_eq '[(c["status"], c["valid_from"]) for c in d["poverty"]]' '[["near_poor", "2022-01-01"], ["poor", "2026-01-01"]]'
check "the status on today's date is the 2026 one" json_eq 'd["poverty_today"]' 'poor'
run people show 2 --json
check "a non-member has no membership" json_eq '[d["member"], d["membership"]]' '[false, null]'
check "the audit log has the certificate and the membership" bash -c "[ \"\$(sqlite3 '$PLUSONE_DB' \"SELECT count(*) FROM audit WHERE action IN ('household.poverty', 'person.membership')\")\" = 3 ]"
