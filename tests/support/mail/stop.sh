#!/usr/bin/env bash
# Stops what start.sh started in DIR (or the dir named in $SWITCHBOARD_TEST_MAIL_ENV) and
# removes DIR unless SWITCHBOARD_KEEP_MAIL_DIR=1 (to read the server logs).
set -uo pipefail
D="${1:-}"
if [ -z "$D" ] && [ -n "${SWITCHBOARD_TEST_MAIL_ENV:-}" ]; then D="$(dirname "$SWITCHBOARD_TEST_MAIL_ENV")"; fi
[ -n "$D" ] && [ -d "$D" ] || { echo "usage: stop.sh DIR" >&2; exit 2; }
pids=()
for f in "$D/dovecot-tls/run/master.pid" "$D/dovecot-plain/run/master.pid" \
         "$D/postfix-queue/pid/master.pid" "$D/silent.pid" "$D/oauth.pid"; do
  [ -f "$f" ] || continue
  pid=$(tr -d ' \n' <"$f")
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
done
# Wait (max ~5 s) so ports and files are released before the dir goes away.
for _ in $(seq 50); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
[ "${SWITCHBOARD_KEEP_MAIL_DIR:-0}" = 1 ] || rm -rf "$D"
