#!/usr/bin/env bash
# Installs what building, running and testing Switchboard needs on Debian 12 / Ubuntu:
# apt packages (with sudo when not root), the UI's npm dependencies, and tauri-driver.
# Idempotent: anything already present is skipped. Usage: .ci/prereqs.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

BUILD_PKGS=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config gnome-keyring)
TEST_PKGS=(webkit2gtk-driver xvfb xauth dbus-x11 libsecret-tools xdotool x11-utils
  imagemagick fonts-dejavu-core keyutils python3-venv chromium appstream desktop-file-utils)
# python3-cryptography: the hostile mail servers of tests/support/hostile make their certificates.
MAIL_PKGS=(dovecot-imapd postfix openssl python3 python3-cryptography)
# python3-oauthlib: the OAuth 1.0a provider (Twitter/X's shape) of tests/support/oauth1.
MAIL_PKGS+=(python3-oauthlib)

pkgs=("${BUILD_PKGS[@]}")
[ "$what" = test ] && pkgs+=("${TEST_PKGS[@]}")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js: the machine's own when it has one (Vite needs 20.19 or newer), else Debian's.
command -v node >/dev/null || missing+=(nodejs npm)
mail_missing=()
if [ "$what" = test ]; then
  for p in "${MAIL_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || mail_missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ] || [ ${#mail_missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]} ${mail_missing[*]}"
  $SUDO apt-get update -qq
  export DEBIAN_FRONTEND=noninteractive
  [ ${#missing[@]} -gt 0 ] && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  # The mail servers are test fixtures: no recommends, and their system services stay off
  # (the tests start throwaway instances of their own).
  if [ ${#mail_missing[@]} -gt 0 ]; then
    echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
    $SUDO apt-get install -y -qq --no-install-recommends "${mail_missing[@]}" >/dev/null
  fi
fi

command -v cargo >/dev/null || {
  echo "Rust is missing: install it from https://rustup.rs, then run this again." >&2
  exit 1
}

node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "Node.js $(node --version) is too old for the UI build: install Node.js 20.19 or newer." >&2
  exit 1
}

# The UI's dependencies at the locked versions. Not `npm ci`: npm 11 writes only this
# platform's optional binaries (the Tauri CLI's) into the lock and then refuses that same
# lock in `npm ci`; `install --no-save` installs the locked versions and leaves the files alone.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  npm --prefix ui install --no-save --no-audit --no-fund --loglevel=error
fi

# schemathesis for the emulator's conformance run (tests/support/conformance/run.sh), in a
# venv of its own at the version TESTING.md checked (~15 s from PyPI).
venv="${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/venv-schemathesis-4.32.5"
if [ "$what" = test ] && [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
fi

# The OAuth tests' authorization server (oidc-provider) and real-browser driver
# (playwright-core, using Debian's chromium: no browser download).
if [ "$what" = test ] && { [ ! -d tests/support/oauth/node_modules ] ||
  [ tests/support/oauth/package-lock.json -nt tests/support/oauth/node_modules/.package-lock.json ]; }; then
  npm --prefix tests/support/oauth install --no-save --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ] && ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --locked --quiet
fi
