#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan/UBSan and runs each for a while.
#   bash tests/fuzz/run.sh [SECONDS_PER_TARGET]   (default 60)
# Seeds come from corpus/, tests/broken/ and the saved inputs (stubs: the cycle shapes). A crash stops with the input saved
# by libFuzzer; copy it to tests/fuzz/regressions/<target>/ with the fix, so the
# fuzz_replay test keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -DDOCKET_FUZZ=ON -DDOCKET_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_readers fuzz_extract fuzz_query fuzz_stubs >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in readers extract query stubs; do
  seeds="$work/$target"
  mkdir -p "$seeds"
  cp tests/fuzz/regressions/$target/* "$seeds"/ 2>/dev/null || true
  case $target in
    readers) for f in corpus/*.* tests/broken/*; do [ -f "$f" ] && { printf '\001'; head -c 4000 "$f"; } > "$seeds/$(basename "$f")"; done ;;
    extract) for f in corpus/*.md; do head -c 4000 "$f" > "$seeds/$(basename "$f")"; done ;;
    query) for q in 'revenue sharing llama' 'company:facebook llama' 'case:"Kadrey v. Meta"' '"revenue sharing" AND (meta OR aws)' 'regul* NOT apple' 'date:2025-01-01..2025-12-31' 'HIV-positive adults -1 +2 (open-source NEAR/3 model)'; do printf '%s' "$q" > "$seeds/$(echo "$q" | md5sum | cut -c1-8)"; done ;;
  esac
  echo "== fuzz_$target for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 \
    -artifact_prefix="$work/crash-$target-" "$seeds" 2>&1 | grep -E "^#[0-9]+ *DONE|ERROR|SUMMARY|Done" || true
  if ls "$work"/crash-$target-* >/dev/null 2>&1; then
    mkdir -p "tests/fuzz/regressions/$target"
    cp "$work"/crash-$target-* "tests/fuzz/regressions/$target/"
    echo "fuzz_$target: crash saved in tests/fuzz/regressions/$target/" >&2
    exit 1
  fi
done
echo "fuzzing: no crash"
