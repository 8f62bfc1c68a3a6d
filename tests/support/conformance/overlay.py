#!/usr/bin/env python3
"""The spec the conformance run checks the emulator against: the vendored OpenAPI file,
unmodified except for what this test-only overlay states (and the file says why):

1. Only the operations the emulator implements are kept (the platform has many more).
2. Every kept operation also documents the errors the platform's guide documents
   elsewhere but the file leaves out: 401 (missing or invalid token), 422 (invalid
   parameters), 404 (unknown id, or a record the token's user may not read) where the
   path has an id, 403 (the role lacks the permission) on writes and permission-gated
   lists. Each with the platform's error body, `{error, message, status}`.
3. The operations require the bearer token (the file declares `bearerAuth` but no
   operation uses it), so schemathesis checks that a request without it is refused.
4. The entries of `deviations.yaml`, each with its reason: constraints the spec states
   in prose (or elsewhere in the file) made machine-readable, so that schemathesis's
   "valid" data is valid and its "invalid" data must be refused; and the emulator's
   deliberate deviations. Reference ids must exist on the server: those parameters take
   their values from the running emulator (`ids` entries).

Usage: overlay.py SPEC DEVIATIONS BASE_URL TOKEN > OUT (YAML in, JSON out).
"""

import json
import sys
import urllib.request

import yaml

# (path, method) of every operation the emulator serves.
OPERATIONS = {
    ("/content_sources", "get"),
    ("/content_sources/{sourceId}", "get"),
    ("/content_sources/{sourceId}", "put"),
    ("/content_sources/{sourceId}/email_credentials", "put"),
    ("/communities", "get"),
    ("/communities/{communityId}", "get"),
    ("/channels", "get"),
    ("/channels/{channelId}", "get"),
    ("/categories", "get"),
    ("/categories/{categoryId}", "get"),
    ("/time_sheets", "get"),
    ("/time_sheets/{timeSheetId}", "get"),
    ("/locales", "get"),
    ("/users", "get"),
    ("/users/{userId}", "get"),
    ("/roles", "get"),
    ("/roles/{roleId}", "get"),
    ("/events", "get"),
    ("/events/{eventId}", "get"),
}

# Lists the token's role may not read (answered 403).
GATED = {("/users", "get"), ("/roles", "get"), ("/events", "get"), ("/content_sources", "get")}

ERROR = {
    "type": "object",
    "required": ["error", "message", "status"],
    "properties": {
        "error": {"type": "string"},
        "message": {"type": "string"},
        "status": {"type": "integer"},
    },
}


def error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PlatformError"}}},
    }


def resolve(doc, pointer):
    node = doc
    for part in pointer.lstrip("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


def fetch(base, token, path):
    req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = json.load(r)
    return body["records"] if isinstance(body, dict) else body


def all_records(base, token, path):
    out = []
    while True:
        sep = "&" if "?" in path else "?"
        page = fetch(base, token, f"{path}{sep}limit=150&offset={len(out)}")
        out.extend(page)
        if len(page) < 150:
            return out


def parameter(spec, where, name):
    method, path = where.split(" ", 1)
    for p in spec["paths"][path][method]["parameters"]:
        if p["name"] == name:
            return p
    sys.exit(f"no parameter {name} in {where}")


def apply_entry(spec, d, base, token):
    for pointer in d.get("nullable", []):
        resolve(spec, pointer)["nullable"] = True
    for c in d.get("constrain", []):
        p = parameter(spec, c["op"], c["param"])
        target = p["schema"].get("items", p["schema"]) if c.get("items") else p["schema"]
        target.update(c["schema"])
    for c in d.get("drop", []):
        method, path = c["op"].split(" ", 1)
        op = spec["paths"][path][method]
        op["parameters"] = [p for p in op["parameters"] if p["name"] != c["param"]]
    for c in d.get("ids", []):
        records = all_records(base, token, c["from"])
        values = sorted({r[c.get("key", "id")] for r in records if all(r.get(k) == v for k, v in c.get("where", {}).items())})
        if not values:
            sys.exit(f"no values for {c}")
        if c["param"] != "sourceId":
            values.append("")
        p = parameter(spec, c["op"], c["param"])
        schema = p["schema"]
        if schema.get("type") == "array":
            schema["items"] = {"type": "string", "enum": values}
        else:
            schema["enum"] = values


def main():
    spec_path, deviations_path, base, token = sys.argv[1:5]
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    with open(deviations_path, encoding="utf-8") as f:
        deviations = yaml.safe_load(f) or []

    paths = {}
    for path, item in spec["paths"].items():
        kept = {m: op for m, op in item.items() if (path, m) in OPERATIONS}
        if not kept:
            continue
        for key in ("parameters", "summary", "description"):
            if key in item:
                kept[key] = item[key]
        for method, op in kept.items():
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            responses = op.setdefault("responses", {})
            responses.setdefault("401", error_response("Missing or invalid access token"))
            responses.setdefault("422", error_response("Invalid parameters"))
            if "{" in path:
                responses.setdefault("404", error_response("Not found, or not readable by the token's user"))
            if method == "put" or (path, method) in GATED:
                responses.setdefault("403", error_response("The token's role lacks the permission"))
        paths[path] = kept
    missing = OPERATIONS - {(p, m) for p, item in paths.items() for m in item}
    if missing:
        sys.exit(f"operations not in the spec: {sorted(missing)}")
    spec["paths"] = paths
    spec["components"]["schemas"]["PlatformError"] = ERROR
    spec["security"] = [{"bearerAuth": []}]

    for d in deviations:
        if not d.get("reason") or d.get("type") not in ("documented", "deviation"):
            sys.exit(f"entry {d.get('id')} needs a reason and a type (documented or deviation)")
        apply_entry(spec, d, base, token)
    json.dump(spec, sys.stdout)


if __name__ == "__main__":
    main()
