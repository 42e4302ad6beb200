#!/usr/bin/env python3
"""Query cost against query length (run by hand, not a test): times queries of growing length
on a Reuters-21578 index and prints, per shape, the time per KB at the largest size over that at
the smallest (linear cost: near 1).

Usage: python3 tests/bench/query_length.py [--shared DIR] [--db INDEX] [--reps N]

--shared: the shared data folder (default ../shared); skipped with a message when its Reuters
  stories are absent. --db: an existing index of them (default: one is built in a temp dir, ~15 s).
--reps: runs per query (default 5; the median is shown).
Binaries: build/searcher/searcher and build/indexer/indexer, or $SEARCHER / $INDEXER.

Shapes, each from 1 KB up to near the limits (10,000 bytes, 1,000 words): distinct words of the
stories, unknown words (random letters: each takes the spelling-suggestion path) and one word
repeated. Each query is timed in one process (searcher --batch: the search alone, top 10, facets
on) and as a whole process (with snippets; start-up included), with the process's peak RSS (by
/usr/bin/time, package `time`, when installed).
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

SIZES_KB = [1, 2, 4, 7]  # 7 KB of the longest words stays under 1,000 words
MAX_BYTES, MAX_WORDS = 10000, 1000


def query_of(words, size_kb):
    """The first words of `words` (cycled) that fit in size_kb KB, joined by spaces."""
    out, size, i = [], 0, 0
    while size + len(words[i % len(words)]) + 1 <= size_kb * 1024:
        out.append(words[i % len(words)])
        size += len(out[-1]) + 1
        i += 1
    assert size <= MAX_BYTES and len(out) <= MAX_WORDS, "a benchmark query over the searcher's limits"
    return " ".join(out)


def shapes(docs):
    vocabulary = set()
    for name in sorted(os.listdir(docs))[:3000]:
        with open(os.path.join(docs, name), encoding="utf-8", errors="replace") as f:
            vocabulary.update(re.findall(r"[a-z]{3,}", f.read().lower()))
    distinct = sorted(vocabulary)
    rng = random.Random(1)
    rng.shuffle(distinct)
    unknown = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(6, 9)))
               for _ in range(MAX_WORDS)]
    return {"distinct": distinct, "unknown": unknown, "repeated": ["production"]}


def batch_ms(searcher, db, text, reps, work):
    """In-process latency of one query: p50 over reps runs of it in one searcher --batch."""
    path = os.path.join(work, "queries.jsonl")
    with open(path, "w") as f:
        for i in range(reps + 1):  # the first run warms the caches
            f.write(json.dumps({"_id": f"q{i}", "text": text}) + "\n")
    r = subprocess.run([searcher, "--db", db, "--batch", path, "--limit", "10"], capture_output=True, text=True)
    m = re.search(r"p50 ([0-9.]+)", r.stderr)
    if r.returncode != 0 or not m:
        sys.exit(f"query_length: searcher --batch failed: {r.stderr.strip()}")
    return float(m.group(1))


def process_run(searcher, db, text, work):
    """Wall ms and peak RSS MB (None without /usr/bin/time) of one whole searcher process."""
    timed = os.path.exists("/usr/bin/time")
    rss_file = os.path.join(work, "rss")
    cmd = (["/usr/bin/time", "-f", "%M", "-o", rss_file] if timed else []) + [searcher, "--db", db, text]
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = (time.perf_counter() - start) * 1000
    if r.returncode not in (0, 1):
        sys.exit(f"query_length: searcher failed: {r.stderr.strip()}")
    return wall, int(open(rss_file).read().split()[-1]) / 1024 if timed else None


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    ap = argparse.ArgumentParser(description="query cost against query length")
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--db")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    docs = os.path.join(args.shared, "corpora", "reuters21578", "docs")
    if not os.path.isdir(docs):
        print(f"query_length: skipped: {docs} not found")
        return
    searcher = os.environ.get("SEARCHER", os.path.join(root, "build", "searcher", "searcher"))
    indexer = os.environ.get("INDEXER", os.path.join(root, "build", "indexer", "indexer"))
    with tempfile.TemporaryDirectory(prefix="docket-qlen-") as work:
        db = args.db
        if not db:
            db = os.path.join(work, "reuters.db")
            subprocess.run([indexer, "-q", "--db", db, docs], check=True, stdout=subprocess.DEVNULL)
        print(f"query_length: {db}, {args.reps} runs per query (median)")
        print(f"{'shape':<9} {'KB':>3} {'words':>5} {'batch ms':>9} {'ms/KB':>7} {'process ms':>10} {'RSS MB':>7}")
        ratios = []
        for shape, words in shapes(docs).items():
            per_kb = []
            for kb in SIZES_KB:
                text = query_of(words, kb)
                in_process = batch_ms(searcher, db, text, args.reps, work)
                runs = [process_run(searcher, db, text, work) for _ in range(args.reps)]
                wall = statistics.median(w for w, _ in runs)
                rss = f"{runs[0][1]:.1f}" if runs[0][1] is not None else "-"
                per_kb.append(in_process / kb)
                print(f"{shape:<9} {kb:>3} {len(text.split()):>5} {in_process:>9.2f} {per_kb[-1]:>7.2f} {wall:>10.1f} {rss:>7}")
            ratios.append(f"{shape} {per_kb[-1] / per_kb[0]:.2f}")
        print(f"time per KB, {SIZES_KB[-1]} KB over {SIZES_KB[0]} KB (batch; linear: near 1): " + ", ".join(ratios))


if __name__ == "__main__":
    main()
