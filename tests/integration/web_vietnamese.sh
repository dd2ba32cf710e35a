# web_vietnamese.sh: no English left in the Vietnamese pages.  On the
# Tiểu Cần demo data with a few receipts (one voided), a remittance and a
# 1+1, web_crawl.py logs in as each demo role (an administrator, an
# insurance officer, two union cadres, a collector, a viewer), visits
# every page it can reach by links, posts every form with wrong values
# (to see the validation errors) and the empty states, and fails on any
# English word or enum value ("cash", "near_poor", "collector", "open"
# ...), raw ISO date or raw JSON in the visible text.  It also checks
# that the crawl reached every HTML page of the route table, and that the
# English interface stays English.
. "$(dirname "$0")/lib.sh"

run init --demo
check "the demo data loads" rc_is 0
# three people of the collector's hamlet, by name
run --json people search "thi" --unit 29350-01 --limit 3
P1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
P2=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][1]["id"])')
P3=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][2]["id"])')
collect() { printf '%s' "$2" | "$PLUSONE" collect --collector ctv.hieutu --date "$1" --json >/dev/null; }
collect 2026-11-20 "{\"payer\":$P1,\"referred_by\":null,\"items\":[{\"scheme\":\"bhyt\",\"person\":$P1,\"months\":12},{\"scheme\":\"bhxh\",\"person\":$P1,\"income\":1500000,\"months\":3}]}"
collect 2026-11-21 "{\"payer\":$P2,\"referred_by\":$P1,\"items\":[{\"scheme\":\"bhyt\",\"person\":$P2,\"months\":12}]}"
"$PLUSONE" remit --collector ctv.hieutu --date 2026-11-22 >/dev/null
collect 2026-11-23 "{\"payer\":$P3,\"referred_by\":null,\"items\":[{\"scheme\":\"bhxh\",\"person\":$P3,\"income\":2000000,\"months\":1}]}"
collect 2026-11-23 "{\"payer\":$P3,\"referred_by\":null,\"items\":[{\"scheme\":\"bhyt\",\"person\":$P3,\"months\":6}]}"
"$PLUSONE" receipt void 4 --reason "ghi nhầm" >/dev/null
"$PLUSONE" referral add "$P3" --by "$P2" >/dev/null
run --json receipt show 4
check "the fixture: four receipts, the fourth voided" json_eq 'd["receipt"]["serial"]' 4

serve_start
START=$(date +%s)
python3 "$(dirname "$0")/web_crawl.py" "$URL" tieucan2022 admin bhxh.tieucan hoi.tapngai hoi.tieucan ctv.hieutu \
	xem.tanhoa >"$WORK/crawl" 2>&1
RC=$?
OUT=$(grep -v '^VISITED\|^PAGES' "$WORK/crawl" | head -40)
check "no English word, enum value, ISO date or JSON in the visible text of any Vietnamese page" rc_is 0
PAGES=$(sed -n 's/^PAGES //p' "$WORK/crawl")
OUT="pages $PAGES"
check "the crawl read more than 150 pages" [ "${PAGES:-0}" -gt 150 ]
# every HTML GET page of the route table (the language switch redirects)
for p in $(sed -n 's/^\t{"GET", "\([^"]*\)", [A-Z_|]*, WF_HTML,.*/\1/p' "$(dirname "$0")/../../src/web/routes.c"); do
	[ "$p" = /lang ] && continue
	grep -qxF "VISITED $p" "$WORK/crawl" || echo "$p" >>"$WORK/missed"
done
OUT=$(cat "$WORK/missed" 2>/dev/null)
check "the crawl visited every HTML page of the route table" [ -z "$OUT" ]
check "the route table has its HTML pages" bash -c "[ \$(grep -c WF_HTML '$(dirname "$0")/../../src/web/routes.c') -gt 25 ]"
OUT=$(( $(date +%s) - START ))
check "the crawl takes less than 20 s" [ "$OUT" -lt 20 ]

# the English interface stays English, the coded values by their English words
: >"$WORK/en"
page en POST /login --data-urlencode "username=admin" --data-urlencode "password=tieucan2022"
page en GET "/lang?to=en&back=/"
page en GET "/audit?action=user.add"
check "in English the audit log says what was done in English" \
	bash -c "[ $RC = 200 ] && grep -qF '<strong>User added</strong> · command line ·' '$WORK/body' && grep -qF '<span class=\"muted\">Role:</span> Collector</li>' '$WORK/body'"
page en GET "/audit?action=user.add"
check "and never in Vietnamese" lacks "Thêm tài khoản"
: >"$WORK/vi"
page vi POST /login --data-urlencode "username=admin" --data-urlencode "password=tieucan2022"
page vi GET "/audit?action=user.add"
check "in Vietnamese: what, who, the role and the unit by their words" \
	bash -c "[ $RC = 200 ] && grep -qF '<strong>Thêm tài khoản</strong> · dòng lệnh ·' '$WORK/body' && grep -qF '<span class=\"muted\">Vai trò:</span> Cộng tác viên</li>' '$WORK/body' && grep -qF '<dt>Đối tượng</dt><dd>Tài khoản <a href=\"/users?edit=5#edit\">ctv.hieutu</a>' '$WORK/body'"
page vi GET "/audit?action=person.update"
check "a filter for one action keeps it selected by its words" has '<option value="person.update" selected>Sửa thông tin người</option>'
