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
# Then the differential: every preset, each host in turn as the one under
# test, is written as a packetdrill script by `synack pkt --profile linux`
# (what the model did, the other host's segments injected as they arrived)
# and run the same two ways. A preset the exporter refuses says why.
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

rm -rf "$OUT" && mkdir -p "$OUT/export"
failed=0
model_passed=0

# Every script by the name the known list gives it: tests/drill/NAME.pkt is
# NAME.pkt, an exported preset export/PRESET-SIDE.pkt.
ls tests/drill/*.pkt > "$OUT/scripts"
# The stacks' scripts keep each stack's answer in an #ifdef branch (FreeBSD's
# tcp-testsuite style); the kernel runs their Linux branch, as `synack drill
# --expand --profile linux` writes it, under the name stacks/NAME.pkt.
mkdir -p "$OUT/stacks"
for pkt in tests/drill/stacks/*.pkt; do
  out="$OUT/stacks/$(basename "$pkt")"
  "$SYNACK" drill "$pkt" --expand --profile linux > "$out" || { echo "FAIL expand: $pkt"; failed=1; }
  echo "$out" >> "$OUT/scripts"
done
refused=0
for preset in $("$SYNACK" presets | awk '{print $1}'); do
  for side in client server; do
    out="$OUT/export/$preset-$side.pkt"
    if "$SYNACK" pkt --preset "$preset" --profile linux --side "$side" -o "$out" 2> "$out.err"; then
      echo "$out" >> "$OUT/scripts"
    else
      echo "not exported: $preset, $side under test: $(sed 's/^synack: //' "$out.err")"
      refused=$((refused + 1))
    fi
  done
done
# The random differential: seeded fault schedules (one or two drops, delays
# or duplicates, each on one of the run's first six segments) on random
# presets, exported and run the same two ways. The default seed is fixed so
# CI is repeatable; SYNACK_DIFF_SEED=N tries other schedules,
# SYNACK_DIFF_COUNT=N more or fewer of them.
seed=${SYNACK_DIFF_SEED:-20261204}
count=${SYNACK_DIFF_COUNT:-24}
"$SYNACK" presets | awk '$1 != "stress" {print $1}' > "$OUT/presets"
# Each line: the number, the preset, the side, then per fault its kind, a
# number in [0, 1) that picks the segment, and its milliseconds.
awk -v seed="$seed" -v n="$count" '{ p[NR] = $1 }
  END { srand(seed)
    for (k = 1; k <= n; k++) {
      line = k " " p[int(rand() * NR) + 1] " " (rand() < 0.5 ? "client" : "server")
      for (j = 0; j < 1 + int(rand() * 2); j++) {
        r = rand(); kind = r < 0.5 ? "drop" : r < 0.8 ? "delay" : "duplicate"
        line = line " " kind " " rand() " " (kind == "delay" ? 50 * (1 + int(rand() * 8)) : 10 * (1 + int(rand() * 20)))
      }
      print line } }' "$OUT/presets" > "$OUT/random"
random_refused=0
while read -r k preset side faults; do
  ids=$("$SYNACK" trace --preset "$preset" --profile linux | awk '$3 ~ /^[cs][0-9]+$/ && $5 == "->" { print $3 }' | head -6)
  n=$(echo "$ids" | wc -l)
  args="--preset $preset --side $side"
  set -- $faults
  while [ $# -ge 3 ]; do
    id=$(echo "$ids" | sed -n "$(awk -v r="$2" -v n="$n" 'BEGIN { print int(r * n) + 1 }')p")
    case $1 in drop) args="$args --drop $id";; *) args="$args --$1 $id=$3";; esac
    shift 3
  done
  out="$OUT/export/random-$k.pkt"
  echo "$args" > "$out.cmd"
  # shellcheck disable=SC2086 # the schedule's words are options
  if ! "$SYNACK" pkt --profile linux $args -o "$out" 2> "$out.err"; then
    random_refused=$((random_refused + 1))
    echo "not exported: synack pkt --profile linux $args: $(sed 's/^synack: //' "$out.err")"
  else
    echo "$out" >> "$OUT/scripts"
  fi
done < "$OUT/random"
echo "random differential: seed $seed, $count schedules, $random_refused not exported (a fault on a segment the run does not send, or a run a script cannot say)"

key() { case $1 in "$OUT"/export/*) echo "export/$(basename "$1")";; "$OUT"/stacks/*) echo "stacks/$(basename "$1")";; *) basename "$1";; esac; }
file_of() { echo "$OUT/$(echo "$1" | tr / _)"; }

# The model first: it is fast, and every script must pass on it.
while read -r pkt; do
  k=$(key "$pkt")
  if "$SYNACK" drill --profile linux "$pkt" > "$(file_of "$k").model" 2>&1; then
    model_passed=$((model_passed + 1))
  else
    echo "FAIL model: $k"; sed 's/^/    /' "$(file_of "$k").model" | head -20
    failed=1
  fi
done < "$OUT/scripts"

# The kernel runs scripts in real time (a SYN timeout takes two minutes), so
# two run at once, the longest first. packetdrill spins the CPU just before
# each event it injects; more runs than cores make it inject late (a
# "timing error … inbound packet", its own lateness, not the kernel's), so
# a run that failed only that way is run once more on its own.
run_kernel() {
  local pkt=$1 k=$2
  # At most 3 minutes: the longest script (a SYN timeout) takes 2.2; the
  # bulk transfer, once the kernel differs, can block in write() for long.
  (cd "$(dirname "$pkt")" && timeout 180 unshare -n "$ROOT/$PACKETDRILL" --ip_version=ipv4 "$(basename "$pkt")") > "$k.kernel" 2>&1
  echo $? > "$k.rc"
}
export -f run_kernel
ROOT=$(pwd)
export ROOT PACKETDRILL
started=$(date +%s)
# Longest first: a script's length is its last time, absolute or summed
# from its `+` times (good enough to order two lanes).
while read -r f; do
  length=$(awk '$1 ~ /^\+?[0-9.]/ { t = $1; sub(/[.][.][.].*|~.*/, "", t);
           if (t ~ /^\+/) { now += substr(t, 2) } else { now = t + 0 }; if (now > max) max = now }
           END { printf "%d", max * 1000 }' "$f")
  printf '%s %s %s\n' "$length" "$f" "$(file_of "$(key "$f")")"
