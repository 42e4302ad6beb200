#!/usr/bin/env bash
# Benchmark suite (run by hand, not a test): Docket vs Xapian's omindex + quest vs SQLite FTS5,
# indexing and querying Reuters-21578 at x1 and scaled copies (x4, x16), in the same run on the
# same files. Writes OUT/results.tsv (raw figures), OUT/report.txt (tables with ratios against
# each anchor, then the targets and whether they hold) and OUT/chart.png (cost versus size).
#
#   bash tests/bench/suite.sh [--sizes 1,4,16] [--queries 200] [--out build/bench]
#                             [--company NAME] [--keep]
#
# --company: the company of the filtered query run (default: the most frequent one in the x1
# index). --keep: leave the temporary corpora and indexes in place (the path is printed).
# A full run takes long on 2 cores (omindex alone is ~10 minutes at x16); try --sizes 1 first.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/bench
docs=../shared/corpora/reuters21578/docs
sizes=1,4,16 queries=200 out=build/bench company="" keep=0
searcher=build/searcher/searcher indexer=build/indexer/indexer

usage() { sed -n '2,12s/^# \{0,1\}//p' "$0"; exit "$1"; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --company) company=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "suite: unknown argument $1" >&2; usage 2 ;;
  esac
done

log() { echo "suite: $(date +%T) $*" >&2; }

