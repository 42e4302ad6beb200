#!/usr/bin/env bash
# Indexing benchmark (run by hand, not a test): Docket vs Xapian's omindex vs
# SQLite FTS5 on the Reuters-21578 stories, in the same run on the same files.
#   bash tests/bench/index_bench.sh [DOCS_DIR]   (default ../shared/corpora/reuters21578/docs)
# Prints wall time, docs/s, MB/s, peak RSS and index size for each, with ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
docs=${1:-../shared/corpora/reuters21578/docs}
if [ ! -d "$docs" ]; then echo "index_bench: skipped: $docs not found"; exit 0; fi
need=()
command -v omindex >/dev/null || need+=(xapian-omega)
command -v python3 >/dev/null || need+=(python3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q "${need[@]}" >/dev/null
  else echo "index_bench: as root, run: apt-get install -y ${need[*]}" >&2; exit 1; fi
fi
[ -x build/indexer/indexer ] || bash .ci/quickstart test >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=$(find "$docs" -type f | wc -l)
mb=$(du -sm --apparent-size "$docs" | cut -f1)
sync
find "$docs" -type f -exec cat {} + > /dev/null  # same warm page cache for every system
measure() {  # name, command...: prints "name wall_s rss_kb size_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  echo "$name $(cat "$work/$name.time") $(du -sk "$work/$name.db" | cut -f1)"
}
{
  measure docket build/indexer/indexer --db "$work/docket.db" "$docs"
  measure omindex omindex --db "$work/omindex.db" --url / "$docs"
  measure fts5 python3 tests/bench/fts5_index.py "$work/fts5.db" "$docs"
} > "$work/results"
awk -v files="$files" -v mb="$mb" '
  { name[NR]=$1; wall[NR]=$2; rss[NR]=$3; size[NR]=$4; if ($1=="fts5") f=$2; if ($1=="omindex") o=$2 }
  END {
    printf "%d files, %d MB\n", files, mb
    printf "%-8s %8s %9s %7s %9s %10s %9s %12s\n", "system", "wall s", "docs/s", "MB/s", "RSS MB", "index MB", "vs FTS5", "vs omindex"
    for (i = 1; i <= NR; i++)
      printf "%-8s %8.2f %9.0f %7.1f %9.0f %10.0f %9.2f %12.2f\n", name[i], wall[i], files / wall[i], mb / wall[i],
             rss[i] / 1024, size[i] / 1024, wall[i] / f, wall[i] / o
  }' "$work/results"
