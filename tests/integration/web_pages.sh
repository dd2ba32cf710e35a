# web_pages.sh: the HTML pages of `plusone serve` driven with curl as a
# browser would (cookie jar, forms with the CSRF field): login, the
# dashboard's figures, search, escaping, adding and editing a person,
# the audit log, CSRF, scope, the security headers, page sizes and the
# language switch.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
PW='mật khẩu dài'
users_add "$PW" "lan union 29350" "quantri admin 29350" "xem viewer 29350"
cat >"$WORK/p.csv" <<'EOF'
full_name,dob,sex,cccd,unit_code,household_code,relation,member
Nguyễn Thị Lan,1980-01-01,F,084180000001,29350,HT-01,chủ hộ,có
Nguyễn Văn Hùng,1978-05-05,M,,29350,HT-01,chồng,không
Trần Thị Bé,1990-02-03,F,,29350,HT-02,chủ hộ,có
<img src=x onerror=alert(1)>,1985,F,,29350,,,không
Lê Văn Xa,1970-01-01,M,,29365,,,không
EOF
"$PLUSONE" import people "$WORK/p.csv" >/dev/null
# two receipts today (2026-11-29): 3.114.540 đ and 1.366.200 đ, one BHXH participant
printf '{"payer":1,"referred_by":null,"items":[{"scheme":"bhyt","person":1,"months":12},{"scheme":"bhyt","person":2,"months":12},{"scheme":"bhxh","person":1,"income":1500000,"months":3}]}' |
	"$PLUSONE" collect --collector lan --date 2026-11-29 --json >/dev/null
printf '{"payer":3,"referred_by":1,"items":[{"scheme":"bhyt","person":3,"months":12}]}' |
	"$PLUSONE" collect --collector lan --date 2026-11-29 --json >/dev/null

serve_start

# the text of the element with that id on the last page
fig() { printf '%s' "$OUT" | sed -n "s/.*id=\"$1\">\([^<]*\)<.*/\1/p" | head -1; }

# ---- login ----
page anon GET /login
check "the login page has a username and a password field" bash -c "[ $RC = 200 ] && grep -q 'name=\"username\"' '$WORK/body' && grep -q 'type=\"password\"' '$WORK/body'"
page anon POST /login --data-urlencode "username=lan" --data-urlencode "password=sai"
check "a wrong password shows the page again with 401 and a Vietnamese message" \
	bash -c "[ $RC = 401 ] && grep -q 'Sai tên đăng nhập hoặc mật khẩu' '$WORK/body'"
check "and keeps the username" has 'value="lan"'
page anon POST /login --data-urlencode "username=khongco" --data-urlencode "password=sai"
check "an unknown user gets the same answer" bash -c "[ $RC = 401 ] && grep -q 'Sai tên đăng nhập hoặc mật khẩu' '$WORK/body'"
page_login lan lan "$PW"
check "login answers 303 to /" bash -c "[ $RC = 303 ] && grep -qi '^Location: /'$'\r''\$' '$WORK/headers'"
check "with an HttpOnly SameSite=Strict session cookie for 12 hours" \
	bash -c "grep -i '^Set-Cookie: plusone_session=' '$WORK/headers' | grep -i HttpOnly | grep -i 'SameSite=Strict' | grep -qi 'Max-Age=43200'"
OLD_TOKEN=$(awk '$6 == "plusone_session" {print $7}' "$WORK/lan")
page lan POST /login --data-urlencode "username=lan" --data-urlencode "password=$PW"
NEW_TOKEN=$(awk '$6 == "plusone_session" {print $7}' "$WORK/lan")
req GET / -b "plusone_session=$OLD_TOKEN"
check "logging in again gives a new token and ends the old session" \
	bash -c "[ -n '$NEW_TOKEN' ] && [ '$OLD_TOKEN' != '$NEW_TOKEN' ] && [ $RC = 302 ]"

# ---- dashboard ----
page lan GET /
check "the dashboard counts the people of her unit" [ "$(fig f-people)" = 4 ]
check "and its union members" [ "$(fig f-members)" = 2 ]
check "and the BHXH participants" [ "$(fig f-bhxh)" = 1 ]
check "today's receipts" [ "$(fig f-receipts)" = 2 ]
check "today's money in Vietnamese format" [ "$(fig f-collected)" = "4.480.740 đ" ]
check "her cash on hand" [ "$(fig f-cash)" = "4.480.740 đ" ]
check "the members' BHYT share" [ "$(fig f-share)" = "0,0 %" ]
check "links to search, add, collect, due and 1+1" \
	bash -c "for l in /people /people/new /collect /due /referrals; do grep -q \"href=\\\"\$l\\\"\" '$WORK/body' || exit 1; done"
