#!/usr/bin/env bash
# Benchmark suite (run by hand, not a test): Docket vs Xapian's omindex + quest, SQLite FTS5,
# Sphinx 2.2 and PostgreSQL 15 full-text search, indexing and querying Reuters-21578 at x1 and
# scaled copies (x4, x16), in the same run on the same files. Writes OUT/results.tsv (raw
# figures), OUT/report.txt (tables with ratios against each anchor, then the targets and whether
# they hold) and OUT/chart.png (cost versus size).
#
#   bash tests/bench/suite.sh [--sizes 1,4,16] [--queries 200] [--out build/bench]
#                             [--anchors quest,fts5,sphinx,pg] [--company NAME] [--keep]
#
# --anchors: the anchors to run (default all). --company: the company of the filtered query run
# (default: the most frequent one in the x1 index). --keep: leave the temporary corpora and
# indexes in place (the path is printed). A full run takes long on 2 cores (omindex alone is ~10
# minutes at x16); try --sizes 1 first.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/bench
docs=../shared/corpora/reuters21578/docs
sizes=1,4,16 queries=200 out=build/bench company="" keep=0 anchors=quest,fts5,sphinx,pg
searcher=build/searcher/searcher indexer=build/indexer/indexer

usage() { sed -n '2,14s/^# \{0,1\}//p' "$0"; exit "$1"; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --anchors) anchors=$2; shift 2 ;;
    --company) company=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "suite: unknown argument $1" >&2; usage 2 ;;
  esac
done

log() { echo "suite: $(date +%T) $*" >&2; }
want() { [[ ",$anchors," == *",$1,"* ]]; }  # is anchor $1 in --anchors?
pg_bin=/usr/lib/postgresql/15/bin

# Packages: omindex and quest are the Xapian anchor, sqlite3 and Python's sqlite3 the FTS5 one;
# python3-xapian times quest's query in-process; sphinxsearch and postgresql-15 are the server
# anchors, queried by Python clients (MySQLdb for SphinxQL, psycopg2); gnuplot draws the chart.
has_module() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" 2>/dev/null; }
install_missing() {
  local need=()
  if want quest; then
    command -v omindex >/dev/null || need+=(xapian-omega)
    command -v quest >/dev/null || need+=(xapian-tools)
    has_module xapian || need+=(python3-xapian)
  fi
  if want fts5; then command -v sqlite3 >/dev/null || need+=(sqlite3); fi
  if want sphinx; then
    [ -x /usr/bin/searchd ] || need+=(sphinxsearch)
    has_module MySQLdb || need+=(python3-mysqldb)
  fi
  if want pg; then
    [ -x "$pg_bin/pg_ctl" ] || need+=(postgresql-15)
    has_module psycopg2 || need+=(python3-psycopg2)
  fi
  command -v gnuplot >/dev/null || need+=(gnuplot-nox)
  [ -x /usr/bin/time ] || need+=(time)
  [ -x /usr/bin/python3 ] || need+=(python3)
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
# What it reads (the corpus, or the anchors' feed for sphinx and pg) is in the page cache first.
index_one() {
  local scale=$1 name=$2 max_ok=$3 rc=0 input=$corpus; shift 3
  case $name in sphinx|pg) input=$feed ;; esac
  warm_cache "$input"
  log "x$scale: indexing with $name"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  if [ "$rc" -gt "$max_ok" ]; then tail -5 "$work/$name.err" >&2; log "$name failed (exit $rc)"; exit 1; fi
  local wall rss
  read -r wall rss < <(tail -1 "$work/time")  # a non-zero exit adds a line before the figures
  row "$scale" "$name" index_s "$wall"
  # PostgreSQL's work is done by the server: its client's RSS would say nothing, and its size is
  # that of its tables and indexes (pg_index.py prints it), not of the cluster with its WAL.
  if [ "$name" = pg ]; then
    row "$scale" "$name" index_kb "$(tail -1 "$work/pg.out")"
  else
    row "$scale" "$name" rss_kb "$rss"
    row "$scale" "$name" index_kb "$(du -sk "$dbs/$name.db" | cut -f1)"
  fi
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
  local scale=$1 d=$dbs/docket.db name p50 p95 p99 procs=()
  want quest && procs+=(:: omindex words quest -d "$dbs/omindex.db" -m 10 {})
  want fts5 && procs+=(:: fts5 fts5 sqlite3 "$dbs/fts5.db" {})
  log "x$scale: queries, one process each (searcher x3 and the anchors' CLIs taking turns)"
  /usr/bin/python3 "$bench/latency.py" proc "$qdir/q.txt" \
      docket words "$searcher" --db "$d" --limit 10 {} :: \
      docket-nofacets words "$searcher" --db "$d" --limit 10 --no-facets {} :: \
      docket-company words "$searcher" --db "$d" --limit 10 --company "$company" {} \
      "${procs[@]}" > "$work/proc"
  while read -r name p50 p95 p99 _; do
    row "$scale" "$name" proc_p50 "$p50"; row "$scale" "$name" proc_p95 "$p95"; row "$scale" "$name" proc_p99 "$p99"
  done < "$work/proc"
  log "x$scale: queries, in-process batches"
  batch_row "$scale" docket docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec"
  batch_row "$scale" docket-nofacets docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec" --no-facets
  batch_row "$scale" docket-company docket "$searcher" "$d" "$qdir/q.jsonl" "$work/run.trec" --company "$company"
  if want quest; then batch_row "$scale" omindex xapian "$dbs/omindex.db" "$qdir/q.txt"; fi
  if want fts5; then batch_row "$scale" fts5 fts5 "$dbs/fts5.db" "$qdir/q.txt"; fi
}

