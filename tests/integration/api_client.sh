#!/usr/bin/env bash
# api_client.sh: the typed-client check.  Generates TypeScript types from
# the served OpenAPI document with openapi-typescript, compiles
# tests/api/client.ts (openapi-fetch) with tsc --strict against them,
# and runs it on the demo data: it logs in, searches, reads a person and
# a receipt.  The npm packages are those pinned in tests/api
# (scripts/install-deps).
cd "$(dirname "$0")/../.." || exit 1
. tests/integration/lib.sh
API_DIR=$PWD/tests/api
if [ ! -x "$API_DIR/node_modules/.bin/tsc" ] || [ ! -x "$API_DIR/node_modules/.bin/openapi-typescript" ]; then
	echo "not ok - typed client: tests/api/node_modules missing (run scripts/install-deps)"
	exit 0
fi
run init --demo
check "the demo data loads" rc_is 0
serve_start
req POST /api/v1/login -d '{"username": "hoi.tapngai", "password": "tieucan2022"}'
AUTH="Authorization: Bearer $(field token)"
req POST /api/v1/collect -H "$AUTH" -d '{"payer": 5283, "items": [{"scheme": "bhyt", "person": 5283, "months": 12}]}'
check "setup: a receipt to read" is 201
req GET /api/v1/openapi.json
cp "$WORK/body" "$WORK/openapi.json"
rm -rf "$API_DIR/generated"
mkdir -p "$API_DIR/generated"
if (cd "$API_DIR" && node_modules/.bin/openapi-typescript "$WORK/openapi.json" -o generated/api.d.ts) >"$WORK/gen.log" 2>&1; then
	echo "ok - openapi-typescript generates the types of the document"
else
	echo "not ok - openapi-typescript generates the types of the document"
	sed 's/^/# /' "$WORK/gen.log" | head -20
	exit 0
fi
if (cd "$API_DIR" && node_modules/.bin/tsc -p tsconfig.json) >"$WORK/tsc.log" 2>&1; then
	echo "ok - the client compiles with tsc --strict"
else
	echo "not ok - the client compiles with tsc --strict"
	sed 's/^/# /' "$WORK/tsc.log" | head -30
	exit 0
fi
node "$API_DIR/generated/out/client.js" "$URL"
