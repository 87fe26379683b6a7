#!/usr/bin/env bash
# End-to-end gate benchmark: generates a synthetic platform of each size, runs `consentry gate` on it
# RUNS times and reports each run's wall time, throughput, user and kernel CPU and peak resident
# memory (GNU time's %U, %S, %M) and the gate's own timings of its phases (`gate --timings`), then
# the median run by wall time (the slower middle one for an even count). The machines measured
# vary by 10-30% from one run to the next (docs/benchmarks.md), so one run says little; CPU time
# is the steadier figure.
#
#   benchmarks/run-gate.sh [SIZES...]        default: 1000000 10000000
#
# Env: WORK (scratch dir, default /tmp/consentry-bench), CONSENTRY_JAVA_OPTS (default -Xmx3g),
#      AT (decision time, default 2023-09-01T00:00:00Z), PURPOSE (default ai.training.first_party),
#      RUNS (gate runs per size, default 3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/consentry-bench}"
at="${AT:-2023-09-01T00:00:00Z}"
purpose="${PURPOSE:-ai.training.first_party}"
runs="${RUNS:-3}"
export CONSENTRY_JAVA_OPTS="${CONSENTRY_JAVA_OPTS:--Xmx3g}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000 10000000)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

"$root/consentry" --version >/dev/null   # build once, outside the measurement
echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
# The machines measured so far differed by about 2x on the same code (docs/benchmarks.md, eighth round);
# SHA-256's speed on one core, which the build id and the Merkle root depend on, tells them apart.
if command -v openssl >/dev/null; then
  echo "sha-256 on one core (openssl): $(openssl speed -seconds 1 -bytes 16384 -evp sha256 2>/dev/null | awk '/^sha256/ {printf "%.2f GB/s", $2 / 1e6}')"
fi
echo "java options: $CONSENTRY_JAVA_OPTS"
printf '%-12s %10s %12s %12s %12s %10s\n' items generate_s gate_s items_per_s user+sys_s peak_rss
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ ! -f "$dir/items.jsonl" ]; then
    rm -rf "$dir"
    start=$(date +%s.%N)
    CONSENTRY_JAVA_OPTS="" "$root/consentry" generate --items "$n" --seed 1 --out "$dir" >/dev/null
    gen=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  else
    gen="(cached)"
  fi
  walls=()
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/out-$n"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time-$n" "$root/consentry" gate --items "$dir/items.jsonl" --events "$dir/events.jsonl" \
        --policy "$dir/policy" --purpose "$purpose" --at "$at" --out "$work/out-$n" --timings >"$work/summary-$n" 2>"$work/timings-$n"; then
      cat "$work/timings-$n" >&2
      exit 1
    fi
    read -r wall user sys rss <"$work/time-$n"
    walls+=("$wall")
    awk -v n="$n" -v g="$gen" -v w="$wall" -v u="$user" -v k="$sys" -v r="$rss" \
        'BEGIN {printf "%-12s %10s %12s %12.0f %5.1f+%-6.1f %8.2f GB\n", n, g, w, n / w, u, k, r / 1048576}'
    sed 's/^/             /' "$work/timings-$n"
    rm -rf "$work/out-$n"
    gen="(cached)"
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{w[NR] = $1} END {print w[int(NR / 2) + 1]}')
  awk -v n="$n" -v w="$median" -v r="$runs" 'BEGIN {printf "%-12s %10s %12s %12.0f   (median of %d runs)\n", n, "", w, n / w, r}'
done
