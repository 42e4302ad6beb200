#!/usr/bin/env bash
# Serve a Docket shard set over Xapian's remote protocol: one xapian-tcpsrv per shard, on 127.0.0.1.
#
#   bash tests/cluster/cluster.sh start SHARDSET_DIR [BASE_PORT]   serve every shard of the set
#   bash tests/cluster/cluster.sh status SHARDSET_DIR              which servers are up
#   bash tests/cluster/cluster.sh stop SHARDSET_DIR                stop them
#   bash tests/cluster/cluster.sh demo                             all of it on corpus/, in a temp dir
#
# start: shard i listens on BASE_PORT+i (without BASE_PORT: free ports picked in 32768-60767), writes
#   SHARDSET_DIR.remote.stub   one "remote 127.0.0.1:PORT" line per shard: searcher --db FILE
#   SHARDSET_DIR.cluster.pid   one "PID PORT SHARD_DIR" line per server (each leads its process group)
#   SHARDSET_DIR.cluster.log/  each server's output
# A shard set is what `indexer --db SHARDSET_DIR --shards N` makes: SHARDSET_DIR/XAPIANDB lists
# its shards as "auto shard-00" lines. Binaries: build/indexer/indexer and build/searcher/searcher
# (or $INDEXER, $SEARCHER). This script only ever binds to and connects to 127.0.0.1.
#
# Serving a shard from another host (not done here): copy or index the shard there, then
#   host-b$ xapian-tcpsrv --interface 10.0.0.12 --port 33333 /srv/docket/set/shard-02
# (bind to the private address the search host reaches it by; --interface 0.0.0.0 = every address),
# and on the search host list it in a stub file, among local shards if you like:
#   auto /srv/docket/set/shard-00
#   remote 10.0.0.12:33333
# then `searcher --db that-stub-file ...` (or `--remote 10.0.0.12:33333`; `--timeout MS` for slow
# links, `--allow-partial` to answer without a shard that is down). The remote protocol has no
# authentication or encryption: keep the port on a private network or behind a firewall.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
indexer=${INDEXER:-$root/build/indexer/indexer}
searcher=${SEARCHER:-$root/build/searcher/searcher}
host=127.0.0.1

say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 2; }
usage() { sed -n '2,8s/^# \{0,1\}//p' "$0"; exit "$1"; }

command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv not found (as root: apt-get install -y xapian-tools)"

