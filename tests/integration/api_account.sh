# api_account.sh: the account API over HTTP: login, logout, the caller,
# password change, users in the admin's units, the audit log.  Few logins
# (argon2id costs about 0.1 s each) and fewer than five failed ones from
# this address (the throttle's free allowance).
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 84 --name "Tỉnh Trà Vinh" --kind province >/dev/null
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune --parent 84 >/dev/null
"$PLUSONE" unit add 29350-01 --name "Ấp Tân Trung Giồng" --kind hamlet --parent 29350 >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune --parent 84 >/dev/null
PW='mật khẩu dài'
NEWPW='mật khẩu mới 2026'
users_add "$PW" "adm admin 29350" "lan union 29350" "binh union 29365" # ids 1, 2, 3

serve_start --log off

# ---- login
api_login adm "$PW"
check "login answers 200 with token, csrf_token, username, role, unit_code" json_eq '[sorted(d.keys()), d["username"], d["role"], d["unit_code"], len(d["token"]), len(d["csrf_token"])]' '[["csrf_token", "role", "token", "unit_code", "username"], "adm", "admin", "29350", 64, 32]'
ADM=$(field token)
check "the session cookie is HttpOnly, SameSite=Strict, 12 hours" bash -c "grep -qi '^Set-Cookie: plusone_session=$ADM; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200' '$WORK/headers'"
AADM="Authorization: Bearer $ADM"
api_login lan 'sai mật khẩu'
check "a wrong password answers 401" is 401
WRONG1=$OUT
api_login khongco 'sai mật khẩu'
check "an unknown user gets the very same answer" bash -c "[ $RC = 401 ] && [ '$WRONG1' = '$OUT' ]"
check "which says: wrong username or password" json_eq 'd["error"]' 'wrong username or password'
req POST /api/v1/login -d '{"username": "lan"}'
check "a login without a password answers 401 too" is 401

# ---- the caller
req GET /api/v1/me -H "$AADM"
check "GET /me: username, role, unit and its name" json_eq '[d["username"], d["role"], d["unit_code"], d["unit_name"]]' '["adm", "admin", "29350", "Xã Hiếu Tử"]'
req GET /api/v1/me
check "GET /me without a session answers 401" is 401

# ---- password change: L1 keeps its session, L2 loses it
api_login lan "$PW"
L1=$(field token)
api_login lan "$PW"
L2=$(field token)
req POST /api/v1/password -H "Authorization: Bearer $L1" -d "{\"old_password\": \"sai rồi nhé\", \"new_password\": \"$NEWPW\"}"
check "a wrong old password answers 422 on the field old_password" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"], d["errors"][0]["code"]]' '["old_password", "Mật khẩu hiện tại không đúng", "invalid"]'
req POST /api/v1/password -H "Authorization: Bearer $L1" -d '{"old_password": "'"$PW"'", "new_password": "ngắn"}'
check "a short new password answers 422 on new_password" json_eq 'd["errors"][0]["field"]' new_password
req POST /api/v1/password -H "Authorization: Bearer $L1" -d "{\"old_password\": \"$PW\", \"new_password\": \"$NEWPW\"}"
check "the right old password changes it: 200 {ok: true}" bash -c "[ $RC = 200 ] && [ '$OUT' = '{\"ok\":true}' ]"
req GET /api/v1/me -H "Authorization: Bearer $L1"
check "the session that changed it goes on" is 200
req GET /api/v1/me -H "Authorization: Bearer $L2"
check "her other session is closed" is 401
api_login lan "$PW"
check "the old password no longer logs in" is 401
api_login lan "$NEWPW"
check "the new one does" is 200
L3=$(field token)

# ---- logout
req POST /api/v1/logout -H "Authorization: Bearer $L1"
check "logout answers 200" is 200
check "and clears the cookie" bash -c "grep -i '^Set-Cookie: plusone_session=;' '$WORK/headers' | grep -q 'Max-Age=0'"
req GET /api/v1/me -H "Authorization: Bearer $L1"
check "after logout the token answers 401" is 401
req GET /api/v1/me -H "Authorization: Bearer $L3"
check "her other session is untouched by the logout" is 200

