#!/usr/bin/env bash
# with-mail-servers.sh CMD...: starts the throwaway mail servers, runs CMD with
# SWITCHBOARD_TEST_MAIL_ENV pointing at their env file, stops them, returns CMD's status.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
[ $# -gt 0 ] || { echo "usage: with-mail-servers.sh CMD..." >&2; exit 2; }
ENV_FILE="$("$HERE/start.sh")" || { echo "mail servers failed to start" >&2; exit 1; }
trap '"$HERE/stop.sh" "$(dirname "$ENV_FILE")"' EXIT
SWITCHBOARD_TEST_MAIL_ENV="$ENV_FILE" "$@"
