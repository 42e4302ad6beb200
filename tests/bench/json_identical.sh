#!/usr/bin/env bash
# Refactor check (run by hand, not a test): two builds of Docket must give byte-identical
# `searcher --json` output (and text output, and messages and exit codes), `indexer --extract`
# output and indexing summaries. Each build indexes corpus/ (and Reuters-21578, when ../shared is
# beside the project) into its own index, then both answer the same queries: hand-picked ones
# that cover every filter, sort, facet and explain path, and the benchmark's query set.
#
#   bash tests/bench/json_identical.sh OLD_BIN_DIR NEW_BIN_DIR
#
# A BIN_DIR holds an `indexer` and a `searcher` (e.g. a copy of an older build's binaries, and
# build/indexer + build/searcher linked into one folder). Prints the number of queries compared
# and each differing one; exit 1 when any differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 2; }
old=$1 new=$2
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "json_identical: outputs kept in $work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

# Hand-picked queries: "ARGS" lines, one searcher call each (split on spaces, '_' for a space inside one).
cat > "$work/calls" <<'EOF'
revenue sharing llama
anthropic
--company Meta llama
--company facebook
--case Kadrey_v._Meta
--amount-min 1000000000 funding
--amount-min 1000000 --amount-max 100000000 deal
--from 2025-01-01 --to 2025-06-30 openai
--sort date ai
--limit 50 the
--limit 3 --offset 2 microsoft
title:llama
company:microsoft azure
"open source" model
lama
microsft
--explain antitrust
--no-collapse copyright
--recency 90 investment
date:2025-01-01.. nvidia
EOF

build_index() {  # BIN_DIR CORPUS DB
    "$1/indexer" "$2" --db "$3" -q >/dev/null
}

run_all() {  # BIN_DIR DB OUT_DIR QUERY_FILE
    local bin=$1 db=$2 out=$3 n=0
    mkdir -p "$out"
    while IFS= read -r line; do
        n=$((n + 1))
        local args=()
        # shellcheck disable=SC2206
        local words=($line)
        for w in "${words[@]}"; do args+=("${w//_/ }"); done
        "$bin/searcher" --db "$db" --json "${args[@]}" >"$out/$n.json" 2>"$out/$n.err" || echo "exit $?" >>"$out/$n.err"
        "$bin/searcher" --db "$db" --color never "${args[@]}" >"$out/$n.txt" 2>&1 || echo "exit $?" >>"$out/$n.txt"
    done <"$4"
}

compare() {  # LABEL CORPUS QUERY_FILE
    local label=$1 corpus=$2 queries=$3
    build_index "$old" "$corpus" "$work/$label-old.db"
    build_index "$new" "$corpus" "$work/$label-new.db"
    run_all "$old" "$work/$label-old.db" "$work/$label-old" "$queries"
    run_all "$new" "$work/$label-new.db" "$work/$label-new" "$queries"
    local total differ=0
    total=$(wc -l <"$queries")
    for ((i = 1; i <= total; i++)); do
        if ! cmp -s "$work/$label-old/$i.json" "$work/$label-new/$i.json" ||
           ! cmp -s "$work/$label-old/$i.err" "$work/$label-new/$i.err" ||
           ! cmp -s "$work/$label-old/$i.txt" "$work/$label-new/$i.txt"; then
            differ=$((differ + 1))
            echo "json_identical: $label query $i differs: $(sed -n "${i}p" "$queries")"
        fi
    done
    echo "json_identical: $label: $total queries, $differ differ"
    [ "$differ" -eq 0 ]
}

# The indexer's side on corpus/: --extract output, and the run summaries of a plain index, a
# shard set and a parallel shard build (their times left out).
compare_indexing() {
    local differ=0
    for v in old new; do
        local bin=$old
        [ $v = new ] && bin=$new
        "$bin/indexer" --extract corpus >"$work/$v.extract" 2>&1 || true
        for layout in "" "--shards 3" "--files-per-shard 5 -j 2"; do
            # shellcheck disable=SC2086
            "$bin/indexer" corpus --db "$work/$v-layout-${layout// /}.db" $layout 2>&1 | sed 's/ in [0-9.]* s$//'
        done >"$work/$v.summaries"
    done
    for f in extract summaries; do
        cmp -s "$work/old.$f" "$work/new.$f" || { echo "json_identical: indexer $f differ"; differ=1; }
    done
    echo "json_identical: indexer --extract and run summaries on corpus/: $([ $differ = 0 ] && echo same || echo differ)"
    return $differ
}

status=0
compare_indexing || status=1
compare corpus corpus "$work/calls" || status=1
reuters=../shared/corpora/reuters21578/docs
if [ -d "$reuters" ]; then
    python3 tests/bench/make_queries.py "$reuters" 200 "$work/bench" >/dev/null
    # The benchmark's queries, then the first 50 again with a company filter and with text output's facets.
    cp "$work/bench.txt" "$work/bench-calls"
    head -50 "$work/bench.txt" | sed 's/^/--company Bank_of_America /' >>"$work/bench-calls"
    head -50 "$work/bench.txt" | sed 's/^/--facet-limit 0 --amount-min 1e6 /' >>"$work/bench-calls"
    cat "$work/calls" >>"$work/bench-calls"
    compare reuters "$reuters" "$work/bench-calls" || status=1
else
    echo "json_identical: ../shared/corpora/reuters21578 not found: Reuters comparison skipped"
fi
exit $status