check "the page is Vietnamese by default" has '<html lang="vi">'

# ---- search ----
page lan GET "/people?q=nguyen"
check "/people?q=nguyen finds the Nguyễn names without accents typed" \
	bash -c "[ $RC = 200 ] && grep -q 'Nguyễn Thị Lan' '$WORK/body' && grep -q 'Nguyễn Văn Hùng' '$WORK/body'"
check "only inside her units" lacks "Lê Văn Xa"
page lan GET "/people?q=img"
check "a name with markup is shown escaped in the results" has '&lt;img src=x onerror=alert(1)&gt;'
check "and never as markup" lacks '<img src=x'
page lan GET /people/4
check "and escaped on her page" bash -c "[ $RC = 200 ] && grep -qF '<h1>&lt;img src=x onerror=alert(1)&gt;</h1>' '$WORK/body' && ! grep -qF '<img src' '$WORK/body'"

# ---- a person, scope ----
page lan GET /people/1
check "a person's page shows her household, receipts and the people she brought" \
	bash -c "[ $RC = 200 ] && grep -q 'href=\"/households/1\"' '$WORK/body' && grep -q 'Q-lan/1' '$WORK/body' && grep -q 'Trần Thị Bé' '$WORK/body'"
check "her voluntary BHXH state" has "Đang tham gia"
page lan GET /people/3
check "the page of someone brought in names who brought her" bash -c "[ $RC = 200 ] && grep -q 'Được vận động bởi <a href=\"/people/1\">Nguyễn Thị Lan</a>' '$WORK/body'"
page lan GET /people/5
OUTSIDE_RC=$RC
OUTSIDE_MSG=$(printf '%s' "$OUT" | grep -o '<p class="err"[^<]*</p>')
page lan GET /people/999
MISSING_MSG=$(printf '%s' "$OUT" | grep -o '<p class="err"[^<]*</p>' | sed 's/999/5/g') # the message names the id asked for
check "a person outside her units is a 404 page exactly like a missing one" \
	bash -c "[ $OUTSIDE_RC = 404 ] && [ $RC = 404 ] && [ -n '$MISSING_MSG' ] && [ '$OUTSIDE_MSG' = '$MISSING_MSG' ]"
page lan GET /households/1
check "the household page lists its members" \
	bash -c "[ $RC = 200 ] && grep -q 'Nguyễn Thị Lan' '$WORK/body' && grep -q 'Nguyễn Văn Hùng' '$WORK/body'"

# ---- adding a person ----
page lan GET /people/new
TOKEN=$(csrf)
check "the add form carries the CSRF token" [ -n "$TOKEN" ]
page lan POST /people/new --data-urlencode "csrf=$TOKEN" --data-urlencode "full_name=Phạm Thị Hoa" \
	--data-urlencode "dob=31/02/1990" --data-urlencode "sex=F" --data-urlencode "cccd=123" \
	--data-urlencode "phone=0912345678" --data-urlencode "unit_code=29350" --data-urlencode "ethnicity=Kinh" \
	--data-urlencode "member=yes"
check "a wrong person answers 422" is 422
check "with every typed value kept" \
	bash -c "grep -q 'value=\"Phạm Thị Hoa\"' '$WORK/body' && grep -q 'value=\"31/02/1990\"' '$WORK/body' && grep -q 'value=\"123\"' '$WORK/body' && grep -q 'value=\"0912345678\"' '$WORK/body'"
check "and the messages at the fields" \
	bash -c "grep -q 'id=\"e-dob\"' '$WORK/body' && grep -q 'id=\"e-cccd\"' '$WORK/body' && grep -q 'aria-describedby=\"h-dob e-dob\" aria-invalid=\"true\"' '$WORK/body'"
check "the sex and member choices are kept" \
	bash -c "grep -q 'value=\"F\" checked' '$WORK/body' && grep -q 'value=\"yes\" selected' '$WORK/body'"
