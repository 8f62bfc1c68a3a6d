#!/usr/bin/env bash
# The emulator's conformance run: schemathesis (4.32.5) against switchboard-emulator with
# the vendored OpenAPI file, through a test-only overlay (overlay.py: only the operations
# the emulator implements, the 401/403/404/422 the platform documents elsewhere, and the
# entries of deviations.yaml, each with its reason). Any other difference fails.
#
# Usage: tests/support/conformance/run.sh [extra schemathesis options]
# Env: SCHEMATHESIS_VENV (default ~/.cache/switchboard/venv-schemathesis-4.32.5, made by
#      .ci/prereqs.sh), EMULATOR_BIN (default: built with cargo), CONFORMANCE_MAX_EXAMPLES.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
spec="$root/src-tauri/crates/platform/openapi/openapi3.yaml"
venv=${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/venv-schemathesis-4.32.5}
[ -x "$venv/bin/schemathesis" ] || {
  echo "schemathesis is not installed in $venv: run .ci/prereqs.sh test" >&2
  exit 1
}
bin=${EMULATOR_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && cargo build -q -p switchboard-emulator --bin switchboard-emulator)
  bin="$root/target/debug/switchboard-emulator"
fi

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# No rate limit: schemathesis's thousands of requests are not what is being checked.
"$bin" --port 0 --sources 40 --seed 1 --rate-limit 0/1 >"$work/emulator.out" 2>"$work/emulator.err" &
pid=$!
url=""
for _ in $(seq 100); do
  url=$(head -n 1 "$work/emulator.out" 2>/dev/null || true)
  [ -n "$url" ] && [ "$(wc -l <"$work/emulator.out")" -ge 4 ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the emulator printed no URL" >&2; exit 1; }
token=$(awk '$1 == "admin" { print $2 }' "$work/emulator.out")
# Wait until it answers.
for _ in $(seq 100); do
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url/locales" && break
  sleep 0.1
done
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url/locales" || {
  echo "the emulator does not answer at $url" >&2
  exit 1
}

"$venv/bin/python" "$here/overlay.py" "$spec" "$here/deviations.yaml" "$url" "$token" >"$work/spec.json"
echo "conformance: $url, $(grep -c "^- id:" "$here/deviations.yaml") overlay entries (deviations.yaml)"

start=$(date +%s)
set +e
# From the scratch folder: schemathesis keeps a cache in its working directory.
cd "$work"
"$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$work/spec.json" \
  --url "$url" \
  -H "Authorization: Bearer $token" \
  --checks all \
  --seed "${CONFORMANCE_SEED:-1}" \
  --max-examples "${CONFORMANCE_MAX_EXAMPLES:-100}" \
  --generation-database none \
  --no-color \
  "$@"
rc=$?
set -e
echo "conformance: schemathesis exited $rc after $(($(date +%s) - start)) s"
exit $rc
