#!/bin/bash
# Shows that two builds behave the same on corpus/: --extract output, indexing summaries
# (plain, --shards 3, parallel shard build) and --json search output for a set of queries
# must be byte-identical. For refactors. Usage: same_output.sh OLD_BUILD_DIR NEW_BUILD_DIR
# (e.g. a build of the base commit from `git archive`, and build/). Exit 1 on any difference.
set -u
OLD=$(realpath "$1"); NEW=$(realpath "$2"); C=$(realpath "$(dirname "$0")/../../corpus")
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
fail=0
for v in old new; do
  B=$([ $v = old ] && echo $OLD || echo $NEW)
  $B/indexer/indexer --extract $C > $W/$v.extract 2>$W/$v.extract.err
  $B/indexer/indexer --db $W/$v.idx $C 2>&1 | sed 's/ in [0-9.]* s$//' > $W/$v.index.log
  $B/indexer/indexer --db $W/$v.sh --shards 3 $C 2>&1 | sed 's/ in [0-9.]* s$//' > $W/$v.shards.log
  $B/indexer/indexer --db $W/$v.par --files-per-shard 5 -j 2 $C 2>&1 | sed 's/ in [0-9.]* s$//' > $W/$v.par.log
done
for f in extract extract.err index.log shards.log par.log; do cmp -s $W/old.$f $W/new.$f || { echo "DIFF $f"; fail=1; }; done
n=0
while IFS= read -r q; do
  n=$((n+1))
  for idx in idx sh par; do
    eval "$OLD/searcher/searcher --db $W/old.$idx --json $q" > $W/o.$n.$idx 2>&1
    eval "$NEW/searcher/searcher --db $W/new.$idx --json $q" > $W/n.$n.$idx 2>&1
    cmp -s $W/o.$n.$idx $W/n.$n.$idx || { echo "DIFF query $n on $idx: $q"; fail=1; }
  done
done <<'Q'
openai
anthropic funding
--company facebook
--company meta revenue
--case "Kadrey v. Meta"
--amount-min 1B
--amount-min 100m --amount-max 10bn billion
--sort date --limit 20 deal
"series f"
title:google
--list company
--explain microsoft
--like $C/biz-anthropic-13bn-series-f.md
zzzunknownword
Q
echo "$n queries x 3 indexes compared: $([ $fail = 0 ] && echo identical || echo DIFFERENT)"; exit $fail
