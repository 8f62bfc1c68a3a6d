#!/usr/bin/env bash
# Release packages from the Tauri bundler: .deb and .rpm, the formats this Linux machine
# builds offline, under target/release/bundle/. AppImage (its tool downloads from GitHub),
# MSI (Windows) and DMG (macOS) stay configured in tauri.conf.json for machines that can
# build them. Prints each package's size and the binaries'.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# The release identifier (CI exports the test one for everything else). The release
# profile is the product's (LTO): on a 2-core machine give it one job when others build.
unset TAURI_CONFIG
rm -f target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
# beforeBundleCommand (tauri.conf.json) builds switchboard-cli, which the packages carry.
# --ignore-version-mismatches: the newest @tauri-apps/plugin-shell on npm is 2.4.0 while the
# crate is 2.6; the CLI would refuse the pair although the JS API used did not change.
# Run from the repository root: the before-commands in tauri.conf.json run where it runs.
ui/node_modules/.bin/tauri build --bundles deb,rpm --ci --ignore-version-mismatches
echo "packages:"
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm target/release/switchboard target/release/switchboard-cli; do
  stat -c '%s %n' "$f" | awk '{ printf "  %-60s %7.1f MB\n", $2, $1 / 1048576 }'
done
deb=$(ls target/release/bundle/deb/*.deb)
echo "  installed size (deb control): $(dpkg-deb -f "$deb" Installed-Size) KB"
