#!/usr/bin/env bash
# Scale benchmark (run by hand, not a test; issue 16 section 4): for each size, a Reuters-derived
# corpus of exactly that many articles (tests/bench/make_corpus.py --articles: whole varied copies,
# the last one partial), indexed as a shard set and queried:
#   index:   indexer -q --db DIR --shards N under /usr/bin/time -v (wall time, peak RSS), du -sk for
#            the index size; the corpus is in the page cache first
#   batch:   searcher --batch QUERIES --limit 10, exact facets on (latency.py docket); one untimed
#            warm-up run, then --reps timed runs, the median p50/p95 shown
#   process: one searcher process per query for the first --proc-queries queries (latency.py proc:
#            top 10, snippets, facets; 0 = skip)
# The queries are make_queries.py's (2-3 title words, drawn from the Reuters stories: the suite's).
# Writes OUT/scale.tsv (one row per size), OUT/scale.txt (table and checks), OUT/scale.png (chart).
#
#   bash tests/bench/scale.sh [--sizes 100000,300000,1000000] [--shards 4] [--queries 200]
#                             [--reps 3] [--proc-queries 50] [--out build/bench] [--keep]
#
# Checks, PASS/FAIL with their figures in scale.txt (smallest and largest size of --sizes):
#   linear index time: wall(largest) <= 1.15 x (largest / smallest) x wall(smallest)
#   bounded peak RSS:  RSS(largest) <= 1.25 x RSS(smallest); this is the script's reading of "peak
#                      RSS does not grow with the corpus": 10x the articles may cost 25% more memory
# Before it starts: free disk on the temp dir's file system against the largest size (corpus files on
# disk + 1.5 x the index, for the build's transient copies; estimated from the Reuters folder, checked
# again with the first size's own figures; with --keep the sizes add up), and at least 2 GiB of memory
# available. --keep: leave the temp dir (${TMPDIR:-/tmp}/docket-scale.*) with every corpus and index.
# Binaries: build/indexer/indexer, build/searcher/searcher, or $INDEXER/$SEARCHER, copied first.
# Exit 0 when it ran (FAIL lines included), 1 on an error or a run that does not fit, 2 on bad
# arguments. Skipped (exit 0) when ../shared is absent. 1M articles need ~10 GB of disk and a long
# run on 2 cores; try --sizes 5000,15000,50000 --queries 50 first.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/bench
docs=../shared/corpora/reuters21578/docs
sizes=100000,300000,1000000 shards=4 queries=200 reps=3 proc_queries=50 out=build/bench keep=0
indexer=${INDEXER:-build/indexer/indexer} searcher=${SEARCHER:-build/searcher/searcher}
tmpbase=${TMPDIR:-/tmp}
# Thresholds of the two checks, and the disk estimate before any size has run: the index per
# article from the suite's x16 run (1237 MB for 345,248 articles: 3.7 KB), rounded up.
time_slack=1.15 rss_slack=1.25 index_kb_prior=4 index_transient=1.5 margin_kb=$((1024 * 1024))
min_mem_kb=$((2 * 1024 * 1024))

usage() { sed -n '2,30s/^# \{0,1\}//p' "$0"; exit "$1"; }
bad() { echo "scale: $*; see --help" >&2; exit 2; }
whole() { if ! [[ $2 =~ ^[0-9]{1,12}$ ]] || [ "$2" -lt "$3" ]; then bad "$1 takes a whole number >= $3, not '$2'"; fi; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes|--shards|--queries|--reps|--proc-queries|--out) [ $# -ge 2 ] || bad "$1 needs a value" ;;
  esac
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --proc-queries) proc_queries=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    *) bad "unknown argument '$1'" ;;
  esac
