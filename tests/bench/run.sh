#!/usr/bin/env bash
# Whole-app benchmarks (tests/bench/app.mjs) with what they need: the release app and the
# minimal Tauri 2 app (tests/bench/minimal-app, a workspace member built in the same cargo
# command, so it only adds its own crate and link), data folders with 0, 1,000 and 10,000
# channels (imported with the release switchboard-cli), then the package, installed and
# binary sizes. Prints figures; asserts nothing.
#
#   tests/bench/run.sh [rounds]        (default 5)
#
# Release builds with LTO are heavy: on a shared 2-core machine run with CARGO_BUILD_JOBS=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
rounds=${1:-5}
if [ -n "${SWITCHBOARD_BENCH_INNER:-}" ]; then
  mkdir -p "$BENCH_DATA/empty"
  for n in 1000 10000; do
    SWITCHBOARD_DATA_DIR="$BENCH_DATA/c$n" target/release/switchboard-cli import "$BENCH_DATA/c$n.json" >/dev/null
  done
  BENCH_APP=$PWD/target/release/switchboard BENCH_MINIMAL=$PWD/target/release/minimal-tauri-app \
    exec node tests/bench/app.mjs "$rounds"
fi
app=$PWD/target/release/switchboard
cli=$PWD/target/release/switchboard-cli
minimal=$PWD/target/release/minimal-tauri-app

if [ ! -x "$app" ] || [ ! -x "$minimal" ]; then
  echo "== release build of the app and the minimal Tauri 2 app (one cargo command: shared crates)"
  npm --prefix ui run build
  (unset TAURI_CONFIG; cargo build --release --features tauri/custom-protocol -p switchboard -p minimal-tauri-app)
fi
[ -x "$cli" ] || cargo build --release -p switchboard-cli

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
echo "== data: 0, 1,000 and 10,000 channels"
for n in 1000 10000; do
  cargo run -q -p switchboard-catalogue --example channels_file -- "$n" >"$data/c$n.json"
done

# The figures need a display and a Secret Service: the same script, inside both.
SWITCHBOARD_BENCH_INNER=1 BENCH_DATA=$data xvfb-run -a -s "-screen 0 1280x800x24" \
  tests/support/with-keyring.sh bash "$0" "$rounds"

echo
echo "Sizes:"
size() { stat -c '%s' "$1" | awk -v n="$2" '{ printf "  %-44s %7.1f MB\n", n, $1 / 1048576 }'; }
size "$app" "switchboard binary (release, LTO, stripped)"
size "$cli" "switchboard-cli binary"
size "$minimal" "minimal Tauri 2 app binary (same profile)"
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
  [ -e "$f" ] && size "$f" "$(basename "$f")"
done
deb=$(ls target/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && echo "  installed (.deb Installed-Size)              $(dpkg-deb -f "$deb" Installed-Size | awk '{ printf "%7.1f MB", $1 / 1024 }')"
true
