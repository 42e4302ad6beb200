#!/usr/bin/env bash
# Shard benchmark (run by hand, not a test): index the scaled Reuters-21578 corpus into 1, 2 and 4
# shards, serve the shard sets with xapian-tcpsrv on 127.0.0.1, and time the same query set against
# each set locally and over the remote protocol on loopback:
#   batch:   searcher --batch QUERIES --limit 10 (facets on; one process, connections kept open)
#   process: one searcher process per query, --limit 10, with snippets and with --no-snippets
#            (what an interactive search costs: start, connect, match, facets, snippets)
# Prints indexing wall time, p50/p95 per configuration and the remote protocol's overhead per query
# (remote p50 - local p50 with the same shards), and checks that every ranking equals the one index's.
#
#   bash tests/bench/shards_bench.sh [--scale 16] [--queries 200] [--reps 3] [--proc-queries 100]
#                                    [--out DIR] [--keep]
#
# --scale: copies of the corpus (tests/bench/make_corpus.py; 1 = the stories as they are).
# --reps: timed batch runs per configuration, taken in turns (the median p50/p95 is shown).
# --proc-queries: queries of the process mode (its first N; 0 = skip it); configurations take turns.
# --out: also write the table to DIR/shards.txt. --keep: leave the temp dir (corpus, indexes).
# Binaries: build/indexer/indexer, build/searcher/searcher, or $INDEXER/$SEARCHER; they are copied
# first, so a rebuild during the run does not mix two versions. Skipped when ../shared is absent.
# At x16 (~345k files) expect a long run on 2 cores; try --scale 1 first.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/bench
cluster=tests/cluster/cluster.sh
docs=../shared/corpora/reuters21578/docs
scale=16 queries=200 reps=3 proc_queries=100 out="" keep=0
indexer=${INDEXER:-build/indexer/indexer} searcher=${SEARCHER:-build/searcher/searcher}

usage() { sed -n '2,22s/^# \{0,1\}//p' "$0"; exit "$1"; }
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --proc-queries) proc_queries=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "shards_bench: unknown argument $1" >&2; usage 2 ;;
  esac
done

log() { echo "shards_bench: $(date +%T) $*" >&2; }