# The shard directories of a set, absolute, in stub-file order.
shards_of() {
  local set=$1 kind path
  [ -f "$set/XAPIANDB" ] || die "$set is not a shard set (no $set/XAPIANDB; make one with indexer --shards N)"
  while read -r kind path _; do
    case $kind in
      auto) [[ $path = /* ]] || path=$set/$path; echo "$path" ;;
      ''|'#'*) ;;
      *) die "$set/XAPIANDB: cannot serve a '$kind' entry" ;;
    esac
  done < "$set/XAPIANDB"
}

port_answers() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }

# A port nothing answers on (ephemeral range), for a server to try; the server's own bind decides.
pick_port() {
  local p
  while :; do
    p=$((32768 + RANDOM % 28000))
    port_answers "$p" || { echo "$p"; return; }
  done
}

# Running: there and not a zombie.
alive() {
  local state
  state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}
# Running and still the xapian-tcpsrv we started (not a reused pid).
is_our_server() { alive "$1" && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = xapian-tcpsrv ]; }

# serve SHARD PORT LOG: 0 and the pid on stdout once it listens; 1 if it exited (port taken?).
serve() {
  local shard=$1 port=$2 log=$3 pid tries=0
  # setsid: the server leads its own process group (its per-connection children join it), and
  # outlives this script. Not a process group leader here, so setsid execs rather than forks.
  setsid xapian-tcpsrv --interface "$host" --port "$port" "$shard" >"$log" 2>&1 </dev/null &
  pid=$!
  while [ $tries -lt 400 ]; do  # 20 s
    # (not is_our_server: until setsid has exec'd, the child's name is still bash's)
    if ! alive "$pid"; then wait "$pid" 2>/dev/null || true; return 1; fi
    if grep -q Listening "$log" && port_answers "$port"; then echo "$pid"; return 0; fi
    sleep 0.05; tries=$((tries + 1))
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  return 1
}

stop_pid() {
  local pid=$1 i
  is_our_server "$pid" || return 0  # gone already (or the pid was reused: leave it alone)
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 100); do is_our_server "$pid" || return 0; sleep 0.05; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cmd_stop() {
  local set=${1%/} pid port shard n=0
  [ -d "$set" ] && set=$(cd "$set" && pwd)
  [ -f "$set.cluster.pid" ] || { say "no servers recorded for $set"; return 0; }
  while read -r pid port shard; do
    stop_pid "$pid"; n=$((n + 1))
  done < "$set.cluster.pid"
  rm -f "$set.cluster.pid" "$set.remote.stub"
  rm -rf "$set.cluster.log"
  say "stopped $n servers of $set"
}

cmd_start() {
  local set=${1%/} base=${2:-} i=0 shard port pid log
  [ -d "$set" ] || die "no such shard set: $set"
  set=$(cd "$set" && pwd)
  [ -f "$set/XAPIANDB" ] || die "$set is not a shard set (no $set/XAPIANDB; make one with indexer --shards N)"
  if [ -f "$set.cluster.pid" ]; then die "$set is already served (see $set.cluster.pid; stop it first)"; fi
  local shards_list
  shards_list=$(shards_of "$set")
  mapfile -t shards <<< "$shards_list"
  [ -n "$shards_list" ] || die "$set/XAPIANDB lists no shards"
  mkdir -p "$set.cluster.log"
  : > "$set.cluster.pid"
  : > "$set.remote.stub.tmp"
  # On failure: show the server's output, stop the servers started so far.
  fail() { cat "$log" >&2; rm -f "$set.remote.stub.tmp"; cmd_stop "$set"; die "$1"; }
  for shard in "${shards[@]}"; do
    log=$set.cluster.log/$(basename "$shard").log
    if [ -n "$base" ]; then
      port=$((base + i))
      pid=$(serve "$shard" "$port" "$log") || fail "cannot serve $shard on $host:$port"
    else
      local attempt=0
      until port=$(pick_port) && pid=$(serve "$shard" "$port" "$log"); do
        attempt=$((attempt + 1)); [ $attempt -lt 10 ] || fail "cannot serve $shard"
      done
    fi
    echo "$pid $port $shard" >> "$set.cluster.pid"
    echo "remote $host:$port" >> "$set.remote.stub.tmp"
    say "shard $(basename "$shard") on $host:$port (pid $pid)"
    i=$((i + 1))
  done
  { echo "# $set served by tests/cluster/cluster.sh: searcher --db this-file"; cat "$set.remote.stub.tmp"; } > "$set.remote.stub"
  rm -f "$set.remote.stub.tmp"
  echo "$set.remote.stub"
}

cmd_status() {
  local set=${1%/} pid port shard state rc=0
  [ -d "$set" ] && set=$(cd "$set" && pwd)
  [ -f "$set.cluster.pid" ] || { say "no servers recorded for $set"; return 1; }
  while read -r pid port shard; do
    if is_our_server "$pid" && port_answers "$port"; then state=up; else state=DOWN; rc=1; fi
    printf '%-5s %s:%s pid %s %s\n' "$state" "$host" "$port" "$pid" "$shard"
  done < "$set.cluster.pid"
  return $rc
}

# Compare two searcher --json outputs: total, suggestion, facets, hits (scores to 1e-9, ids as sets
# within runs of tied scores). Prints "same" or the differences.
compare_json() {
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
diffs = [f"{k}: {a.get(k)!r} vs {b.get(k)!r}" for k in ("total", "suggestion", "facets") if a.get(k) != b.get(k)]
ha, hb = a["hits"], b["hits"]
close = lambda x, y: math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)
if len(ha) != len(hb):
    diffs.append(f"hits: {len(ha)} vs {len(hb)}")
i = 0
while i < min(len(ha), len(hb)):
    j = i + 1
    while j < len(ha) and close(ha[j]["score"], ha[i]["score"]):
        j += 1
    if any(not close(x["score"], y["score"]) for x, y in zip(ha[i:j], hb[i:j])):
        diffs.append(f"ranks {i + 1}-{j}: scores differ")
    elif {h["id"] for h in ha[i:j]} != {h["id"] for h in hb[i:j]}:
        diffs.append(f"ranks {i + 1}-{j}: ids differ")
    i = j
print("\n".join(diffs) if diffs else "same")
EOF
}

cmd_demo() {
  [ -x "$indexer" ] && [ -x "$searcher" ] || die "build first: cmake -S . -B build && cmake --build build (or set INDEXER, SEARCHER)"
  "$indexer" --help | grep -q -- --shards || die "$indexer has no --shards option"
  [ -x /usr/bin/python3 ] || die "the demo compares JSON with /usr/bin/python3 (apt-get install -y python3)"
  local tmp set stub q rc=0 out
  tmp=$(mktemp -d /tmp/docket-cluster-demo.XXXXXX)
  set=$tmp/set
  trap "cmd_stop '$set' >/dev/null 2>&1 || true; rm -rf '$tmp'" EXIT
  say "indexing corpus/ into 4 shards in $set"
  "$indexer" -q --db "$set" --shards 4 "$root/corpus"
  stub=$(cmd_start "$set")
  echo "--- $stub"; cat "$stub"
  local -a queries=("revenue sharing Llama" "--company|meta|llama" "--case|Kadrey v. Meta|copyright"
                    "copyrigth lawsut" "--limit|3|--offset|3|antitrust google")
  for q in "${queries[@]}"; do
    IFS='|' read -r -a args <<< "$q"
    echo "--- searcher ${args[*]}: 4 local shards vs the same 4 shards over $host"
    "$searcher" --db "$set" --json --facet-limit 0 "${args[@]}" > "$tmp/local.json" || true
    "$searcher" --db "$stub" --json --facet-limit 0 "${args[@]}" > "$tmp/remote.json" || true
    out=$(compare_json "$tmp/local.json" "$tmp/remote.json")
    echo "$out"; [ "$out" = same ] || rc=1
  done
  echo "--- searcher --db $stub revenue sharing Llama (text, first hits)"
  "$searcher" --db "$stub" --limit 3 --no-snippets revenue sharing Llama || true
  local pid port shard
  read -r pid port shard < <(sed -n 2p "$set.cluster.pid")
  echo "--- stopping the server of $(basename "$shard") ($host:$port), then searching again"
  stop_pid "$pid"
  "$searcher" --db "$stub" --limit 3 --no-snippets llama && rc=1 || echo "(exit $?: as expected without --allow-partial)"
  "$searcher" --db "$stub" --allow-partial --limit 3 --no-snippets llama || true
  cmd_stop "$set"
  [ $rc -eq 0 ] && say "demo: remote answers equal local ones" || say "demo: DIFFERENCES (see above)"
  return $rc
}

case ${1:-} in
  start) [ $# -ge 2 ] || usage 2; cmd_start "$2" "${3:-}" ;;
  stop) [ $# -eq 2 ] || usage 2; cmd_stop "$2" ;;
  status) [ $# -eq 2 ] || usage 2; cmd_status "$2" ;;
  demo) cmd_demo ;;
  -h|--help) usage 0 ;;
  *) usage 2 ;;
esac
