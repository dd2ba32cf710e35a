#!/usr/bin/env bash
# api_conformance.sh: tests/api/conformance.py against `plusone serve` on
# the demo data: every operation of the served OpenAPI document is called
# (allowed role, refused role, no session) and each answer's status and
# body are validated against the document.  Needs Debian's
# python3-jsonschema (scripts/install-deps).
cd "$(dirname "$0")/../.." || exit 1
. tests/integration/lib.sh
PY=python3
$PY -c 'import jsonschema' 2>/dev/null || PY=/usr/bin/python3
if ! $PY -c 'import jsonschema' 2>/dev/null; then
	echo "not ok - conformance: python3-jsonschema missing (run scripts/install-deps)"
	exit 0
fi
run init --demo
check "the demo data loads" rc_is 0
serve_start
$PY tests/api/conformance.py "$URL"
