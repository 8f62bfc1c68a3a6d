#!/usr/bin/env bash
# The .deb as a user meets it: installs it with apt (its declared dependencies resolved),
# checks the desktop integration (desktop entry, AppStream metainfo, icons), runs the smoke
# suite (smoke.test.mjs) against /usr/bin/switchboard in a throwaway HOME, then removes the
# package and checks that none of its files is left while the user's data stays.
#
#   tests/installed/run.sh [path/to/switchboard.deb]   (default: the one .ci/package.sh built)
#
# Root or sudo: it installs and removes a system package.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

deb=${1:-$(ls target/release/bundle/deb/*.deb)}
pkg=$(dpkg-deb -f "$deb" Package)
work=$(mktemp -d)
home="$work/home"
mkdir -p "$home"
removed=0
remove() {
  [ "$removed" -eq 1 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq "$pkg" >/dev/null
  removed=1
}
trap 'remove; rm -rf "$work"' EXIT

echo "== install $deb"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$(realpath "$deb")" >/dev/null
# The package's own list, taken before removal to check the removal against.
dpkg -L "$pkg" >"$work/files"
echo "   $(wc -l <"$work/files") paths; depends: $(dpkg-query -W -f='${Depends}' "$pkg")"

echo "== desktop integration"
desktop=$(grep '^/usr/share/applications/.*\.desktop$' "$work/files")
desktop-file-validate "$desktop"
appstreamcli validate --no-net /usr/share/metainfo/com.switchboard.desktop.metainfo.xml
# What a launcher shows: the name, the icon (found in the hicolor theme), the category.
grep -qx 'Name=Switchboard' "$desktop"
grep -qx 'Exec=switchboard' "$desktop"
icon=$(sed -n 's/^Icon=//p' "$desktop")
for size in 32x32 64x64 128x128 256x256@2 scalable; do
  ls /usr/share/icons/hicolor/"$size"/apps/"$icon".* >/dev/null
done
grep -qx 'Categories=Office;' "$desktop"
# The window's WM_CLASS is ("switchboard", "Switchboard"): docks group it under this entry.
grep -qx 'StartupWMClass=Switchboard' "$desktop"
# The launchable the metainfo names is the desktop entry that is installed.
grep -q "<launchable type=\"desktop-id\">$(basename "$desktop")</launchable>" \
  /usr/share/metainfo/com.switchboard.desktop.metainfo.xml
command -v switchboard-cli
echo "   $desktop, icon $icon: ok"

echo "== smoke suite against /usr/bin/switchboard"
SWITCHBOARD_E2E_BINARY=/usr/bin/switchboard SWITCHBOARD_SMOKE_HOME="$home" \
  timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" tests/support/with-keyring.sh \
  node --test --test-concurrency=1 --test-force-exit tests/installed/

echo "== remove"
remove
left=0
while read -r f; do
  if [ -d "$f" ]; then
    # A folder may stay when another package owns it or something else lives in it.
    if [ -z "$(ls -A "$f")" ] && ! dpkg -S "$f" >/dev/null 2>&1; then
      echo "   left behind: $f/ (empty)"
      left=1
    fi
  elif [ -e "$f" ] || [ -L "$f" ]; then
    echo "   left behind: $f"
    left=1
  fi
done <"$work/files"
[ "$left" -eq 0 ] || exit 1
echo "   no file of the package is left"
# Removing the app never removes what the user made with it.
data="$home/.local/share/com.switchboard.desktop"
test -s "$data/switchboard.sqlite3"
echo "   the user's data stays: $data (database, preferences, logs/)"
