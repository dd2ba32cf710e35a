# units.sh: the 2025 merge of Tiểu Cần's communes through the command
# line, and head counts that roll old communes up into the new ones.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 846 --name "Huyện Tiểu Cần" --kind district --parent 84 >/dev/null
for c in 29341:town 29344:town 29347 29350 29353 29356 29359 29362 29365 29368 29371; do
	code=${c%%:*}
	kind=commune
	[ "$c" != "$code" ] && kind=${c#*:}
	"$PLUSONE" unit add "$code" --name "Cũ $code" --kind "$kind" --parent 846 >/dev/null
	"$PLUSONE" unit add "$code-01" --name "Ấp $code" --kind hamlet --parent "$code" >/dev/null
done
# one person per hamlet, two in Hiếu Tử
{
	echo "full_name,dob,sex,unit_code"
	for c in 29341 29344 29347 29350 29353 29356 29359 29362 29365 29368 29371; do
		echo "Người $c,1980,F,$c-01"
	done
	echo "Người Hai,1981,F,29350-01"
} >"$WORK/p.csv"
"$PLUSONE" import people "$WORK/p.csv" >/dev/null

run unit reorganize 86 --name "Tỉnh Vĩnh Long" --kind province --date 2025-07-01 --from 84 --json
check "the province merge is recorded" json_eq '[d["code"], d["valid_from"], d["from"]]' '["86", "2025-07-01", ["84"]]'
run unit end 846 --date 2025-07-01 --json
check "the district level ends without a successor" json_eq 'd["valid_to"]' '2025-07-01'
run unit reorganize 29341 --name "Xã Tiểu Cần" --kind commune --parent 86 --date 2025-07-01 --from 29341,29347,29353
check "Tiểu Cần keeps its code" rc_is 0
"$PLUSONE" unit reorganize 29371 --name "Xã Tân Hòa" --kind commune --parent 86 --date 2025-07-01 --from 29356,29371,29344 >/dev/null
"$PLUSONE" unit reorganize 29362 --name "Xã Hùng Hòa" --kind commune --parent 86 --date 2025-07-01 --from 29368,29362,29359 >/dev/null
"$PLUSONE" unit reorganize 29365 --name "Xã Tập Ngãi" --kind commune --parent 86 --date 2025-07-01 --from 29350,29365 >/dev/null
run unit reorganize 29999 --name "Lạ" --kind commune --date 2026-01-01 --from 29350
check "a unit already merged cannot be merged again later" rc_is 2

run unit count --date 2023-01-01 --json
check "2023 shows the 11 old units" json_eq 'len(d["units"])' 11
check "Hiếu Tử had two people in 2023" json_eq '[u["people"] for u in d["units"] if u["code"] == "29350"]' '[2]'
run unit count --date 2026-01-01 --json
check "2026 shows the 4 new communes" json_eq '[(u["code"], u["name"], u["people"]) for u in d["units"]]' \
	'[["29341", "Xã Tiểu Cần", 3], ["29362", "Xã Hùng Hòa", 3], ["29365", "Xã Tập Ngãi", 3], ["29371", "Xã Tân Hòa", 3]]'
run unit count --date 2026-01-01 --kind province --json
check "the new province counts everyone" json_eq '[(u["code"], u["people"]) for u in d["units"]]' '[["86", 12]]'
run people search nguoi --unit 29365 --json
check "a search in the new commune finds the merged communes' people" json_eq 'd["total"]' 3
run unit add 29365-02 --name "Ấp Mới" --kind hamlet --parent 29365 --json
check "a new hamlet hangs under the commune in force today" json_eq 'd["parent_code"]' '29365'
run unit list --date 2026-01-01 --json
check "unit list on a date shows the units in force then" json_eq 'sorted(u["code"] for u in d["units"] if u["kind"] in ("commune", "town"))' '["29341", "29362", "29365", "29371"]'
run unit list --all --json
check "unit list --all keeps the history" json_eq 'len([u for u in d["units"] if u["code"] == "29341"])' 2
run unit list --date 2026-01-01 --json
check "a hamlet of a merged commune shows the commune that stands for its parent" json_eq '[(u["parent_code"], u["current_parent_code"]) for u in d["units"] if u["code"] == "29350-01"]' '[["29350", "29365"]]'
run unit list --all --json
check "an ended unit names its successor" json_eq '[u["successor_code"] for u in d["units"] if u["code"] == "29350"]' '["29365"]'
