#!/usr/bin/env bash
# Runs every packetdrill script under tests/drill/ twice: on the model
# (`synack drill --profile linux`) and on this machine's real Linux kernel
# (Google's packetdrill, built by scripts/setup.sh from ../shared/tools/,
# each run in its own private network namespace). The kernel is the
# reference: a script the model passes and the kernel does not is a defect in
# the script or in the model.
#
# Until the model and the scripts agree with the kernel everywhere, the
# scripts the kernel still fails are listed, each with why, in
# tests/drill/kernel-known.txt. This step fails when the model fails a
# script, when the kernel fails a script not on that list, or when a listed
# script now passes (take it off the list: the list only shrinks).
#
# Usage: bash scripts/kernel_check.sh [SYNACK_BINARY]
set -uo pipefail
cd "$(dirname "$0")/.."

PACKETDRILL=target/packetdrill/packetdrill
SYNACK=${1:-target/debug/synack}
KNOWN=tests/drill/kernel-known.txt
OUT=target/kernel-check
# Where a user's laptop cannot run it, say why in one line and pass.
skip() { echo "kernel check skipped: $*"; exit 0; }
[ -x "$PACKETDRILL" ] || skip "no packetdrill (scripts/setup.sh builds it when ../shared/tools/packetdrill is there)"
[ "$(id -u)" -eq 0 ] || skip "packetdrill needs root (it makes a tun device)"
unshare -n true 2>/dev/null || skip "cannot make a private network namespace (unshare -n)"
[ -x "$SYNACK" ] || { echo "no synack binary at $SYNACK (cargo build first)" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT"
failed=0
model_passed=0

# The model first: it is fast, and every script must pass on it.
for pkt in tests/drill/*.pkt; do
  if "$SYNACK" drill --profile linux "$pkt" > "$OUT/$(basename "$pkt").model" 2>&1; then
    model_passed=$((model_passed + 1))
  else
    echo "FAIL model: $pkt"; sed 's/^/    /' "$OUT/$(basename "$pkt").model" | head -20
    failed=1
  fi
done

# The kernel runs scripts in real time (a SYN timeout takes two minutes), so
# two run at once, the longest first. packetdrill spins the CPU just before
# each event it injects; more runs than cores make it inject late (a
# "timing error … inbound packet", its own lateness, not the kernel's), so
# a run that failed only that way is run once more on its own.
run_kernel() {
  local pkt=$1 name
  name=$(basename "$pkt")
  (cd tests/drill && unshare -n "../../$PACKETDRILL" --ip_version=ipv4 "$name") > "$OUT/$name.kernel" 2>&1
  echo $? > "$OUT/$name.rc"
}
export -f run_kernel
export OUT PACKETDRILL
started=$(date +%s)
# Longest first: a script's length is its largest absolute or summed time,
# approximated by its line count of waits (good enough to order two lanes).
ls tests/drill/*.pkt | while read -r f; do
  printf '%s %s\n' "$(grep -cE '^\+[0-9.]*[1-9]' "$f")" "$f"
done | sort -rn | awk '{print $2}' | xargs -P 2 -I{} bash -c 'run_kernel {}'
for rc in "$OUT"/*.rc; do
  name=$(basename "$rc" .rc)
  if [ "$(cat "$rc")" != 0 ] && grep -q "timing error: expected inbound packet" "$OUT/$name.kernel"; then
    run_kernel "tests/drill/$name"
  fi
done
elapsed=$(( $(date +%s) - started ))

passed=0; total=0
for pkt in tests/drill/*.pkt; do
  name=$(basename "$pkt"); total=$((total + 1))
  listed=$(grep -E "^$name " "$KNOWN" 2>/dev/null | head -1)
  if [ "$(cat "$OUT/$name.rc")" = 0 ]; then
    passed=$((passed + 1))
    if [ -n "$listed" ]; then
      echo "FAIL kernel now passes $name: take it off $KNOWN"; failed=1
    fi
  elif [ -n "$listed" ]; then
    echo "known kernel difference: $listed"
  else
    echo "FAIL kernel: $name"; sed 's/^/    /' "$OUT/$name.kernel" | head -12
    failed=1
  fi
done
echo "real kernel ($(uname -r)): $passed of $total scripts pass, in ${elapsed} s; the model (--profile linux): $model_passed of $total"
exit $failed
