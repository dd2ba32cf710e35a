# quote_more.sh: payments at once (advance, missing time), BHYT card
# dates, and the pension projection, through the command line.
. "$(dirname "$0")/lib.sh"

run init

run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 2 --json
check "a 2-year advance in 2020 uses the 2019 fund rate" json_eq '[d["mode"], d["months"], d["monthly_gross"], d["amount"], d["undiscounted"], d["params"]["fund_rate_ppm"], d["params"]["fund_rate_year"]]' '["advance", 24, 330000, 7496996, 7920000, 4833, 2019]'
check "and carries the support of category other (10 % of 22 % × 700,000) for its 24 months" json_eq '[d["category"], d["monthly_state_support"], d["supported_months"], d["state_support"], d["net"], d["params"]["poverty_line"], d["params"]["support_bp"]]' '["other", 15400, 24, 369600, 7127396, 700000, 1000]'
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 1
check "one year at once is the 12-month mode, not an advance: exit 2" rc_is 2
check "saying so" err_has "advance-years"
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 2 --category poor --supported-months 110 --json
check "a poor household's advance with 110 months already supported: 10 more at 30 % of 22 % × 700,000" json_eq '[d["category"], d["monthly_state_support"], d["supported_months"], d["state_support"], d["net"]]' '["poor", 46200, 10, 462000, 7034996]'
run quote bhxh --date 2020-03-01 --income 1500000 --missing-months 12 --category poor
check "the missing time takes no category" rc_is 2
run quote bhxh --date 2025-03-01 --income 1500000 --advance-years 2
check "an advance is refused when the fund rate of the year before is missing" rc_is 2
check "the refusal names the year" err_has "2024"
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 6
check "more than 5 years in advance is refused" rc_is 2
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 2 --missing-months 3
check "advance and missing time together are refused" rc_is 2
"$PLUSONE" params add bhxh_fund_rate_ppm --key 2024 --from 2025-01-01 --value 4833 --source "thử nghiệm" --status open >/dev/null
run quote bhxh --date 2025-08-01 --income 1500000 --missing-months 60 --json
check "the missing-time lump sum is compounded" json_eq '[d["mode"], d["months"], d["amount"], d["undiscounted"]]' '["missing_time", 60, 23016625, 19800000]'
run quote bhxh --date 2025-08-01 --income 1500000 --missing-months 61
check "more than 60 missing months from 2025-07-01 is refused" rc_is 2
run quote bhxh --date 2025-06-30 --income 1500000 --missing-months 61 --json
check "before 2025-07-01 up to 120 missing months were allowed" json_eq 'd["months"]' 61

run quote bhyt --date 2025-08-01 --members 1 --months 12 --first-time --json
check "a first card is valid 30 days after paying" json_eq 'd["card"]' '{"from": "2025-08-31", "to": "2026-08-30", "continuous": false}'
run quote bhyt --date 2026-01-10 --members 1 --months 12 --previous-end 2025-12-31 --json
check "a continuing card starts the day after the old one" json_eq 'd["card"]' '{"from": "2026-01-01", "to": "2026-12-31", "continuous": true}'
run quote bhyt --date 2026-03-31 --members 1 --months 3 --previous-end 2025-12-31 --json
check "a gap of 89 days keeps the card continuous" json_eq 'd["card"]["continuous"]' true
run quote bhyt --date 2026-04-01 --members 1 --months 3 --previous-end 2025-12-31 --json
check "a gap of 90 days means a new 30-day wait" json_eq 'd["card"]' '{"from": "2026-05-01", "to": "2026-07-31", "continuous": false}'
run quote bhyt --date 2025-01-10 --members 1 --months 12 --json
check "without card flags the answer keeps the contract's shape" json_eq '"card" in d' false

run project pension --dob 1980-05-10 --sex F --income 3000000 --months-from-2014 60 --months-planned 180 --json
check "a woman born 1980 retires at 60 with 20 years: 55 %" json_eq '[d["retirement_date"], d["retirement_age"], d["contribution_months"], d["eligible"], d["rate_bp"], d["monthly_pension"], d["one_time"]]' '["2040-05-10", {"years": 60, "months": 0}, 240, true, 5500, 1650000, 120000000]'
run project pension --dob 1961-01-15 --sex M --income 2000000 --months-from-2014 100 --json
check "a man born in January 1961 retired at 60 years 3 months" json_eq '[d["retirement_age"], d["eligible"], d["years_needed"]]' '[{"years": 60, "months": 3}, false, 20]'
run project pension --dob 1990-01-01 --sex X --income 2000000
check "an unknown sex is refused" rc_is 2
run quote bhxh --date 2020-03-01 --income 1500000 --advance-years 2 --months 12
check "a payment at once refuses the period flags it would ignore" rc_is 2
run project pension --dob 1980-05-10 --sex Nữ --income 3000000 --months-planned 180 --json
check "project pension takes Nữ as well as F" json_eq 'd["retirement_age"]' '{"years": 60, "months": 0}'