if [ ! -d "$docs" ]; then echo "shards_bench: skipped: $docs not found"; exit 0; fi
command -v xapian-tcpsrv >/dev/null || { echo "shards_bench: xapian-tcpsrv missing (apt-get install -y xapian-tools)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "shards_bench: /usr/bin/python3 missing" >&2; exit 1; }
[ -x "$indexer" ] && [ -x "$searcher" ] || { echo "shards_bench: build first (cmake --build build --target indexer searcher)" >&2; exit 1; }
"$indexer" --help | grep -q -- --shards || { echo "shards_bench: $indexer has no --shards" >&2; exit 1; }

work=$(mktemp -d /tmp/docket-shards-bench.XXXXXX)
served=()
cleanup() {
  local s
  for s in ${served[@]+"${served[@]}"}; do bash "$cluster" stop "$s" >/dev/null 2>&1 || true; done
  if [ "$keep" -eq 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

mkdir -p "$work/bin"
cp "$indexer" "$searcher" "$work/bin/"
indexer=$work/bin/indexer searcher=$work/bin/searcher

# The corpus: x1 is the staged folder itself, larger scales are varied copies.
if [ "$scale" -eq 1 ]; then
  corpus=$(cd "$docs" && pwd)
else
  corpus=$work/docs
  log "writing $scale copies of the corpus"
  /usr/bin/python3 "$bench/make_corpus.py" "$docs" "$corpus" "$scale"
fi
files=$(find "$corpus" -type f | wc -l)
mb=$(du -sm --apparent-size "$corpus" | cut -f1)
/usr/bin/python3 "$bench/make_queries.py" "$docs" "$queries" "$work/q"

# Indexing: the same warm page cache for every run.
declare -A wall size
for n in 1 2 4; do
  sync; find "$corpus" -type f -print0 | xargs -0 cat > /dev/null
  db=$work/db$n
  args=(-q --db "$db"); [ "$n" -eq 1 ] || args+=(--shards "$n")
  log "indexing into $n shard(s)"
  t0=$(date +%s.%N)
  rc=0; "$indexer" "${args[@]}" "$corpus" > "$work/index$n.out" 2> "$work/index$n.err" || rc=$?
  t1=$(date +%s.%N)
  if [ "$rc" -gt 1 ]; then tail -5 "$work/index$n.err" >&2; log "indexer failed (exit $rc)"; exit 1; fi  # 1 = a file skipped
  wall[$n]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  size[$n]=$(du -sm "$db" | cut -f1)
done

# One index served as a one-shard set, so that 1 shard has a remote row too.
mkdir -p "$work/set1"
echo "auto $work/db1" > "$work/set1/XAPIANDB"
declare -A target
for n in 1 2 4; do
  set=$work/db$n; [ "$n" -eq 1 ] && set=$work/set1
  target[$n-local]=$work/db$n
  target[$n-remote]=$(bash "$cluster" start "$set" 2>/dev/null)
  served+=("$set")
done

configs=(1-local 1-remote 2-local 2-remote 4-local 4-remote)
# Latency lines, "MODE CONFIG p50 p95 p99 n", go to $work/lat.
: > "$work/lat"
# batch CONFIG REP: one searcher --batch run (REP 0 is the untimed warm-up).
batch() {
  local line
  line=$(/usr/bin/python3 "$bench/latency.py" docket "$searcher" "${target[$1]}" "$work/q.jsonl" "$work/run.$1")
  [ "$2" -eq 0 ] || echo "batch $1 $line" >> "$work/lat"
}
log "batch: $queries queries, 1 warm-up + $reps timed runs per configuration, in turns"
for rep in $(seq 0 "$reps"); do
  for c in "${configs[@]}"; do batch "$c" "$rep"; done
done
if [ "$proc_queries" -gt 0 ]; then
  log "process per query: $proc_queries queries x ${#configs[@]} configurations x (snippets, --no-snippets), in turns"
  head -n "$proc_queries" "$work/q.txt" > "$work/q-proc.txt"
  groups=()
  for c in "${configs[@]}"; do
    groups+=("proc/$c" words "$searcher" --db "${target[$c]}" --limit 10 {} ::
             "proc-nosnip/$c" words "$searcher" --db "${target[$c]}" --limit 10 --no-snippets {} ::)
  done
  unset 'groups[${#groups[@]}-1]'  # the last "::"
  /usr/bin/python3 "$bench/latency.py" proc "$work/q-proc.txt" "${groups[@]}" | sed 's#^\([a-z-]*\)/#\1 #' >> "$work/lat"
fi

# Do the runs agree with the one index? Scores rank by rank (1e-9), documents as sets except
# those tied with the 10th hit (which of them make the top 10 is a tie).
check_runs() {
  /usr/bin/python3 - "$@" <<'EOF'
import math, sys
from collections import defaultdict
def load(p):
    r = defaultdict(list)
    for line in open(p):
        q, _, d, rank, score, _ = line.split()
        r[q].append((int(rank), d, float(score)))
    return {q: sorted(v) for q, v in r.items()}
ref = load(sys.argv[1])
close = lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
for path in sys.argv[2:]:
    got, bad = load(path), []
    for q in sorted(set(ref) | set(got)):
        a, b = ref.get(q, []), got.get(q, [])
        if len(a) != len(b) or any(not close(x[2], y[2]) for x, y in zip(a, b)):
            bad.append(q); continue
        if not a: continue
        last = a[-1][2]
        if {d for _, d, s in a if not close(s, last)} != {d for _, d, s in b if not close(s, last)}:
            bad.append(q)
    print(path.rsplit("/run.", 1)[1], "same" if not bad else f"{len(bad)} queries differ ({', '.join(bad[:5])})")
EOF
}

report() {
  local c n
  echo "Docket shards: Reuters-21578 x$scale ($files files, $mb MB), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
  echo
  echo "indexing (indexer -q --db DIR [--shards N], default --jobs)"
  printf '  %-8s %8s %9s\n' shards wall_s index_MB
  for n in 1 2 4; do printf '  %-8s %8s %9s\n' "$n" "${wall[$n]}" "${size[$n]}"; done
  echo
  echo "queries: ms per query, p50 and p95; overhead = remote - local with the same shards"
  echo "(the 1-shard remote row is the one index served by one xapian-tcpsrv)"
  /usr/bin/python3 - "$work/lat" "$reps" "$queries" "$proc_queries" <<'EOF'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    mode, c, p50, p95, *_ = line.split()
    runs[mode, c].append((float(p50), float(p95)))
med = {k: (statistics.median(x for x, _ in v), statistics.median(y for _, y in v)) for k, v in runs.items()}
reps, queries, proc_queries = sys.argv[2:5]
titles = (("batch", f"searcher --batch, {queries} queries, --limit 10, facets on (median of {reps} runs)"),
          ("proc", f"one process per query, {proc_queries} queries, --limit 10, facets and snippets"),
          ("proc-nosnip", f"one process per query, {proc_queries} queries, --limit 10 --no-snippets"))
for mode, title in titles:
    if (mode, "1-local") not in med:
        continue
    print(f"  {title}")
    print(f"    {'shards':<8}{'local p50':>10}{'p95':>8}{'remote p50':>12}{'p95':>8}{'overhead p50':>14}{'p95':>10}")
    for n in ("1", "2", "4"):
        (lp50, lp95), (rp50, rp95) = med[mode, f"{n}-local"], med[mode, f"{n}-remote"]
        print(f"    {n:<8}{lp50:>10.2f}{lp95:>8.2f}{rp50:>12.2f}{rp95:>8.2f}"
              f"{rp50 - lp50:>+11.2f} ms{rp95 - lp95:>+10.2f}  ({(rp50 / lp50 - 1) * 100:+.0f}% at p50)")
EOF
  echo
  echo "rankings vs the one index (scores to 1e-9; ties at the 10th hit aside):"
  check_runs "$work/run.1-local" "$work"/run.{1-remote,2-local,2-remote,4-local,4-remote} | sed 's/^/  /'
}

report > "$work/report.txt"
cat "$work/report.txt"
if [ -n "$out" ]; then mkdir -p "$out"; cp "$work/report.txt" "$out/shards.txt"; log "wrote $out/shards.txt"; fi