# Packages: omindex and quest are the Xapian anchor, sqlite3 and Python's sqlite3 the FTS5 one;
# python3-xapian times quest's query in-process; gnuplot draws the chart.
install_missing() {
  local need=()
  command -v omindex >/dev/null || need+=(xapian-omega)
  command -v quest >/dev/null || need+=(xapian-tools)
  command -v sqlite3 >/dev/null || need+=(sqlite3)
  command -v gnuplot >/dev/null || need+=(gnuplot-nox)
  [ -x /usr/bin/time ] || need+=(time)
  [ -x /usr/bin/python3 ] || need+=(python3)
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import xapian' 2>/dev/null || need+=(python3-xapian)
  [ ${#need[@]} -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ]; then echo "suite: as root, run: apt-get install -y ${need[*]}" >&2; exit 1; fi
  log "installing ${need[*]}"
  apt-get install -y -q "${need[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
}

build_if_missing() {
  [ -x "$searcher" ] && [ -x "$indexer" ] && return
  [ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j1 --target searcher indexer >/dev/null
}

# Run a copy of the binaries, so that a rebuild during a long run neither breaks it nor mixes
# two versions in one table (a binary being relinked is missing for a moment: wait for it).
snapshot_binaries() {
  local tries=0
  mkdir -p "$work/bin"
  until cp "$indexer" "$searcher" "$work/bin/" 2>/dev/null &&
        "$work/bin/indexer" --version >/dev/null 2>&1 && "$work/bin/searcher" --version >/dev/null 2>&1; do
    tries=$((tries + 1)); [ $tries -lt 60 ] || { log "cannot copy $indexer and $searcher"; exit 1; }
    sleep 5
  done
  indexer=$work/bin/indexer searcher=$work/bin/searcher
}

row() { printf '%s\t%s\t%s\t%s\n' "$@" >> "$results"; }  # scale system metric value

# Same warm page cache for every system: flush the last run's writes, then read every file.
warm_cache() { sync; find "$1" -type f -print0 | xargs -0 cat > /dev/null; }

# index_one SCALE NAME MAX_OK_EXIT CMD...: wall time, peak RSS and index size of one indexer.
index_one() {
  local scale=$1 name=$2 max_ok=$3 rc=0; shift 3
  warm_cache "$corpus"
  log "x$scale: indexing with $name"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/$name.err" || rc=$?
  if [ "$rc" -gt "$max_ok" ]; then tail -5 "$work/$name.err" >&2; log "$name failed (exit $rc)"; exit 1; fi
  local wall rss
  read -r wall rss < <(tail -1 "$work/time")  # a non-zero exit adds a line before the figures
  row "$scale" "$name" index_s "$wall"
  row "$scale" "$name" rss_kb "$rss"
  row "$scale" "$name" index_kb "$(du -sk "$dbs/$name.db" | cut -f1)"
}

# The corpus of one size: x1 is the staged folder itself, larger sizes are varied copies.
make_corpus() {
  local scale=$1
  if [ "$scale" -eq 1 ]; then corpus=$(cd "$docs" && pwd); return; fi
  corpus=$work/x$scale/docs
  log "x$scale: writing $scale copies of the corpus"
  /usr/bin/python3 "$bench/make_corpus.py" "$docs" "$corpus" "$scale"
}

pick_company() {
  [ -n "$company" ] && return
  company=$("$searcher" --db "$dbs/docket.db" --json --limit 0 --facet-limit 1 |
            /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["facets"]["company"][0]["value"])')
}

# batch_row SCALE SYSTEM latency.py-ARGS...: p50/p95/p99 of an in-process batch (or n/a).
batch_row() {
  local scale=$1 system=$2 line p50 p95 p99; shift 2
  line=$(/usr/bin/python3 "$bench/latency.py" "$@")
  read -r p50 p95 p99 _ <<< "$line"
  if [ "$p50" = n/a ]; then log "x$scale: $system batch: $line"; p95=n/a p99=n/a; fi
  row "$scale" "$system" batch_p50 "$p50"; row "$scale" "$system" batch_p95 "$p95"; row "$scale" "$system" batch_p99 "$p99"
}

query_all() {
  local scale=$1 d=$dbs/docket.db name p50 p95 p99
  log "x$scale: queries, one process each (searcher x3, quest, sqlite3 taking turns)"
  /usr/bin/python3 "$bench/latency.py" proc "$qdir/q.txt" \
      docket words "$searcher" --db "$d" --limit 10 {} :: \
      docket-nofacets words "$searcher" --db "$d" --limit 10 --no-facets {} :: \
      docket-company words "$searcher" --db "$d" --limit 10 --company "$company" {} :: \
      omindex words quest -d "$dbs/omindex.db" -m 10 {} :: \
      fts5 fts5 sqlite3 "$dbs/fts5.db" {} > "$work/proc"
  while read -r name p50 p95 p99 _; do
    row "$scale" "$name" proc_p50 "$p50"; row "$scale" "$name" proc_p95 "$p95"; row "$scale" "$name" proc_p99 "$p99"
  done < "$work/proc"
  log "x$scale: queries, in-process batches"
  batch_row "$scale" docket docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec"
  batch_row "$scale" docket-nofacets docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec" --no-facets
  batch_row "$scale" docket-company docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec" --company "$company"
  batch_row "$scale" omindex xapian "$dbs/omindex.db" "$qdir/q.txt"
  batch_row "$scale" fts5 fts5 "$dbs/fts5.db" "$qdir/q.txt"
}

run_size() {
  local scale=$1
  dbs=$work/x$scale/db
  mkdir -p "$dbs"
  make_corpus "$scale"
  row "$scale" corpus files "$(find "$corpus" -type f | wc -l)"
  row "$scale" corpus mb "$(du -sm --apparent-size "$corpus" | cut -f1)"
  index_one "$scale" docket 1 "$indexer" -q --db "$dbs/docket.db" "$corpus"  # 1 = a file skipped
  index_one "$scale" omindex 0 omindex --db "$dbs/omindex.db" --url / "$corpus"
  index_one "$scale" fts5 0 /usr/bin/python3 "$bench/fts5_index.py" "$dbs/fts5.db" "$corpus"
  pick_company
  query_all "$scale"
  [ "$keep" -eq 1 ] || rm -rf "$work/x$scale"  # up to ~3 GB at x16
}

main() {
  if [ ! -d "$docs" ]; then echo "suite: skipped: $docs not found"; exit 0; fi
  install_missing
  build_if_missing
  work=$(mktemp -d /tmp/docket-bench.XXXXXX)
  if [ "$keep" -eq 1 ]; then log "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
  snapshot_binaries
  mkdir -p "$out"
  results=$out/results.tsv qdir=$work
  : > "$results"
  /usr/bin/python3 "$bench/make_queries.py" "$docs" "$queries" "$qdir/q"
  for scale in ${sizes//,/ }; do run_size "$scale"; done
  row 0 meta queries "$queries"
  row 0 meta company "$company"
  row 0 meta machine "$(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u +%F)"
  /usr/bin/python3 "$bench/report.py" "$results" "$out"
  # stats on a single size warns that it cannot fit a line: keep gnuplot quiet unless it fails
  gnuplot -e "datafile='$out/chart.dat'; outfile='$out/chart.png'" "$bench/chart.gp" 2>"$work/gnuplot.err" || { cat "$work/gnuplot.err" >&2; exit 1; }
  echo "suite: wrote $out/results.tsv, $out/report.txt, $out/chart.png"
}

main