page lan POST /people/new --data-urlencode "csrf=$TOKEN" --data-urlencode "full_name=Phạm Thị Hoa" \
	--data-urlencode "dob=28/02/1990" --data-urlencode "sex=F" --data-urlencode "unit_code=29350" \
	--data-urlencode "household_code=HT-02" --data-urlencode "member=yes"
check "a right person is added: 303 to her page" location_is "/people/6"
page lan GET /people/6
check "and her page shows her" bash -c "[ $RC = 200 ] && grep -q '<h1>Phạm Thị Hoa</h1>' '$WORK/body' && grep -q '28/02/1990' '$WORK/body'"

# ---- editing ----
page lan GET /people/2/edit
TOKEN=$(csrf)
check "the edit form is filled with her values" \
	bash -c "[ $RC = 200 ] && grep -q 'value=\"Nguyễn Văn Hùng\"' '$WORK/body' && grep -q 'value=\"05/05/1978\"' '$WORK/body' && grep -q 'value=\"HT-01\"' '$WORK/body'"
page lan POST /people/2/edit --data-urlencode "csrf=$TOKEN" --data-urlencode "full_name=Nguyễn Văn Hùng" \
	--data-urlencode "dob=05/05/1978" --data-urlencode "sex=M" --data-urlencode "phone=0987654321" \
	--data-urlencode "unit_code=29350" --data-urlencode "household_code=HT-01" --data-urlencode "relation=chồng" \
	--data-urlencode "ethnicity=Kinh" --data-urlencode "member=no"
check "an edit answers 303 to her page" bash -c "[ $RC = 303 ] && grep -qi '^Location: /people/2' '$WORK/headers'"
page lan GET /people/2
check "and the change shows" has "0987654321"
page lan POST /people/2/edit --data-urlencode "full_name=Nguyễn Văn Hùng" --data-urlencode "dob=05/05/1978" \
	--data-urlencode "sex=M" --data-urlencode "unit_code=29350" --data-urlencode "phone=0911111111"
check "a form POST without the csrf field answers 403" is 403
page lan POST /people/2/edit --data-urlencode "csrf=00000000000000000000000000000000" --data-urlencode "full_name=X"
check "and with a wrong one too" is 403
page lan GET /people/2
check "and changes nothing" lacks "0911111111"

# ---- administration ----
page lan GET /audit
check "the audit page is for admins only" is 403
page_login admin quantri "$PW"
page admin GET "/audit?entity=person"
check "the admin sees the change in the audit log" \
	bash -c "[ $RC = 200 ] && grep -q 'person.update' '$WORK/body' && grep -q '0987654321' '$WORK/body' && grep -q 'href=\"/people/2\"' '$WORK/body'"
page admin GET "/audit?actor=lan&action=person.add"
check "filters by actor and action" bash -c "grep -q 'person.add' '$WORK/body' && ! grep -q 'person.update' '$WORK/body'"
page admin GET /users
check "the users page lists the logins" bash -c "[ $RC = 200 ] && grep -q '>lan<' '$WORK/body' && grep -q '>xem<' '$WORK/body'"
TOKEN=$(csrf)
page admin POST /users --data-urlencode "csrf=$TOKEN" --data-urlencode "username=ctv1" --data-urlencode "role=collector" \
	--data-urlencode "unit_code=29350" --data-urlencode "password=ngắn"
check "adding a user with a short password: 422, the username kept" \
	bash -c "[ $RC = 422 ] && grep -q 'value=\"ctv1\"' '$WORK/body' && grep -q 'aria-invalid=\"true\"' '$WORK/body'"
page admin POST /users --data-urlencode "csrf=$TOKEN" --data-urlencode "username=ctv1" --data-urlencode "role=collector" \
	--data-urlencode "unit_code=29350" --data-urlencode "password=mật khẩu dài"
check "adding a user: 303" location_is "/users?done=add"
page admin GET "/users?q=ctv1"
CTV_ID=$(printf '%s' "$OUT" | sed -n 's/.*href="\/users?edit=\([0-9]*\)#edit">ctv1<.*/\1/p')
page admin POST "/users/$CTV_ID" --data-urlencode "csrf=$TOKEN" --data-urlencode "role=viewer" \
	--data-urlencode "unit_code=29350" --data-urlencode "disabled=1"
check "changing a user: 303" location_is "/users?done=update"
page admin GET "/users?q=ctv1"
check "and the change shows" bash -c "grep -q 'Chỉ xem' '$WORK/body' && grep -q 'Đã khóa' '$WORK/body'"

