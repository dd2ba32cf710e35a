#!/usr/bin/env python3
"""conformance.py BASE_URL: calls every operation of the OpenAPI document
the server at BASE_URL serves (a database made by `plusone init --demo`)
and checks each answer's status and body against the document.

For each operation, with the inputs of its examples (the {id}, query and
body examples of the document, valid on the demo data):
  - without a session (unless public): 401 with WWW-Authenticate: Bearer;
  - as a role the route refuses (x-roles), when there is one: 403;
  - as a role it allows: a documented 2xx;
  - on an operation that follows the conventions (x-conventions), an
    unknown query argument and an unknown body member: 400 naming it.
Every answer's status must be one the operation documents and its body
must validate (python3-jsonschema) against the schema documented for
that status.  Operations still answering their older shapes are listed
in NOT_YET below; the list may only shrink: an operation on it that
follows the conventions, or one off it that does not, fails the test.

Prints "ok - ..." / "not ok - ..." lines and a summary line
"# conformance: operations called N/M, statuses checked K".
"""
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema

PASSWORD = "tieucan2022"
USERS = {"union": "hoi.tapngai", "admin": "admin", "officer": "bhxh.tieucan",
         "collector": "ctv.hieutu", "viewer": "xem.tanhoa"}
PREFERENCE = ["union", "admin", "officer", "collector", "viewer"]

# Operations not yet brought to the conventions of API.md (their old
# shapes are what the document describes, and their answers are checked
# against it all the same).  This list only shrinks.
NOT_YET = {
    "login",
}

# Operations whose success the demo data cannot reach: the demo has no
# possible duplicates (they come from imports), so marking a pair
# distinct answers its documented 404; the answer is checked all the same.
NO_DEMO_SUCCESS = {"markDuplicateDistinct": 404}

# Calls made before the operations, that the examples rest on: a first
# receipt (id 1) that stays valid for the hand-over (remitReceipts makes
# remittance 1); collectPayment's own receipt is then id 2, which
# voidReceipt voids.
# Six wrong passwords for xem.tanhoa (the sixth after the second the
# fifth makes her wait) lock her name at this address, for clearLoginLock
# to clear (its example names her).
SETUP = [("union", "POST", "/api/v1/collect",
          {"payer": 5284, "items": [{"scheme": "bhyt", "person": 5284, "months": 12}]}, 201)] + \
    [(None, "POST", "/api/v1/login", {"username": "xem.tanhoa", "password": "wrong password"}, 401)] * 5 + \
    [("sleep", 1.2, None, None, None),
     (None, "POST", "/api/v1/login", {"username": "xem.tanhoa", "password": "wrong password"}, 401)]

# The order of the calls: what others' examples rest on first (the
# receipt of collectPayment is receipt 1), what ends a session or
# changes a password last.
ORDER = {"listLoginLocks": -4, "clearLoginLock": -3, "previewPayment": -2, "collectPayment": -1, "voidReceipt": 1, "remitReceipts": 2, "getRemittance": 2.1,
         "confirmRemittance": 2.2, "mergePerson": 2.5, "logout": 3, "changePassword": 4}

BASE = sys.argv[1].rstrip("/")
failures = 0
checked = 0


def say(ok, what, detail=""):
    global failures
    if ok:
        print("ok - " + what)
    else:
        failures += 1
        print("not ok - " + what)
        for line in str(detail).splitlines()[:12]:
            print("# " + line)