# The server anchors' input: Docket's entities of this corpus (not timed: they are Docket's
# work), then anchor_feed.py's files, so both anchors index the same text with the same facets.
make_feed() {
  local scale=$1 rc=0
  feed=$work/x$scale/feed
  log "x$scale: extracting entities and writing the anchors' feed"
  "$indexer" --extract "$corpus" > "$work/x$scale/entities.jsonl" 2>"$work/extract.err" || rc=$?
  if [ "$rc" -gt 1 ]; then tail -5 "$work/extract.err" >&2; log "indexer --extract failed (exit $rc)"; exit 1; fi
  /usr/bin/python3 "$bench/anchor_feed.py" "$corpus" "$work/x$scale/entities.jsonl" "$feed"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_port() {  # until a server accepts on 127.0.0.1:$1 (at most 30 s)
  /usr/bin/python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("suite: no server on port " + sys.argv[1])
PY
}

# Sphinx: indexer builds the index from the xmlpipe2 feed (timed), then searchd serves it on a
# free loopback port to one SphinxQL connection, and stops before the next system runs.
sphinx_conf() {
  cat <<CONF
source stories
{
    type = xmlpipe2
    xmlpipe_command = cat $feed/sphinx.xml
}
index stories
{
    source = stories
    path = $dbs/sphinx.db/stories
    docinfo = extern
    morphology = stem_en
}
indexer
{
    mem_limit = 256M
}
searchd
{
    listen = 127.0.0.1:$1:mysql41
    log = $work/sphinx/searchd.log
    query_log = $work/sphinx/query.log
    pid_file = $work/sphinx/searchd.pid
    binlog_path =
    workers = threads
}
CONF
}

run_sphinx() {
  local scale=$1 port mm
  port=$(free_port)
  mkdir -p "$work/sphinx" "$dbs/sphinx.db"
  sphinx_conf "$port" > "$work/sphinx/sphinx.conf"
  index_one "$scale" sphinx 0 /usr/bin/indexer --config "$work/sphinx/sphinx.conf" --all
  sphinx_running=$work/sphinx/sphinx.conf
  /usr/bin/searchd --config "$sphinx_running" > "$work/sphinx/start.log" 2>&1 || { cat "$work/sphinx/start.log" >&2; exit 1; }
  wait_port "$port"
  # Facet counts are exact only while max_matches holds every distinct value a facet can meet.
  mm=$(cut -f2 "$feed/names.tsv" | sort | uniq -c | awk '$1 > m { m = $1 } END { print (m > 1000 ? m : 1000) }')
  log "x$scale: queries over SphinxQL (max_matches $mm)"
  batch_row "$scale" sphinx sphinx "$port" "$feed/names.tsv" "$qdir/q.txt" "$mm"
  /usr/bin/searchd --config "$sphinx_running" --stopwait > /dev/null 2>&1
  sphinx_running=""
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user (made by
# the package), or else to nobody; $work is opened for traversal only, so it reaches its folder.
pg_user() { if id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi; }
as_pg() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; else runuser -u "$(pg_user)" -- "$@"; fi
}

run_pg() {
  local scale=$1 port dir=$work/pg-x$1
  port=$(free_port)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chmod 711 "$work"; chown "$(pg_user)" "$dir"; fi
  as_pg "$pg_bin/initdb" -D "$dir/data" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync > "$dir/initdb.log"
  # Bulk-load settings a user loading a search table would pick: the load writes no WAL
  # (wal_level minimal, table made in the same transaction), no checkpoint during it, memory
  # for the GIN build; JIT off, as it compiles for seconds-long plans, not 10 ms queries.
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start -o "-c listen_addresses=127.0.0.1 \
-c port=$port -c unix_socket_directories=$dir -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=8GB \
-c maintenance_work_mem=512MB -c shared_buffers=256MB -c jit=off" > /dev/null
  pg_running=$dir/data
  index_one "$scale" pg 0 /usr/bin/python3 "$bench/pg_index.py" "$port" "$feed"
  log "x$scale: queries over one PostgreSQL connection"
  batch_row "$scale" pg pg "$port" "$qdir/q.txt"
  as_pg "$pg_bin/pg_ctl" -D "$pg_running" -m fast -w stop > /dev/null
  pg_running=""
  rm -rf "$dir"
}

# On any exit: no server of the run is left running.
cleanup() {
  if [ -n "$sphinx_running" ]; then /usr/bin/searchd --config "$sphinx_running" --stopwait > /dev/null 2>&1; fi
  if [ -n "$pg_running" ]; then as_pg "$pg_bin/pg_ctl" -D "$pg_running" -m immediate -w stop > /dev/null 2>&1; fi
  if [ "$keep" -ne 1 ]; then rm -rf "$work"; fi
}

run_size() {
  local scale=$1
  dbs=$work/x$scale/db
  mkdir -p "$dbs"
  make_corpus "$scale"
  row "$scale" corpus files "$(find "$corpus" -type f | wc -l)"
  row "$scale" corpus mb "$(du -sm --apparent-size "$corpus" | cut -f1)"
  index_one "$scale" docket 1 "$indexer" -q --db "$dbs/docket.db" "$corpus"  # 1 = a file skipped
  if want quest; then index_one "$scale" omindex 0 omindex --db "$dbs/omindex.db" --url / "$corpus"; fi
  if want fts5; then index_one "$scale" fts5 0 /usr/bin/python3 "$bench/fts5_index.py" "$dbs/fts5.db" "$corpus"; fi
  pick_company
  query_all "$scale"
  if want sphinx || want pg; then make_feed "$scale"; fi
  if want sphinx; then run_sphinx "$scale"; fi
  if want pg; then run_pg "$scale"; fi
  [ "$keep" -eq 1 ] || rm -rf "$work/x$scale"  # up to ~3 GB at x16
}

main() {
  if [ ! -d "$docs" ]; then echo "suite: skipped: $docs not found"; exit 0; fi
  install_missing
  build_if_missing
  work=$(mktemp -d /tmp/docket-bench.XXXXXX)
  sphinx_running="" pg_running=""
  if [ "$keep" -eq 1 ]; then log "keeping $work"; fi
  trap cleanup EXIT
  snapshot_binaries
  mkdir -p "$out"
  results=$out/results.tsv qdir=$work
  : > "$results"
  /usr/bin/python3 "$bench/make_queries.py" "$docs" "$queries" "$qdir/q"
  for scale in ${sizes//,/ }; do run_size "$scale"; done
  row 0 meta queries "$queries"
  row 0 meta company "$company"
  row 0 meta anchors "$anchors"
  row 0 meta machine "$(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u +%F)"
  /usr/bin/python3 "$bench/report.py" "$results" "$out"
  # stats on a single size warns that it cannot fit a line: keep gnuplot quiet unless it fails
  gnuplot -e "datafile='$out/chart.dat'; outfile='$out/chart.png'" "$bench/chart.gp" 2>"$work/gnuplot.err" || { cat "$work/gnuplot.err" >&2; exit 1; }
  echo "suite: wrote $out/results.tsv, $out/report.txt, $out/chart.png"
}

main
