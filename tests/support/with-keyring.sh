#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring (Secret
# Service), the way the keychain tests need it on a headless Linux machine:
#
#   tests/support/with-keyring.sh cargo test -p switchboard-vault
#
# The keyring files live in a throw-away XDG_DATA_HOME, so tests never see or touch the
# user's own keyrings; SWITCHBOARD_TEST_KEYRING=1 tells the guarded tests to run.
# Needs: dbus-run-session (dbus), gnome-keyring-daemon (gnome-keyring).
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "$0: $tool not found (apt-get install dbus gnome-keyring)" >&2
        exit 127
    }
done

XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT INT TERM
export SWITCHBOARD_TEST_KEYRING=1

# The daemon creates the "login" keyring with password "pw" on first start and unlocks
# it. It runs in the foreground so it can be stopped with the session: a daemonized one
# outlives dbus-run-session and keeps the caller's pipes open.
status=0
dbus-run-session -- sh -c '
    echo -n pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
    keyring_pid=$!
    i=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q "boolean true"; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || { echo "with-keyring: Secret Service did not start" >&2; exit 1; }
        sleep 0.1
    done
    status=0
    "$@" || status=$?
    kill "$keyring_pid" 2>/dev/null
    wait "$keyring_pid" 2>/dev/null
    exit "$status"
' with-keyring "$@" || status=$?
exit "$status"
