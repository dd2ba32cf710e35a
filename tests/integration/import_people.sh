# import_people.sh: `import people` on hostile files, end to end.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Tân Trung Giồng" --kind hamlet --parent 29350 >/dev/null

F="$WORK/people.csv"
printf '\xef\xbb\xbfHọ và tên,Ngày sinh,Giới tính,Số CCCD,Mã số BHXH,Số điện thoại,Dân tộc,Mã đơn vị,Mã hộ,Quan hệ với chủ hộ,Hội viên\r\n' >"$F"
printf '"Thạch Thị Sa Rươn",12/03/1978,Nữ,084178000001,,+84 912 000 001,Khmer,29350-01,HGD1,Chủ hộ,có\r\n' >>"$F"
printf 'Nguye\xcc\x82\xcc\x83n  Văn Út ,1955,Nam,,8400000002,,,29350-01,HGD1,Chồng,\r\n' >>"$F"
printf '\r\n' >>"$F"
printf '"Lê Thị\r\nHoa, con",2010-02-30,F,,,,,29350,,,\r\n' >>"$F"
printf 'Trần Thị Bé,2001-01-01,F,084301000003,,,,29350,,,không\r\n' >>"$F"
printf 'Thạch Thị Sa Rươn,12/03/1978,F,084178000001,,,Khmer,29350-01,HGD1,Chủ hộ,có\r\n' >>"$F"

run import people "$F" --json
check "import exits 0" rc_is 0
check "every row is accounted for" json_eq 'd' '{"read": 5, "inserted": 3, "updated": 1, "rejected": 1, "blank": 1}'
check "the reject file keeps the row, its line and the reason" bash -c "grep -q '^\"Lê Thị' '$F.rejects.csv' && grep -q '^Hoa, con\",2010-02-30,F,,,,,29350,,,,5,Ngày sinh (dob): ' '$F.rejects.csv'"
check "the reject file has the line and error columns" bash -c "head -1 '$F.rejects.csv' | grep -q ',line,error'"

run people search "sa ruon" --json
check "search finds the Khmer name without accents" json_eq '[d["total"], d["results"][0]["full_name"], d["results"][0]["phone"], d["results"][0]["household_code"]]' '[1, "Thạch Thị Sa Rươn", "0912000001", "HGD1"]'
check "search results carry the contract's fields" json_eq 'sorted(d["results"][0].keys())' '["bhxh_code", "cccd", "dob", "full_name", "household_code", "id", "phone", "sex", "unit_code"]'
run people search "nguyen ut" --json
check "an NFD name is stored in NFC and found" json_eq '[r["full_name"] for r in d["results"]]' '["Nguyễn Văn Út"]'
check "a year-only date of birth is shown as its first day" json_eq 'd["results"][0]["dob"]' '1955-01-01'
run people search 8400000002 --json
check "ten digits find the mã số BHXH" json_eq 'd["total"]' 1
run people search 084301000003 --json
check "twelve digits find the CCCD" json_eq 'd["results"][0]["full_name"]' 'Trần Thị Bé'
run people search thi --unit 29350-01 --json
check "--unit limits the search to the subtree" json_eq '[r["full_name"] for r in d["results"]]' '["Thạch Thị Sa Rươn"]'
run people search thi --unit 00000
check "an unknown --unit exits 2" rc_is 2
run people search thi --limit 0
check "a limit of 0 exits 2" rc_is 2
run people show 1 --json
check "people show prints the whole person" json_eq '[d["full_name"], d["ethnicity"], d["member"], d["relation"]]' '["Thạch Thị Sa Rươn", "Khmer", true, "Chủ hộ"]'
run people show 999 --json
check "people show of a missing person exits 2" rc_is 2

# refusals: nothing imported
B="$WORK/bad.csv"
printf 'full_name,dob,unit_code\nLan,1980,29350\n' >"$B"
run import people "$B" --json
check "a file without a required column exits 2" rc_is 2
check "the message names the column" err_has "sex"
check "and prints no JSON" out_empty
printf 'full_name,dob,sex,unit_code\nNguy\xe9n,1980,F,29350\n' >"$B"
run import people "$B"
check "a file that is not UTF-8 exits 2" rc_is 2
printf 'full_name,dob,sex,unit_code\nNguy\xd4n V\xa8n L\xa9m,1980,M,29350\n' >"$B"
run import people "$B"
check "a TCVN3 file is refused whole" rc_is 2
check "the refusal names the encoding it looks like" err_has "TCVN3"
run import people "$B" --encoding tcvn3 --json
check "--encoding tcvn3 converts a legacy file" json_eq 'd["inserted"]' 1
run people search "nguyen van lam" --json
check "the converted name is stored in Unicode" json_eq 'd["results"][0]["full_name"]' 'Nguyễn Văn Lâm'
run people search lan --json
run import people "$WORK/nope.csv"
check "a missing file exits 2" rc_is 2
run people search lan --json
check "the refused files imported nothing" json_eq 'd["total"]' 0

# re-running the same file changes no count
run import people "$F" --json
check "importing again inserts nobody" json_eq '[d["inserted"], d["updated"], d["rejected"]]' '[0, 4, 1]'
cp "$F" "$WORK/same.csv"
run import people "$WORK/same.csv" --reject "$WORK/same.csv"
check "the reject file cannot be the input file" rc_is 2
check "and the input is left as it was" cmp -s "$F" "$WORK/same.csv"
check "the reject file can be chosen" bash -c "'$PLUSONE' import people '$F' --reject '$WORK/r.csv' >/dev/null && test -s '$WORK/r.csv'"

# hostile files
H="$WORK/h.csv"
printf 'full_name,dob,sex,unit_code\n' >"$H"
run import people "$H" --json
check "a header-only file imports nothing and says so" json_eq 'd' '{"read": 0, "inserted": 0, "updated": 0, "rejected": 0, "blank": 0}'
printf '\xef\xbb\xbf' >"$H"
run import people "$H"
check "a file with only a byte order mark is refused" rc_is 2
printf '\r\n\n  \n' >"$H"
run import people "$H"
check "a file of blank lines has no header and is refused" rc_is 2
python3 -c "
import sys
w = sys.stdout.write
w('full_name,dob,sex,unit_code\n')
w('A' * 70000 + ',1980,F,29350\n')
w(','.join(['x'] * 200) + '\n')
w('\"Trần \"\"Út\"\" Em\",1980,F,29350\n')
w('Lan\x07Chuông,1980,F,29350\n')
w('\"no end,1980,F,29350\n')
" >"$H"
run import people "$H" --json
check "over-long lines, too many columns and an open quote are rejected, the rest imported" json_eq '[d["read"], d["inserted"], d["rejected"]]' '[5, 2, 3]'
check "the reasons name the limits" bash -c "grep -q ',2,Dòng quá dài (tối đa 65536 byte)' '$H.rejects.csv' && grep -q ',3,Dòng có quá nhiều cột (tối đa 64)' '$H.rejects.csv'"
run people search 'tran ut em' --json
check "doubled quotes inside a quoted name are kept" json_eq 'd["results"][0]["full_name"]' 'Trần "Út" Em'
run people search 'lanchuong' --json
check "control characters are dropped from names" json_eq 'd["results"][0]["full_name"]' 'LanChuông'