def call(method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    rq = urllib.request.Request(BASE + path, data=data, method=method)
    if token:
        rq.add_header("Authorization", "Bearer " + token)
    if data is not None:
        rq.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(rq, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def to_jsonschema(s):
    """The JSON Schema of an OpenAPI 3.0 schema object (nullable → a type
    list; $ref to the components → to the definitions)."""
    if isinstance(s, list):
        return [to_jsonschema(x) for x in s]
    if not isinstance(s, dict):
        return s
    out = {}
    for k, v in s.items():
        if k in ("example", "nullable", "description") or k.startswith("x-"):
            continue
        if k == "$ref":
            out[k] = v.replace("#/components/schemas/", "#/definitions/")
        elif k in ("properties",):
            out[k] = {n: to_jsonschema(p) for n, p in v.items()}
        elif k in ("items", "additionalProperties", "allOf", "oneOf", "anyOf", "not"):
            out[k] = to_jsonschema(v)
        else:
            out[k] = v
    if s.get("nullable"):
        if "enum" in out:
            out["enum"] = list(out["enum"]) + [None]
        if "type" in out:
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


doc_status, _, raw = call("GET", "/api/v1/openapi.json")
if doc_status != 200:
    say(False, "the document is served", doc_status)
    sys.exit(1)
doc = json.loads(raw)
definitions = {n: to_jsonschema(s) for n, s in doc["components"]["schemas"].items()}
shared = doc["components"].get("responses", {})


def response_of(op, status):
    r = op["responses"].get(str(status))
    if r and "$ref" in r:
        r = shared[r["$ref"].split("/")[-1]]
    return r


def check_answer(op, what, status, headers, body, want):
    """Checks one answer: status in want (a predicate) and documented, the
    body valid against the documented schema."""
    global checked
    checked += 1
    name = op["operationId"]
    r = response_of(op, status)
    if not want(status):
        say(False, "%s %s: status %d" % (name, what, status), body[:600].decode("utf-8", "replace"))
        return None
    if r is None:
        say(False, "%s %s: status %d is not in the document" % (name, what, status))
        return None
    schema = r.get("content", {}).get("application/json", {}).get("schema")
    try:
        value = json.loads(body) if body else None
    except ValueError:
        say(False, "%s %s: the body is not JSON" % (name, what), body[:300])
        return None
    if schema is not None:
        js = dict(to_jsonschema(schema))
        js["definitions"] = definitions
        try:
            jsonschema.validate(value, js)
        except jsonschema.ValidationError as e:
            say(False, "%s %s: %d answer does not match the document" % (name, what, status),
                "%s at %s" % (e.message[:400], "/".join(str(p) for p in e.absolute_path)))
            return None
    if status == 401 and not (headers.get("WWW-Authenticate") or "").startswith("Bearer"):
        say(False, "%s %s: 401 without WWW-Authenticate: Bearer" % (name, what))
        return None
    say(True, "%s %s: %d" % (name, what, status))
    return value


def example_request(path, op):
    """The path, query and body of op's examples."""
    query = []
    for p in op.get("parameters", []):
        if "example" not in p:
            continue
        v = p["example"]
        if p["in"] == "path":
            path = path.replace("{%s}" % p["name"], str(v))
        elif p["in"] == "query":
            query.append((p["name"], json.dumps(v) if isinstance(v, bool) else str(v)))
    body = None
    if "requestBody" in op:
        body = op["requestBody"]["content"]["application/json"].get("example", {})
    if query:
        path += "?" + urllib.parse.urlencode(query)
    return path, body


tokens = {}
for role, user in USERS.items():
    st, _, b = call("POST", "/api/v1/login", body={"username": user, "password": PASSWORD})
    if st != 200:
        say(False, "login as %s" % user, b[:300])
        sys.exit(1)
    tokens[role] = json.loads(b)["token"]

for role, method, path, body, want in SETUP:
    if role == "sleep":
        time.sleep(method)
        continue
    st, _, b = call(method, path, tokens[role] if role else None, body)
    say(st == want, "setup: %s %s as %s: %d" % (method, path, role, st), b[:300])

ops = []
for path, item in doc["paths"].items():
    for method, op in item.items():
        ops.append((ORDER.get(op["operationId"], 0), len(ops), method.upper(), path, op))
ops.sort()
called = 0
for _, _, method, path, op in ops:
    name = op["operationId"]
    roles = op.get("x-roles", [])
    url, body = example_request(path, op)
    conforms = op.get("x-conventions", False)
    if conforms and name in NOT_YET:
        say(False, "%s follows the conventions now: take it off NOT_YET" % name)
    if not conforms and name not in NOT_YET:
        say(False, "%s does not follow the conventions (x-conventions false) and is not listed in NOT_YET" % name)
    if roles:
        st, h, b = call(method, url, None, body)
        check_answer(op, "without a session", st, h, b, lambda s: s == 401)
        refused = [r for r in PREFERENCE if r not in roles]
        if refused:
            st, h, b = call(method, url, tokens[refused[0]], body)
            check_answer(op, "as %s (refused)" % refused[0], st, h, b, lambda s: s == 403)
        role = [r for r in PREFERENCE if r in roles][0]
        token = tokens[role]
        if name == "logout":  # a session of its own
            st, _, b = call("POST", "/api/v1/login", body={"username": USERS[role], "password": PASSWORD})
            token = json.loads(b)["token"]
    else:
        role, token = "public", None
    if conforms:
        sep = "&" if "?" in url else "?"
        st, h, b = call(method, url + sep + "unknown_argument=1", token, body)
        value = check_answer(op, "with an unknown argument", st, h, b, lambda s: s == 400)
        if value is not None and value.get("field") != "unknown_argument":
            say(False, "%s: the 400 names %r, not unknown_argument" % (name, value.get("field")))
        if body is not None:
            st, h, b = call(method, url, token, dict(body, unknown_member=1))
            value = check_answer(op, "with an unknown member", st, h, b, lambda s: s == 400)
            if value is not None and value.get("field") != "unknown_member":
                say(False, "%s: the 400 names %r, not unknown_member" % (name, value.get("field")))
    st, h, b = call(method, url, token, body)
    if name in NO_DEMO_SUCCESS:
        want = NO_DEMO_SUCCESS[name]
        ok = check_answer(op, "as %s (no success on the demo data: %d)" % (role, want), st, h, b, lambda s: s == want)
    else:
        ok = check_answer(op, "as %s" % role, st, h, b, lambda s: 200 <= s < 300)
    if ok is not None:
        called += 1

total = len(ops)
print("# conformance: operations called %d/%d, statuses checked %d; not yet following the conventions: %d (%s)"
      % (called, total, checked, len(NOT_YET), ", ".join(sorted(NOT_YET))))
say(called == total, "every operation of the document answered its documented success (%d/%d)" % (called, total))
sys.exit(1 if failures else 0)
