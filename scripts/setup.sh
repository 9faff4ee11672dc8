#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test synack on a fresh
# Debian 12 machine with rustup (see ../shared/TOOLCHAIN.md). Idempotent: when
# everything is there it only checks versions and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the locked crate exactly, or Trunk tries to download one.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (about 3 minutes)"
  # Not --locked: its own lockfile pins a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

missing_debs=()
[ -x /usr/bin/chromium ] || missing_debs+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_debs+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing_debs+=(fonts-noto-cjk)
# Real packetdrill, for the kernel check (scripts/kernel_check.sh), is built
# from its source in ../shared when that is there.
PACKETDRILL_SRC=../shared/tools/packetdrill
if [ -d "$PACKETDRILL_SRC" ]; then
  command -v bison >/dev/null || missing_debs+=(bison)
  command -v flex >/dev/null || missing_debs+=(flex)
fi
if [ ${#missing_debs[@]} -gt 0 ]; then
  say "installing ${missing_debs[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the npm test tools (playwright-core, axe-core, binaryen, mermaid)"
  # playwright-core never downloads a browser; the tests drive /usr/bin/chromium.
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -d "$PACKETDRILL_SRC" ] && [ ! -x target/packetdrill/packetdrill ]; then
  say "building packetdrill from $PACKETDRILL_SRC (about 20 seconds)"
  # A copy: CI's ../shared has no write bits, and the build writes beside its source.
  rm -rf target/packetdrill && mkdir -p target && cp -r "$PACKETDRILL_SRC" target/packetdrill
  (cd target/packetdrill && ./configure >/dev/null && make -s packetdrill >/dev/null 2>&1) \
    || say "packetdrill did not build: the kernel check will say it is skipped"
fi

# Everything the build needs, fetched now so the build itself never downloads.
cargo fetch --locked --quiet
say "ready: trunk $TRUNK_VERSION, wasm-bindgen $WBG_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -1)"
