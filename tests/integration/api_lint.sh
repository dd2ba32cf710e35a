#!/usr/bin/env bash
# api_lint.sh: the OpenAPI document the server serves lints clean under
# @redocly/cli with its recommended rules (redocly.yaml): 0 errors and 0
# warnings.  The linter is the npm package pinned in tests/api (installed
# by scripts/install-deps); without it the check fails.
cd "$(dirname "$0")/../.." || exit 1
. tests/integration/lib.sh
API_DIR=$PWD/tests/api
run init
serve_start
req GET /api/v1/openapi.json
check "the document is served" is 200
cp "$WORK/body" "$WORK/openapi.json"
if [ ! -x "$API_DIR/node_modules/.bin/redocly" ]; then
	echo "not ok - redocly lint: tests/api/node_modules missing (run scripts/install-deps)"
	exit 0
fi
out=$(cd "$API_DIR" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	node_modules/.bin/redocly lint --config "$PWD/../../redocly.yaml" --format stylish "$WORK/openapi.json" 2>&1)
rc=$?
errors=$(printf '%s\n' "$out" | grep -cE '^ +[0-9]+:[0-9]+ +error ')
warnings=$(printf '%s\n' "$out" | grep -cE '^ +[0-9]+:[0-9]+ +warning ')
echo "# redocly lint: $errors errors, $warnings warnings (exit $rc)"
if [ "$rc" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ] && printf '%s' "$out" | grep -q 'valid'; then
	echo "ok - redocly lint (recommended): 0 errors, 0 warnings"
else
	echo "not ok - redocly lint (recommended): $errors errors, $warnings warnings"
	printf '%s\n' "$out" | grep -E 'error|warning' | head -40 | sed 's/^/# /'
fi