# ---- users, in the admin's units
req GET /api/v1/users -H "$AADM"
check "the user list holds only the admin's units, by username" json_eq '[[u["username"], u["role"], u["unit_code"], u["disabled"]] for u in d["results"]]' '[["adm", "admin", "29350", false], ["lan", "union", "29350", false]]'
check "in the list envelope" json_eq '[d["next"], d["total"]]' '[null, 2]'
req GET "/api/v1/users?limit=1" -H "$AADM"
check "a page of one names the next" json_eq '[[u["username"] for u in d["results"]], d["next"] is not None, d["total"]]' '[["adm"], true, 2]'
req GET "/api/v1/users?limit=1&after=$(field next)" -H "$AADM"
check "the next page has the second, and no cursor" json_eq '[[u["username"] for u in d["results"]], d["next"]]' '[["lan"], null]'
req GET /api/v1/users -H "Authorization: Bearer $L3"
check "a non-admin may not list users" is 403
req POST /api/v1/users -H "$AADM" -d "{\"username\": \"moi\", \"role\": \"collector\", \"unit_code\": \"29365\", \"password\": \"$PW\"}"
check "adding a user outside her units answers 422 on unit_code" json_eq '[x["field"] for x in d["errors"]]' '["unit_code"]'
req POST /api/v1/users -H "$AADM" -d "{\"username\": \"moi\", \"role\": \"chief\", \"unit_code\": \"29350-01\", \"password\": \"$PW\"}"
check "an unknown role answers 422 on role" json_eq 'd["errors"][0]["field"]' role
req POST /api/v1/users -H "$AADM" -d "{\"username\": 7, \"role\": \"collector\", \"unit\": \"29350-01\", \"password\": \"$PW\"}"
check "an unknown member answers 400 naming it" json_eq "[$RC, d['code'], d['field']]" '[400, "bad_request", "unit"]'
req POST /api/v1/users -H "$AADM" -d "{\"username\": 7, \"role\": \"collector\", \"password\": \"short\"}"
check "a number for the username, a missing unit_code and a short password are all listed" json_eq '[(x["field"], x["code"]) for x in d["errors"]]' '[["username", "type"], ["unit_code", "required"], ["password", "too_short"]]'
req POST /api/v1/users -H "$AADM" -d "{\"username\": \"moi\", \"role\": \"collector\", \"unit_code\": \"29350-01\", \"password\": \"$PW\"}"
check "adding one inside answers 201 with the user" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [d[\"id\"], d[\"username\"], d[\"unit_code\"], d[\"role\"]] == [4, \"moi\", \"29350-01\", \"collector\"]'"
req POST /api/v1/users -H "$AADM" -d "{\"username\": \"MOI\", \"role\": \"collector\", \"unit_code\": \"29350\", \"password\": \"$PW\"}"
check "a username taken (in any case) answers 409" is 409
req PATCH /api/v1/users/1 -H "$AADM" -H 'Accept-Language: en' -d '{"disabled": true}'
check "an admin cannot disable herself" json_eq '[d["errors"][0]["field"], d["errors"][0]["message"]]' '["disabled", "you cannot disable your own account"]'
req PATCH /api/v1/users/1 -H "$AADM" -d '{"role": "viewer"}'
check "nor take her own admin role away" json_eq 'd["errors"][0]["field"]' role
req PATCH /api/v1/users/3 -H "$AADM" -d '{"disabled": true}'
OUTSIDE=$OUT
check "a user outside her units answers 404" is 404
req PATCH /api/v1/users/99 -H "$AADM" -d '{"disabled": true}'
check "exactly as a missing one does" bash -c "[ $RC = 404 ] && [ '$OUTSIDE' = '$OUT' ]"
req PATCH /api/v1/users/3 -H "$AADM" -d '{"role": "nonsense"}'
check "even with a bad role" bash -c "[ $RC = 404 ] && [ '$OUTSIDE' = '$OUT' ]"
req PATCH /api/v1/users/99 -H "$AADM" -d '{"disabled": "yes", "colour": 1}'
check "or a malformed body: the record is looked for first" bash -c "[ $RC = 404 ] && [ '$OUTSIDE' = '$OUT' ]"
req PATCH /api/v1/users/2 -H "$AADM" -d '{"role": "nonsense"}'
check "inside, a bad role answers 422 on role" json_eq 'd["errors"][0]["field"]' role
req PATCH /api/v1/users/2 -H "$AADM" -d '{"disabled": "yes"}'
check "disabled must be a boolean" json_eq 'd["errors"][0]["field"]' disabled
req PATCH /api/v1/users/2 -H "$AADM" -d '{"role": "collector", "unit_code": "29350-01"}'
check "PATCH a user answers 200 with the user as she is now" json_eq '[d["username"], d["role"], d["unit_code"], d["disabled"]]' '["lan", "collector", "29350-01", false]'
req PATCH /api/v1/users/2 -H "$AADM" -d '{"unit_code": "29365"}'
check "moving her outside the admin's units answers 422 on unit_code" json_eq 'd["errors"][0]["field"]' unit_code
req PATCH /api/v1/users/2 -H "$AADM" -d '{"disabled": true}'
check "disabling a user answers 200" json_eq 'd["disabled"]' true
req GET /api/v1/me -H "Authorization: Bearer $L3"
check "and her session ends at once" is 401

# ---- the audit log
req GET "/api/v1/audit?action=user.update&entity=user&entity_id=2" -H "$AADM"
check "the audit log shows before and after of a user update" json_eq '[d["results"][1]["actor"], d["results"][1]["detail"]["before"], d["results"][1]["detail"]["after"]]' '["adm", {"disabled": false, "full_name": "", "role": "union", "unit_code": "29350"}, {"disabled": false, "full_name": "", "role": "collector", "unit_code": "29350-01"}]'
check "newest first" json_eq '[len(d["results"]), d["results"][0]["detail"]["after"]["disabled"], d["next"]]' '[2, true, null]'
req GET "/api/v1/audit?limit=200" -H "$AADM"
check "the audit log never holds a password hash" bash -c "[ $RC = 200 ] && ! grep -q 'pass_hash' '$WORK/body' && ! grep -q 'argon2' '$WORK/body'"
check "nor a session token" bash -c "! grep -q '$ADM' '$WORK/body' && ! grep -q '$L1' '$WORK/body'"
check "logins, logouts and password changes are there" json_eq 'sorted(set(r["action"] for r in d["results"]) & {"session.login", "session.logout", "user.password", "user.add", "user.update"})' '["session.login", "session.logout", "user.add", "user.password", "user.update"]'
req GET "/api/v1/audit?limit=2" -H "$AADM"
FIRST=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(",".join(str(r["id"]) for r in d["results"]))')
NEXT=$(field next)
check "a page of 2 gives next, the cursor of its last entry" bash -c "[ 'k${FIRST#*,}' = '$NEXT' ]"
req GET "/api/v1/audit?limit=2&after=$NEXT" -H "$AADM"
check "the next page starts below it" json_eq "all(r['id'] < ${NEXT#k} for r in d['results']) and len(d['results']) == 2" true
req GET "/api/v1/audit?limit=201" -H "$AADM"
check "limit above 200 answers 422" json_eq 'd["errors"][0]["field"]' limit
req GET "/api/v1/audit?after=-1" -H "$AADM"
check "a malformed cursor answers 422" is 422
req GET "/api/v1/audit?before=5" -H "$AADM"
check "the old before is an unknown argument: 400" is 400
api_login binh "$PW"
BINH=$(field token)
req GET /api/v1/audit -H "Authorization: Bearer $BINH"
check "a non-admin may not read the audit log" is 403

# ---- full names, as printed on receipts
req POST /api/v1/users -H "$AADM" -d "{\"username\": \"mai\", \"role\": \"collector\", \"unit_code\": \"29350-01\", \"password\": \"$PW\", \"full_name\": \"  Nguyễn  Thị Mai \"}"
check "adding a user with a full name answers 201 with the name cleaned" json_eq '[d["username"], d["full_name"]]' '["mai", "Nguyễn Thị Mai"]'
MAI=$(field id)
req PATCH "/api/v1/users/$MAI" -H "$AADM" -d '{"full_name": "Võ Thị Ngọc Mai"}'
check "patching full_name alone changes it" json_eq '[d["full_name"]]' '["Võ Thị Ngọc Mai"]'
req PATCH "/api/v1/users/$MAI" -H "$AADM" -d '{"full_name": 5}'
check "a full_name that is not text answers 422 on full_name" json_eq '[x["field"] for x in d["errors"]]' '["full_name"]'
req GET /api/v1/users -H "$AADM"
check "the user list shows the full name" json_eq '[u["full_name"] for u in d["results"] if u["username"] == "mai"]' '["Võ Thị Ngọc Mai"]'

# ---- a new login closes the session whose cookie it carries
api_login adm "$PW" -b "plusone_session=$ADM"
check "logging in again answers 200 with a new token" bash -c "[ $RC = 200 ] && [ \"\$(printf '%s' '$OUT' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"token\"])')\" != '$ADM' ]"
req GET /api/v1/me -H "$AADM"
check "and the session of the cookie it carried is closed" is 401

serve_stop
check "the server stops with exit 0" [ "$SERVE_RC" -eq 0 ]
