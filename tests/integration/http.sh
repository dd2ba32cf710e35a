# http.sh: `plusone serve` and the contract's HTTP surface.
. "$(dirname "$0")/lib.sh"

run init
"$PLUSONE" unit add 29350 --name "Xã Hiếu Tử" --kind commune >/dev/null
"$PLUSONE" unit add 29365 --name "Xã Tập Ngãi" --kind commune >/dev/null
PW='mật khẩu dài'
users_add "$PW" "lan union 29350" "xem viewer 29350"
printf 'full_name,dob,sex,cccd,unit_code\nNguyễn Thị Lan,1980-01-01,F,084180000001,29350\nLê Văn Xa,1970-01-01,M,,29365\n' >"$WORK/p.csv"
"$PLUSONE" import people "$WORK/p.csv" >/dev/null

serve_start

req GET /healthz
check "GET /healthz answers 200 without login" is 200
req GET "/api/v1/people?q=lan"
check "the API without a token answers 401" is 401
api_login lan sai
check "wrong credentials answer 401" is 401
WRONG1=$OUT
api_login khongco sai
check "an unknown user gets the same answer" bash -c "[ $RC = 401 ] && [ '$WRONG1' = '$OUT' ]"
api_login lan "$PW"
check "login answers 200 with a token" is 200
TOKEN=$(field token)
CSRF=$(field csrf_token)
check "and an HttpOnly SameSite session cookie" bash -c "grep -i '^Set-Cookie: plusone_session=' '$WORK/headers' | grep -qi HttpOnly && grep -i '^Set-Cookie' '$WORK/headers' | grep -qi SameSite"
AUTH="Authorization: Bearer $TOKEN"
req GET "/api/v1/people?q=nguyen%20lan&limit=5" -H "$AUTH"
check "search with the bearer token, limited to the caller's units" json_eq '[d["total"], [r["full_name"] for r in d["results"]], sorted(d["results"][0].keys())]' '[1, ["Nguyễn Thị Lan"], ["bhxh_code", "cccd", "dob", "full_name", "household_code", "id", "phone", "sex", "unit_code"]]'
req GET "/api/v1/people?q=xa" -H "$AUTH"
check "people outside the caller's units are not found" json_eq 'd["total"]' 0
req GET /api/v1/people/1 -H "$AUTH"
check "GET a person of her units answers 200" json_eq '[d["full_name"], d["unit_code"]]' '["Nguyễn Thị Lan", "29350"]'
req GET /api/v1/people/2 -H "$AUTH"
OUTSIDE=$OUT
check "a person outside her units answers 404" is 404
req GET /api/v1/people/999 -H "$AUTH"
check "exactly as a missing one does" bash -c "[ $RC = 404 ] && [ '$OUTSIDE' = '$OUT' ]"
req POST /api/v1/people -H "$AUTH" -d '{"full_name": "Trần Thị Bé", "dob": "1990-02-03", "sex": "Nữ", "cccd": "084190000002", "unit_code": "29350"}'
check "POST a person answers 201 with the stored person" bash -c "[ $RC = 201 ] && printf '%s' '$OUT' | grep -q '\"cccd\":\"084190000002\"'"
req POST /api/v1/people -H "$AUTH" -d '{"full_name": "Trần Thị Bé Hai", "dob": "1990-05-05", "sex": "F", "cccd": "084190000002", "unit_code": "29350"}'
check "a CCCD already present answers 409" is 409
req POST /api/v1/people -H "$AUTH" -d '{"full_name": "", "dob": "31/02/1990", "sex": "X", "unit_code": "29350"}'
check "an invalid person answers 422 with every field error" json_eq 'sorted(x["field"] for x in d["errors"])' '["dob", "full_name", "sex"]'
req POST /api/v1/people -H "$AUTH" -d '{"full_name": '
check "malformed JSON answers 400" is 400
head -c 1100000 /dev/zero | tr '\0' 'a' >"$WORK/big"
req POST /api/v1/people -H "$AUTH" --data-binary @"$WORK/big"
check "a body over 1 MiB answers 413" is 413
req POST /api/v1/people -b "plusone_session=$TOKEN" -d '{"full_name": "Cookie", "dob": "1990", "sex": "F", "unit_code": "29350"}'
check "a state change by cookie without X-CSRF-Token answers 403" is 403
req POST /api/v1/people -b "plusone_session=$TOKEN" -H "X-CSRF-Token: $CSRF" -d '{"full_name": "Cookie", "dob": "1990", "sex": "F", "unit_code": "29350"}'
check "with the session's CSRF token it is accepted" is 201
req GET "/api/v1/people?q=cookie" -b "plusone_session=$TOKEN"
check "a read by cookie needs no CSRF token" is 200
XEM=$(bearer xem "$PW")
req POST /api/v1/people -H "$XEM" -d '{"full_name": "Y", "dob": "1990", "sex": "F", "unit_code": "29350"}'
check "a viewer may not add people" is 403
req POST /api/v1/people -H "$AUTH" -d '{"full_name": "Ngoài", "dob": "1990", "sex": "F", "unit_code": "29365"}'
check "adding a person outside her units is refused" is 422
req GET /
check "/ redirects to the login page when not logged in" bash -c "[ $RC = 302 ] && grep -qi '^Location: /login' '$WORK/headers'"
req GET /login
check "HTML pages carry a Content-Security-Policy" header "Content-Security-Policy:"
check "and nosniff" header "X-Content-Type-Options: nosniff"
check "and a Referrer-Policy" header "Referrer-Policy:"
req GET / -b "plusone_session=$TOKEN"
check "logged in, / is the dashboard" bash -c "[ $RC = 200 ] && grep -q 'lan' '$WORK/body'"

serve_stop
check "SIGTERM stops the server with exit 0" [ "$SERVE_RC" -eq 0 ]