# ---- a viewer ----
page_login xem xem "$PW"
page xem GET "/people?q=nguyen%20thi%20lan"
check "a viewer sees CCCD numbers masked" bash -c "grep -q '084\*\*\*\*\*\*001' '$WORK/body' && ! grep -q '084180000001' '$WORK/body'"
page xem GET /people/new
check "and may not add people" is 403

# ---- headers and sizes of every page ----
ok=1
page anon GET /login
header "Content-Security-Policy: .*script-src 'self'" && header "X-Content-Type-Options: nosniff" && header "Referrer-Policy:" || ok=0
for p in / "/people?q=nguyen" /people/1 /people/4 /people/new /people/1/edit /households/1 /password /people/999; do
	page lan GET "$p"
	if ! header "Content-Security-Policy: .*script-src 'self'" || ! header "X-Content-Type-Options: nosniff" ||
		! header "Referrer-Policy:" || ! header "Content-Type: text/html"; then
		echo "# $p lacks a security header"
		ok=0
	fi
	size=$(wc -c <"$WORK/body")
	if [ "$size" -ge 51200 ]; then
		echo "# $p is $size bytes"
		ok=0
	fi
	if grep -qiE '<script>|<style| style=' "$WORK/body"; then
		echo "# $p has inline script or style"
		ok=0
	fi
done
for p in /users /audit; do
	page admin GET "$p"
	header "Content-Security-Policy:" && header "X-Content-Type-Options: nosniff" && header "Referrer-Policy:" || ok=0
	[ "$(wc -c <"$WORK/body")" -lt 51200 ] || ok=0
done
check "every page carries CSP, nosniff and Referrer-Policy, no inline code, and is under 50 KB" [ $ok = 1 ]
ok=1
for p in /static/app.css /static/app.js; do
	req GET "$p"
	[ "$RC" = 200 ] || ok=0
done
check "app.css and app.js are served" [ $ok = 1 ]

# ---- language ----
page lan GET "/lang?to=en&back=%2Fpeople%3Fq%3Dnguyen"
check "/lang?to=en sets the cookie for a year and goes back" \
	bash -c "[ $RC = 303 ] && grep -qi '^Location: /people?q=nguyen' '$WORK/headers' && grep -i '^Set-Cookie: plusone_lang=en' '$WORK/headers' | grep -qi 'Max-Age=31536000'"
page lan GET /
check "then the pages are in English" bash -c "grep -q '<html lang=\"en\">' '$WORK/body' && grep -q 'Dashboard' '$WORK/body' && grep -q 'Log out' '$WORK/body'"
page lan GET "/lang?to=vi&back=//evil.example/x"
check "the switch never goes to another site" location_is "/"
page lan GET "/lang?to=vi&back=https://evil.example/"
check "not even with a scheme" location_is "/"
page lan GET /
check "and back in Vietnamese" has "Tổng quan"

# ---- password, logout ----
page lan GET /password
TOKEN=$(csrf)
page lan POST /password --data-urlencode "csrf=$TOKEN" --data-urlencode "old_password=sai mật khẩu" \
	--data-urlencode "new_password=mật khẩu mới dài" --data-urlencode "confirm=mật khẩu mới dài"
check "a wrong current password: 422 with the message at the field" \
	bash -c "[ $RC = 422 ] && grep -q 'id=\"e-old\"' '$WORK/body'"
page lan POST /password --data-urlencode "csrf=$TOKEN" --data-urlencode "old_password=mật khẩu dài" \
	--data-urlencode "new_password=mật khẩu mới dài" --data-urlencode "confirm=khác"
check "a confirmation that differs: 422" bash -c "[ $RC = 422 ] && grep -q 'id=\"e-confirm\"' '$WORK/body'"
page lan POST /logout
check "logout without the csrf field is refused" is 403
page lan POST /logout --data-urlencode "csrf=$TOKEN"
check "logout answers 303 to /login and clears the cookie" \
	bash -c "[ $RC = 303 ] && grep -qi '^Location: /login' '$WORK/headers' && grep -i '^Set-Cookie: plusone_session=;' '$WORK/headers' | grep -qi 'Max-Age=0'"
req GET / -b "plusone_session=$NEW_TOKEN"
check "and the session no longer works" is 302

serve_stop
check "the server stops cleanly" [ "$SERVE_RC" -eq 0 ]
