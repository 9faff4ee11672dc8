#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test: the native core tests
# (unit, scenario, property, CLI), the wasm component tests in headless
# Chromium, the end-to-end tests against the release build, and the budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "the core stays free of browser crates"
if grep -rnE '\b(yew|web_sys|gloo|js_sys|wasm_bindgen)\b' src/tcp src/sim src/scenario src/diagram src/trace \
    src/link src/editor_bridge.rs src/explain.rs src/library.rs src/i18n.rs src/cli src/capture src/load src/quiz.rs src/quiz src/drill; then
  echo "the core imports a browser crate" >&2
  exit 1
fi

step "native tests (core, layout, links, CLI, properties)"
PROPTEST_CASES="${PROPTEST_CASES:-}" cargo test --locked

step "wasm component tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee /tmp/synack-wasm-tests.log
grep -q "test result: ok" /tmp/synack-wasm-tests.log

step "release build (offline)"
trunk build --release --offline

step "end-to-end tests and budgets in headless Chromium"
node tests/e2e/run.mjs

step "benchmarks and budgets (see BENCHMARKS.md)"
BENCH_RUNS="${BENCH_RUNS:-5}" node tests/e2e/bench.mjs > tests/e2e/out/bench.log 2>&1 || { cat tests/e2e/out/bench.log; exit 1; }
grep -E "^(ok|FAIL)  |^budgets:" tests/e2e/out/bench.log