done
[[ $sizes =~ ^[0-9]+(,[0-9]+)*$ ]] || bad "--sizes takes article counts separated by commas, not '$sizes'"
for n in ${sizes//,/ }; do whole --sizes "$n" 1; done
whole --shards "$shards" 1; [ "$shards" -le 1000 ] || bad "--shards takes 1 to 1000, not '$shards'"
whole --queries "$queries" 1; whole --reps "$reps" 1; whole --proc-queries "$proc_queries" 0
[ -n "$out" ] || bad "--out needs a directory"
# Smallest first, each size once.
read -r -a size_list <<< "$(tr ',' '\n' <<< "$sizes" | sed 's/^0*\([0-9]\)/\1/' | sort -n -u | tr '\n' ' ')"
[ "$proc_queries" -le "$queries" ] || proc_queries=$queries

log() { echo "scale: $(date +%T) $*" >&2; }
die() { log "$*"; exit 1; }

if [ ! -d "$docs" ]; then echo "scale: skipped: $docs not found"; exit 0; fi

# Packages: time for wall time and peak RSS, gnuplot for the chart (as suite.sh installs them).
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
[ -x /usr/bin/python3 ] || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "as root, run: apt-get install -y ${need[*]}"
  log "installing ${need[*]}"
  apt-get install -y -q "${need[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; } ||
    die "apt-get install ${need[*]} failed"
fi
if [ ! -x "$indexer" ] || [ ! -x "$searcher" ]; then die "build first (cmake --build build --target indexer searcher)"; fi
grep -q -- --shards <<< "$("$indexer" --help)" || die "$indexer has no --shards"

# kB the run needs on disk, with corpus and index bytes per article $1 and $2: the largest size, or
# with --keep every size (they stay). $3...: the sizes still to run.
need_kb() {
  local c=$1 i=$2; shift 2
  printf '%s\n' "$@" | awk -v c="$c" -v i="$i" -v f="$index_transient" -v keep="$keep" -v m="$margin_kb" '
    { kb = $1 * (c + f * i) / 1024; if (keep) t += kb; else if (kb > t) t = kb }
    END { printf "%.0f\n", t + m }'
}
avail_kb() { df -Pk "$1" | awk 'NR == 2 { print $4 }'; }
# check_disk WHEN C_BYTES I_BYTES SIZES...: refuse the run when it does not fit.
check_disk() {
  local when=$1 c=$2 i=$3 need have summed=""; shift 3
  need=$(need_kb "$c" "$i" "$@") have=$(avail_kb "$tmpbase")
  [ "$keep" -eq 0 ] || summed=", summed over the sizes with --keep"
  log "disk ($when): sizes up to ${*: -1} articles need ~$((need / 1024)) MB in $tmpbase ($c + $index_transient x $i bytes per article, + 1 GB); $((have / 1024)) MB free"
  if [ "$need" -gt "$have" ]; then
    echo "scale: not enough disk: --sizes up to ${*: -1} need ~$((need / 1024)) MB in $tmpbase, $((have / 1024)) MB free ($c B of corpus files and ~$index_transient x $i B of index per article$summed); use smaller --sizes or another TMPDIR" >&2
    exit 1
  fi
}

# Before anything is written: the corpus files' size on disk per article (4 KB blocks for ~850-byte
# stories) from the Reuters folder, the index's from the prior above.
[ -d "$tmpbase" ] || die "no temp dir $tmpbase (TMPDIR)"
docs_files=$(find "$docs" -maxdepth 1 -type f -name '*.txt' | wc -l)
[ "$docs_files" -gt 0 ] || die "no .txt stories in $docs"
corpus_b=$(( $(du -sk "$docs" | cut -f1) * 1024 / docs_files ))
check_disk estimate "$corpus_b" $((index_kb_prior * 1024)) "${size_list[@]}"
mem_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
[ "$mem_kb" -ge "$min_mem_kb" ] || die "only $((mem_kb / 1024)) MB of memory available (at least $((min_mem_kb / 1024)) MB wanted)"
log "memory: $((mem_kb / 1024)) MB available"

work=$(mktemp -d "$tmpbase/docket-scale.XXXXXX")
cleanup() { if [ "$keep" -eq 1 ]; then log "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
if [ "$keep" -eq 1 ]; then log "keeping $work"; fi

mkdir -p "$work/bin"
cp "$indexer" "$searcher" "$work/bin/"
indexer=$work/bin/indexer searcher=$work/bin/searcher
grep -q -- --batch <<< "$("$searcher" --help)" || die "$searcher has no --batch"

mkdir -p "$out"
printf 'articles\tshards\tcorpus_mb\tindex_wall_s\tindex_cpu_s\tdocs_per_s\tpeak_rss_mb\tindex_mb\tbatch_p50_ms\tbatch_p95_ms\tbatch_p99_ms\tproc_p50_ms\tproc_p95_ms\n' > "$work/scale.tsv"
/usr/bin/python3 "$bench/make_queries.py" "$docs" "$queries" "$work/q"
head -n "$proc_queries" "$work/q.txt" > "$work/q-proc.txt"

# Seconds of /usr/bin/time -v's "Elapsed (wall clock) time (h:mm:ss or m:ss): M:SS.ss".
elapsed() {
  sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
    awk -F: '{ s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; printf "%.2f\n", s }'
}
field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }  # one value of /usr/bin/time -v's file $1
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_size() {
  local n=$1 dir=$work/n$1 rc=0 files corpus_mb corpus_kb wall user sys rss_kb index_kb rep line p50 p95 p99
  local corpus=$dir/docs db=$dir/db
  mkdir -p "$dir"
  log "$n: writing the corpus"
  /usr/bin/python3 "$bench/make_corpus.py" "$docs" "$corpus" --articles "$n" 2>/dev/null
  files=$(find "$corpus" -type f | wc -l)
  [ "$files" -eq "$n" ] || die "$n: make_corpus.py wrote $files files, not $n"
  corpus_kb=$(du -sk "$corpus" | cut -f1)
  corpus_mb=$(du -sm --apparent-size "$corpus" | cut -f1)

  sync; find "$corpus" -type f -print0 | xargs -0 cat > /dev/null  # a warm page cache, as the suite
  log "$n: indexing into $shards shards"
  /usr/bin/time -v -o "$dir/time" "$indexer" -q --db "$db" --shards "$shards" "$corpus" \
      > "$dir/index.out" 2> "$dir/index.err" || rc=$?
  if [ "$rc" -gt 1 ]; then tail -5 "$dir/index.err" >&2; die "$n: indexer failed (exit $rc)"; fi  # 1 = a file skipped
  [ "$rc" -eq 0 ] || log "$n: indexer skipped files (exit 1): $(tail -1 "$dir/index.err")"
  wall=$(elapsed "$dir/time")
  user=$(field "$dir/time" "User time (seconds)") sys=$(field "$dir/time" "System time (seconds)")
  rss_kb=$(field "$dir/time" "Maximum resident set size (kbytes)")
  if [ -z "$wall" ] || [ -z "$rss_kb" ]; then die "$n: no figures in /usr/bin/time's output $dir/time"; fi
  index_kb=$(du -sk "$db" | cut -f1)
  log "$n: indexed in $wall s, peak RSS $((rss_kb / 1024)) MB, index $((index_kb / 1024)) MB"

  log "$n: batch, $queries queries: 1 warm-up + $reps timed runs"
  : > "$dir/batch"
  for rep in $(seq 0 "$reps"); do
    line=$(/usr/bin/python3 "$bench/latency.py" docket "$searcher" "$db" "$work/q.jsonl" "$dir/run")
    [ "$rep" -eq 0 ] || echo "$line" >> "$dir/batch"
  done
  p50=$(cut -d' ' -f1 "$dir/batch" | median) p95=$(cut -d' ' -f2 "$dir/batch" | median) p99=$(cut -d' ' -f3 "$dir/batch" | median)
  local pp50=n/a pp95=n/a
  if [ "$proc_queries" -gt 0 ]; then
    log "$n: one process per query, $proc_queries queries"
    line=$(/usr/bin/python3 "$bench/latency.py" proc "$work/q-proc.txt" docket words "$searcher" --db "$db" --limit 10 {})
    read -r _ pp50 pp95 _ <<< "$line"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$shards" "$corpus_mb" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" \
      "$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" \
      "$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
      "$(awk -v k="$index_kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
      "$p50" "$p95" "$p99" "$pp50" "$pp95" >> "$work/scale.tsv"
  log "$n: batch p50 $p50 ms, p95 $p95 ms; process p50 $pp50 ms, p95 $pp95 ms"
  [ "$keep" -eq 1 ] || rm -rf "$dir"

  # The first size's own figures give the disk estimate for the rest (its files are gone unless
  # --keep); its peak RSS, grown in proportion to the corpus, what memory the largest would want.
  if [ "$n" -eq "${size_list[0]}" ] && [ ${#size_list[@]} -gt 1 ]; then
    check_disk "measured at $n" $((corpus_kb * 1024 / n)) $((index_kb * 1024 / n)) "${size_list[@]:1}"
    local grown=$((rss_kb * ${size_list[-1]} / n)) avail
    avail=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
    [ "$grown" -le "$avail" ] || log "warning: if peak RSS grew with the corpus, ${size_list[-1]} articles would want $((grown / 1024)) MB; $((avail / 1024)) MB available"
  fi
}

for n in "${size_list[@]}"; do run_size "$n"; done
cp "$work/scale.tsv" "$out/"  # the figures, whatever happens to the report and chart

# The report: the table, then the two checks with their figures.
/usr/bin/python3 - "$work/scale.tsv" "$work/scale.txt" "$time_slack" "$rss_slack" "$queries" "$reps" "$proc_queries" \
    "$(nproc) cores, $(free -g | awk '/^Mem/ { print $2 }') GiB, load $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -u '+%F %H:%M UTC')" <<'EOF'
import sys
tsv, txt, time_slack, rss_slack, queries, reps, proc_queries, machine = sys.argv[1:]
time_slack, rss_slack = float(time_slack), float(rss_slack)
with open(tsv) as f:
    head = f.readline().rstrip("\n").split("\t")
    rows = [dict(zip(head, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
out = [f"Docket at scale: Reuters-21578-derived corpora, shard sets of {rows[0]['shards']}; {machine}", "",
       f"index: indexer -q --db DIR --shards {rows[0]['shards']} (default --jobs), /usr/bin/time -v, warm page cache",
       f"batch: searcher --batch, {queries} queries, --limit 10, exact facets (median of {reps} runs)",
       f"process: one searcher per query, {proc_queries} queries, --limit 10, snippets and facets" if int(proc_queries)
       else "process: skipped (--proc-queries 0)", "",
       f"{'articles':>9} {'corpus MB':>9} {'index s':>8} {'cpu s':>8} {'docs/s':>7} {'peak RSS MB':>11} {'index MB':>8}"
       f" {'batch p50':>9} {'p95':>7} {'process p50':>11} {'p95':>7}"]
for r in rows:
    out.append(f"{int(r['articles']):>9,} {r['corpus_mb']:>9} {r['index_wall_s']:>8} {r['index_cpu_s']:>8} {r['docs_per_s']:>7}"
               f" {r['peak_rss_mb']:>11} {r['index_mb']:>8} {r['batch_p50_ms']:>9} {r['batch_p95_ms']:>7}"
               f" {r['proc_p50_ms']:>11} {r['proc_p95_ms']:>7}")
out.append("")
if len(rows) < 2:
    out += ["linear index time: n/a (one size; the checks compare the smallest and largest of --sizes)",
            "bounded peak RSS: n/a (one size)"]
else:
    s, l = rows[0], rows[-1]
    ns, nl = int(s["articles"]), int(l["articles"])
    ts, tl = float(s["index_wall_s"]), float(l["index_wall_s"])
    rs, rl = float(s["peak_rss_mb"]), float(l["peak_rss_mb"])
    bound = time_slack * nl / ns * ts
    verdict = lambda ok: "PASS" if ok else "FAIL"
    out.append(f"linear index time: {verdict(tl <= bound)}: {nl:,} articles took {tl:.1f} s, bound {time_slack} x {nl / ns:.2f}"
               f" x {ts:.1f} s ({ns:,} articles) = {bound:.1f} s; {tl / ts:.2f}x the time for {nl / ns:.2f}x the articles"
               f" ({tl / ts / (nl / ns):.2f} of linear)")
    out.append(f"bounded peak RSS: {verdict(rl <= rss_slack * rs)}: {nl:,} articles peaked at {rl:.1f} MB, bound {rss_slack}"
               f" x {rs:.1f} MB ({ns:,} articles) = {rss_slack * rs:.1f} MB; {rl / rs:.2f}x the RSS for {nl / ns:.2f}x the articles")
with open(txt, "w") as f:
    f.write("\n".join(out) + "\n")
EOF

# The chart: cost against size, log-log; grey lines are linear growth from the smallest size (the
# red dotted ones the checks' bounds: 1.15 x linear for index time, 1.25 x for peak RSS).
read -r n0 t0 r0 s0 < <(awk -F'\t' 'NR == 2 { print $1, $4, $7, $8 }' "$work/scale.tsv")
gnuplot -e "datafile='$work/scale.tsv'; outfile='$work/scale.png'; n0=$n0; t0=$t0; r0=$r0; s0=$s0; \
time_slack=$time_slack; rss_slack=$rss_slack; shards=$shards" - <<'EOF' 2> "$work/gnuplot.err" || { cat "$work/gnuplot.err" >&2; die "gnuplot failed"; }
set terminal pngcairo size 1400,1000 font "sans,11"
set output outfile
set datafile separator "\t"
set datafile missing "n/a"
set logscale xy 10
set format x "%.0s%c"
set xlabel "articles (Reuters-21578-derived)"
set grid
set key top left
set style line 1 lc rgb "#1f77b4" lw 2 pt 7
set style line 2 lc rgb "#d62728" lw 2 pt 5
set style line 3 lc rgb "#2ca02c" lw 2 pt 9
set style line 4 lc rgb "#ff7f0e" lw 2 pt 11
set style line 8 lc rgb "#d62728" lw 1 dt 3
set style line 9 lc rgb "#999999" lw 1 dt 3
set multiplot layout 2,2 title sprintf("Docket at scale: %d shards, cost against corpus size", shards)
set title "Index wall time"
set ylabel "seconds"
plot datafile skip 1 using 1:4 with linespoints ls 1 title "indexer --shards", \
     t0 * x / n0 with lines ls 9 title "linear from the smallest", \
     time_slack * t0 * x / n0 with lines ls 8 title sprintf("%.2f x linear (check)", time_slack)
set title "Peak RSS of the indexer"
set ylabel "MB"
plot datafile skip 1 using 1:7 with linespoints ls 1 title "peak RSS", \
     r0 with lines ls 9 title "the smallest's", \
     rss_slack * r0 with lines ls 8 title sprintf("%.2f x the smallest's (check)", rss_slack)
set title "Index size on disk"
set ylabel "MB"
plot datafile skip 1 using 1:8 with linespoints ls 1 title "index (du)", \
     s0 * x / n0 with lines ls 9 title "linear from the smallest"
set title "Query latency, top 10, exact facets"
set ylabel "ms"
plot datafile skip 1 using 1:9 with linespoints ls 1 title "batch p50", \
     "" skip 1 using 1:10 with linespoints ls 2 title "batch p95", \
     "" skip 1 using 1:12 with linespoints ls 3 title "process p50", \
     "" skip 1 using 1:13 with linespoints ls 4 title "process p95"
unset multiplot
EOF

cp "$work/scale.txt" "$work/scale.png" "$out/"
cat "$out/scale.txt"
echo "scale: wrote $out/scale.tsv, $out/scale.txt, $out/scale.png"
