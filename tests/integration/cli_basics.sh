# cli_basics.sh: init, unit add/list, user add: the contract's exit codes,
# messages and JSON.
. "$(dirname "$0")/lib.sh"

run init --json
check "init creates the database" rc_is 0
check "init --json reports the schema" json_eq 'd["migrations_applied"] >= 1 and d["schema_version"] == d["migrations_applied"]' true
run init --json
check "init again changes nothing" json_eq 'd["migrations_applied"]' 0

run unit add 84 --name "Tỉnh Trà Vinh" --kind province --json
check "unit add prints the unit" json_eq '[d["code"], d["name"], d["kind"], d["parent_code"]]' '["84", "Tỉnh Trà Vinh", "province", null]'
run unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84
check "unit add with a parent" rc_is 0
run unit add 29350 --name "Trùng" --kind commune --parent 84
check "a duplicate unit code exits 2" rc_is 2
check "the message names the code" err_has "29350"
run unit add 29999 --name "Lạ" --kind village --parent 84
check "an unknown kind exits 2 naming the kind" bash -c '[ '$RC' -eq 2 ] && grep -q village "'$WORK'/err"'
run unit add 29999 --name "Lạ" --kind commune --parent 12345
check "an unknown parent exits 2" rc_is 2
check "the message names the parent" err_has "12345"
run unit add 29998 --kind commune
check "a missing --name exits 2" rc_is 2
check "nothing on stdout when refused" out_empty
run unit list --json
check "unit list shows both units" json_eq '[u["code"] for u in d["units"]]' '["29350", "84"]'

run_in $'mật khẩu bí mật\n' user add lan --role collector --unit 29350 --password-stdin --json
check "user add reads the password from stdin" json_eq '[d["username"], d["role"], d["unit_code"]]' '["lan", "collector", "29350"]'
run_in $'mật khẩu bí mật\n' user add lan --role collector --unit 29350 --password-stdin
check "a taken username exits 2" rc_is 2
run_in $'mật khẩu bí mật\n' user add hieu --role collector --unit 29350 --full-name 'Võ  Thị Ngọc Hiếu' --password-stdin --json
check "user add --full-name stores the name cleaned" json_eq '[d["username"], d["full_name"]]' '["hieu", "Võ Thị Ngọc Hiếu"]'
run_in $'mật khẩu bí mật\n' user add hieu2 --role collector --unit 29350 --full-name "$(printf 'a%.0s' $(seq 201))" --password-stdin
check "a full name over 200 bytes exits 2" rc_is 2
check "the message names --full-name" err_has "full-name"
run_in $'mật khẩu bí mật\n' user add mai --role chief --unit 29350 --password-stdin
check "an unknown role exits 2" rc_is 2
check "the message names the role" err_has "chief"
run_in $'ngắn\n' user add mai --role union --unit 29350 --password-stdin
check "a short password exits 2" rc_is 2
run_in $'mật khẩu bí mật\n' user add mai --role union --unit 00000 --password-stdin
check "an unknown unit exits 2" rc_is 2
check "the password is stored as argon2id" bash -c "sqlite3 '$PLUSONE_DB' \"SELECT pass_hash FROM app_user WHERE username='lan'\" | grep -q '^\\\$argon2id\\\$'"

run frobnicate
check "an unknown command exits 2" rc_is 2
run unit add 1 --name x --kind commune --bogus
check "an unknown flag exits 2 naming it" err_has "--bogus"
run --lang en unit add 29350 --name x --kind commune
check "--lang en gives English messages" err_has "already in use"
run people search lan --db "$WORK/none.db"
check "a missing database exits 2" rc_is 2
check "it says to run init" err_has "init"
