#!/usr/bin/env bash
# Whole-build benchmark: wall time, peak RSS, output size and file count for
# generated archives of N post-mortems, with and without the search index,
# plus pmbook's own phase timings.
#
#   [PROFILE=varied] bench/build.sh [N ...]   (default: 1000 10000 50000)
#
# Archives are generated once per N (deterministic: --seed 7) under
# ${BENCH_DIR:-/tmp/pmbook-bench} and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
work=${BENCH_DIR:-/tmp/pmbook-bench}
# PROFILE=varied: archives of `pmbook generate --profile varied` (longer
# bodies with code and tables, 20–60 timeline events, three times the
# terms, a third without front matter), kept apart from the default ones.
profile=${PROFILE:-default}
case $profile in default) suffix= ;; varied) suffix=-varied ;; *) echo "PROFILE must be default or varied"; exit 2 ;; esac
mkdir -p "$work"
cargo build --release --quiet
bin=$PWD/target/release/pmbook
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
# Outputs left by an interrupted run are removed, and removals settle
# before anything is measured (see bench/settle.sh).
. bench/settle.sh
shopt -s nullglob
remove_outputs "$work"/site-*
wait_settled
outputs=()

# run LABEL CMD... : time a command, print wall s and peak RSS MB.
# The warm-up run's output is written to disk first, untimed, so that its
# flushing is not billed to the measured run.
run() {
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
  read -r wall rss <"$work/time.txt"
  printf '%s\t%s\t%s\n' "$label" "$wall" "$((rss / 1024))"
}

echo "pmbook $($bin --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, $(date -u +"%F %H:%M UTC"), profile $profile, load $(cut -d" " -f1-3 /proc/loadavg)"
printf '%-8s %-10s %9s %9s %10s %8s\n' N search "wall (s)" "RSS (MB)" "out (MB)" files
for n in "${sizes[@]}"; do
  archive=$work/archive-$n$suffix
  [ -d "$archive/content" ] || "$bin" generate "$archive" --count "$n" --seed 7 --profile "$profile" >/dev/null
  for mode in off on; do
    flag=(); [ $mode = off ] && flag=(--no-search)
    # One warm-up run (page cache), then the measured one, each into a
    # new, empty folder; all are removed at the end (bench/settle.sh).
    dest=$work/site-$n-$mode-$(date +%s%N)
    outputs+=("$dest" "$dest-warm")
    "$bin" -C "$archive" build --quiet "${flag[@]}" --dest "$dest-warm" >/dev/null 2>&1
    IFS=$'\t' read -r _ wall rss < <(run "$n" "$bin" -C "$archive" build --quiet --timings "${flag[@]}" --dest "$dest")
    size=$(du -sm "$dest" | cut -f1)
    files=$(find "$dest" -type f | wc -l)
    printf '%-8s %-10s %9s %9s %10s %8s\n' "$n" "$mode" "$wall" "$rss" "$size" "$files"
    cp "$work/err.txt" "$work/timings-$n$suffix-$mode.txt"
  done
done
remove_outputs "${outputs[@]}"
echo
for n in "${sizes[@]}"; do
  echo "phase timings, N=$n, search on:"
  grep -v '^built' "$work/timings-$n$suffix-on.txt" | sed 's/^/  /'
done
