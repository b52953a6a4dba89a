#!/usr/bin/env bash
# Run pmbook's fuzz targets with cargo-fuzz (libFuzzer).
#
#   fuzz/run.sh                 # every target, 10 minutes each
#   fuzz/run.sh page 60         # one target for 60 seconds
#
# cargo-fuzz needs a nightly toolchain (`rustup toolchain install nightly`)
# and `cargo install cargo-fuzz`. The same targets run on stable as property
# tests (tests/properties.rs) in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: cargo-fuzz needs a nightly Rust toolchain, and none is installed." >&2
  echo "  install one with: rustup toolchain install nightly" >&2
  echo "  (on stable, the same targets run as property tests: cargo test --test properties)" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: cargo-fuzz is not installed; install it with: cargo install cargo-fuzz" >&2
  exit 2
fi

targets=(front_matter extract page)
if [ $# -ge 1 ]; then targets=("$1"); fi
seconds=${2:-600}

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzz $t for ${seconds}s"
  # corpus/$t (ignored by git) collects what the fuzzer finds; seeds/ are
  # the committed starting points. Inputs are capped at 64 KiB.
  cargo +nightly fuzz run "$t" "corpus/$t" seeds -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -dict=pmbook.dict -print_final_stats=1
done