done < "$OUT/scripts" | sort -rn | awk '{print $2, $3}' | xargs -P 2 -n 2 bash -c 'run_kernel "$0" "$1"'
while read -r pkt; do
  k=$(file_of "$(key "$pkt")")
  if [ "$(cat "$k.rc")" != 0 ] && grep -q "timing error" "$k.kernel"; then
    run_kernel "$pkt" "$k"
  fi
done < "$OUT/scripts"
elapsed=$(( $(date +%s) - started ))

passed=0; total=0
while read -r pkt; do
  name=$(key "$pkt"); total=$((total + 1))
  listed=$(grep -F "$name " "$KNOWN" 2>/dev/null | grep -E "^$name " | head -1)
  if [ "$(cat "$(file_of "$name").rc")" = 0 ]; then
    passed=$((passed + 1))
    if [ -n "$listed" ]; then
      echo "FAIL kernel now passes $name: take it off $KNOWN"; failed=1
    fi
  elif [ -n "$listed" ]; then
    echo "known kernel difference: $listed"
  else
    echo "FAIL kernel: $name"; sed 's/^/    /' "$(file_of "$name").kernel" | head -12
    [ -f "$pkt.cmd" ] && echo "    synack pkt --profile linux $(cat "$pkt.cmd")   (seed $seed)"
    [ "${name#export/}" != "$name" ] && { echo "    the script:"; sed 's/^/    | /' "$pkt" | head -40; }
    failed=1
  fi
done < "$OUT/scripts"
exported=$(grep -c "^$OUT/export/" "$OUT/scripts")
randoms=$(grep -c "^$OUT/export/random-" "$OUT/scripts")
echo "real kernel ($(uname -r)): $passed of $total scripts pass ($exported of them exported: $randoms random fault schedules, seed $seed; $refused preset sides refused by the exporter), in ${elapsed} s; the model (--profile linux): $model_passed of $total"
exit $failed
